/**
 * Values a provider takes from a closed list or a fixed shape, checked before `pulumi up`: under
 * the engine the provider's Check catches some of them, offline nothing does. Only stable lists,
 * each from the cloud's API reference (each cloud's pack names its sources); a shape rule (an
 * instance class) is written as loosely as the API allows new values, and a value that depends
 * on other settings (a size per node count) is a `check` of the whole resource.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { Res, describe, fromResourceArgs, isUnknown, listOf, valueAtPath } from "../lib/values";

export interface ValueRule {
    types: readonly string[];
    /**
     * A top-level property, a property of each item of a list (`ingress[].description`), or a
     * property of a nested object (`spec.region`).
     */
    property: string;
    /** A closed list (compared case-sensitively, as the APIs do) ... */
    allowed?: readonly string[];
    /** ... or a shape ... */
    pattern?: RegExp;
    /** The shape in words, with an example. */
    patternText?: string;
    /** ... or, for a number, the bounds the resource's other settings allow (undefined: none known). */
    range?: (res: Res) => { min: number; max?: number; because: string } | undefined;
    /**
     * ... or what is wrong with the value given the resource's other settings (a database size
     * offered for one node but not two), as a sentence naming what is allowed; undefined when
     * nothing is, or nothing can be told (another setting unknown during preview).
     */
    check?: (value: string | number, res: Res) => string | undefined;
    source: string;
}

/** What is wrong with a value under a rule, or undefined. */
export function valueProblem(rule: ValueRule, value: string | number, res?: Res): string | undefined {
    if (rule.check) return res ? rule.check(value, res) : undefined;
    if (typeof value === "number") {
        const range = res && rule.range?.(res);
        if (!range) return undefined;
        if (value < range.min) return `${value} is below ${range.min}, the least ${range.because}`;
        if (range.max !== undefined && value > range.max)
            return `${value} is above ${range.max}, the most ${range.because}`;
        return undefined;
    }
    if (rule.allowed && !rule.allowed.includes(value)) return `"${value}" is not one of ${rule.allowed.join(", ")}`;
    if (rule.pattern && !rule.pattern.test(value)) return `"${value}" is not ${rule.patternText}`;
    return undefined;
}

/**
 * The values a rule's property names in a resource, each with where it is (`ingress[1].description`,
 * `spec.region`). An object on the way that is absent or unknown during preview holds nothing to judge.
 */
export function valuesAt(res: Res, property: string): { at: string; value: unknown }[] {
    const [list, field] = property.split("[].");
    if (field === undefined) return [{ at: property, value: valueAtPath(res.props, property) }];
    return listOf<Record<string, unknown>>(res.props[list]).flatMap((item, index) =>
        item && typeof item === "object" && !isUnknown(item)
            ? [{ at: `${list}[${index}].${field}`, value: item[field] }]
            : [],
    );
}

export const preflightValues: ResourceValidationPolicy = {
    name: "webtier-preflight-values",
    description:
        "Enumerated and shaped values (balancer and target group types and protocols, RDS storage types and instance classes, cache node types, EC2 instance types, security group and rule descriptions; DigitalOcean region slugs, Droplet size slugs, database cluster node counts and sizes per engine, DNS record types and CAA tags) and sizes (RDS allocated storage, from the least to the most its storage type and engine take, and maxAllocatedStorage up to that most; DigitalOcean volume sizes, 1 GiB to 16 TiB; DNS record TTLs, ports, priorities, weights and CAA flags) the cloud accepts.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        // Each cloud's pack lists its own.
        const rules = registered().VALUE_RULES.filter((r) => r.types.includes(args.type));
        if (rules.length === 0) return;
        const res = fromResourceArgs(args);
        for (const rule of rules) {
            for (const { at, value } of valuesAt(res, rule.property)) {
                if ((typeof value !== "string" && typeof value !== "number") || isUnknown(value)) continue;
                const problem = valueProblem(rule, value, res);
                if (problem) reportViolation(`${describe(res)}: ${at} ${problem}. Source: ${rule.source}.`);
            }
        }
    },
};
