/**
 * webtier-port-80-only-from-balancer on AWS: the app port is reachable on the app servers only
 * through a rule naming the load balancer's security group, never from a CIDR (except the subnets
 * of a network load balancer without security groups, which are its address), also when the
 * balancer and the servers share a group. The balancer's own group, open to the internet on
 * 80/443, is correct and not looked at, unless the app servers share it.
 */
import { admittedAppPort, reachText, shown } from "../../app-port";
import { Cidr, cidrContains, parseCidr } from "../../cidr";
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { NetworkRule, Source, Tri, portsText, ruleLocation } from "../../network";
import { Res, describe, isUnknown } from "../../values";
import { groupLessNlbRanges } from "../balancers";
import { BEANSTALK } from "../beanstalk";
import { LIGHTSAIL, LIGHTSAIL_PORT_FIX, lightsailDefaultPortFindings } from "../lightsail";
import { AWS_NETWORK_RULES } from "../network-rules";
import { BALANCERS, SERVICE_INTERFACES } from "../group-holders";
import { balancerSecurityGroups, dataSecurityGroups, groupsHeldBy, serverSecurityGroups } from "../security-groups";
import { SECURITY_GROUP_TYPES } from "../types";

const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const BALANCER_TYPES = BALANCERS.flatMap((holder) => holder.types);

/** Why `source` is not proven to be the balancer, or undefined when it is. */
export function port80SourceProblem(
    graph: StackGraph,
    owner: Res,
    source: Source,
    balancerGroups: Set<Res>,
    nlbRanges: readonly Cidr[] = [],
): string | undefined {
    switch (source.kind) {
        case "securityGroup": {
            const { candidates } = graph.resolve(owner, source.referenceKey, source.value, SECURITY_GROUP_TYPES);
            if (candidates.length > 0 && candidates.every((g) => balancerGroups.has(g))) return undefined;
            // A group id computed from a balancer alone (`alb.securityGroups[0]`, a classic ELB's
            // sourceSecurityGroupId), unknown during preview, can only be one of the balancer's.
            const from = owner.propertyDependencies[source.referenceKey] ?? [];
            const balancers = graph.dependenciesOf(owner, source.referenceKey, BALANCER_TYPES);
            if (candidates.length === 0 && balancers.length > 0 && balancers.length === from.length) return undefined;
            if (candidates.length === 0 && isUnknown(source.value))
                return "a security group unknown during preview that cannot be proven to be the balancer's";
            const names = candidates.map(describe).join(", ");
            return `security group ${shown(source)}${names ? ` (${names})` : ""}, which is not the security group of a load balancer in this stack`;
        }
        case "cidr": {
            // The subnets of a network load balancer without security groups are its address.
            const cidr = isUnknown(source.value) ? undefined : parseCidr(source.value);
            if (cidr && nlbRanges.some((range) => cidrContains(range, cidr))) return undefined;
            return `CIDR ${shown(source)}`;
        }
        case "self":
            return "its own security group (self)";
        case "prefixList":
            return `prefix list ${shown(source)}`;
        default:
            return "sources unknown during preview";
    }
}

/**
 * Whether a security group is an EKS node group's: tagged `kubernetes.io/cluster/<name>` as EKS
 * asks of its nodes' groups (EKS User Guide, "Amazon EKS security group requirements"; @pulumi/eks
 * tags its node security group so), or, in a preview, tags unknown and taken from an EKS cluster.
 */
function isEksNodeGroup(graph: StackGraph, group: Res): boolean {
    const tags = group.props.tags;
    if (isUnknown(tags)) return graph.dependenciesOf(group, "tags", [EKS_CLUSTER]).length > 0;
    return (
        !!tags && typeof tags === "object" && Object.keys(tags).some((key) => key.startsWith("kubernetes.io/cluster/"))
    );
}

function fix(owner: Res, port: number, shared: boolean): string {
    if (owner.type === LIGHTSAIL.publicPorts) return `Admit port ${port} only from the balancer. ${LIGHTSAIL_PORT_FIX}`;
    if (owner.type === BEANSTALK.environment || owner.type === BEANSTALK.template)
        return "A single-instance environment has no balancer: its instance is the public entry point. Set aws:elasticbeanstalk:environment EnvironmentType to \"LoadBalanced\" (Beanstalk then admits the instances' port only from the balancer's security group).";
    const split = shared
        ? " The group is shared by the balancer and the app servers: give the balancer a security group of its own, open on 80/443, and admit the app port on the servers' group only from it."
        : "";
    return `Admit port ${port} only from the balancer: reference the load balancer's security group (sourceSecurityGroupId, referencedSecurityGroupId or securityGroups) instead of any CIDR.${split}`;
}

/** Every rule into an app server's security group that admits the app port from anything but the balancer. */
export function awsPort80Findings(graph: StackGraph, ports: readonly number[]): Finding[] {
    const findings: Finding[] = [];
    const balancerGroups = balancerSecurityGroups(graph);
    const nlbRanges = groupLessNlbRanges(graph);
    const serverGroups = serverSecurityGroups(graph);
    const dataGroups = new Set([...dataSecurityGroups(graph, "database"), ...dataSecurityGroups(graph, "cache")]);
    const serviceGroups = groupsHeldBy(graph, SERVICE_INTERFACES);
    // The balancer's own group may be public; the database and cache rules judge what reaches
    // data stores; a VPC endpoint's or an EFS mount target's group lets the VPC reach a service.
    // A group the app servers also sit in is an app server group either way.
    const notAppServer = (g: Res) =>
        !serverGroups.has(g) && (balancerGroups.has(g) || dataGroups.has(g) || serviceGroups.has(g));
    for (const owner of graph.resources) {
        const rulesOf = AWS_NETWORK_RULES[owner.type];
        if (!rulesOf) continue;
        for (const rule of rulesOf(owner).filter((r) => r.direction === "ingress")) {
            const admitted = admittedAppPort(rule, [...ports]);
            if (!admitted) continue;
            const targets = graph.ruleTargets(owner, rule).candidates;
            if (targets.length > 0 && targets.every(notAppServer)) continue;
            const shared = targets.some((g) => balancerGroups.has(g) && serverGroups.has(g));
            // AWS's default group admits its members on every port; adopted (DefaultSecurityGroup)
            // and put to no server, that rule reaches no app server. Any other group may be one's.
            // An EKS node group's own group admits itself on every port, as EKS requires of its
            // nodes (pods reach each other across them), which is not a way in from outside.
            const selfReaches = targets.some(
                (g) => !isEksNodeGroup(graph, g) && (serverGroups.has(g) || g.type !== DEFAULT_SECURITY_GROUP),
            );
            const judged = selfReaches ? rule : { ...rule, sources: rule.sources.filter((src) => src.kind !== "self") };
            findings.push(...problems(graph, owner, judged, admitted, shared, balancerGroups, nlbRanges));
        }
    }
    findings.push(...lightsailDefaultPortFindings(graph, ports));
    return findings;
}

function problems(
    graph: StackGraph,
    owner: Res,
    rule: NetworkRule,
    admitted: { port: number; answer: Tri },
    shared: boolean,
    balancerGroups: Set<Res>,
    nlbRanges: readonly Cidr[],
): Finding[] {
    const findings: Finding[] = [];
    for (const source of rule.sources) {
        const problem = port80SourceProblem(graph, owner, source, balancerGroups, nlbRanges);
        if (!problem) continue;
        const sharedText = shared ? " into a security group shared by the balancer and the app servers" : "";
        findings.push({
            urn: owner.urn,
            message: `${ruleLocation(rule, describe(owner))} (${portsText(rule)}) ${reachText(admitted)} from ${problem}${sharedText}. ${fix(owner, admitted.port, shared)}`,
        });
    }
    return findings;
}
