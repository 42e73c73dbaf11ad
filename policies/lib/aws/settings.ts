/**
 * AWS settings refused together (webtier-preflight-settings): each service's own module says
 * which and why.
 */
import type { Res } from "../values";
import { cacheSettingsProblems } from "./cache-settings";
import { rdsSettingsProblems } from "./rds-settings";
import { securityGroupSettingsProblems } from "./security-group-settings";

export function awsSettingsProblems(res: Res): string[] {
    return [...cacheSettingsProblems(res), ...rdsSettingsProblems(res), ...securityGroupSettingsProblems(res)];
}
