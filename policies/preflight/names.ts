/**
 * Names the cloud would refuse, found before `pulumi up`: every named resource type of
 * `name-rules.ts`, the name measured as the cloud will receive it (set by the program, derived
 * from a prefix, or the provider's autoname when neither is set).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, fromResourceArgs, isUnknown, valueAtPath } from "../lib/values";
import { describeNameProblems, effectiveName, nameProblems, nameRulesFor } from "./name-rules";

export const preflightNames: ResourceValidationPolicy = {
    name: "webtier-preflight-names",
    description:
        "Resource names (after the provider's autonaming) within the limits, patterns and reserved prefixes and suffixes the cloud enforces, so that `pulumi up` is not refused halfway.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const rules = nameRulesFor(args.type);
        if (rules.length === 0) return;
        const res = fromResourceArgs(args);
        for (const rule of rules) {
            // A name unknown during preview is checked by the provider when it is known; a validity
            // rule has nothing to prove about it.
            if (
                isUnknown(valueAtPath(res.props, rule.property)) ||
                (rule.prefixProperty && isUnknown(valueAtPath(res.props, rule.prefixProperty)))
            )
                continue;
            const effective = effectiveName(rule, res.props, res.name);
            if (!effective) continue;
            const problems = nameProblems(rule, effective.name);
            if (problems.length === 0) continue;
            const fix =
                effective.origin === "autoname"
                    ? `Shorten the logical name "${res.name}" (at most ${rule.maxLength - 8} characters leave room for the provider's 8) or set ${rule.property} explicitly.`
                    : `Set ${effective.origin === "prefix" ? rule.prefixProperty : rule.property} to a name the cloud accepts.`;
            reportViolation(
                `${describe(res)}: ${describeNameProblems(rule, effective.name, effective.origin, problems)} ${fix}`,
            );
        }
    },
};
