/**
 * Every resource shape that can admit traffic, normalised to one `NetworkRule`, so that
 * each question ("does this rule admit port 22 from the world?") is answered by one
 * predicate whatever the cloud or the resource shape.
 *
 * Shapes covered:
 * - AWS `SecurityGroup` / `DefaultSecurityGroup` inline `ingress` / `egress` blocks,
 * - AWS `ec2.SecurityGroupRule` (`type` ingress or egress),
 * - AWS `vpc.SecurityGroupIngressRule` / `vpc.SecurityGroupEgressRule`,
 * - DigitalOcean `Firewall` `inboundRules` / `outboundRules`.
 * (DigitalOcean `DatabaseFirewall` rules are not port rules; `database-access.ts` reads them.)
 */
import type * as aws from "@pulumi/aws";
import type * as digitalocean from "@pulumi/digitalocean";
import type { Unwrap } from "@pulumi/pulumi";
import { Cidr, cidrContains, parseCidr } from "./cidr";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, textOf } from "./values";

export const TYPES = {
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    firewall: "digitalocean:index/firewall:Firewall",
} as const;

/** Every type `rulesOf` understands. */
export const NETWORK_RULE_TYPES: readonly string[] = Object.values(TYPES);

/** Security group types (resources that a rule can protect or name as a source). */
export const SECURITY_GROUP_TYPES: readonly string[] = [TYPES.securityGroup, TYPES.defaultSecurityGroup];

export type SourceKind =
    | "cidr" // an IPv4 or IPv6 range
    | "securityGroup" // AWS: another (or the same) security group by id
    | "self" // AWS: the group the rule belongs to
    | "prefixList" // AWS: a managed prefix list (contents not visible to policies)
    | "loadBalancer" // DigitalOcean: a load balancer uid
    | "droplet" // DigitalOcean: a droplet id
    | "tag" // DigitalOcean: every droplet with this tag
    | "other" // DigitalOcean: Kubernetes cluster ids and the like
    | "unknown"; // the whole source list is unknown during preview

export interface Source {
    kind: SourceKind;
    /** The id, CIDR or tag; `UNKNOWN` when the value is not known during preview. */
    value: string | Unknown;
    /** The property whose `propertyDependencies` may name the referenced resource. */
    referenceKey: string;
}

/** Ports as the union of one contiguous range; `all` covers every port of the protocol. */
export interface NetworkRule {
    direction: "ingress" | "egress";
    /** "tcp", "udp", "icmp", "icmpv6", "all", another protocol number, or unknown. */
    protocol: string | Unknown;
    /** Inclusive range; 0-65535 for "every port". */
    fromPort: number | Unknown;
    toPort: number | Unknown;
    sources: Source[];
    /** Where in the resource the rule is, for messages ("ingress[1]", "inboundRules[0]", ""). */
    path: string;
    /**
     * What the rule protects: the resource itself (inline rules, DigitalOcean firewalls) or the
     * security group named by the property `securityGroupId` (standalone AWS rules).
     */
    target: { kind: "itself" } | { kind: "securityGroup"; value: string | Unknown; referenceKey: string };
}

export const ALL_PORTS = { from: 0, to: 65535 };

/** AWS protocol names and numbers to one spelling. */
export function normaliseProtocol(protocol: unknown): string | Unknown {
    if (isUnknown(protocol)) return UNKNOWN;
    if (protocol === undefined || protocol === null) return "all";
    const text = textOf(protocol).trim().toLowerCase();
    const byNumber: Record<string, string> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
    return byNumber[text] ?? text;
}

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

/** DigitalOcean `portRange`: "22", "8000-9000", "1-65535", "all", "0" or absent (every port). */
export function digitalOceanPorts(portRange: unknown): { from: number | Unknown; to: number | Unknown } {
    if (isUnknown(portRange)) return { from: UNKNOWN, to: UNKNOWN };
    const text = portRange === undefined || portRange === null ? "" : textOf(portRange).trim().toLowerCase();
    if (text === "" || text === "all" || text === "0") return { ...ALL_PORTS };
    const match = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!match) return { from: UNKNOWN, to: UNKNOWN };
    const from = Number(match[1]);
    return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

type SecurityGroupArgs = Unwrap<aws.ec2.SecurityGroupArgs>;
type SecurityGroupRuleArgs = Unwrap<aws.ec2.SecurityGroupRuleArgs>;
type IngressRuleArgs = Unwrap<aws.vpc.SecurityGroupIngressRuleArgs>;
type FirewallArgs = Unwrap<digitalocean.FirewallArgs>;
type InlineRule = NonNullable<SecurityGroupArgs["ingress"]>[number];
type FirewallInbound = NonNullable<FirewallArgs["inboundRules"]>[number];
type FirewallOutbound = NonNullable<FirewallArgs["outboundRules"]>[number];

function sourcesFrom(kind: SourceKind, value: unknown, referenceKey: string): Source[] {
    return listOf<string>(value).map((v) => ({ kind, value: isUnknown(v) ? UNKNOWN : String(v), referenceKey }));
}

function unknownRule(
    direction: "ingress" | "egress",
    path: string,
    referenceKey: string,
    target: NetworkRule["target"],
): NetworkRule {
    return {
        direction,
        protocol: UNKNOWN,
        fromPort: UNKNOWN,
        toPort: UNKNOWN,
        sources: [{ kind: "unknown", value: UNKNOWN, referenceKey }],
        path,
        target,
    };
}

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

function firewallRules(res: Res, key: "inboundRules" | "outboundRules"): NetworkRule[] {
    const direction = key === "inboundRules" ? "ingress" : "egress";
    const prefix = key === "inboundRules" ? "source" : "destination";
    return listOf<FirewallInbound & FirewallOutbound>(res.props[key]).map((rule, index) => {
        const path = `${key}[${index}]`;
        if (isUnknown(rule) || rule === null || typeof rule !== "object")
            return unknownRule(direction, path, key, { kind: "itself" });
        const r = rule as Record<string, unknown>;
        const protocol = normaliseProtocol(r.protocol);
        const ports = digitalOceanPorts(r.portRange);
        const sources: Source[] = [
            ...sourcesFrom("cidr", r[`${prefix}Addresses`], key),
            ...sourcesFrom("loadBalancer", r[`${prefix}LoadBalancerUids`], key),
            ...sourcesFrom("droplet", r[`${prefix}DropletIds`], key),
            ...sourcesFrom("tag", r[`${prefix}Tags`], key),
            ...sourcesFrom("other", r[`${prefix}KubernetesIds`], key),
        ];
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

/** The network rules a resource expresses (empty for types that express none). */
export function rulesOf(res: Res): NetworkRule[] {
    switch (res.type) {
        case TYPES.securityGroup:
        case TYPES.defaultSecurityGroup:
            return [...inlineRules(res, "ingress"), ...inlineRules(res, "egress")];
        case TYPES.securityGroupRule:
            return securityGroupRule(res);
        case TYPES.ingressRule:
            return vpcRule(res, "ingress");
        case TYPES.egressRule:
            return vpcRule(res, "egress");
        case TYPES.firewall:
            return [...firewallRules(res, "inboundRules"), ...firewallRules(res, "outboundRules")];
        default:
            return [];
    }
}

/** The ingress rules of a resource. */
export function ingressRulesOf(res: Res): NetworkRule[] {
    return rulesOf(res).filter((rule) => rule.direction === "ingress");
}

/** Three-valued answer: yes, no, or cannot be known during preview. */
export type Tri = true | false | Unknown;

/**
 * Does the rule admit TCP `port`? ICMP rules admit no TCP port; unknown protocol or ports
 * answer `UNKNOWN` unless the other half already rules the port out.
 */
export function admitsTcpPort(rule: NetworkRule, port: number): Tri {
    const protocol = rule.protocol;
    if (protocol !== UNKNOWN && protocol !== "tcp" && protocol !== "all") return false;
    if (rule.fromPort === UNKNOWN || rule.toPort === UNKNOWN) return UNKNOWN;
    const inRange = rule.fromPort <= port && port <= rule.toPort;
    if (!inRange) return false;
    return protocol === UNKNOWN ? UNKNOWN : true;
}

/** `22`, `0-65535 (all ports)`, `unknown ports`: for messages. */
export function portsText(rule: NetworkRule): string {
    if (rule.protocol === "all") return "all protocols and ports";
    if (rule.fromPort === UNKNOWN || rule.toPort === UNKNOWN) return "ports unknown during preview";
    if (rule.fromPort <= 1 && rule.toPort === ALL_PORTS.to) return "all ports";
    return rule.fromPort === rule.toPort ? `port ${rule.fromPort}` : `ports ${rule.fromPort}-${rule.toPort}`;
}

/** Where a rule is, for messages: `ingress[0] of security group "x"`. */
export function ruleLocation(rule: NetworkRule, owner: string): string {
    return rule.path ? `${rule.path} of ${owner}` : owner;
}

/** The parsed CIDR of a source, when it is a known, valid CIDR. */
export function cidrOf(source: Source): Cidr | undefined {
    return source.kind === "cidr" && !isUnknown(source.value) ? parseCidr(source.value) : undefined;
}

/** Is `cidr` inside one of `allowlist`'s ranges? Invalid allowlist entries are ignored. */
export function insideAllowlist(cidr: Cidr, allowlist: readonly string[]): boolean {
    return allowlist.some((entry) => {
        const allowed = parseCidr(entry);
        return allowed !== undefined && cidrContains(allowed, cidr);
    });
}
