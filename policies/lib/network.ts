/**
 * Every resource shape that can admit traffic, normalised to one `NetworkRule`, so that
 * each question ("does this rule admit port 22 from the world?") is answered by one
 * predicate whatever the cloud or the resource shape.
 *
 * Each cloud's pack reads its own shapes into `NetworkRule`s (its `networkRules`, registered in
 * lib/clouds.ts: security groups and their rule resources, firewalls); `rulesOf` asks the reader
 * of a resource's type.
 */
import { Cidr, cidrContains, parseCidr } from "./cidr";
import { registered } from "./registered";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, textOf } from "./values";

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
    target:
        | { kind: "itself" }
        | {
              kind: "securityGroup";
              value: string | Unknown;
              referenceKey: string;
              /** The types the reference resolves to (the cloud's security groups). */
              types: readonly string[];
          };
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

/** One source per value of a list (or single) property; unknown values stay unknown. */
export function sourcesFrom(kind: SourceKind, value: unknown, referenceKey: string): Source[] {
    return listOf<string>(value).map((v) => ({ kind, value: isUnknown(v) ? UNKNOWN : String(v), referenceKey }));
}

/** A rule whose every part is unknown during preview. */
export function unknownRule(
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

/** Whether some cloud's pack reads network rules from resources of this type (asked of every resource Analyze sees). */
export function readsNetworkRules(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(registered().NETWORK_RULE_READERS, type);
}

/** The network rules a resource expresses (empty for types that express none). */
export function rulesOf(res: Res): NetworkRule[] {
    return registered().NETWORK_RULE_READERS[res.type]?.(res) ?? [];
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
