/**
 * Tags AWS would refuse: at most 50 user tags per resource, keys 1 to 128 characters, values up
 * to 256, and no key starting with "aws:" (reserved for AWS's own tags) ("Tagging AWS resources",
 * Tag naming limits and requirements; TF/pulumi-aws pass `tags` through to each service's tagging
 * call).
 */
import { Res, describe, isUnknown } from "../values";

export const AWS_TAG_LIMITS = { maxTags: 50, keyMax: 128, valueMax: 256 };

/** What AWS refuses in a resource's `tags` map; one sentence per problem. */
export function awsTagProblems(tags: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const keys = Object.keys(tags);
    if (keys.length > AWS_TAG_LIMITS.maxTags)
        problems.push(`has ${keys.length} tags, over the ${AWS_TAG_LIMITS.maxTags} AWS allows per resource`);
    for (const key of keys) {
        if (key.length === 0 || key.length > AWS_TAG_LIMITS.keyMax)
            problems.push(
                `has tag key "${key.slice(0, 40)}${key.length > 40 ? "..." : ""}" of ${key.length} characters (1 to ${AWS_TAG_LIMITS.keyMax})`,
            );
        if (key.toLowerCase().startsWith("aws:"))
            problems.push(`has tag key "${key}": the aws: prefix is reserved for AWS`);
        const value = tags[key];
        if (typeof value === "string" && !isUnknown(value) && value.length > AWS_TAG_LIMITS.valueMax) {
            problems.push(
                `has a value of ${value.length} characters for tag "${key}" (at most ${AWS_TAG_LIMITS.valueMax})`,
            );
        }
    }
    return problems;
}

/** What AWS refuses in one of its resources' tags. */
export function awsResourceTagProblems(res: Res): string[] {
    if (!res.type.startsWith("aws:")) return [];
    const tags = res.props.tags;
    if (!tags || typeof tags !== "object" || isUnknown(tags) || Array.isArray(tags)) return [];
    const problems = awsTagProblems(tags);
    if (problems.length === 0) return [];
    return [
        `${describe(res)} ${problems.join("; ")}. Source: "Tagging AWS resources", tag naming limits and requirements.`,
    ];
}
