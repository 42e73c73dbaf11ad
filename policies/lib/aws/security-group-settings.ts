/**
 * Security group rules the provider refuses (webtier-preflight-settings): an inline `ingress` or
 * `egress` rule of a SecurityGroup or DefaultSecurityGroup whose protocol is "-1" (all traffic;
 * "all" is read the same) with a port other than 0. terraform-provider-aws refuses it in
 * expandIPPerms (internal/service/ec2/vpc_security_group.go) when it writes the rules, after
 * CreateSecurityGroup: `pulumi up` stops halfway, with the group created and none of its rules.
 * The standalone SecurityGroupRule is not refused (its expandIPPermission drops the ports), and
 * neither is a rule with both ports 0.
 * Any shape of TCP or UDP rule (inline, SecurityGroupRule, the VPC ingress and egress rule
 * resources) whose fromPort is above its toPort: EC2 AuthorizeSecurityGroupIngress/Egress take
 * FromPort as the start and ToPort as the end of the range and refuse a range that ends before
 * it starts (InvalidParameterValue, "Invalid TCP/UDP port range"; read 2026-12-03). ICMP rules
 * carry a type and a code in those fields, so they are not judged.
 */
import { normaliseProtocol } from "../network";
import { Res, describe, isUnknown } from "../values";

const GROUPS = new Set(["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]);
/** Standalone rules, and the name of their protocol property. */
const RULES: Readonly<Record<string, string>> = {
    "aws:ec2/securityGroupRule:SecurityGroupRule": "protocol",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "ipProtocol",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "ipProtocol",
};

/** A TCP or UDP rule's ports in reverse order, as a message, or undefined. */
function reversedPorts(res: Res, at: string, rule: Record<string, unknown>, protocolKey: string): string | undefined {
    const protocol = rule[protocolKey];
    if (protocol === undefined || protocol === null || isUnknown(protocol)) return undefined;
    const name = normaliseProtocol(protocol);
    if (name !== "tcp" && name !== "udp") return undefined;
    const { fromPort, toPort } = rule;
    if (typeof fromPort !== "number" || typeof toPort !== "number" || isUnknown(fromPort) || isUnknown(toPort))
        return undefined;
    if (fromPort <= toPort) return undefined;
    return `${describe(res)}: ${at}fromPort ${fromPort} is above ${at}toPort ${toPort} (${name}); EC2 refuses a port range that ends before it starts. Swap them (fromPort ${toPort}, toPort ${fromPort}), or set both to one port. Source: API ec2 AuthorizeSecurityGroupIngress FromPort and ToPort.`;
}

/** protocolForValue's "-1" ("-1" or "all" in any case); a rule without a protocol is its Check's to refuse. */
function allProtocols(protocol: unknown): boolean {
    return protocol !== undefined && protocol !== null && normaliseProtocol(protocol) === "all";
}

export function securityGroupSettingsProblems(res: Res): string[] {
    const protocolKey = RULES[res.type];
    if (protocolKey) {
        const problem = reversedPorts(res, "", res.props, protocolKey);
        return problem ? [problem] : [];
    }
    if (!GROUPS.has(res.type)) return [];
    const problems: string[] = [];
    for (const direction of ["ingress", "egress"] as const) {
        const rules = res.props[direction];
        if (!Array.isArray(rules)) continue;
        rules.forEach((rule: Record<string, unknown> | undefined, index) => {
            if (!rule || typeof rule !== "object" || isUnknown(rule)) return;
            const reversed = reversedPorts(res, `${direction}[${index}].`, rule, "protocol");
            if (reversed) problems.push(reversed);
            if (!allProtocols(rule.protocol)) return;
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
