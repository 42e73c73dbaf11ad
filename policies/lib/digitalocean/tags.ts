/**
 * Tags DigitalOcean would refuse: each tag a droplet, balancer or cluster names is created as a
 * tag, so it follows the tag name rule (OpenAPI tags name: 255 characters, ^[a-zA-Z0-9_\-\:]+$).
 * An autoscale pool's are its `dropletTemplate.tags`, put on every droplet it starts.
 */
import { nameProblems, nameRuleFor } from "../../preflight/name-rules";
import { Res, describe, isUnknown, listOf } from "../values";
import { DO } from "./types";

const DO_TAGGED = [
    "digitalocean:index/droplet:Droplet",
    "digitalocean:index/loadBalancer:LoadBalancer",
    "digitalocean:index/databaseCluster:DatabaseCluster",
    "digitalocean:index/volume:Volume",
    "digitalocean:index/kubernetesCluster:KubernetesCluster",
];

/** What DigitalOcean refuses in one of its resources' tags. */
export function digitalOceanTagProblems(res: Res): string[] {
    const pool = (DO.dropletAutoscalePools as readonly string[]).includes(res.type);
    if (!pool && !DO_TAGGED.includes(res.type)) return [];
    const template = pool ? res.props.dropletTemplate : undefined;
    const tags = pool ? (isUnknown(template) ? undefined : template?.tags) : res.props.tags;
    const found: string[] = [];
    const rule = nameRuleFor("digitalocean:index/tag:Tag")!;
    for (const tag of listOf(tags)) {
        if (typeof tag !== "string" || isUnknown(tag)) continue;
        const problems = nameProblems(rule, tag);
        if (problems.length > 0)
            found.push(
                `${describe(res)}: tag "${tag}" ${problems.join("; ")}, so DigitalOcean refuses it. Source: ${rule.source}.`,
            );
    }
    return found;
}
