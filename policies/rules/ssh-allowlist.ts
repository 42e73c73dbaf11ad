/**
 * SSH only from the allowlist: no rule on either cloud may admit port 22 (directly, through
 * a port range, or through an all-ports / all-protocols rule) from the world, or, when
 * `allowSshFrom` is configured, from anywhere outside it.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { schemaFor } from "../lib/config";
import { LocatedSshFinding, resourceSshFindings } from "../lib/ssh";
import { isUnknown } from "../lib/values";

function message(finding: LocatedSshFinding, allowlist: string[]): string {
    const { source, where } = finding;
    const value = isUnknown(source.value) ? "a source unknown during preview" : source.value;
    const reach = finding.certain ? "admits SSH (port 22)" : "may admit SSH (port 22; protocol or ports unknown during preview)";
    const fix = allowlist.length > 0
        ? `Allow port 22 only from the configured allowSshFrom ranges (${allowlist.join(", ")}), or add the range to allowSshFrom (webtier:servers.allowSshFrom) if it is trusted.`
        : "Allow port 22 only from your office or VPN ranges (webtier:servers.allowSshFrom, and the policy config allowSshFrom), or remove the rule to close SSH.";
    switch (finding.problem) {
        case "world":
            return `${where} ${reach} from ${value}, the whole internet. ${fix}`;
        case "outside-allowlist":
            return `${where} ${reach} from ${value}, which is outside the allowlist. ${fix}`;
        case "prefix-list":
            return `${where} ${reach} from prefix list ${value}, whose ranges a policy cannot check. Use the allowlisted CIDRs instead. ${fix}`;
        case "invalid":
            return `${where} ${reach} from "${value}", which is not a valid CIDR. ${fix}`;
        default:
            return `${where} ${reach} from ${value}: it cannot be proven to be inside the allowlist. Use literal CIDRs known before deployment. ${fix}`;
    }
}

export const sshAllowlist: ResourceValidationPolicy = {
    name: "webtier-ssh-allowlist",
    description: "Port 22 (and all-ports rules) is reachable only from the configured allowSshFrom CIDRs, never from 0.0.0.0/0 or ::/0, on AWS security groups and DigitalOcean firewalls.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: schemaFor("allowSshFrom"),
    validateResource: (args, reportViolation) => {
        const { allowlist, findings } = resourceSshFindings(args);
        // webtier-ssh-broad-range warns about the "broad" ones.
        for (const finding of findings.filter((f) => f.problem !== "broad")) reportViolation(message(finding, allowlist));
    },
};
