/**
 * Values a provider takes from a closed list or a fixed shape, checked before `pulumi up`: under
 * the engine the provider's Check catches some of them, offline nothing does. Only stable lists,
 * each from the service's API reference (the enums of the botocore model); a shape rule (an
 * instance class) is written as loosely as the API allows new values.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { describe, fromResourceArgs, isUnknown } from "../lib/values";

export interface ValueRule {
    types: readonly string[];
    property: string;
    /** A closed list (compared case-sensitively, as the APIs do) ... */
    allowed?: readonly string[];
    /** ... or a shape. */
    pattern?: RegExp;
    /** The shape in words, with an example. */
    patternText?: string;
    source: string;
}

/** What is wrong with a value under a rule, or undefined. */
export function valueProblem(rule: ValueRule, value: string): string | undefined {
    if (rule.allowed && !rule.allowed.includes(value)) return `"${value}" is not one of ${rule.allowed.join(", ")}`;
    if (rule.pattern && !rule.pattern.test(value)) return `"${value}" is not ${rule.patternText}`;
    return undefined;
}

export const preflightValues: ResourceValidationPolicy = {
    name: "webtier-preflight-values",
    description:
        "Enumerated and shaped values (balancer and target group types and protocols, RDS storage types and instance classes, cache node types, EC2 instance types) the cloud accepts.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        // Each cloud's pack lists its own.
        const rules = registered().VALUE_RULES.filter((r) => r.types.includes(args.type));
        if (rules.length === 0) return;
        const res = fromResourceArgs(args);
        for (const rule of rules) {
            const value: unknown = res.props[rule.property];
            if (typeof value !== "string" || isUnknown(value)) continue;
            const problem = valueProblem(rule, value);
            if (problem) reportViolation(`${describe(res)}: ${rule.property} ${problem}. Source: ${rule.source}.`);
        }
    },
};
