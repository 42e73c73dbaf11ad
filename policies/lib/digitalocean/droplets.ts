/**
 * DigitalOcean's app servers and what filters their traffic: droplets, and the droplets an
 * autoscale pool starts from its `dropletTemplate`. A droplet has a public address and no filter
 * at all unless a cloud firewall covers it, by droplet id (`dropletIds`) or by a tag the droplet
 * carries (`tags`); on AWS an instance always sits in some security group, here "no firewall"
 * means every port, 22 and the app's included, is open to the internet. A pool's droplets carry
 * the template's tags and nothing else the program can name (their ids are DigitalOcean's, made
 * as the pool scales), so firewalls, balancers, database firewalls and alert policies reach them
 * by tag only: a pool is judged as one server through those tags.
 */
import type { ServerFilters } from "../cloud-pack";
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, propOf } from "../values";
import { DO } from "./types";

export const DO_TYPES = {
    droplets: DO.droplets,
    pools: DO.dropletAutoscalePools,
    /** What the balancers send traffic to and the firewalls filter. */
    servers: [...DO.droplets, ...DO.dropletAutoscalePools],
    firewalls: DO.firewalls,
    tags: DO.tags,
    loadBalancers: DO.loadBalancers,
} as const;

/** Is the server a droplet autoscale pool (reached by its template's tags only)? */
export function isAutoscalePool(res: Res): boolean {
    return DO_TYPES.pools.includes(res.type as (typeof DO_TYPES.pools)[number]);
}

/** The tags a resource carries, and the Tag resources they come from. */
export interface CarriedTags {
    names: Set<string>;
    tagResources: Set<Res>;
    /** Some tag is unknown during preview (and may be one of another resource's). */
    unknown: boolean;
}

/**
 * The tag names a droplet, firewall, alert policy or pool carries, and the Tag resources its tags
 * come from. A pool's are its template's (`dropletTemplate.tags`); the engine records the
 * dependencies of the whole template (its SSH keys, VPC and user data too), so the template's Tag
 * dependencies stand for its tags only where a tag is unknown during preview: a Tag that went into
 * the user data is not a tag its droplets carry, and taking it for one could prove a firewall
 * covers droplets it does not.
 */
export function carriedTags(graph: StackGraph, res: Res): CarriedTags {
    const pool = isAutoscalePool(res);
    const key = pool ? "dropletTemplate" : "tags";
    const template: Record<string, unknown> | Unknown | undefined = pool ? propOf(res, key) : undefined;
    const values = listOf<string>(!pool ? propOf(res, key) : isUnknown(template) ? UNKNOWN : template?.tags);
    const unknown = values.some(isUnknown);
    const names = new Set<string>();
    const tagResources = new Set<Res>(!pool || unknown ? graph.dependenciesOf(res, key, DO_TYPES.tags) : []);
    for (const value of values) {
        if (isUnknown(value)) continue;
        const name = String(value);
        names.add(name);
        // A known name on a pool: only the Tag resource of that name, not any Tag the template depends on.
        graph
            .resolve(res, key, name, DO_TYPES.tags)
            .candidates.filter((tag) => !pool || tag.props.name === name || tag.props.id === name)
            .forEach((tag) => tagResources.add(tag));
    }
    for (const tag of tagResources)
        if (typeof tag.props.name === "string" && !isUnknown(tag.props.name)) names.add(tag.props.name);
    return { names, tagResources, unknown };
}

/** Does `carried` hold the tag `text` (a tag name, or the id of a Tag resource it comes from)? */
export function carriesTag(carried: CarriedTags, text: string): boolean {
    return carried.names.has(text) || [...carried.tagResources].some((tag) => tag.props.id === text);
}

/** Do two resources share a tag, by name or through the same Tag resource? */
function shareTag(a: CarriedTags, b: CarriedTags): boolean {
    return [...a.names].some((name) => b.names.has(name)) || [...a.tagResources].some((tag) => b.tagResources.has(tag));
}

/**
 * Is the server covered by `firewall`? true, false, or UNKNOWN when the firewall's or the
 * server's tags or ids are unknown during preview and cannot be traced through dependencies. A
 * pool's droplets are covered by tag only: `dropletIds` cannot name droplets the program never
 * sees, and an id unknown during preview is another droplet's.
 */
export function firewallCovers(graph: StackGraph, firewall: Res, server: Res): boolean | Unknown {
    let unknown = false;
    if (!isAutoscalePool(server)) {
        for (const value of listOf<string | number>(firewall.props.dropletIds)) {
            // A known id matches by identity; an unknown one (preview) through the dependencies of dropletIds.
            const { candidates } = graph.resolve(
                firewall,
                "dropletIds",
                isUnknown(value) ? UNKNOWN : value,
                DO_TYPES.droplets,
            );
            if (candidates.includes(server)) return true;
            if (isUnknown(value) && candidates.length === 0) unknown = true;
        }
    }
    const fw = carriedTags(graph, firewall);
    const carried = carriedTags(graph, server);
    if (shareTag(fw, carried)) return true;
    if (fw.unknown || (carried.unknown && (fw.names.size > 0 || fw.tagResources.size > 0))) unknown = true;
    return unknown ? UNKNOWN : false;
}

/**
 * The servers a load balancer sends traffic to: droplets by id (`dropletIds`), and droplets and
 * pools carrying its `dropletTag`, by the tag's name or, in a preview where their tags are not
 * known yet, through the Tag resource both take it from.
 */
export function balancedServers(graph: StackGraph, balancer: Res): Set<Res> {
    const behind = new Set<Res>(graph.resolveAll(balancer, "dropletIds", DO_TYPES.droplets).candidates);
    const tag = propOf(balancer, "dropletTag");
    if (tag === undefined || tag === null || tag === "") return behind;
    const wanted: CarriedTags = {
        names: new Set<string>(typeof tag === "string" && !isUnknown(tag) ? [tag] : []),
        tagResources: new Set<Res>(
            graph.resolve(balancer, "dropletTag", isUnknown(tag) ? UNKNOWN : String(tag), DO_TYPES.tags).candidates,
        ),
        unknown: isUnknown(tag),
    };
    for (const server of graph.ofType(DO_TYPES.servers))
        if (shareTag(wanted, carriedTags(graph, server))) behind.add(server);
    // A tag unknown during preview that traces to no Tag resource: the droplets or pool it came from.
    if (isUnknown(tag)) graph.dependenciesOf(balancer, "dropletTag", DO_TYPES.servers).forEach((d) => behind.add(d));
    return behind;
}

/** The servers no firewall of the stack is proven to cover, with whether it is only unproven (preview). */
export function uncoveredServers(graph: StackGraph): { server: Res; unknown: boolean }[] {
    const firewalls = graph.ofType(DO_TYPES.firewalls);
    const out: { server: Res; unknown: boolean }[] = [];
    for (const server of graph.ofType(DO_TYPES.servers)) {
        const answers = firewalls.map((firewall) => firewallCovers(graph, firewall, server));
        if (answers.includes(true)) continue;
        out.push({ server, unknown: answers.includes(UNKNOWN) });
    }
    return out;
}

/**
 * How messages say that a server no firewall is proven to cover is open: why, after its name;
 * what is open; the firewall that would cover it, and the same as advice (`UnfilteredServer.cover`).
 * A pool's droplets are covered only by a tag of its template.
 */
export function uncoveredText(
    server: Res,
    unknown: boolean,
): { why: string; open: string; firewall: string; cover: string } {
    if (isAutoscalePool(server))
        return {
            why: unknown
                ? "starts droplets that cannot be proven to be covered by a firewall (its template's tags or the firewalls' tags are unknown during preview and trace to no firewall of this stack)"
                : "starts droplets no firewall covers (a firewall reaches them only by a tag of its dropletTemplate; dropletIds cannot name them)",
            open: "every port on its droplets' public addresses",
            firewall: "a digitalocean.Firewall whose tags include a tag of its dropletTemplate",
            cover: "Cover its droplets with a firewall on a tag of its dropletTemplate",
        };
    return {
        why: unknown
            ? "cannot be proven to be covered by a firewall (its tags or the firewalls' droplets are unknown during preview and trace to no firewall of this stack)"
            : "is covered by no firewall (by tag or by droplet id)",
        open: "every port on its public address",
        firewall:
            "a digitalocean.Firewall whose tags include a tag the droplet carries (or whose dropletIds include it)",
        cover: "Cover it with a firewall (its tag or its id)",
    };
}

/** Each server with the firewalls proven to cover it (by its id or one of its tags). */
export function digitalOceanServerFilters(graph: StackGraph): ServerFilters[] {
    const firewalls = graph.ofType(DO_TYPES.firewalls);
    return graph.ofType(DO_TYPES.servers).map((server) => ({
        server,
        filters: firewalls.filter((firewall) => firewallCovers(graph, firewall, server) === true),
    }));
}

/** The ports DigitalOcean load balancers forward to on the servers (`forwardingRules[].targetPort`). */
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
