/**
 * SSH only from the allowlist: no rule on either cloud may admit port 22 (directly, through
 * a port range, or through an all-ports / all-protocols rule) from the world, or, when
 * `allowSshFrom` is configured, from anywhere outside it. "The world" includes ranges that cover
 * a third or more of the public internet, alone or together (0.0.0.0/1 + 128.0.0.0/1,
 * 2000::/3), across every rule into the same security group or firewall, and across the groups or
 * firewalls of one server. A stack policy, so that it sees those rules together and the entries
 * of the prefix lists the stack defines.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { readConfig, schemaFor } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { StackSshFinding, stackSshFindings } from "../lib/ssh";
import { describe, fromStackResources, isUnknown } from "../lib/values";

function message(finding: StackSshFinding, allowlist: string[]): string {
    const { source, where } = finding;
    const value = isUnknown(source.value) ? "a source unknown during preview" : source.value;
    const reach = finding.certain
        ? "admits SSH (port 22)"
        : "may admit SSH (port 22; protocol or ports unknown during preview)";
    const fix =
        allowlist.length > 0
            ? `Allow port 22 only from the configured allowSshFrom ranges (${allowlist.join(", ")}), or add the range to allowSshFrom (webtier:servers.allowSshFrom) if it is trusted.`
            : "Allow port 22 only from your office or VPN ranges (webtier:servers.allowSshFrom, and the policy config allowSshFrom), or remove the rule to close SSH.";
    const ranges =
        allowlist.length > 0
            ? `the configured allowSshFrom ranges (${allowlist.join(", ")})`
            : "your office or VPN ranges (webtier:servers.allowSshFrom, and the policy config allowSshFrom)";
    switch (finding.problem) {
        case "world":
            return `${where} ${reach} from ${value}, the whole internet (or a third or more of its public part). ${fix}`;
        case "world-pieces":
            return finding.across
                ? `${where} ${reach} from ${value}, which with the ranges its other security groups or firewalls admit SSH from into ${describe(finding.across)} covers ${finding.together}: as open as 0.0.0.0/0. ${fix}`
                : `${where} ${reach} from ${value}, which with the other ranges admitting SSH into the same group covers ${finding.together}: as open as 0.0.0.0/0. ${fix}`;
        case "outside-allowlist":
            return `${where} ${reach} from ${value}, which is outside the allowlist. ${fix}`;
        case "prefix-list":
            return `${where} ${reach} from prefix list ${value}, whose ranges a policy cannot check. Use the allowlisted CIDRs instead. ${fix}`;
        case "unfiltered":
            return `${where} ${finding.why}, so SSH (port 22) on its public address is open to the internet. ${finding.cover} that admits port 22 only from ${ranges}.`;
        case "unfiltered-unknown":
            return `${where} ${finding.why}, so SSH (port 22) may be open to the internet. ${finding.cover} that admits port 22 only from ${ranges}.`;
        case "invalid":
            return `${where} ${reach} from "${value}", which is not a valid CIDR. ${fix}`;
        default:
            return `${where} ${reach} from ${value}: it cannot be proven to be inside the allowlist. Use literal CIDRs known before deployment. ${fix}`;
    }
}

export const sshAllowlist: StackValidationPolicy = {
    name: "webtier-ssh-allowlist",
    description:
        "Port 22 (and all-ports rules) is reachable only from the configured allowSshFrom CIDRs, never from the world (0.0.0.0/0, ::/0, or ranges covering a third of the public internet alone or together), on AWS security groups (prefix lists of the stack judged by their entries), Lightsail instance firewalls (an instance none names keeps SSH open to all) and DigitalOcean firewalls.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: schemaFor("allowSshFrom"),
    validateStack: (args, reportViolation) => {
        const { allowSshFrom } = readConfig(args);
        const graph = new StackGraph(fromStackResources(args.resources));
        // webtier-ssh-broad-range warns about the "broad" ones.
        for (const finding of stackSshFindings(graph, allowSshFrom).filter((f) => f.problem !== "broad")) {
            reportViolation(message(finding, allowSshFrom), finding.owner.urn);
        }
    },
};
