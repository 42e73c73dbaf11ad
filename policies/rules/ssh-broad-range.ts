/**
 * Without an allowlist, SSH from a very broad public range (more public addresses than a /8 on
 * IPv4 or a /32 on IPv6) is not world-open in name but is in practice. Advisory: configure
 * `allowSshFrom`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { schemaFor } from "../lib/config";
import { resourceSshFindings } from "../lib/ssh";

export const sshBroadRange: ResourceValidationPolicy = {
    name: "webtier-ssh-broad-range",
    description: "Warns when port 22 is open to a very broad public range and no allowSshFrom allowlist is configured.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: schemaFor("allowSshFrom"),
    validateResource: (args, reportViolation) => {
        for (const finding of resourceSshFindings(args).findings.filter((f) => f.problem === "broad")) {
            reportViolation(
                `${finding.where} admits SSH from ${String(finding.source.value)}, ` +
                    "a public range so broad it is open in all but name. Narrow it to your office or VPN ranges and list them in allowSshFrom.",
            );
        }
    },
};
