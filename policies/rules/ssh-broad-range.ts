/**
 * Without an allowlist, SSH from a very broad public range (shorter than /8 on IPv4, /32 on
 * IPv6) is not world-open in name but is in practice. Advisory: configure `allowSshFrom`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig, schemaFor } from "../lib/config";
import { NETWORK_RULE_TYPES, portsText, rulesOf, ruleLocation } from "../lib/network";
import { sshFindings } from "../lib/ssh";
import { describe, fromResourceArgs } from "../lib/values";

export const sshBroadRange: ResourceValidationPolicy = {
    name: "webtier-ssh-broad-range",
    description: "Warns when port 22 is open to a very broad public range and no allowSshFrom allowlist is configured.",
    enforcementLevel: "advisory",
    configSchema: schemaFor("allowSshFrom"),
    validateResource: (args, reportViolation) => {
        if (!NETWORK_RULE_TYPES.includes(args.type)) return;
        const { allowSshFrom } = readConfig(args);
        const res = fromResourceArgs(args);
        for (const rule of rulesOf(res)) {
            for (const finding of sshFindings(rule, allowSshFrom)) {
                if (finding.problem !== "broad") continue;
                reportViolation(
                    `${ruleLocation(rule, describe(res))} (${portsText(rule)}) admits SSH from ${String(finding.source.value)}, ` +
                    "a public range so broad it is open in all but name. Narrow it to your office or VPN ranges and list them in allowSshFrom.",
                );
            }
        }
    },
};
