/**
 * AWS settings refused together (webtier-preflight-settings): each service's own module says
 * which and why.
 */
import type { Res } from "../values";
import { autoscalingSettingsProblems } from "./autoscaling-settings";
import { balancerSettingsProblems } from "./balancer-settings";
import { cacheSettingsProblems } from "./cache-settings";
import { ebsSettingsProblems } from "./ebs-settings";
import { ecsSettingsProblems } from "./ecs-settings";
import { policySizeProblems } from "./policy-sizes";
import { queueSettingsProblems } from "./queue-settings";
import { rdsSettingsProblems } from "./rds-settings";
import { securityGroupSettingsProblems } from "./security-group-settings";
import { tableSettingsProblems } from "./table-settings";

const SERVICES: readonly ((res: Res) => string[])[] = [
    cacheSettingsProblems,
    rdsSettingsProblems,
    securityGroupSettingsProblems,
    balancerSettingsProblems,
    ebsSettingsProblems,
    autoscalingSettingsProblems,
    tableSettingsProblems,
    queueSettingsProblems,
    policySizeProblems,
    ecsSettingsProblems,
];

export function awsSettingsProblems(res: Res): string[] {
    return SERVICES.flatMap((problems) => problems(res));
}
