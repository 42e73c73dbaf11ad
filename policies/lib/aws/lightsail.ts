/**
 * Amazon Lightsail's instance firewall, read as `NetworkRule`s. Lightsail has no security groups:
 * each instance has one firewall of its own, on its public address only (traffic to its private
 * address from Lightsail resources of the same region is not filtered: Lightsail Developer
 * Guide, "Instance firewalls").
 * - A new instance's firewall opens SSH (22) and HTTP (80) to all IPv4 and IPv6 addresses (the
 *   guide's default rules for Linux and Unix blueprints; Windows adds RDP, application
 *   blueprints 443 and more). A program changes that only with `aws.lightsail.InstancePublicPorts`
 *   (terraform's aws_lightsail_instance_public_ports), whose `PutInstancePublicPorts` replaces
 *   every open port of the instance it names (`instanceName`) with its `portInfos`.
 * - A `portInfos` item with no `cidrs`, `ipv6Cidrs` or `cidrListAliases` admits everyone: the
 *   provider sends none of them (its `[0.0.0.0/0]` default is commented out, the fields are
 *   computed), and the console documents an empty source list as "allow all IP addresses". The
 *   alias `lightsail-connect` is the ranges of the console's browser SSH client, read like a
 *   managed prefix list (ranges a policy cannot see).
 * - Whether an item with IPv4 `cidrs` only also opens the port to IPv6 is not documented; it is
 *   not assumed here.
 *
 * A Lightsail load balancer listens on HTTP 80 from its creation and forwards to the instances'
 * `instancePort`; it serves HTTPS on 443 only once a certificate of its own is attached
 * (`LbCertificateAttachment`, AttachLoadBalancerTlsCertificate), and its HTTP listener redirects
 * to HTTPS only under an enabled `LbHttpsRedirectionPolicy` (the HttpsRedirectionEnabled
 * attribute). Its health check requests `healthCheckPath`, "/" when unset (CreateLoadBalancer).
 * Its TLS policy has no input in the provider (the default TLS-2016-08 stays) and is not judged.
 */
import type { UnfilteredServer } from "../cloud-pack";
import type { StackGraph } from "../graph";
import { NetworkRule, Source, normaliseProtocol, unknownRule } from "../network";
import type { Finding } from "../data-access";
import { healthCheckViolations } from "../health-checks";
import { Res, UNKNOWN, describe, isUnknown, listOf, propOf } from "../values";

export const LIGHTSAIL = {
    instance: "aws:lightsail/instance:Instance",
    publicPorts: "aws:lightsail/instancePublicPorts:InstancePublicPorts",
    balancer: "aws:lightsail/lb:Lb",
    database: "aws:lightsail/database:Database",
    certificateAttachment: "aws:lightsail/lbCertificateAttachment:LbCertificateAttachment",
    httpsRedirection: "aws:lightsail/lbHttpsRedirectionPolicy:LbHttpsRedirectionPolicy",
} as const;

/** What a port rule of an instance firewall is to be told: it cannot name a balancer. */
export const LIGHTSAIL_PORT_FIX =
    "A Lightsail firewall cannot name a load balancer and filters only the instance's public address (a Lightsail load balancer reaches its instances inside Lightsail): leave the port out of the instance's InstancePublicPorts.";

/** The sources of an instance's firewall rule when it names none: everyone. */
const EVERYONE: readonly Source[] = [
    { kind: "cidr", value: "0.0.0.0/0", referenceKey: "portInfos" },
    { kind: "cidr", value: "::/0", referenceKey: "portInfos" },
];

/** Ports Lightsail opens to everyone on a new Linux or Unix instance. */
const LIGHTSAIL_DEFAULT_PORTS: readonly number[] = [22, 80];

function port(value: unknown): number | typeof UNKNOWN {
    if (isUnknown(value)) return UNKNOWN;
    const n = Number(value);
    return Number.isInteger(n) ? n : UNKNOWN;
}

/** An InstancePublicPorts' rules: one per `portInfos` item, into the instance it names. */
export function instancePublicPortsRules(res: Res): NetworkRule[] {
    const infos = propOf(res, "portInfos");
    if (isUnknown(infos)) return [unknownRule("ingress", "portInfos", "portInfos", { kind: "itself" })];
    return listOf<Record<string, unknown>>(infos).map((info, index) => {
        const path = `portInfos[${index}]`;
        if (!info || typeof info !== "object" || isUnknown(info))
            return unknownRule("ingress", path, "portInfos", { kind: "itself" });
        const lists = [info.cidrs, info.ipv6Cidrs, info.cidrListAliases];
        const sources: Source[] = lists.some(isUnknown)
            ? [{ kind: "unknown", value: UNKNOWN, referenceKey: "portInfos" }]
            : [
                  ...listOf<string>(info.cidrs).map((v) => cidrSource(v)),
                  ...listOf<string>(info.ipv6Cidrs).map((v) => cidrSource(v)),
                  ...listOf<string>(info.cidrListAliases).map((v): Source => ({
                      kind: "prefixList",
                      value: isUnknown(v) ? UNKNOWN : String(v),
                      referenceKey: "portInfos",
                  })),
              ];
        return {
            direction: "ingress",
            protocol: normaliseProtocol(info.protocol),
            fromPort: port(info.fromPort),
            toPort: port(info.toPort),
            sources: sources.length > 0 ? sources : [...EVERYONE],
            path,
            target: { kind: "itself" },
        };
    });
}

function cidrSource(value: unknown): Source {
    return { kind: "cidr", value: isUnknown(value) ? UNKNOWN : String(value), referenceKey: "portInfos" };
}

/**
 * Lightsail instances whose firewall no InstancePublicPorts of the stack replaces, so the
 * default rules (SSH and HTTP from everyone) apply; `unknown` when an InstancePublicPorts names
 * an instance that cannot be told during preview and traces to no instance.
 */
export function instancesWithDefaultFirewall(graph: StackGraph): { instance: Res; unknown: boolean }[] {
    const instances = graph.ofType([LIGHTSAIL.instance]);
    if (instances.length === 0) return [];
    const firewalls = graph.ofType([LIGHTSAIL.publicPorts]);
    const covered = new Set<Res>();
    let untraced = false;
    for (const firewall of firewalls) {
        const { candidates } = graph.resolve(firewall, "instanceName", propOf(firewall, "instanceName"), [
            LIGHTSAIL.instance,
        ]);
        candidates.forEach((c) => covered.add(c));
        if (candidates.length === 0 && isUnknown(propOf(firewall, "instanceName"))) untraced = true;
    }
    return instances.filter((i) => !covered.has(i)).map((instance) => ({ instance, unknown: untraced }));
}

/** Why an instance is under the default firewall, after its name. */
function defaultFirewallWhy(unknown: boolean): string {
    return unknown
        ? "may be under Lightsail's default firewall (SSH and HTTP open to all addresses): an InstancePublicPorts of this stack names an instance unknown during preview"
        : "has no aws.lightsail.InstancePublicPorts in this stack, so Lightsail's default firewall applies (SSH and HTTP open to all IPv4 and IPv6 addresses)";
}

/** The Lightsail instances under the default firewall, as the SSH rule reports servers nothing filters. */
export function lightsailUnfilteredServers(graph: StackGraph): UnfilteredServer[] {
    return instancesWithDefaultFirewall(graph).map(({ instance, unknown }) => ({
        server: instance,
        unknown,
        why: defaultFirewallWhy(unknown),
        cover: "Declare an aws.lightsail.InstancePublicPorts for it (it replaces the default rules)",
    }));
}

/** The instances under the default firewall when the app port is one it opens (80), for the app-port rule. */
export function lightsailDefaultPortFindings(graph: StackGraph, appPorts: readonly number[]): Finding[] {
    const open = appPorts.filter((p) => LIGHTSAIL_DEFAULT_PORTS.includes(p) && p !== 22);
    if (open.length === 0) return [];
    return instancesWithDefaultFirewall(graph).map(({ instance, unknown }) => ({
        urn: instance.urn,
        message: `${describe(instance)} ${defaultFirewallWhy(unknown)}: port ${open.join(", ")} is reachable without the balancer. Declare an aws.lightsail.InstancePublicPorts for it (it replaces the default rules) that leaves port ${open.join(", ")} out: a Lightsail firewall cannot name a load balancer and filters only the instance's public address (a Lightsail load balancer reaches its instances inside Lightsail).`,
    }));
}

/** The resources of `type` whose `lbName` names `balancer` (by name, or by dependency when unknown). */
function naming(graph: StackGraph, type: string, balancer: Res): Res[] {
    return graph.referrers([type], "lbName", balancer);
}

/** Every Lightsail load balancer without HTTPS, or whose HTTP does not redirect to it. */
export function lightsailTlsFindings(graph: StackGraph, allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    for (const balancer of graph.ofType([LIGHTSAIL.balancer])) {
        const https = naming(graph, LIGHTSAIL.certificateAttachment, balancer).length > 0;
        const policies = naming(graph, LIGHTSAIL.httpsRedirection, balancer);
        if (!https) {
            if (allowHttpOnly) continue;
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} serves no HTTPS: no aws.lightsail.LbCertificateAttachment in this stack attaches a certificate to it, so it listens on plain HTTP only. Create an aws.lightsail.LbCertificate for the domain, attach it with an LbCertificateAttachment, and redirect HTTP with an LbHttpsRedirectionPolicy (enabled: true); or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
            });
            continue;
        }
        const enabled = policies.map((p) => propOf(p, "enabled"));
        if (enabled.some((v) => v === true)) continue;
        const why = enabled.some(isUnknown)
            ? "its LbHttpsRedirectionPolicy has enabled unknown during preview, so it cannot be proven to redirect"
            : policies.length > 0
              ? "its LbHttpsRedirectionPolicy is not enabled"
              : "no aws.lightsail.LbHttpsRedirectionPolicy in this stack names it";
        findings.push({
            urn: balancer.urn,
            message: `${describe(balancer)} serves plain HTTP on port 80 next to HTTPS: ${why}. Add an aws.lightsail.LbHttpsRedirectionPolicy for it with enabled: true.`,
        });
    }
    return findings;
}

/** A Lightsail load balancer's health check: HTTP on `healthCheckPath`, "/" when unset. */
export function lightsailHealthCheckProblems(res: Res, healthCheckPath: string): string[] {
    const path = propOf(res, "healthCheckPath");
    const fix = `Set healthCheckPath to "${healthCheckPath}".`;
    return healthCheckViolations(
        res,
        isUnknown(path) ? path : { path: path ?? "/" },
        "healthCheckPath",
        fix,
        healthCheckPath,
    );
}
