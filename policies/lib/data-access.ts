/**
 * "Is this data store reachable only from the app servers?", shared by the database and
 * cache rules on both clouds.
 */
import { AWS, DO, StackGraph } from "./graph";
import { AwsDataStoreShape, DATA_INTERMEDIARIES, DataKind, dataStoreShapes } from "./aws/data-stores";
import { SECURITY_GROUP_TYPES, Source, portsText, ruleLocation, ingressRulesOf } from "./network";
import { subnetExposure } from "./subnets";
import { Res, UNKNOWN, describe, isUnknown, listOf, present } from "./values";

/** A finding to report on `urn`. */
export interface Finding {
    urn: string;
    message: string;
}

function shown(source: Source): string {
    return isUnknown(source.value) ? "a value unknown during preview" : source.value;
}

/**
 * Every ingress rule into one of `groups` must name only app server security groups. CIDRs
 * (even private ones), the group itself, prefix lists and other groups are findings; an
 * unknown reference passes only when every resource it can come from is an app server group.
 */
export function awsGroupIngressFindings(graph: StackGraph, groups: Set<Res>, what: DataKind): Finding[] {
    // The app servers, and what stands between them and the store (an RDS Proxy).
    const serverGroups = graph.serverSecurityGroups();
    graph.groupsHeldBy(DATA_INTERMEDIARIES[what]).forEach((g) => serverGroups.add(g));
    const findings: Finding[] = [];
    const fix = `Admit the ${what} only from the app servers' security group (sourceSecurityGroupId / referencedSecurityGroupId / securityGroups naming it) and remove every other source.`;
    for (const { owner, rule } of graph.ingressInto(groups, ingressRulesOf)) {
        for (const source of rule.sources) {
            let problem: string | undefined;
            if (source.kind === "securityGroup") {
                const { candidates } = graph.resolve(owner, source.referenceKey, source.value, SECURITY_GROUP_TYPES);
                if (candidates.length > 0 && candidates.every((g) => serverGroups.has(g))) continue;
                problem =
                    candidates.length === 0 && isUnknown(source.value)
                        ? "a security group unknown during preview that cannot be proven to be the app servers'"
                        : `security group ${shown(source)}${candidates.length ? ` (${candidates.map(describe).join(", ")})` : ""}, which no app server of this stack (EC2 instance, launch template or configuration, ECS service, Lambda function; or RDS Proxy) uses,`;
            } else if (source.kind === "cidr") {
                problem = `CIDR ${shown(source)}`;
            } else if (source.kind === "self") {
                problem = "its own security group (self)";
            } else if (source.kind === "prefixList") {
                problem = `prefix list ${shown(source)}`;
            } else {
                problem = "sources unknown during preview";
            }
            findings.push({
                urn: owner.urn,
                message: `${ruleLocation(rule, describe(owner))} (${portsText(rule)}) lets ${problem} reach the ${what}. ${fix}`,
            });
        }
    }
    return findings;
}

/**
 * A data store without explicit security groups lands in the VPC's default group, which
 * admits everything from itself; say so.
 */
export function awsMissingGroupFindings(store: Res, shape: AwsDataStoreShape, what: string): Finding[] {
    if (shape.groupsOptional?.(store)) return [];
    if (shape.read(store.props).length > 0) return [];
    return [
        {
            urn: store.urn,
            message: `${describe(store)} sets no security groups (${shape.key}), so it uses the VPC's default security group. Give the ${what} its own security group that admits only the app servers' group.`,
        },
    ];
}

function subnetFindings(graph: StackGraph, store: Res, subnets: Res[], via: Res | undefined, what: string): Finding[] {
    const findings: Finding[] = [];
    for (const subnet of subnets) {
        const why = subnetExposure(graph, subnet);
        const where = via
            ? `uses ${describe(via)}, whose ${describe(subnet)}`
            : `is placed in ${describe(subnet)}, which`;
        if (why)
            findings.push({
                urn: store.urn,
                message: `${describe(store)} ${where} ${why}. Put the ${what} in private subnets only.`,
            });
    }
    return findings;
}

/**
 * A data store in a subnet group containing a public subnet (one that gives instances public
 * IPs or routes to an internet gateway, see `subnetExposure`) is in a public subnet; with no
 * subnet group at all it goes to the default VPC's (public) subnets.
 */
export function awsPublicSubnetFindings(
    graph: StackGraph,
    store: Res,
    shape: AwsDataStoreShape,
    what: string,
): Finding[] {
    const findings: Finding[] = [];
    if (shape.subnets) {
        const ids = shape.subnets.read(store.props);
        findings.push(
            ...subnetFindings(
                graph,
                store,
                graph.resolveAll(store, shape.subnets.key, AWS.subnets, ids).candidates,
                undefined,
                what,
            ),
        );
    }
    if (!shape.subnetGroup) return findings;
    const { key, types } = shape.subnetGroup;
    const value = store.props[key];
    if (!present(value)) {
        return [
            {
                urn: store.urn,
                message: `${describe(store)} sets no ${key}, so AWS places it in the default VPC's public subnets. Create a subnet group of the private subnets and set ${key}.`,
            },
        ];
    }
    for (const group of graph.resolve(store, key, value, types).candidates) {
        findings.push(
            ...subnetFindings(graph, store, graph.resolveAll(group, "subnetIds", AWS.subnets).candidates, group, what),
        );
    }
    return findings;
}

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

const TRUSTED_RULE_TYPES = ["droplet", "tag"];
const DO_TAGS = ["digitalocean:index/tag:Tag"];

/**
 * Does a database firewall rule of type "droplet" or "tag" name this stack's droplets? A
 * droplet rule must name a droplet of the stack; a tag rule a tag one of them carries. Any
 * other droplet, or a tag anyone can put on a droplet of their own, is not an app server.
 * Unknown values (preview) are traced through the firewall's dependencies: a tag resource
 * the droplets' tags come from, or a droplet.
 */
export function trustsStackDroplets(
    graph: StackGraph,
    firewall: Res,
    type: string,
    value: unknown,
): boolean | typeof UNKNOWN {
    const droplets = graph.ofType(DO.droplets);
    if (!isUnknown(value)) {
        const text = String(value);
        if (type === "droplet") return droplets.some((d) => !isUnknown(d.props.id) && String(d.props.id) === text);
        if (droplets.some((d) => listOf(d.props.tags).includes(text))) return true;
        // Droplet tags unknown during preview: the tag resource of that name the droplets' tags come from.
        return droplets.some((d) =>
            graph.dependenciesOf(d, "tags", DO_TAGS).some((tag) => tag.props.name === text || tag.props.id === text),
        );
    }
    const sources = graph.dependenciesOf(firewall, "rules", type === "droplet" ? DO.droplets : DO_TAGS);
    if (type === "droplet") return sources.length > 0 ? true : UNKNOWN;
    const carried = sources.some((tag) => droplets.some((d) => graph.dependenciesOf(d, "tags", DO_TAGS).includes(tag)));
    return carried ? true : UNKNOWN;
}

/**
 * A DigitalOcean cluster must sit in a VPC (privateNetworkUuid) and have a database firewall
 * whose every rule trusts droplets or a droplet tag, never an IP address, a Kubernetes
 * cluster or an app. Without a firewall a managed database accepts connections from anywhere.
 */
export function digitalOceanClusterFindings(graph: StackGraph, cluster: Res, what: string): Finding[] {
    const findings: Finding[] = [];
    if (!present(cluster.props.privateNetworkUuid)) {
        findings.push({
            urn: cluster.urn,
            message: `${describe(cluster)} sets no privateNetworkUuid, so it is not in the app's VPC. Set privateNetworkUuid to the VPC of the droplets.`,
        });
    }
    const firewalls = graph.referrers(DO.databaseFirewalls, "clusterId", cluster);
    if (firewalls.length === 0) {
        findings.push({
            urn: cluster.urn,
            message: `${describe(cluster)} has no database firewall, so the ${what} accepts connections from any address. Add a digitalocean.DatabaseFirewall with clusterId set to this cluster and rules of type "tag" (the app droplets' tag) or "droplet".`,
        });
    }
    for (const firewall of firewalls) {
        listOf<Record<string, any>>(firewall.props.rules).forEach((rule, index) => {
            const where = `rules[${index}] of ${describe(firewall)}`;
            if (isUnknown(rule) || rule === null || typeof rule !== "object" || isUnknown(rule.type)) {
                findings.push({
                    urn: firewall.urn,
                    message: `${where} is unknown during preview, so it cannot be proven to trust only the app droplets. Use rules with a literal type "tag" or "droplet".`,
                });
                return;
            }
            const type = String(rule.type);
            const value = isUnknown(rule.value) ? "a value unknown during preview" : String(rule.value);
            if (TRUSTED_RULE_TYPES.includes(type)) {
                const trusted = trustsStackDroplets(graph, firewall, type, rule.value);
                if (trusted === true) return;
                const why =
                    trusted === UNKNOWN
                        ? `trusts ${type} ${value}, which cannot be traced to the droplets of this stack`
                        : `trusts ${type} ${value}, which ${type === "tag" ? "no droplet of this stack carries" : "is not a droplet of this stack"}`;
                findings.push({
                    urn: firewall.urn,
                    message: `${where} ${why}; the ${what} must trust only the app droplets. Use the app droplets' tag (or their ids).`,
                });
                return;
            }
            findings.push({
                urn: firewall.urn,
                message: `${where} trusts ${type} ${value}; the ${what} must trust only the app droplets. Replace it with a rule of type "tag" (the app droplets' tag) or "droplet".`,
            });
        });
    }
    return findings;
}

/**
 * What the database and cache rules check alike, for one kind of store: each AWS store has its
 * own security groups and private subnets, only the app servers' group reaches those groups,
 * and each DigitalOcean cluster sits in the VPC behind a database firewall trusting only the
 * app droplets. (What differs, public accessibility or TLS and AUTH, stays in each rule.)
 */
export function dataStoreAccessFindings(graph: StackGraph, kind: DataKind): Finding[] {
    const findings: Finding[] = [];
    for (const shape of dataStoreShapes(kind)) {
        for (const store of graph.ofType(shape.types)) {
            if (shape.judgedElsewhere?.(store)) continue;
            const endpoint = shape.publicEndpoint?.(store);
            if (endpoint) findings.push({ urn: store.urn, message: endpoint });
            const plaintext = shape.plaintext?.(store);
            if (plaintext) findings.push({ urn: store.urn, message: plaintext });
            findings.push(...awsMissingGroupFindings(store, shape, kind));
            findings.push(...awsPublicSubnetFindings(graph, store, shape, kind));
        }
    }
    findings.push(...awsGroupIngressFindings(graph, graph.dataSecurityGroups(kind), kind));
    for (const cluster of digitalOceanClusters(graph, kind))
        findings.push(...digitalOceanClusterFindings(graph, cluster, kind));
    return findings;
}
