/**
 * Only the balancer is public, on every port: no security group or firewall that filters an app
 * server (an EC2 instance, with the groups of the network interfaces it is on; the instances a
 * launch template or configuration starts; a droplet)
 * admits any other port from the internet either: an admin console on 8443, a database on 3306,
 * the app itself on 3000 with no balancer in front. "The internet" is 0.0.0.0/0, ::/0 or one
 * range covering a third or more of the public internet, as for SSH.
 *
 * Two ports are left to the rules written for them, so a rule is reported once: 22
 * (webtier-ssh-allowlist, which also knows the allowlist) and the app port
 * (webtier-port-80-only-from-balancer, which refuses any CIDR there). So is a rule whose ports
 * or protocol are unknown during preview: both of those report it as one that may admit theirs.
 * ICMP is not a service a server exposes and is not looked at.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { isWorldLike } from "../lib/cidr";
import { CLOUD_PACKS } from "../lib/clouds";
import { StackGraph } from "../lib/graph";
import { NetworkRule, admitsTcpPort, cidrOf, portsText, ruleLocation, rulesOf } from "../lib/network";
import { SSH_PORT } from "../lib/ssh";
import { Res, describe, fromStackResources, isUnknown } from "../lib/values";
import { appPorts } from "./port-80-only-from-balancer";

/** What a server exposes through one rule: undefined when the rule is another rule's to judge, or exposes nothing. */
export function exposure(rule: NetworkRule, ports: readonly number[]): string | undefined {
    if (rule.direction !== "ingress") return undefined;
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") return undefined;
    // Port 22 and the app ports, or possibly them (ports unknown), are the other two rules'.
    if ([SSH_PORT, ...ports].some((port) => admitsTcpPort(rule, port) !== false)) return undefined;
    const world = rule.sources.find((source) => {
        if (source.kind === "unknown" || (source.kind === "cidr" && isUnknown(source.value))) return true;
        const cidr = cidrOf(source);
        return cidr !== undefined && isWorldLike([cidr]);
    });
    if (!world) return undefined;
    return isUnknown(world.value) || world.kind === "unknown"
        ? "from a source unknown during preview, which cannot be proven not to be the internet"
        : `from ${world.value}, the whole internet (or a third or more of its public part)`;
}

/** Each server of the stack, by the URN of each group or firewall that filters it. */
function serversByFilter(graph: StackGraph): Map<string, Res[]> {
    const servers = new Map<string, Res[]>();
    for (const pack of CLOUD_PACKS)
        for (const { server, filters } of pack.serverFilters?.(graph) ?? [])
            for (const filter of filters) servers.set(filter.urn, [...(servers.get(filter.urn) ?? []), server]);
    return servers;
}

export const serversNotPublic: StackValidationPolicy = {
    name: "webtier-servers-not-public",
    description:
        "Only the balancer is public, on every port: no security group or firewall of an app server (EC2 instance and the network interfaces it is on, launch template or configuration, droplet) admits a port from the internet (0.0.0.0/0, ::/0, or a range covering a third of the public internet); port 22 and the app port are judged by webtier-ssh-allowlist and webtier-port-80-only-from-balancer.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const byFilter = serversByFilter(graph);
        if (byFilter.size === 0) return;
        const ports = appPorts(graph);
        for (const owner of graph.resources) {
            for (const rule of rulesOf(owner)) {
                const exposed = exposure(rule, ports);
                if (!exposed) continue;
                const targets = rule.target.kind === "itself" ? [owner] : graph.ruleTargets(owner, rule).candidates;
                const servers = [...new Set(targets.flatMap((target) => byFilter.get(target.urn) ?? []))];
                if (servers.length === 0) continue;
                const named =
                    servers.slice(0, 3).map(describe).join(", ") +
                    (servers.length > 3 ? `, and ${servers.length - 3} more` : "");
                const protocol = rule.protocol === "udp" ? "UDP " : "";
                reportViolation(
                    `${ruleLocation(rule, describe(owner))} admits ${protocol}${portsText(rule)} ${exposed}, into ${named}: only the balancer is public. Serve it through the balancer, admit it only from private ranges or your allowlist (as for SSH), or remove the rule.`,
                    owner.urn,
                );
            }
        }
    },
};
