/**
 * Only the balancer is public, on every port: no security group or firewall that filters an app
 * server (an EC2 instance, with the groups of the network interfaces it is on; the instances a
 * launch template or configuration starts; an ECS service's tasks; a droplet or the droplets of an
 * autoscale pool)
 * admits any other port from the internet either: an admin console on 8443, a database on 3306,
 * the app itself on 3000 with no balancer in front. "The internet" is 0.0.0.0/0, ::/0 or ranges
 * covering a third or more of the public internet, as for SSH: alone, in a prefix list the stack
 * defines, or together, across the rules of every group or firewall filtering one server that
 * admit the same port.
 *
 * Two ports are left to the rules written for them, so a rule is reported once: 22
 * (webtier-ssh-allowlist, which also knows the allowlist) and the app port
 * (webtier-port-80-only-from-balancer, which refuses any CIDR there). So is a rule whose ports
 * or protocol are unknown during preview: both of those report it as one that may admit theirs.
 * ICMP is not a service a server exposes and is not looked at.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Cidr, isWorldLike, parseCidr, shareText } from "../lib/cidr";
import { CLOUD_PACKS } from "../lib/clouds";
import { StackGraph } from "../lib/graph";
import { NetworkRule, Source, admitsTcpPort, cidrOf, portsText, ruleLocation, rulesOf } from "../lib/network";
import { SSH_PORT, listedRanges, sourceRanges } from "../lib/ssh";
import { Res, UNKNOWN, Unknown, describe, fromStackResources, isUnknown } from "../lib/values";
import { appPorts } from "./port-80-only-from-balancer";

/** Is the rule this policy's to judge: inbound, not ICMP, and proven not to admit port 22 or an app port. */
function judged(rule: NetworkRule, ports: readonly number[]): boolean {
    if (rule.direction !== "ingress") return false;
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") return false;
    // Port 22 and the app ports, or possibly them (ports unknown), are the other two rules'.
    return [SSH_PORT, ...ports].every((port) => admitsTcpPort(rule, port) === false);
}

/** What a server exposes through one rule on its own: undefined when the rule is another rule's to judge, or exposes nothing alone. */
export function exposure(
    rule: NetworkRule,
    ports: readonly number[],
    listed: (source: Source) => (string | Unknown)[] | undefined = () => undefined,
): string | undefined {
    if (!judged(rule, ports)) return undefined;
    for (const source of rule.sources) {
        if (source.kind === "unknown" || (source.kind === "cidr" && isUnknown(source.value)))
            return "from a source unknown during preview, which cannot be proven not to be the internet";
        const cidr = cidrOf(source);
        if (cidr !== undefined && isWorldLike([cidr]))
            return `from ${source.value as string}, the whole internet (or a third or more of its public part)`;
        if (source.kind !== "prefixList") continue;
        // A prefix list the stack defines is judged by its entries, as if the rule named them.
        const entries = listed(source) ?? [];
        const list = isUnknown(source.value) ? "a prefix list unknown during preview" : `prefix list ${source.value}`;
        if (entries.some(isUnknown))
            return `from ${list}, whose entries are unknown during preview and cannot be proven not to be the internet`;
        const world = entries.find((entry) => {
            const parsed = parseCidr(entry as string);
            return parsed !== undefined && isWorldLike([parsed]);
        });
        if (world !== undefined)
            return `from ${world as string} (in ${list}), the whole internet (or a third or more of its public part)`;
    }
    return undefined;
}

/** One rule's ranges into one server, for adding up. */
export interface Piece {
    owner: Res;
    rule: NetworkRule;
    /** "tcp", "udp" or another protocol; known here (judged rules have known ports and protocol). */
    protocol: string;
    from: number;
    to: number;
    cidrs: Cidr[];
}

/**
 * The ports (per protocol) at which the pieces into one server add up to the internet, though no
 * single range does alone: each such port range with the pieces that admit it (one rule may name
 * all the ranges). Ports are cut wherever a piece starts or ends, so each range is admitted by the
 * same pieces throughout.
 */
export function worldTogether(
    pieces: readonly Piece[],
): { protocol: string; from: number; to: number; pieces: Piece[] }[] {
    const found: { protocol: string; from: number; to: number; pieces: Piece[] }[] = [];
    for (const protocol of new Set(pieces.map((p) => p.protocol))) {
        const same = pieces.filter((p) => p.protocol === protocol);
        const cuts = [...new Set(same.flatMap((p) => [p.from, p.to + 1]))].sort((a, b) => a - b);
        for (let i = 0; i + 1 < cuts.length; i++) {
            const [from, to] = [cuts[i], cuts[i + 1] - 1];
            const covering = same.filter((p) => p.from <= from && to <= p.to);
            if (covering.length === 0 || !isWorldLike(covering.flatMap((p) => p.cidrs))) continue;
            const last = found[found.length - 1];
            // Neighbouring ranges opened by the same pieces read as one.
            if (
                last &&
                last.protocol === protocol &&
                last.to + 1 === from &&
                last.pieces.length === covering.length &&
                last.pieces.every((p) => covering.includes(p))
            )
                last.to = to;
            else found.push({ protocol, from, to, pieces: covering });
        }
    }
    return found;
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
        "Only the balancer is public, on every port: no security group or firewall of an app server (EC2 instance and the network interfaces it is on, the VPC's default group of one naming none, launch template or configuration, ECS service, droplet or autoscale pool) admits a port from the internet (0.0.0.0/0, ::/0, or ranges covering a third of the public internet: alone, in a prefix list of the stack, or added up across the rules and groups or firewalls of one server); port 22 and the app port are judged by webtier-ssh-allowlist and webtier-port-80-only-from-balancer.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const byFilter = serversByFilter(graph);
        if (byFilter.size === 0) return;
        const ports = appPorts(graph);
        const named = (servers: Res[]) =>
            servers.slice(0, 3).map(describe).join(", ") +
            (servers.length > 3 ? `, and ${servers.length - 3} more` : "");
        const piecesOf = new Map<Res, Piece[]>();
        for (const owner of graph.resources) {
            for (const rule of rulesOf(owner)) {
                if (!judged(rule, ports)) continue;
                const listed = (source: Source) =>
                    listedRanges(graph, owner, source.referenceKey, source.value) ??
                    (isUnknown(source.value) ? [UNKNOWN] : undefined);
                const targets = rule.target.kind === "itself" ? [owner] : graph.ruleTargets(owner, rule).candidates;
                const servers = [...new Set(targets.flatMap((target) => byFilter.get(target.urn) ?? []))];
                if (servers.length === 0) continue;
                const protocol = rule.protocol === "udp" ? "UDP " : "";
                const exposed = exposure(rule, ports, listed);
                if (exposed) {
                    reportViolation(
                        `${ruleLocation(rule, describe(owner))} admits ${protocol}${portsText(rule)} ${exposed}, into ${named(servers)}: only the balancer is public. Serve it through the balancer, admit it only from private ranges or your allowlist (as for SSH), or remove the rule.`,
                        owner.urn,
                    );
                    continue;
                }
                const cidrs = rule.sources.flatMap((source) => sourceRanges(graph, owner, source));
                if (
                    cidrs.length === 0 ||
                    isUnknown(rule.protocol) ||
                    isUnknown(rule.fromPort) ||
                    isUnknown(rule.toPort)
                )
                    continue;
                for (const server of servers) {
                    const piece: Piece = {
                        owner,
                        rule,
                        protocol: rule.protocol,
                        from: rule.fromPort,
                        to: rule.toPort,
                        cidrs,
                    };
                    piecesOf.set(server, [...(piecesOf.get(server) ?? []), piece]);
                }
            }
        }
        // Ranges that add up to the internet across rules, groups or firewalls of one server: each
        // rule reported once, on its own resource, naming every server it opens that way.
        const opened = new Map<
            NetworkRule,
            { piece: Piece; servers: Res[]; together: string; ports: string; alone: boolean }
        >();
        for (const [server, pieces] of piecesOf) {
            for (const range of worldTogether(pieces)) {
                const together = shareText(range.pieces.flatMap((p) => p.cidrs));
                const portText = range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
                for (const piece of range.pieces) {
                    const entry = opened.get(piece.rule) ?? {
                        piece,
                        servers: [],
                        together,
                        ports: portText,
                        alone: range.pieces.length === 1,
                    };
                    if (!entry.servers.includes(server)) entry.servers.push(server);
                    opened.set(piece.rule, entry);
                }
            }
        }
        for (const { piece, servers, together, ports: portText, alone } of opened.values()) {
            const protocol = piece.protocol === "udp" ? "UDP " : "";
            const how = alone
                ? `into ${named(servers)} from ranges that together cover ${together}`
                : `from ${piece.cidrs.length === 1 ? "a range" : "ranges"} that, with the other rules admitting ${protocol}${portText} into ${named(servers)}, cover ${together}`;
            reportViolation(
                `${ruleLocation(piece.rule, describe(piece.owner))} admits ${protocol}${portsText(piece.rule)} ${how}: as open as 0.0.0.0/0. Only the balancer is public: serve it through the balancer, admit it only from private ranges or your allowlist, or remove the rules.`,
                piece.owner.urn,
            );
        }
    },
};
