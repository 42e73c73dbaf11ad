/**
 * AWS security groups and their rules as `NetworkRule`s:
 * - `SecurityGroup` / `DefaultSecurityGroup` inline `ingress` / `egress` blocks,
 * - `ec2.SecurityGroupRule` (`type` ingress or egress),
 * - `vpc.SecurityGroupIngressRule` / `vpc.SecurityGroupEgressRule`,
 * - the native provider's `ec2.SecurityGroup` (`securityGroupIngress` / `securityGroupEgress`) and
 *   `ec2.SecurityGroupIngress` / `ec2.SecurityGroupEgress`;
 * and the rules a service writes into a group of its own (implied-rules.ts).
 */
import type * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { ALL_PORTS, NetworkRule, Source, normaliseProtocol, sourcesFrom, unknownRule } from "../network";
import { Res, UNKNOWN, Unknown, isUnknown, listOf } from "../values";
import { beanstalkRules, eksNodeGroupRules } from "./implied-rules";
import { SECURITY_GROUP_TYPES } from "./types";
import { LIGHTSAIL, instancePublicPortsRules } from "./lightsail";

export const TYPES = {
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
} as const;

/**
 * AWS port pair to a range. "-1" (and an all-protocol rule) means every port; so does 0-0,
 * which is what the console and Terraform write for "all" and which is safer to over-read
 * than to under-read.
 */
export function awsPorts(
    protocol: string | Unknown,
    from: unknown,
    to: unknown,
): { from: number | Unknown; to: number | Unknown } {
    if (protocol === "all") return { ...ALL_PORTS };
    if (isUnknown(from) || isUnknown(to)) return { from: UNKNOWN, to: UNKNOWN };
    const f = from === undefined || from === null ? -1 : Number(from);
    const t = to === undefined || to === null ? -1 : Number(to);
    if (f === -1 || t === -1 || (f === 0 && t === 0)) return { ...ALL_PORTS };
    return { from: f, to: t };
}

type SecurityGroupArgs = Unwrap<aws.ec2.SecurityGroupArgs>;
type SecurityGroupRuleArgs = Unwrap<aws.ec2.SecurityGroupRuleArgs>;
type IngressRuleArgs = Unwrap<aws.vpc.SecurityGroupIngressRuleArgs>;
type InlineRule = NonNullable<SecurityGroupArgs["ingress"]>[number];

function inlineRules(res: Res, key: "ingress" | "egress"): NetworkRule[] {
    const direction = key;
    const blocks = listOf<InlineRule>(res.props[key]);
    return blocks.map((block, index) => {
        const path = `${key}[${index}]`;
        if (isUnknown(block) || block === null || typeof block !== "object")
            return unknownRule(direction, path, key, { kind: "itself" });
        const protocol = normaliseProtocol(block.protocol);
        const ports = awsPorts(protocol, block.fromPort, block.toPort);
        const sources: Source[] = [
            ...sourcesFrom("cidr", block.cidrBlocks, key),
            ...sourcesFrom("cidr", block.ipv6CidrBlocks, key),
            ...sourcesFrom("securityGroup", block.securityGroups, key),
            ...sourcesFrom("prefixList", block.prefixListIds, key),
        ];
        if (isUnknown(block.self)) sources.push({ kind: "unknown", value: UNKNOWN, referenceKey: key });
        else if (block.self === true) sources.push({ kind: "self", value: "self", referenceKey: key });
        return {
            direction,
            protocol,
            fromPort: ports.from,
            toPort: ports.to,
            sources,
            path,
            target: { kind: "itself" },
        };
    });
}

function securityGroupRule(res: Res): NetworkRule[] {
    const p = res.props as Partial<SecurityGroupRuleArgs>;
    const target: NetworkRule["target"] = {
        kind: "securityGroup",
        value: isUnknown(p.securityGroupId) ? UNKNOWN : String(p.securityGroupId ?? ""),
        referenceKey: "securityGroupId",
        types: SECURITY_GROUP_TYPES,
    };
    if (isUnknown(p.type)) return [unknownRule("ingress", "", "type", target)];
    const direction = p.type === "egress" ? "egress" : "ingress";
    const protocol = normaliseProtocol(p.protocol);
    const ports = awsPorts(protocol, p.fromPort, p.toPort);
    const sources: Source[] = [
        ...sourcesFrom("cidr", p.cidrBlocks, "cidrBlocks"),
        ...sourcesFrom("cidr", p.ipv6CidrBlocks, "ipv6CidrBlocks"),
        ...sourcesFrom("prefixList", p.prefixListIds, "prefixListIds"),
        ...sourcesFrom("securityGroup", p.sourceSecurityGroupId, "sourceSecurityGroupId"),
    ];
    if (isUnknown(p.self)) sources.push({ kind: "unknown", value: UNKNOWN, referenceKey: "self" });
    else if (p.self === true) sources.push({ kind: "self", value: "self", referenceKey: "self" });
    return [{ direction, protocol, fromPort: ports.from, toPort: ports.to, sources, path: "", target }];
}

function vpcRule(res: Res, direction: "ingress" | "egress"): NetworkRule[] {
    const p = res.props as Partial<IngressRuleArgs>;
    const target: NetworkRule["target"] = {
        kind: "securityGroup",
        value: isUnknown(p.securityGroupId) ? UNKNOWN : String(p.securityGroupId ?? ""),
        referenceKey: "securityGroupId",
        types: SECURITY_GROUP_TYPES,
    };
    const protocol = normaliseProtocol(p.ipProtocol);
    const ports = awsPorts(protocol, p.fromPort, p.toPort);
    const sources: Source[] = [
        ...sourcesFrom("cidr", p.cidrIpv4, "cidrIpv4"),
        ...sourcesFrom("cidr", p.cidrIpv6, "cidrIpv6"),
        ...sourcesFrom("prefixList", p.prefixListId, "prefixListId"),
        ...sourcesFrom("securityGroup", p.referencedSecurityGroupId, "referencedSecurityGroupId"),
    ];
    return [{ direction, protocol, fromPort: ports.from, toPort: ports.to, sources, path: "", target }];
}

/** A rule of the native provider (CloudFormation's AWS::EC2::SecurityGroup rule shapes). */
interface NativeRule {
    ipProtocol?: string;
    fromPort?: number;
    toPort?: number;
    cidrIp?: string;
    cidrIpv6?: string;
    sourceSecurityGroupId?: string;
    sourcePrefixListId?: string;
    destinationSecurityGroupId?: string;
    destinationPrefixListId?: string;
}

/**
 * One native rule's ports and sources (the other end: source for ingress, destination for
 * egress), each source with the top-level property its dependencies are reported under.
 */
function nativeRule(
    rule: NativeRule,
    direction: "ingress" | "egress",
    keyOf: (field: keyof NativeRule) => string,
    path: string,
    target: NetworkRule["target"],
): NetworkRule {
    const protocol = normaliseProtocol(rule.ipProtocol);
    const ports = awsPorts(protocol, rule.fromPort, rule.toPort);
    const [group, prefixList] =
        direction === "ingress"
            ? (["sourceSecurityGroupId", "sourcePrefixListId"] as const)
            : (["destinationSecurityGroupId", "destinationPrefixListId"] as const);
    const sources: Source[] = [
        ...sourcesFrom("cidr", rule.cidrIp, keyOf("cidrIp")),
        ...sourcesFrom("cidr", rule.cidrIpv6, keyOf("cidrIpv6")),
        ...sourcesFrom("securityGroup", rule[group], keyOf(group)),
        ...sourcesFrom("prefixList", rule[prefixList], keyOf(prefixList)),
    ];
    return { direction, protocol, fromPort: ports.from, toPort: ports.to, sources, path, target };
}

/** A native SecurityGroup's `securityGroupIngress` / `securityGroupEgress` blocks. */
function nativeInlineRules(res: Res, key: "securityGroupIngress" | "securityGroupEgress"): NetworkRule[] {
    const direction = key === "securityGroupIngress" ? "ingress" : "egress";
    return listOf<NativeRule>(res.props[key]).map((block, index) => {
        const path = `${key}[${index}]`;
        if (isUnknown(block) || block === null || typeof block !== "object")
            return unknownRule(direction, path, key, { kind: "itself" });
        return nativeRule(block, direction, () => key, path, { kind: "itself" });
    });
}

/** A native SecurityGroupIngress / SecurityGroupEgress: one rule of the group named by `groupId`. */
function nativeStandaloneRule(res: Res, direction: "ingress" | "egress"): NetworkRule[] {
    const p = res.props as NativeRule & { groupId?: string | Unknown };
    const target: NetworkRule["target"] = {
        kind: "securityGroup",
        value: isUnknown(p.groupId) ? UNKNOWN : String(p.groupId ?? ""),
        referenceKey: "groupId",
        types: SECURITY_GROUP_TYPES,
    };
    return [nativeRule(p, direction, (field) => field, "", target)];
}

/** The network rules of each AWS type that holds them. */
export const AWS_NETWORK_RULES: Readonly<Record<string, (res: Res) => NetworkRule[]>> = {
    [TYPES.securityGroup]: (res) => [...inlineRules(res, "ingress"), ...inlineRules(res, "egress")],
    [TYPES.defaultSecurityGroup]: (res) => [...inlineRules(res, "ingress"), ...inlineRules(res, "egress")],
    [TYPES.securityGroupRule]: securityGroupRule,
    [TYPES.ingressRule]: (res) => vpcRule(res, "ingress"),
    [TYPES.egressRule]: (res) => vpcRule(res, "egress"),
    // The native provider (CloudFormation shapes).
    "aws-native:ec2:SecurityGroup": (res) => [
        ...nativeInlineRules(res, "securityGroupIngress"),
        ...nativeInlineRules(res, "securityGroupEgress"),
    ],
    "aws-native:ec2:SecurityGroupIngress": (res) => nativeStandaloneRule(res, "ingress"),
    "aws-native:ec2:SecurityGroupEgress": (res) => nativeStandaloneRule(res, "egress"),
    // What a service opens in a security group of its own (implied-rules.ts).
    "aws:eks/nodeGroup:NodeGroup": eksNodeGroupRules,
    "aws:elasticbeanstalk/environment:Environment": beanstalkRules,
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": beanstalkRules,
    // Lightsail instances' own firewalls (lightsail.ts).
    [LIGHTSAIL.publicPorts]: instancePublicPortsRules,
};
