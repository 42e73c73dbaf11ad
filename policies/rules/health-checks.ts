/**
 * The balancer takes a failed server out and puts it back: every target group and every
 * DigitalOcean load balancer checks health over HTTP(S) on the configured path.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig, schemaFor } from "../lib/config";
import { AWS, DO } from "../lib/graph";
import { describe, fromResourceArgs, isUnknown, textOf } from "../lib/values";

/**
 * What is wrong with a health check, given its fields with the provider defaults already
 * applied by the caller, or undefined when it is right.
 */
export function healthCheckProblem(
    check: { enabled: unknown; protocol: unknown; path: unknown },
    expectedPath: string,
): string | undefined {
    if (isUnknown(check.enabled)) return "has health checks whose enabled flag is unknown during preview";
    if (check.enabled === false) return "has health checks disabled";
    if (isUnknown(check.protocol)) return "has a health check protocol unknown during preview";
    const protocol = textOf(check.protocol).toLowerCase();
    if (protocol !== "http" && protocol !== "https")
        return `checks health over ${textOf(check.protocol)}, which requests no path`;
    if (isUnknown(check.path)) return "has a health check path unknown during preview";
    if (check.path !== expectedPath) return `checks health on path ${textOf(check.path)}`;
    return undefined;
}

export const healthChecks: ResourceValidationPolicy = {
    name: "webtier-health-checks",
    description:
        "Every target group (AWS) and load balancer (DigitalOcean) checks server health over HTTP on the configured healthCheckPath, so a failed server leaves the rotation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: schemaFor("healthCheckPath"),
    validateResource: (args, reportViolation) => {
        const isTargetGroup = AWS.targetGroups.includes(args.type as never);
        const isDoBalancer = DO.loadBalancers.includes(args.type as never);
        if (!isTargetGroup && !isDoBalancer) return;
        const { healthCheckPath } = readConfig(args);
        const res = fromResourceArgs(args);
        if (isTargetGroup && res.props.targetType === "lambda") return;
        const block = isTargetGroup ? res.props.healthCheck : res.props.healthcheck;
        const key = isTargetGroup ? "healthCheck" : "healthcheck";
        const fix = isTargetGroup
            ? `Set ${key} to { enabled: true, protocol: "HTTP", path: "${healthCheckPath}" }.`
            : `Set ${key} to { protocol: "http", port: 80, path: "${healthCheckPath}" }.`;
        if (isUnknown(block)) {
            reportViolation(
                `${describe(res)} has a ${key} unknown during preview, so the health check cannot be proven. ${fix}`,
            );
            return;
        }
        // Provider defaults: target groups check HTTP on "/" and are enabled; DigitalOcean
        // checks "/" over http when no block is given.
        const check = {
            enabled: block?.enabled ?? true,
            protocol: block?.protocol ?? "http",
            path: block?.path ?? "/",
        };
        const problem = healthCheckProblem(check, healthCheckPath);
        if (problem) {
            const defaulted = block === undefined ? ` (no ${key} block: the provider default checks "/")` : "";
            reportViolation(
                `${describe(res)} ${problem}${defaulted}; the app answers health checks on ${healthCheckPath}. ${fix}`,
            );
        }
    },
};
