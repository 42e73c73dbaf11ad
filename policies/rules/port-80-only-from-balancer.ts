/**
 * Only the balancer is public: port 80 on an app server is reachable only from the balancer
 * (AWS: a rule naming the load balancer's security group; DigitalOcean: a firewall rule naming
 * the load balancer's uid), never from a CIDR. The balancer's own security group, open to the
 * internet on 80/443, is correct and not looked at.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { DO, StackGraph } from "../lib/graph";
import { NetworkRule, SECURITY_GROUP_TYPES, Source, TYPES, admitsTcpPort, ingressRulesOf, portsText, ruleLocation } from "../lib/network";
import { Res, UNKNOWN, describe, fromStackResources, isUnknown } from "../lib/values";

const HTTP_PORT = 80;

function shown(source: Source): string {
    return isUnknown(source.value) ? "a value unknown during preview" : source.value;
}

/** Why `source` is not proven to be the balancer, or undefined when it is. */
export function port80SourceProblem(graph: StackGraph, owner: Res, source: Source, balancerGroups: Set<Res>): string | undefined {
    switch (source.kind) {
        case "securityGroup": {
            const { candidates } = graph.resolve(owner, source.referenceKey, source.value, SECURITY_GROUP_TYPES);
            if (candidates.length > 0 && candidates.every((g) => balancerGroups.has(g))) return undefined;
            if (candidates.length === 0 && isUnknown(source.value)) return "a security group unknown during preview that cannot be proven to be the balancer's";
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
        case "cidr":
            return `CIDR ${shown(source)}`;
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

function fix(owner: Res): string {
    return owner.type === TYPES.firewall
        ? "Admit port 80 only from the load balancer: put its id in sourceLoadBalancerUids and remove every other source of port 80."
        : "Admit port 80 only from the balancer: reference the load balancer's security group (sourceSecurityGroupId, referencedSecurityGroupId or securityGroups) instead of any CIDR.";
}

export const port80OnlyFromBalancer: StackValidationPolicy = {
    name: "webtier-port-80-only-from-balancer",
    description: "App servers accept HTTP (port 80) only from the load balancer: AWS rules reference the balancer's security group, DigitalOcean firewall rules the load balancer's uid, never a CIDR.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const balancerGroups = graph.balancerSecurityGroups();
        const serverGroups = graph.serverSecurityGroups();
        const dataGroups = new Set([...graph.dataSecurityGroups("database"), ...graph.dataSecurityGroups("cache")]);
        // The database and cache rules judge what reaches data stores.
        const notAppServer = (g: Res) => balancerGroups.has(g) || (dataGroups.has(g) && !serverGroups.has(g));
        for (const owner of graph.resources) {
            for (const rule of ingressRulesOf(owner)) {
                const admits = admitsTcpPort(rule, HTTP_PORT);
                if (admits === false) continue;
                if (owner.type !== TYPES.firewall) {
                    const targets = graph.ruleTargets(owner, rule).candidates;
                    if (targets.length > 0 && targets.every(notAppServer)) continue;
                }
                reportProblems(graph, owner, rule, admits === UNKNOWN, balancerGroups, reportViolation);
            }
        }
    },
};

function reportProblems(
    graph: StackGraph,
    owner: Res,
    rule: NetworkRule,
    portUnknown: boolean,
    balancerGroups: Set<Res>,
    reportViolation: (message: string, urn?: string) => void,
): void {
    for (const source of rule.sources) {
        const problem = port80SourceProblem(graph, owner, source, balancerGroups);
        if (!problem) continue;
        const reach = portUnknown ? "may admit port 80 (protocol or ports unknown during preview)" : "admits port 80";
        reportViolation(`${ruleLocation(rule, describe(owner))} (${portsText(rule)}) ${reach} from ${problem}. ${fix(owner)}`, owner.urn);
    }
}
