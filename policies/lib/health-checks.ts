/**
 * How the rule on balancer health checks judges one check, whatever its cloud: each cloud's pack
 * finds its balancers' checks and their provider defaults (lib/<cloud>/checks/health-checks.ts).
 */
import { Res, describe, isUnknown, textOf } from "./values";

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

/**
 * The violations of a balancer's health check `block` (its property `key`, absent or unknown),
 * with the provider's defaults: enabled, over http, on "/". `fix` says how to set it right.
 */
export function healthCheckViolations(
    res: Res,
    block: any,
    key: string,
    fix: string,
    healthCheckPath: string,
): string[] {
    if (isUnknown(block)) {
        return [`${describe(res)} has a ${key} unknown during preview, so the health check cannot be proven. ${fix}`];
    }
    const check = {
        enabled: block?.enabled ?? true,
        protocol: block?.protocol ?? "http",
        path: block?.path ?? "/",
    };
    const problem = healthCheckProblem(check, healthCheckPath);
    if (!problem) return [];
    const defaulted = block === undefined ? ` (no ${key} block: the provider default checks "/")` : "";
    return [`${describe(res)} ${problem}${defaulted}; the app answers health checks on ${healthCheckPath}. ${fix}`];
}
