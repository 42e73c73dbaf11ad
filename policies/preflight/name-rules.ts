/**
 * The published limits on resource names, per resource type, after autonaming. Pure data and one
 * pure function (`nameProblems`), shared by the preflight policy and webtier's config validation
 * (infra/config/names.ts), so that both refuse the same names for the same reasons.
 *
 * The rules themselves are each cloud's (lib/<cloud>/name-rules.ts, registered in lib/clouds.ts),
 * each naming its source.
 */
import { registered } from "../lib/registered";
import { valueAtPath } from "../lib/values";
import { autoname, displayName, prefixedName } from "./autoname";

/** A name a cloud refuses although its characters and length are fine. */
export interface ReservedAffix {
    text: string;
    why: string;
}

export interface NameRule {
    /** Pulumi type tokens this rule applies to (legacy aliases included). */
    types: readonly string[];
    /** What the name is called in messages ("load balancer name"). */
    what: string;
    /** The input property holding the name, or a path to it in a nested object (`spec.name`). */
    property: string;
    /** The input property holding a name prefix, when the provider has one. */
    prefixProperty?: string;
    /** Whether the provider autonames the property when it is absent (else: no name, nothing to check). */
    autonamed: boolean;
    /** Whether the provider lowercases the autoname (pulumi-aws `AutoNameTransform(..., strings.ToLower)`). */
    lowercased?: boolean;
    minLength?: number;
    maxLength: number;
    /** The whole name must match. */
    pattern?: RegExp;
    /** `pattern` in words, for messages. */
    patternText?: string;
    mustNotStartWith?: readonly ReservedAffix[];
    mustNotEndWith?: readonly ReservedAffix[];
    /** Whole names the cloud keeps for itself ("default" for RDS subnet groups). */
    reservedNames?: readonly ReservedAffix[];
    /** Two hyphens in a row are refused (RDS, ElastiCache). */
    noDoubleHyphen?: boolean;
    /** Where the rule comes from. */
    source: string;
}

/** Every cloud's name rules by type, own names first (see each cloud's pack, lib/clouds.ts), built on first use. */
let byType: Map<string, NameRule[]> | undefined;
function rulesByType(): Map<string, NameRule[]> {
    if (!byType) {
        byType = new Map();
        for (const rule of registered().NAME_RULES) {
            for (const type of rule.types) byType.set(type, [...(byType.get(type) ?? []), rule]);
        }
    }
    return byType;
}

/** The rule of a resource type's own name, if any. */
export function nameRuleFor(type: string): NameRule | undefined {
    return rulesByType().get(type)?.[0];
}

/** Every name rule of a resource type: its own name first, then names it carries (final snapshots). */
export function nameRulesFor(type: string): readonly NameRule[] {
    return rulesByType().get(type) ?? [];
}

/** Where the name to check came from. */
export type NameOrigin = "set" | "autoname" | "prefix";

/** The name the cloud will be asked for, given the props and the logical name; undefined when there is none to check. */
export function effectiveName(
    rule: NameRule,
    props: Record<string, unknown>,
    logicalName: string,
): { name: string; origin: NameOrigin } | undefined {
    const set = valueAtPath(props, rule.property);
    // Under `pulumi preview` (and a harness that autonames) the provider's autoname is already there.
    if (typeof set === "string" && set !== "")
        return { name: set, origin: isAutoname(set, logicalName) ? "autoname" : "set" };
    if (set !== undefined && set !== null && set !== "") return undefined; // unknown or not a string
    const prefix = rule.prefixProperty ? valueAtPath(props, rule.prefixProperty) : undefined;
    if (typeof prefix === "string" && prefix !== "") return { name: prefixedName(prefix), origin: "prefix" };
    if (prefix !== undefined && prefix !== null && prefix !== "") return undefined;
    if (!rule.autonamed) return undefined;
    return { name: autoname(logicalName, rule.lowercased), origin: "autoname" };
}

/** True when `name` is the provider's autoname of `logicalName`: the logical name, "-" and 7 hex digits. */
export function isAutoname(name: string, logicalName: string): boolean {
    return (
        name.length === logicalName.length + 8 &&
        name.slice(0, logicalName.length).toLowerCase() === logicalName.toLowerCase() &&
        /^-[0-9a-f]{7}$/.test(name.slice(logicalName.length))
    );
}

/**
 * What the cloud refuses in a name under a rule: one sentence per problem, empty when none.
 * Length is measured in characters of the final name; an autoname's random part is a
 * stand-in of the exact length.
 */
export function nameProblems(rule: NameRule, name: string): string[] {
    const problems: string[] = [];
    if (name.length > rule.maxLength)
        problems.push(`is ${name.length} characters long, over the limit of ${rule.maxLength}`);
    if (rule.minLength !== undefined && name.length < rule.minLength)
        problems.push(`is ${name.length} characters long, under the minimum of ${rule.minLength}`);
    if (rule.pattern && !rule.pattern.test(name)) problems.push(`may only contain ${rule.patternText}`);
    for (const affix of rule.mustNotStartWith ?? []) {
        if (name.startsWith(affix.text)) problems.push(`starts with "${affix.text}", ${affix.why}`);
    }
    for (const affix of rule.mustNotEndWith ?? []) {
        if (name.endsWith(affix.text)) problems.push(`ends with "${affix.text}", ${affix.why}`);
    }
    if (rule.noDoubleHyphen && name.includes("--")) problems.push("contains two hyphens in a row");
    if (rule.noDoubleHyphen && name.endsWith("-")) problems.push("ends with a hyphen");
    for (const reserved of rule.reservedNames ?? []) {
        if (name === reserved.text) problems.push(`is "${reserved.text}", ${reserved.why}`);
    }
    if ((rule.property === "bucket" || rule.what.includes("bucket")) && /^\d+\.\d+\.\d+\.\d+$/.test(name))
        problems.push("is formatted as an IP address");
    if ((rule.property === "bucket" || rule.what.includes("bucket")) && name.includes(".."))
        problems.push("contains two periods in a row");
    return problems;
}

/** One readable sentence for a name's problems under a rule. */
export function describeNameProblems(rule: NameRule, name: string, origin: NameOrigin, problems: string[]): string {
    const how =
        origin === "autoname"
            ? ` (the provider's autoname: the logical name, "-" and 7 random characters)`
            : origin === "prefix"
              ? ` (the ${rule.prefixProperty} plus the provider's 26-character suffix)`
              : "";
    return `${rule.what} "${displayName(name)}"${how} ${problems.join("; ")}. Source: ${rule.source}.`;
}
