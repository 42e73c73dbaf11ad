/**
 * webtier-reliability on DigitalOcean: at least `minServers` droplets behind the balancer; a
 * database cluster with a standby node.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { describe, isUnknown } from "../../values";
import { digitalOceanClusters } from "../data-access";
import { balancedDroplets } from "../droplets";
import { DO } from "../types";

/** Where the DigitalOcean tier falls below the reliability floor. */
export function digitalOceanReliabilityFindings(graph: StackGraph, minServers: number): Finding[] {
    const findings: Finding[] = [];
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const behind = balancedDroplets(graph, balancer);
        if (behind.size < minServers) {
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} has ${behind.size} droplet(s) behind it; at least ${minServers} keep the app up when one fails. Raise webtier:servers.count.`,
            });
        }
    }
    for (const cluster of digitalOceanClusters(graph, "database")) {
        const nodes = cluster.props.nodeCount;
        if (isUnknown(nodes) || !(typeof nodes === "number" && nodes >= 2)) {
            findings.push({
                urn: cluster.urn,
                message: `${describe(cluster)} has ${isUnknown(nodes) ? "an unknown number of" : (nodes ?? 1)} node(s) and no standby. Set nodeCount to 2 or more (webtier:database.highAvailability).`,
            });
        }
    }
    return findings;
}
