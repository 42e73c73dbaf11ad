/**
 * "Is this data store reachable only from the app servers?" on AWS, for the database and cache
 * rules: each store has its own security groups and private subnets, and only the app servers'
 * group reaches those groups.
 */
import type { DataKind, Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Source, portsText, ruleLocation, ingressRulesOf } from "../network";
import { Res, describe, isUnknown, present, valueAtPath } from "../values";
import { AwsDataStoreShape, DATA_INTERMEDIARIES, dataStoreShapes } from "./data-stores";
import { dataSecurityGroups, groupsHeldBy, serverSecurityGroups } from "./security-groups";
import { subnetExposure } from "./subnets";
import { AWS, SECURITY_GROUP_TYPES } from "./types";
import { AWS_COMPUTE_TYPES, BALANCERS } from "./group-holders";

function shown(source: Source): string {
    return isUnknown(source.value) ? "a value unknown during preview" : source.value;
}

/**
 * Whether a rule's source group is an EKS cluster's cluster security group, which EKS makes and
 * puts its managed node groups' nodes and Fargate pods in: the app servers of a tier on EKS. Its
 * id, or, unknown during preview, a value taken from the cluster.
 */
function isEksClusterGroup(graph: StackGraph, owner: Res, source: Source): boolean {
    const clusters = graph.ofType(AWS_COMPUTE_TYPES.eksClusters);
    if (isUnknown(source.value))
        return graph.dependenciesOf(owner, source.referenceKey, AWS_COMPUTE_TYPES.eksClusters).length > 0;
    return clusters.some((cluster) => valueAtPath(cluster.props, "vpcConfig.clusterSecurityGroupId") === source.value);
}

/**
 * Every ingress rule into one of `groups` must name only app server security groups. CIDRs
 * (even private ones), prefix lists, other groups and the group itself when a balancer holds it
 * are findings; an
 * unknown reference passes only when every resource it can come from is an app server group.
 */
export function awsGroupIngressFindings(graph: StackGraph, groups: Set<Res>, what: DataKind): Finding[] {
    // The app servers, and what stands between them and the store (an RDS Proxy).
    const serverGroups = serverSecurityGroups(graph);
    groupsHeldBy(graph, DATA_INTERMEDIARIES[what]).forEach((g) => serverGroups.add(g));
    const balancerGroups = groupsHeldBy(graph, BALANCERS);
    const findings: Finding[] = [];
    const fix = `Admit the ${what} only from the app servers' security group (sourceSecurityGroupId / referencedSecurityGroupId / securityGroups naming it) and remove every other source.`;
    for (const { owner, rule } of graph.ingressInto(groups, ingressRulesOf)) {
        for (const source of rule.sources) {
            let problem: string | undefined;
            if (source.kind === "securityGroup") {
                const { candidates } = graph.resolve(owner, source.referenceKey, source.value, SECURITY_GROUP_TYPES);
                if (candidates.length > 0 && candidates.every((g) => serverGroups.has(g))) continue;
                if (candidates.length === 0 && isEksClusterGroup(graph, owner, source)) continue;
                problem =
                    candidates.length === 0 && isUnknown(source.value)
                        ? "a security group unknown during preview that cannot be proven to be the app servers'"
                        : `${isUnknown(source.value) ? `${candidates.map(describe).join(" or ")} (its id unknown during preview)` : `security group ${shown(source)}${candidates.length ? ` (${candidates.map(describe).join(", ")})` : ""}`}, which no app server of this stack (EC2 instance, launch template or configuration, ECS service, Lambda function, App Runner VPC connector, Elastic Beanstalk instances, EKS nodes; or RDS Proxy) uses,`;
            } else if (source.kind === "cidr") {
                problem = `CIDR ${shown(source)}`;
            } else if (source.kind === "self") {
                // Self admits what sits in the group: data stores (and app servers, where they hold
                // it) reach each other, which a store's own group may allow (a common module idiom);
                // a balancer in it would bring the internet's traffic in.
                const targets = graph.ruleTargets(owner, rule).candidates;
                if (targets.length > 0 && !targets.some((g) => balancerGroups.has(g))) continue;
                problem = "its own security group (self), which a load balancer holds too";
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
    seen: ReadonlySet<Res> = new Set(),
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
    const source = store.props.replicateSourceDb;
    if (!present(value) && present(source) && (isUnknown(source) || !String(source).startsWith("arn:"))) {
        // A read replica in its source's region goes into its source's subnet group (RDS refuses
        // one of its own there): judged at its source, when the stack holds it.
        const sources = graph.resolve(store, "replicateSourceDb", source, [store.type]).candidates;
        return sources
            .filter((s) => s !== store && !seen.has(s))
            .flatMap((s) =>
                awsPublicSubnetFindings(graph, s, shape, what, new Set([...seen, store])).map((f) => ({
                    urn: store.urn,
                    message: `${describe(store)} is a read replica in its source's subnet group, and ${f.message.charAt(0).toLowerCase()}${f.message.slice(1)}`,
                })),
            );
    }
    if (!present(value) || value === "default") {
        const why = present(value)
            ? `names the subnet group "default", the default VPC's, whose subnets are public`
            : `sets no ${key}, so AWS places it in the default VPC's public subnets`;
        return [
            {
                urn: store.urn,
                message: `${describe(store)} ${why}. Create a subnet group of the private subnets and set ${key}.`,
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

/**
 * What the database and cache rules check alike on AWS, for one kind of store: each store has its
 * own security groups and private subnets, and only the app servers' group reaches those groups.
 * (What differs, public accessibility or TLS and AUTH, stays in each rule's check.)
 */
export function awsDataStoreAccessFindings(graph: StackGraph, kind: DataKind): Finding[] {
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
    findings.push(...awsGroupIngressFindings(graph, dataSecurityGroups(graph, kind), kind));
    return findings;
}
