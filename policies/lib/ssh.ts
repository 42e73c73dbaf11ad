/**
 * "Is every source of port 22 inside the allowlist?", asked once of a normalised rule.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { Cidr, isVeryBroadPublic, isWorldLike, parseCidrs, publicShare, shareText } from "./cidr";
import { StackGraph } from "./graph";
import { CLOUD_PACKS } from "./clouds";
import { readConfig } from "./config";
import {
    NetworkRule,
    Source,
    admitsTcpPort,
    cidrOf,
    insideAllowlist,
    readsNetworkRules,
    portsText,
    ruleLocation,
    rulesOf,
} from "./network";
import { Res, UNKNOWN, describe, fromResourceArgs, isUnknown } from "./values";

export const SSH_PORT = 22;

export type SshProblem =
    | "world" // 0.0.0.0/0 or ::/0, or a single range covering a third of the public internet
    | "world-pieces" // ranges that together cover the world or a third of its public part
    | "outside-allowlist" // a CIDR not inside any allowlisted range
    | "broad" // no allowlist, and a very broad public range (advisory)
    | "unknown-source" // a source unknown during preview
    | "prefix-list" // a managed prefix list, whose contents a policy cannot see
    | "invalid" // text that is not a CIDR
    | "unfiltered" // a server no firewall covers: every port, 22 included, open to the internet
    | "unfiltered-unknown"; // a server not proven covered by a firewall during preview

export interface SshFinding {
    source: Source;
    problem: SshProblem;
    /** False when the rule's protocol or ports are unknown, so it only may admit port 22. */
    certain: boolean;
}

/**
 * The sources through which `rule` admits (or, with unknown ports, may admit) SSH and which
 * are not proven acceptable. Security group, self, droplet, tag and load balancer sources
 * are private peers and never a finding.
 */
export function sshFindings(rule: NetworkRule, allowlist: readonly string[]): SshFinding[] {
    if (rule.direction !== "ingress") return [];
    const admits = admitsTcpPort(rule, SSH_PORT);
    if (admits === false) return [];
    const certain = admits !== UNKNOWN;
    const findings: SshFinding[] = [];
    for (const source of rule.sources) {
        const problem = sshProblem(source, allowlist);
        if (problem) findings.push({ source, problem, certain });
    }
    return findings;
}

function sshProblem(source: Source, allowlist: readonly string[]): SshProblem | undefined {
    switch (source.kind) {
        case "unknown":
            return "unknown-source";
        case "prefixList":
            return "prefix-list";
        case "cidr": {
            if (isUnknown(source.value)) return "unknown-source";
            const cidr = cidrOf(source);
            if (!cidr) return "invalid";
            if (isWorldLike([cidr])) return "world";
            if (allowlist.length > 0) return insideAllowlist(cidr, allowlist) ? undefined : "outside-allowlist";
            return isVeryBroadPublic(cidr) ? "broad" : undefined;
        }
        default:
            return undefined;
    }
}

/**
 * The CIDRs of a managed list a rule names (AWS prefix lists), when the stack defines it: each
 * cloud's pack reads its own lists.
 */
export function listedRanges(
    graph: StackGraph,
    owner: Res,
    referenceKey: string,
    value: string | typeof UNKNOWN,
): (string | typeof UNKNOWN)[] | undefined {
    for (const pack of CLOUD_PACKS) {
        const ranges = pack.listedRanges?.(graph, owner, referenceKey, value);
        if (ranges !== undefined) return ranges;
    }
    return undefined;
}

/** The known CIDRs a source names: its own, or the entries of a prefix list the stack defines. */
export function sourceRanges(graph: StackGraph, owner: Res, source: Source): Cidr[] {
    if (source.kind === "cidr") return parseCidrs([source.value]);
    if (source.kind === "prefixList")
        return parseCidrs(listedRanges(graph, owner, source.referenceKey, source.value) ?? []);
    return [];
}

/** A finding with where its rule is, for messages: `ingress[0] of security group "x" (port 22)`. */
export interface LocatedSshFinding extends SshFinding {
    where: string;
}

/**
 * What both SSH rules start from: every SSH finding of the resource a resource policy
 * validates, under the policy config's allowlist. Empty for types that hold no network rules.
 */
export function resourceSshFindings(args: ResourceValidationArgs): {
    allowlist: string[];
    findings: LocatedSshFinding[];
} {
    if (!readsNetworkRules(args.type)) return { allowlist: [], findings: [] };
    const { allowSshFrom } = readConfig(args);
    const res = fromResourceArgs(args);
    const findings: LocatedSshFinding[] = [];
    for (const rule of rulesOf(res)) {
        const where = `${ruleLocation(rule, describe(res))} (${portsText(rule)})`;
        for (const finding of sshFindings(rule, allowSshFrom)) findings.push({ ...finding, where });
    }
    return { allowlist: allowSshFrom, findings };
}

/** One SSH finding of a stack validation, with the resource to report it on. */
export interface StackSshFinding extends LocatedSshFinding {
    owner: Res;
    /** For "world-pieces": how much of the internet the pieces cover together. */
    together?: string;
    /** For "world-pieces" that add up only across groups or firewalls: the server they all reach. */
    across?: Res;
    /** For "unfiltered" servers: why nothing filters them, and what would (the cloud's words). */
    why?: string;
    cover?: string;
}

/** CIDRs one rule admits SSH from, into one group or firewall. */
interface Piece {
    owner: Res;
    where: string;
    cidrs: Cidr[];
    certain: boolean;
    source: Source;
}

/**
 * Every SSH finding of a stack: what `sshFindings` says of each rule, with two things only the
 * whole stack shows. A prefix list the stack defines is judged by its entries (each must pass as a
 * CIDR would). And the CIDRs that admit SSH into one security group (or through one firewall),
 * across all its rules and resources, are taken together, and so are those of every group or
 * firewall filtering one server (an instance in two groups, a droplet two firewalls cover):
 * pieces that add up to the world or a third of its public part are as open as 0.0.0.0/0.
 */
export function stackSshFindings(graph: StackGraph, allowlist: readonly string[]): StackSshFinding[] {
    const findings: StackSshFinding[] = [];
    const pieces = new Map<string, Piece[]>();
    for (const owner of graph.resources) {
        for (const rule of rulesOf(owner)) {
            const where = `${ruleLocation(rule, describe(owner))} (${portsText(rule)})`;
            for (const finding of sshFindings(rule, allowlist)) {
                if (finding.problem === "prefix-list") {
                    const cidrs = listedRanges(graph, owner, finding.source.referenceKey, finding.source.value);
                    if (cidrs !== undefined) {
                        // Judge each entry as if the rule named it directly.
                        for (const cidr of cidrs) {
                            const entry: Source = {
                                kind: "cidr",
                                value: cidr,
                                referenceKey: finding.source.referenceKey,
                            };
                            for (const inner of sshFindings({ ...rule, sources: [entry] }, allowlist)) {
                                findings.push({
                                    ...inner,
                                    source: {
                                        ...entry,
                                        value: isUnknown(cidr)
                                            ? UNKNOWN
                                            : `${cidr} (in prefix list ${isUnknown(finding.source.value) ? "unknown during preview" : finding.source.value})`,
                                    },
                                    where,
                                    owner,
                                });
                            }
                        }
                        continue;
                    }
                }
                findings.push({ ...finding, where, owner });
            }
            // Collect the CIDRs admitting SSH, per protected group (or firewall).
            if (rule.direction !== "ingress" || admitsTcpPort(rule, SSH_PORT) === false) continue;
            const targets = rule.target.kind === "itself" ? [owner] : graph.ruleTargets(owner, rule).candidates;
            const key = targets.length === 1 ? targets[0].urn : owner.urn;
            for (const source of rule.sources) {
                const cidrs = sourceRanges(graph, owner, source);
                if (cidrs.length === 0) continue;
                const list = pieces.get(key) ?? [];
                list.push({ owner, where, cidrs, certain: admitsTcpPort(rule, SSH_PORT) === true, source });
                pieces.set(key, list);
            }
        }
    }
    const reported = new Set<Piece>();
    const report = (list: Piece[], across?: Res) => {
        const all = list.flatMap((p) => p.cidrs);
        for (const piece of list) {
            // Ranges already refused one by one (world, outside the allowlist) need no second message,
            // nor does a piece already reported (servers that share their groups share their pieces)
            // or one that adds no public address (a private range is not what opens the server).
            if (
                reported.has(piece) ||
                (publicShare(piece.cidrs, 4) === 0 && publicShare(piece.cidrs, 6) === 0) ||
                piece.cidrs.every((c) => isWorldLike([c]) || (allowlist.length > 0 && !insideAllowlist(c, allowlist)))
            )
                continue;
            reported.add(piece);
            findings.push({
                source: piece.source,
                problem: "world-pieces",
                certain: piece.certain,
                where: piece.where,
                owner: piece.owner,
                together: shareText(all),
                across,
            });
        }
    };
    // A server nothing filters (a droplet no firewall covers) has SSH open to the internet.
    for (const pack of CLOUD_PACKS) {
        for (const { server, unknown, why, cover } of pack.unfilteredServers?.(graph) ?? []) {
            findings.push({
                why,
                cover,
                source: { kind: "cidr", value: "0.0.0.0/0", referenceKey: "" },
                problem: unknown ? "unfiltered-unknown" : "unfiltered",
                certain: !unknown,
                where: describe(server),
                owner: server,
            });
        }
    }
    const worldLike = (list: Piece[]) => isWorldLike(list.flatMap((p) => p.cidrs));
    for (const list of pieces.values()) if (worldLike(list)) report(list);
    for (const pack of CLOUD_PACKS) {
        for (const { server, filters } of pack.serverFilters?.(graph) ?? []) {
            const lists = filters.map((filter) => pieces.get(filter.urn)).filter((l): l is Piece[] => l !== undefined);
            // A group or firewall that is as open alone was reported above.
            if (lists.length < 2 || lists.some(worldLike)) continue;
            if (worldLike(lists.flat())) report(lists.flat(), server);
        }
    }
    return findings;
}
