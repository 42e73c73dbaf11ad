/**
 * webtier-port-80-only-from-balancer on DigitalOcean: the app port is reachable on the droplets
 * (autoscale pools' included) only through a firewall rule naming the load balancer's uid, never
 * from a CIDR; and every droplet and pool is behind a firewall at all (a droplet without one has
 * every port open).
 */
import { admittedAppPort, reachText, shown } from "../../app-port";
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Source, portsText, ruleLocation } from "../../network";
import { Res, describe, isUnknown } from "../../values";
import { uncoveredServers, uncoveredText } from "../droplets";
import { DIGITALOCEAN_NETWORK_RULES } from "../firewall-rules";
import { DO } from "../types";

/** Why `source` is not proven to be the balancer, or undefined when it is. */
export function port80SourceProblem(graph: StackGraph, owner: Res, source: Source): string | undefined {
    switch (source.kind) {
        case "loadBalancer": {
            const { candidates } = graph.resolve(owner, source.referenceKey, source.value, DO.loadBalancers);
            if (candidates.length > 0) return undefined;
            return isUnknown(source.value)
                ? "a load balancer uid unknown during preview that cannot be traced to a load balancer in this stack"
                : `load balancer uid ${source.value}, which is not a load balancer in this stack`;
        }
        case "cidr":
            return `CIDR ${shown(source)}`;
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

/** Every firewall rule admitting the app port from anything but the balancer, and every droplet or pool no firewall covers. */
export function digitalOceanPort80Findings(graph: StackGraph, ports: readonly number[]): Finding[] {
    const findings: Finding[] = [];
    for (const owner of graph.resources) {
        const rulesOf = DIGITALOCEAN_NETWORK_RULES[owner.type];
        if (!rulesOf) continue;
        for (const rule of rulesOf(owner).filter((r) => r.direction === "ingress")) {
            const admitted = admittedAppPort(rule, [...ports]);
            if (!admitted) continue;
            for (const source of rule.sources) {
                const problem = port80SourceProblem(graph, owner, source);
                if (!problem) continue;
                findings.push({
                    urn: owner.urn,
                    message: `${ruleLocation(rule, describe(owner))} (${portsText(rule)}) ${reachText(admitted)} from ${problem}. Admit port ${admitted.port} only from the load balancer: put its id in sourceLoadBalancerUids and remove every other source of port ${admitted.port}.`,
                });
            }
        }
    }
    for (const { server, unknown } of uncoveredServers(graph)) {
        const text = uncoveredText(server, unknown);
        const why = unknown
            ? text.why
            : `${text.why}, so ${text.open}, 22 and the app's included, is open to the internet`;
        findings.push({
            urn: server.urn,
            message: `${describe(server)} ${why}. Add ${text.firewall}, admitting the app port only from the load balancer.`,
        });
    }
    return findings;
}
