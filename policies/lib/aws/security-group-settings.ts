/**
 * Security group rules the provider refuses (webtier-preflight-settings): an inline `ingress` or
 * `egress` rule of a SecurityGroup or DefaultSecurityGroup whose protocol is "-1" (all traffic;
 * "all" is read the same) with a port other than 0. terraform-provider-aws refuses it in
 * expandIPPerms (internal/service/ec2/vpc_security_group.go) when it writes the rules, after
 * CreateSecurityGroup: `pulumi up` stops halfway, with the group created and none of its rules.
 * The standalone SecurityGroupRule is not refused (its expandIPPermission drops the ports), and
 * neither is a rule with both ports 0.
 */
import { normaliseProtocol } from "../network";
import { Res, describe, isUnknown } from "../values";

const GROUPS = new Set(["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]);

/** protocolForValue's "-1" ("-1" or "all" in any case); a rule without a protocol is its Check's to refuse. */
function allProtocols(protocol: unknown): boolean {
    return protocol !== undefined && protocol !== null && normaliseProtocol(protocol) === "all";
}

export function securityGroupSettingsProblems(res: Res): string[] {
    if (!GROUPS.has(res.type)) return [];
    const problems: string[] = [];
    for (const direction of ["ingress", "egress"] as const) {
        const rules = res.props[direction];
        if (!Array.isArray(rules)) continue;
        rules.forEach((rule: Record<string, unknown> | undefined, index) => {
            if (!rule || typeof rule !== "object" || !allProtocols(rule.protocol)) return;
            const { fromPort, toPort } = rule;
            if (isUnknown(fromPort) || isUnknown(toPort)) return;
            const port = (value: unknown) => (typeof value === "number" ? value : 0);
            if (port(fromPort) === 0 && port(toPort) === 0) return;
            problems.push(
                `${describe(res)}: ${direction}[${index}] has protocol "${String(rule.protocol)}" (every protocol and port) with fromPort ${String(fromPort)} and toPort ${String(toPort)}; the provider refuses it when it writes the group's rules, after creating the group ("from_port (${port(fromPort)}) and to_port (${port(toPort)}) must both be 0 to use the 'ALL' "-1" protocol!"). Set fromPort and toPort to 0, or name the protocol ("tcp") to open a port range. Source: terraform-provider-aws ec2 expandIPPerms.`,
            );
        });
    }
    return problems;
}
