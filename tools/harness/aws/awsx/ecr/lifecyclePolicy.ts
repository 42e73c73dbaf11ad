/**
 * The lifecycle policy document an awsx Repository gets (follows pulumi-awsx
 * awsx/ecr/repository.ts, buildLifecyclePolicy / convertRules / convertRule). Pure: no resources.
 * With no rules, one: keep a single untagged image.
 */
import type * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";

type Rule = pulumi.Unwrap<awsx.types.input.ecr.LifecyclePolicyRuleArgs>;

/** The rule the source uses when the program gives none. */
export const DEFAULT_RULES: readonly Rule[] = [
    { description: "remove untagged images", tagStatus: "untagged", maximumNumberOfImages: 1 },
];

/** The policy document: the given rules once known, else the default rule. */
export function buildLifecyclePolicy(
    lifecyclePolicy: awsx.types.input.ecr.LifecyclePolicyArgs | undefined,
): pulumi.Input<aws.types.input.ecr.LifecyclePolicyDocument> {
    const rules = lifecyclePolicy?.rules;
    if (!rules) return convertRules([...DEFAULT_RULES]);
    return pulumi.output(rules).apply((known) => convertRules(known as Rule[]));
}

/** Rules in document form, numbered from 1, the one "any" rule (at most one) last. */
export function convertRules(rules: readonly Rule[]): aws.types.input.ecr.LifecyclePolicyDocument {
    const nonAnyRules = rules.filter((r) => r.tagStatus !== "any");
    const anyRules = rules.filter((r) => r.tagStatus === "any");
    if (anyRules.length >= 2) throw new Error(`At most one [selection: "any"] rule can be provided.`);
    // The source places the "any" rule last, "so it has highest priority".
    return { rules: [...nonAnyRules, ...anyRules].map((rule, i) => convertRule(rule, i + 1)) };
}

function convertRule(rule: Rule, rulePriority: number): aws.types.input.ecr.LifecyclePolicyRule {
    return {
        rulePriority,
        description: rule.description,
        selection: { ...convertTag(rule), ...convertCount(rule) },
        action: { type: "expire" },
    };
}

function convertCount(rule: Rule) {
    if (rule.maximumNumberOfImages !== undefined) {
        // countUnit: undefined, as the source writes it (left out on the wire).
        return { countType: "imageCountMoreThan", countNumber: rule.maximumNumberOfImages, countUnit: undefined };
    }
    if (rule.maximumAgeLimit !== undefined) {
        return { countType: "sinceImagePushed", countNumber: rule.maximumAgeLimit, countUnit: "days" };
    }
    throw new Error("Either [maximumNumberOfImages] or [maximumAgeLimit] must be provided with a rule.");
}

function convertTag(rule: Rule) {
    if (rule.tagStatus === "any" || rule.tagStatus === "untagged") return { tagStatus: rule.tagStatus };
    if (!rule.tagPrefixList || rule.tagPrefixList.length === 0) throw new Error("tagPrefixList cannot be empty.");
    return { tagStatus: "tagged", tagPrefixList: rule.tagPrefixList };
}
