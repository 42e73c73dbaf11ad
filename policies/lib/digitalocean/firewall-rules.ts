/**
 * DigitalOcean cloud firewalls (`inboundRules` / `outboundRules`) as `NetworkRule`s. (Database
 * firewall rules are not port rules; data-access.ts reads them.)
 */
import type * as digitalocean from "@pulumi/digitalocean";
import type { Unwrap } from "@pulumi/pulumi";
import { ALL_PORTS, NetworkRule, Source, normaliseProtocol, sourcesFrom, unknownRule } from "../network";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, textOf } from "../values";

export const FIREWALL_TYPE = "digitalocean:index/firewall:Firewall";

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

type FirewallArgs = Unwrap<digitalocean.FirewallArgs>;
type FirewallInbound = NonNullable<FirewallArgs["inboundRules"]>[number];
type FirewallOutbound = NonNullable<FirewallArgs["outboundRules"]>[number];

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

/** The network rules of each DigitalOcean type that holds them. */
export const DIGITALOCEAN_NETWORK_RULES: Readonly<Record<string, (res: Res) => NetworkRule[]>> = {
    [FIREWALL_TYPE]: (res) => [...firewallRules(res, "inboundRules"), ...firewallRules(res, "outboundRules")],
};
