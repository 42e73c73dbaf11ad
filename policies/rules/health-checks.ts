/**
 * The balancer takes a failed server out and puts it back: every target group and every
 * DigitalOcean load balancer checks health over HTTP(S) on the configured path.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { readConfig, schemaFor } from "../lib/config";
import { fromResourceArgs } from "../lib/values";

export { healthCheckProblem } from "../lib/health-checks";

export const healthChecks: ResourceValidationPolicy = {
    name: "webtier-health-checks",
    description:
        "Every target group, classic load balancer and Lightsail load balancer (AWS) and load balancer (DigitalOcean) checks server health over HTTP on the configured healthCheckPath, so a failed server leaves the rotation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: schemaFor("healthCheckPath"),
    validateResource: (args, reportViolation) => {
        // The cloud whose balancers' checks this type holds, if any.
        const pack = CLOUD_PACKS.find((candidate) => candidate.healthChecks.types.includes(args.type));
        if (!pack) return;
        const { healthCheckPath } = readConfig(args);
        for (const violation of pack.healthChecks.problems(fromResourceArgs(args), healthCheckPath))
            reportViolation(violation);
    },
};
