/**
 * Only the balancer is public: the app port (the port the balancers send traffic to on the
 * servers: target groups, attachments, ECS services, classic ELB instance ports, DigitalOcean
 * forwarding rules; 80 when the stack has no balancer) is reachable on the app servers only
 * from the balancer (AWS: a rule naming the load balancer's security group; DigitalOcean: a
 * firewall rule naming the load balancer's uid), never from a CIDR; and every droplet is behind
 * a firewall at all. The balancer's own security group, open to the internet on 80/443, is
 * correct and not looked at, unless the app servers share it.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { DO, StackGraph } from "../lib/graph";
import {
    NetworkRule,
    SECURITY_GROUP_TYPES,
    Source,
    TYPES,
    Tri,
    admitsTcpPort,
    ingressRulesOf,
    portsText,
    ruleLocation,
} from "../lib/network";
import { Res, UNKNOWN, describe, fromStackResources, isUnknown } from "../lib/values";
import { awsAppPorts, groupLessNlbRanges } from "../lib/aws/balancers";
import { Cidr, cidrContains, parseCidr } from "../lib/cidr";
import { digitalOceanAppPorts, uncoveredDroplets } from "../lib/digitalocean/droplets";

/** Where the servers listen when no balancer says otherwise (webtier's nginx). */
export const DEFAULT_APP_PORT = 80;

/** The app ports of the stack: what its balancers target, or 80 when none says. */
export function appPorts(graph: StackGraph): number[] {
    const aws = awsAppPorts(graph);
    const digitalOcean = digitalOceanAppPorts(graph);
    const ports = new Set([...aws.ports, ...digitalOcean.ports]);
    // A port unknown during preview cannot be followed; 80, webtier's own, is judged at least.
    if (ports.size === 0 || aws.unknown || digitalOcean.unknown) ports.add(DEFAULT_APP_PORT);
    return [...ports].sort((a, b) => a - b);
}

/** The first app port the rule admits (or may admit), and whether only "may". */
function admittedAppPort(rule: NetworkRule, ports: number[]): { port: number; answer: Tri } | undefined {
    let maybe: number | undefined;
    for (const port of ports) {
        const answer = admitsTcpPort(rule, port);
        if (answer === true) return { port, answer };
        if (answer === UNKNOWN && maybe === undefined) maybe = port;
    }
    return maybe === undefined ? undefined : { port: maybe, answer: UNKNOWN };
}

function shown(source: Source): string {
    return isUnknown(source.value) ? "a value unknown during preview" : source.value;
}

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
            if (candidates.length === 0 && isUnknown(source.value))
                return "a security group unknown during preview that cannot be proven to be the balancer's";
            const names = candidates.map(describe).join(", ");
            return `security group ${shown(source)}${names ? ` (${names})` : ""}, which is not the security group of a load balancer in this stack`;
        }
        case "loadBalancer": {
            const { candidates } = graph.resolve(owner, source.referenceKey, source.value, DO.loadBalancers);
            if (candidates.length > 0) return undefined;
            return isUnknown(source.value)
                ? "a load balancer uid unknown during preview that cannot be traced to a load balancer in this stack"
                : `load balancer uid ${source.value}, which is not a load balancer in this stack`;
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
        case "droplet":
            return `droplet ${shown(source)}`;
        case "tag":
            return `tag ${shown(source)}`;
        case "other":
            return `${shown(source)}`;
        default:
            return "sources unknown during preview";
    }
}

function fix(owner: Res, port: number, shared: boolean): string {
    if (owner.type === TYPES.firewall)
        return `Admit port ${port} only from the load balancer: put its id in sourceLoadBalancerUids and remove every other source of port ${port}.`;
    const split = shared
        ? " The group is shared by the balancer and the app servers: give the balancer a security group of its own, open on 80/443, and admit the app port on the servers' group only from it."
        : "";
    return `Admit port ${port} only from the balancer: reference the load balancer's security group (sourceSecurityGroupId, referencedSecurityGroupId or securityGroups) instead of any CIDR.${split}`;
}

export const port80OnlyFromBalancer: StackValidationPolicy = {
    name: "webtier-port-80-only-from-balancer",
    description:
        "Only the balancer is public: the app port (what the balancers target on the servers, 80 by default) is reachable on the app servers only from the load balancer (AWS: the balancer's security group; DigitalOcean: the load balancer's uid), never from a CIDR, also when the balancer and the servers share a security group; every droplet is behind a firewall.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const ports = appPorts(graph);
        const balancerGroups = graph.balancerSecurityGroups();
        const nlbRanges = groupLessNlbRanges(graph);
        const serverGroups = graph.serverSecurityGroups();
        const dataGroups = new Set([...graph.dataSecurityGroups("database"), ...graph.dataSecurityGroups("cache")]);
        // The balancer's own group may be public; the database and cache rules judge what reaches
        // data stores. A group the app servers also sit in is an app server group either way.
        const notAppServer = (g: Res) => !serverGroups.has(g) && (balancerGroups.has(g) || dataGroups.has(g));
        for (const owner of graph.resources) {
            for (const rule of ingressRulesOf(owner)) {
                const admitted = admittedAppPort(rule, ports);
                if (!admitted) continue;
                let shared = false;
                if (owner.type !== TYPES.firewall) {
                    const targets = graph.ruleTargets(owner, rule).candidates;
                    if (targets.length > 0 && targets.every(notAppServer)) continue;
                    shared = targets.some((g) => balancerGroups.has(g) && serverGroups.has(g));
                }
                reportProblems(graph, owner, rule, admitted, shared, balancerGroups, nlbRanges, reportViolation);
            }
        }
        for (const { droplet, unknown } of uncoveredDroplets(graph)) {
            const why = unknown
                ? "cannot be proven to be covered by a firewall (its tags or the firewalls' droplets are unknown during preview and trace to no firewall of this stack)"
                : "is covered by no firewall (by tag or by droplet id), so every port on its public address, 22 and the app's included, is open to the internet";
            reportViolation(
                `${describe(droplet)} ${why}. Add a digitalocean.Firewall whose tags include a tag the droplet carries (or whose dropletIds include it), admitting the app port only from the load balancer.`,
                droplet.urn,
            );
        }
    },
};

function reportProblems(
    graph: StackGraph,
    owner: Res,
    rule: NetworkRule,
    admitted: { port: number; answer: Tri },
    shared: boolean,
    balancerGroups: Set<Res>,
    nlbRanges: readonly Cidr[],
    reportViolation: (message: string, urn?: string) => void,
): void {
    for (const source of rule.sources) {
        const problem = port80SourceProblem(graph, owner, source, balancerGroups, nlbRanges);
        if (!problem) continue;
        const reach =
            admitted.answer === UNKNOWN
                ? `may admit port ${admitted.port}, the app port (protocol or ports unknown during preview),`
                : `admits port ${admitted.port}${admitted.port === DEFAULT_APP_PORT ? "" : ", the app port,"}`;
        const sharedText = shared ? " into a security group shared by the balancer and the app servers" : "";
        reportViolation(
            `${ruleLocation(rule, describe(owner))} (${portsText(rule)}) ${reach} from ${problem}${sharedText}. ${fix(owner, admitted.port, shared)}`,
            owner.urn,
        );
    }
}
