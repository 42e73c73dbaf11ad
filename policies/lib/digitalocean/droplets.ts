/**
 * DigitalOcean droplets and what filters their traffic. A droplet has a public address and no
 * filter at all unless a cloud firewall covers it, by droplet id (`dropletIds`) or by a tag
 * the droplet carries (`tags`); on AWS an instance always sits in some security group, here
 * "no firewall" means every port, 22 and the app's included, is open to the internet.
 */
import type { ServerFilters } from "../cloud-pack";
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, propOf } from "../values";
import { DO } from "./types";

export const DO_TYPES = {
    droplets: DO.droplets,
    firewalls: DO.firewalls,
    tags: DO.tags,
    loadBalancers: DO.loadBalancers,
} as const;

/** The tag names a droplet (or firewall) carries, and the Tag resources its tags come from. */
function tagsOf(graph: StackGraph, res: Res): { names: Set<string>; tagResources: Set<Res>; unknown: boolean } {
    const names = new Set<string>();
    const tagResources = new Set<Res>(graph.dependenciesOf(res, "tags", DO_TYPES.tags));
    let unknown = false;
    for (const value of listOf<string>(propOf(res, "tags"))) {
        if (isUnknown(value)) {
            unknown = true;
            continue;
        }
        names.add(String(value));
        graph.resolve(res, "tags", String(value), DO_TYPES.tags).candidates.forEach((t) => tagResources.add(t));
    }
    for (const tag of tagResources)
        if (typeof tag.props.name === "string" && !isUnknown(tag.props.name)) names.add(tag.props.name);
    return { names, tagResources, unknown };
}

/**
 * Is the droplet covered by `firewall`? true, false, or UNKNOWN when the firewall's or the
 * droplet's tags or ids are unknown during preview and cannot be traced through dependencies.
 */
export function firewallCovers(graph: StackGraph, firewall: Res, droplet: Res): boolean | Unknown {
    let unknown = false;
    for (const value of listOf<string | number>(firewall.props.dropletIds)) {
        // A known id matches by identity; an unknown one (preview) through the dependencies of dropletIds.
        const { candidates } = graph.resolve(
            firewall,
            "dropletIds",
            isUnknown(value) ? UNKNOWN : value,
            DO_TYPES.droplets,
        );
        if (candidates.includes(droplet)) return true;
        if (isUnknown(value) && candidates.length === 0) unknown = true;
    }
    const fw = tagsOf(graph, firewall);
    const dr = tagsOf(graph, droplet);
    if ([...fw.names].some((name) => dr.names.has(name))) return true;
    if ([...fw.tagResources].some((tag) => dr.tagResources.has(tag))) return true;
    if (fw.unknown || (dr.unknown && (fw.names.size > 0 || fw.tagResources.size > 0))) unknown = true;
    return unknown ? UNKNOWN : false;
}

/**
 * The droplets a load balancer sends traffic to: by id (`dropletIds`), or carrying its
 * `dropletTag`, by the tag's name or, in a preview where the droplets' tags are not known yet,
 * through the Tag resource both take it from.
 */
export function balancedDroplets(graph: StackGraph, balancer: Res): Set<Res> {
    const behind = new Set<Res>(graph.resolveAll(balancer, "dropletIds", DO_TYPES.droplets).candidates);
    const tag = propOf(balancer, "dropletTag");
    if (tag === undefined || tag === null || tag === "") return behind;
    const names = new Set<string>(typeof tag === "string" && !isUnknown(tag) ? [tag] : []);
    const tagResources = new Set<Res>(
        graph.resolve(balancer, "dropletTag", isUnknown(tag) ? UNKNOWN : String(tag), DO_TYPES.tags).candidates,
    );
    for (const droplet of graph.ofType(DO_TYPES.droplets)) {
        const carried = tagsOf(graph, droplet);
        if ([...names].some((n) => carried.names.has(n)) || [...tagResources].some((t) => carried.tagResources.has(t)))
            behind.add(droplet);
    }
    // A tag unknown during preview that traces to no Tag resource: the droplets it came from.
    if (isUnknown(tag)) graph.dependenciesOf(balancer, "dropletTag", DO_TYPES.droplets).forEach((d) => behind.add(d));
    return behind;
}

/** The droplets no firewall of the stack is proven to cover, with whether it is only unproven (preview). */
export function uncoveredDroplets(graph: StackGraph): { droplet: Res; unknown: boolean }[] {
    const firewalls = graph.ofType(DO_TYPES.firewalls);
    const out: { droplet: Res; unknown: boolean }[] = [];
    for (const droplet of graph.ofType(DO_TYPES.droplets)) {
        const answers = firewalls.map((firewall) => firewallCovers(graph, firewall, droplet));
        if (answers.includes(true)) continue;
        out.push({ droplet, unknown: answers.includes(UNKNOWN) });
    }
    return out;
}

/** Each droplet with the firewalls proven to cover it (by its id or one of its tags). */
export function digitalOceanServerFilters(graph: StackGraph): ServerFilters[] {
    const firewalls = graph.ofType(DO_TYPES.firewalls);
    return graph.ofType(DO_TYPES.droplets).map((droplet) => ({
        server: droplet,
        filters: firewalls.filter((firewall) => firewallCovers(graph, firewall, droplet) === true),
    }));
}

/** The ports DigitalOcean load balancers forward to on the droplets (`forwardingRules[].targetPort`). */
export function digitalOceanAppPorts(graph: StackGraph): { ports: Set<number>; unknown: boolean } {
    const ports = new Set<number>();
    let unknown = false;
    for (const balancer of graph.ofType(DO_TYPES.loadBalancers)) {
        const rules = balancer.props.forwardingRules;
        if (isUnknown(rules)) {
            unknown = true;
            continue;
        }
        for (const rule of listOf<Record<string, any>>(rules)) {
            const value = isUnknown(rule) ? UNKNOWN : rule?.targetPort;
            if (isUnknown(value)) unknown = true;
            else if (Number.isInteger(Number(value))) ports.add(Number(value));
        }
    }
    return { ports, unknown };
}
