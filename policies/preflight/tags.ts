/**
 * Tags the cloud would refuse. AWS: at most 50 user tags per resource, keys 1 to 128 characters,
 * values up to 256, and no key starting with "aws:" (reserved for AWS's own tags) ("Tagging AWS
 * resources", Tag naming limits and requirements; TF/pulumi-aws pass `tags` through to each
 * service's tagging call). DigitalOcean: each tag a droplet, balancer or cluster names is created
 * as a tag, so it follows the tag name rule (OpenAPI tags name: 255 characters,
 * ^[a-zA-Z0-9_\-\:]+$).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, fromResourceArgs, isUnknown, listOf } from "../lib/values";
import { nameProblems, nameRuleFor } from "./name-rules";

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

const DO_TAGGED = [
    "digitalocean:index/droplet:Droplet",
    "digitalocean:index/loadBalancer:LoadBalancer",
    "digitalocean:index/databaseCluster:DatabaseCluster",
    "digitalocean:index/volume:Volume",
    "digitalocean:index/kubernetesCluster:KubernetesCluster",
];

export const preflightTags: ResourceValidationPolicy = {
    name: "webtier-preflight-tags",
    description:
        "Resource tags within the cloud's limits: AWS (50 tags, keys up to 128 characters, values up to 256, no aws: prefix) and DigitalOcean tag names (letters, digits, _ - :, up to 255).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        if (args.type.startsWith("aws:")) {
            const tags = res.props.tags;
            if (!tags || typeof tags !== "object" || isUnknown(tags) || Array.isArray(tags)) return;
            const problems = awsTagProblems(tags);
            if (problems.length > 0)
                reportViolation(
                    `${describe(res)} ${problems.join("; ")}. Source: "Tagging AWS resources", tag naming limits and requirements.`,
                );
            return;
        }
        if (DO_TAGGED.includes(args.type)) {
            const rule = nameRuleFor("digitalocean:index/tag:Tag")!;
            for (const tag of listOf(res.props.tags)) {
                if (typeof tag !== "string" || isUnknown(tag)) continue;
                const problems = nameProblems(rule, tag);
                if (problems.length > 0)
                    reportViolation(
                        `${describe(res)}: tag "${tag}" ${problems.join("; ")}, so DigitalOcean refuses it. Source: ${rule.source}.`,
                    );
            }
        }
    },
};
