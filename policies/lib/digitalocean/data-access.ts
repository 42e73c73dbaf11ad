/**
 * "Is this data store reachable only from the app servers?" on DigitalOcean, for the database and
 * cache rules: each cluster sits in the VPC behind a database firewall trusting only the app
 * droplets (an autoscale pool's by their tag).
 */
import type { DataKind, Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, describe, isUnknown, listOf, present } from "../values";
import { DO_TYPES, carriedTags, carriesTag } from "./droplets";
import { DO } from "./types";
import { Placement, placementOf } from "./vpc-placement";

const CACHE_ENGINES = ["valkey", "redis"];

/** DigitalOcean clusters of one kind: caches (valkey/redis) or databases (everything else). */
export function digitalOceanClusters(graph: StackGraph, kind: DataKind): Res[] {
    return graph.ofType(DO.databaseClusters).filter((cluster) => {
        const engine = cluster.props.engine;
        if (isUnknown(engine)) return true; // judged by both rules rather than neither
        const isCache = CACHE_ENGINES.includes(String(engine ?? "").toLowerCase());
        return kind === "cache" ? isCache : !isCache;
    });
}

const DO_TAGS = DO.tags;

/**
 * The database firewall rule types that can name the app servers, and the resources of the stack
 * a rule's value must be one of: droplets (by id, or a tag they or an autoscale pool's template
 * carry), or the compute a tier runs on instead of droplets, the stack's App Platform app or
 * Kubernetes cluster (by id). A pool's droplets have ids the program never sees: only a tag names them.
 */
const APP_SERVER_TYPES: Readonly<Record<string, { types: readonly string[]; what: string }>> = {
    droplet: { types: DO.droplets, what: "a droplet" },
    tag: { types: DO_TAGS, what: "a droplet tag" },
    app: { types: DO.apps, what: "an App Platform app" },
    k8s: { types: DO.kubernetesClusters, what: "a Kubernetes cluster" },
};

/**
 * Does a database firewall rule name this stack's app servers? A droplet, app or k8s rule must
 * name a droplet, App Platform app or Kubernetes cluster of the stack; a tag rule a tag one of
 * its droplets or autoscale pools carries. Any other, or a tag anyone can put on a droplet of
 * their own, is not an app server. Unknown values (preview) are traced through the firewall's
 * dependencies: the resource the value comes from (for a tag, the tag resource the servers' tags
 * come from).
 */
export function trustsStackAppServers(
    graph: StackGraph,
    firewall: Res,
    type: string,
    value: unknown,
): boolean | typeof UNKNOWN {
    const byId = APP_SERVER_TYPES[type]?.types ?? [];
    if (type !== "tag") {
        if (isUnknown(value)) return graph.dependenciesOf(firewall, "rules", byId).length > 0 ? true : UNKNOWN;
        const text = String(value);
        return graph.ofType(byId).some((r) => !isUnknown(r.props.id) && String(r.props.id) === text);
    }
    // Tags unknown during preview: the Tag resource of that name the servers' tags come from.
    const carried = graph.ofType(DO_TYPES.servers).map((server) => carriedTags(graph, server));
    if (!isUnknown(value)) return carried.some((tags) => carriesTag(tags, String(value)));
    const sources = graph.dependenciesOf(firewall, "rules", DO_TAGS);
    return sources.some((tag) => carried.some((tags) => tags.tagResources.has(tag))) ? true : UNKNOWN;
}

/**
 * Does an `ip_addr` rule name a droplet of the stack by its address? Only an address taken from a
 * droplet counts (the firewall's rules depend on it): the same text typed in by hand matches a
 * droplet only by chance, and in preview, when the address is unknown, that dependency is all
 * there is to go on. A /32 is the address itself.
 */
export function namesDropletAddress(graph: StackGraph, firewall: Res, value: unknown): boolean {
    const droplets = graph.dependenciesOf(firewall, "rules", DO.droplets);
    if (isUnknown(value)) return droplets.length > 0;
    const address = String(value).replace(/\/(32|128)$/, "");
    return droplets.some((droplet) =>
        [droplet.props.ipv4AddressPrivate, droplet.props.ipv4Address, droplet.props.ipv6Address].some(
            (ip) => typeof ip === "string" && ip === address,
        ),
    );
}

/**
 * Why the cluster is not proven to be in the app servers' VPC: with droplets, autoscale pools or
 * Kubernetes clusters in the stack, it must share a VPC with one of them (leaving it out on both
 * is the region's default VPC); without any (an App Platform tier), it must name one.
 */
function clusterVpcProblem(graph: StackGraph, cluster: Res): string | undefined {
    const servers = [...graph.ofType(DO_TYPES.servers), ...graph.ofType(DO.kubernetesClusters)];
    if (servers.length === 0) {
        return present(cluster.props.privateNetworkUuid)
            ? undefined
            : `${describe(cluster)} sets no privateNetworkUuid, so it is in the region's default VPC, not one of the app's. Set privateNetworkUuid to the app's VPC.`;
    }
    const own = placementOf(graph, cluster);
    if (isUnknown(own))
        return `${describe(cluster)} has a VPC (privateNetworkUuid or region) unknown during preview, so it cannot be proven to share the app servers' private network. Set privateNetworkUuid to the VPC of the droplets (or Kubernetes cluster).`;
    const theirs = servers.map((server) => placementOf(graph, server));
    if (theirs.some((p) => !isUnknown(p) && p.key === own.key)) return undefined;
    if (theirs.some(isUnknown))
        return `${describe(cluster)} is in ${own.shown}, and the app servers' VPC is unknown during preview, so they cannot be proven to share a private network. Set the droplets' (or Kubernetes cluster's) vpcUuid and the cluster's privateNetworkUuid to one VPC.`;
    const shown = [...new Set(theirs.map((p) => (p as Placement).shown))].join(", ");
    return `${describe(cluster)} is in ${own.shown}, and no app server is (they are in ${shown}): the app servers reach it only over its public address. Set privateNetworkUuid to the VPC of the droplets (or Kubernetes cluster).`;
}

/**
 * A DigitalOcean cluster must sit in the app servers' VPC (privateNetworkUuid) and have a database firewall
 * whose every rule trusts the stack's app servers (its droplets, by id, tag or an address taken from them, an autoscale pool's tag, its App Platform app
 * or Kubernetes cluster), never an IP address or compute outside the stack. Without a firewall a
 * managed database accepts connections from anywhere.
 */
export function digitalOceanClusterFindings(graph: StackGraph, cluster: Res, what: string): Finding[] {
    const findings: Finding[] = [];
    const vpcProblem = clusterVpcProblem(graph, cluster);
    if (vpcProblem) findings.push({ urn: cluster.urn, message: vpcProblem });
    const firewalls = graph.referrers(DO.databaseFirewalls, "clusterId", cluster);
    if (firewalls.length === 0) {
        findings.push({
            urn: cluster.urn,
            message: `${describe(cluster)} has no database firewall, so the ${what} accepts connections from any address. Add a digitalocean.DatabaseFirewall with clusterId set to this cluster and rules of type "tag" (the app droplets' tag) or "droplet" (or "app" / "k8s" for the stack's App Platform app or Kubernetes cluster).`,
        });
    }
    for (const firewall of firewalls) {
        listOf<Record<string, any>>(firewall.props.rules).forEach((rule, index) => {
            const where = `rules[${index}] of ${describe(firewall)}`;
            if (isUnknown(rule) || rule === null || typeof rule !== "object" || isUnknown(rule.type)) {
                findings.push({
                    urn: firewall.urn,
                    message: `${where} is unknown during preview, so it cannot be proven to trust only the app servers. Use rules with a literal type ("tag", "droplet", "app" or "k8s").`,
                });
                return;
            }
            const type = String(rule.type);
            const value = isUnknown(rule.value) ? "a value unknown during preview" : String(rule.value);
            if (type === "ip_addr" && namesDropletAddress(graph, firewall, rule.value)) return;
            const trustable = APP_SERVER_TYPES[type];
            if (trustable) {
                const trusted = trustsStackAppServers(graph, firewall, type, rule.value);
                if (trusted === true) return;
                const why =
                    trusted === UNKNOWN
                        ? `trusts ${type} ${value}, which cannot be traced to the app servers of this stack`
                        : `trusts ${type} ${value}, which ${type === "tag" ? "no droplet or autoscale pool of this stack carries" : `is not ${trustable.what} of this stack`}`;
                findings.push({
                    urn: firewall.urn,
                    message: `${where} ${why}; the ${what} must trust only the app servers. Use the app droplets' tag (or their ids), or the stack's App Platform app or Kubernetes cluster.`,
                });
                return;
            }
            findings.push({
                urn: firewall.urn,
                message: `${where} trusts ${type} ${value}; the ${what} must trust only the app servers. Replace it with a rule of type "tag" (the app droplets' tag) or "droplet" (or "app" / "k8s" naming the stack's App Platform app or Kubernetes cluster).`,
            });
        });
    }
    return findings;
}

/** Each DigitalOcean cluster of a kind sits in the VPC behind a database firewall trusting only the app servers. */
export function digitalOceanDataStoreAccessFindings(graph: StackGraph, kind: DataKind): Finding[] {
    const findings: Finding[] = [];
    for (const cluster of digitalOceanClusters(graph, kind))
        findings.push(...digitalOceanClusterFindings(graph, cluster, kind));
    return findings;
}
