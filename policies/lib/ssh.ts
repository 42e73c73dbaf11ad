/**
 * "Is every source of port 22 inside the allowlist?", asked once of a normalised rule.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { isVeryBroadPublic, isWorldOpen } from "./cidr";
import { readConfig } from "./config";
import { NETWORK_RULE_TYPES, NetworkRule, Source, admitsTcpPort, cidrOf, insideAllowlist, portsText, ruleLocation, rulesOf } from "./network";
import { UNKNOWN, describe, fromResourceArgs, isUnknown } from "./values";

export const SSH_PORT = 22;

export type SshProblem =
    | "world" // 0.0.0.0/0 or ::/0
    | "outside-allowlist" // a CIDR not inside any allowlisted range
    | "broad" // no allowlist, and a very broad public range (advisory)
    | "unknown-source" // a source unknown during preview
    | "prefix-list" // a managed prefix list, whose contents a policy cannot see
    | "invalid"; // text that is not a CIDR

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
            if (isWorldOpen(cidr)) return "world";
            if (allowlist.length > 0) return insideAllowlist(cidr, allowlist) ? undefined : "outside-allowlist";
            return isVeryBroadPublic(cidr) ? "broad" : undefined;
        }
        default:
            return undefined;
    }
}

/** A finding with where its rule is, for messages: `ingress[0] of security group "x" (port 22)`. */
export interface LocatedSshFinding extends SshFinding {
    where: string;
}

/**
 * What both SSH rules start from: every SSH finding of the resource a resource policy
 * validates, under the policy config's allowlist. Empty for types that hold no network rules.
 */
export function resourceSshFindings(args: ResourceValidationArgs): { allowlist: string[]; findings: LocatedSshFinding[] } {
    if (!NETWORK_RULE_TYPES.includes(args.type)) return { allowlist: [], findings: [] };
    const { allowSshFrom } = readConfig(args);
    const res = fromResourceArgs(args);
    const findings: LocatedSshFinding[] = [];
    for (const rule of rulesOf(res)) {
        const where = `${ruleLocation(rule, describe(res))} (${portsText(rule)})`;
        for (const finding of sshFindings(rule, allowSshFrom)) findings.push({ ...finding, where });
    }
    return { allowlist: allowSshFrom, findings };
}
