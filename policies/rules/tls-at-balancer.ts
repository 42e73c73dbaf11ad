/**
 * TLS ends at the balancer, on every listener of every balancer type (lib/aws/balancers.ts):
 * HTTPS (ALB) and TLS (NLB) listeners with a certificate and a modern TLS policy, classic ELB
 * HTTPS/SSL listeners likewise (their policy is a separate ListenerPolicy); HTTP listeners only
 * redirecting to HTTPS (a classic ELB cannot); no raw TCP/UDP listener (plain HTTP or TLS
 * passthrough); target groups speaking plain HTTP (or TCP) to the servers. DigitalOcean: every
 * forwarding rule: https entries with a certificate, target http, no TLS passthrough; http only
 * on port 80 with `redirectHttpToHttps`; no tcp/udp entries. A balancer without HTTPS is a violation unless
 * the stack allows HTTP-only (`allowHttpOnly`, dev stacks without a domain).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { readConfig, schemaFor } from "../lib/config";
import { Finding } from "../lib/data-access";
import { AWS, DO, StackGraph } from "../lib/graph";
import { Res, describe, fromStackResources, isUnknown, listOf, present, textOf } from "../lib/values";
import { BalancerListener, TLS_TERMINATING, awsListeners, classicTlsPolicy } from "../lib/aws/balancers";

/** Does this action only redirect to HTTPS? A redirect's protocol defaults to "#{protocol}", the same one. */
export function redirectsToHttps(action: unknown): boolean {
    if (!action || typeof action !== "object" || isUnknown(action)) return false;
    const a = action as Record<string, any>;
    return (
        a.type === "redirect" &&
        a.redirect !== undefined &&
        !isUnknown(a.redirect) &&
        String(a.redirect?.protocol ?? "").toUpperCase() === "HTTPS"
    );
}

/** Raw transport listeners: the balancer neither ends TLS nor speaks HTTP, so clients get plain HTTP or TLS passed through. */
const RAW_TRANSPORT = ["TCP", "UDP", "TCP_UDP"];

function where(listener: BalancerListener): string {
    return listener.path ? `${listener.path} of ${describe(listener.owner)}` : describe(listener.owner);
}

function tlsPolicyFinding(
    graph: StackGraph,
    listener: BalancerListener,
    allowedTlsPolicies: string[],
): Finding | undefined {
    const name = where(listener);
    const fix = `Set ${listener.classic ? "a ListenerPolicy whose SSLNegotiationPolicyType policy references" : "sslPolicy to"} one of: ${allowedTlsPolicies.join(", ")}.`;
    const policy = listener.classic ? classicTlsPolicy(graph, listener.owner, listener.port) : listener.sslPolicy;
    if (isUnknown(policy))
        return {
            urn: listener.owner.urn,
            message: `${name} has a TLS policy unknown during preview, so a modern TLS policy cannot be proven. ${fix}`,
        };
    if (allowedTlsPolicies.includes(textOf(policy ?? "ELBSecurityPolicy-2016-08"))) return undefined;
    const shown =
        policy === undefined || policy === null
            ? `no ${listener.classic ? "SSL negotiation policy" : "sslPolicy"} (the AWS default ELBSecurityPolicy-2016-08, which allows TLS 1.0)`
            : `${listener.classic ? "the SSL negotiation policy" : "sslPolicy"} ${textOf(policy)}`;
    return { urn: listener.owner.urn, message: `${name} uses ${shown}, which is not an allowed TLS policy. ${fix}` };
}

function awsFindings(graph: StackGraph, allowedTlsPolicies: string[], allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    const listeners = awsListeners(graph);
    const tlsBalancers = new Set<Res>();
    for (const listener of listeners) {
        if (!isUnknown(listener.protocol) && TLS_TERMINATING.includes(listener.protocol))
            listener.balancers.forEach((lb) => tlsBalancers.add(lb));
    }
    // Plain HTTP without any HTTPS is what allowHttpOnly allows, balancer by balancer.
    const plainAllowed = (listener: BalancerListener) =>
        allowHttpOnly && listener.balancers.length > 0 && listener.balancers.every((lb) => !tlsBalancers.has(lb));
    for (const listener of listeners) {
        const protocol = listener.protocol;
        const name = where(listener);
        const urn = listener.owner.urn;
        if (isUnknown(protocol)) {
            findings.push({
                urn,
                message: `${name} has a protocol unknown during preview, so it cannot be proven to end TLS or to redirect. Set the protocol to a literal "HTTPS" (or "TLS"), or "HTTP" redirecting to HTTPS.`,
            });
            continue;
        }
        if (TLS_TERMINATING.includes(protocol)) {
            if (!present(listener.certificate)) {
                findings.push({
                    urn,
                    message: `${name} is ${protocol} but has no ${listener.classic ? "sslCertificateId" : "certificateArn"}. Set it to the ACM certificate of the domain.`,
                });
            }
            const policy = tlsPolicyFinding(graph, listener, allowedTlsPolicies);
            if (policy) findings.push(policy);
            if (
                listener.classic &&
                (isUnknown(listener.instanceProtocol) || TLS_TERMINATING.includes(listener.instanceProtocol as string))
            ) {
                findings.push({
                    urn,
                    message: `${name} speaks ${isUnknown(listener.instanceProtocol) ? "a protocol unknown during preview" : listener.instanceProtocol} to the instances. Set instanceProtocol to "HTTP": TLS ends at the balancer.`,
                });
            }
        } else if (protocol === "HTTP") {
            if (plainAllowed(listener)) continue;
            if (listener.classic) {
                findings.push({
                    urn,
                    message: `${name} serves plain HTTP on port ${String(listener.port)}, and a classic load balancer cannot redirect to HTTPS. Use an application load balancer with an HTTP listener that redirects to HTTPS, or remove this listener.`,
                });
                continue;
            }
            const actions = listener.owner.props.defaultActions;
            const onlyRedirects =
                !isUnknown(actions) && listOf(actions).length > 0 && listOf(actions).every(redirectsToHttps);
            if (!onlyRedirects) {
                const why = isUnknown(actions)
                    ? "has default actions unknown during preview, so it cannot be proven to redirect"
                    : "does not only redirect to HTTPS";
                findings.push({
                    urn,
                    message: `${name} is plain HTTP and ${why}. Make its only default action a redirect with protocol "HTTPS", port "443", statusCode "HTTP_301".`,
                });
            }
            for (const rule of graph.referrers(AWS.listenerRules, "listenerArn", listener.owner)) {
                const ruleActions = rule.props.actions;
                if (isUnknown(ruleActions) || !listOf(ruleActions).every(redirectsToHttps)) {
                    findings.push({
                        urn: rule.urn,
                        message: `${describe(rule)} on the plain HTTP ${name} serves traffic instead of redirecting to HTTPS. Attach the rule to the HTTPS listener.`,
                    });
                }
            }
        } else if (RAW_TRANSPORT.includes(protocol)) {
            if (plainAllowed(listener)) continue;
            findings.push({
                urn,
                message: `${name} forwards raw ${protocol} on port ${isUnknown(listener.port) ? "unknown during preview" : String(listener.port)}: the balancer ends no TLS, so clients either speak plain HTTP to the servers or TLS passes through to them. Use a "TLS" listener with the domain's certificate and a modern sslPolicy (network load balancer) or an HTTPS listener (application load balancer), forwarding plain HTTP to the servers.`,
            });
        }
    }
    for (const balancer of graph.ofType(AWS.loadBalancers)) {
        const type = balancer.props.loadBalancerType;
        if (!isUnknown(type) && type !== undefined && type !== "application") continue;
        if (!tlsBalancers.has(balancer) && !allowHttpOnly) {
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} has no HTTPS listener. Add an HTTPS listener with an ACM certificate and redirect HTTP to it, or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
            });
        }
    }
    for (const group of graph.ofType(AWS.targetGroups)) {
        const protocol = group.props.protocol;
        if (group.props.targetType === "lambda") continue;
        if (isUnknown(protocol)) {
            findings.push({
                urn: group.urn,
                message: `${describe(group)} has a protocol unknown during preview. Set it to the literal "HTTP" (or "TCP" behind a TLS listener): TLS ends at the balancer.`,
            });
        } else if (TLS_TERMINATING.includes(String(protocol ?? "").toUpperCase())) {
            findings.push({
                urn: group.urn,
                message: `${describe(group)} speaks ${String(protocol).toUpperCase()} to the servers. Set protocol to "HTTP" (or "TCP" behind a TLS listener): TLS ends at the balancer and the servers hold no certificates.`,
            });
        }
    }
    return findings;
}

const TLS_ENTRY = ["https", "http2", "http3"];

function digitalOceanFindings(graph: StackGraph, allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const name = describe(balancer);
        const rules = balancer.props.forwardingRules;
        if (isUnknown(rules)) {
            findings.push({
                urn: balancer.urn,
                message: `${name} has forwarding rules unknown during preview, so HTTPS cannot be proven. Use literal forwarding rules.`,
            });
            continue;
        }
        let https = false;
        const plain: { rule: Record<string, any>; where: string; entry: string }[] = [];
        listOf<Record<string, any>>(rules).forEach((rule, index) => {
            const where = `forwardingRules[${index}] of ${name}`;
            if (isUnknown(rule) || isUnknown(rule.entryProtocol)) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} has an entry protocol unknown during preview. Use a literal "https" or "http".`,
                });
                return;
            }
            const entry = String(rule.entryProtocol).toLowerCase();
            if (!TLS_ENTRY.includes(entry)) {
                plain.push({ rule, where, entry });
                return;
            }
            https = true;
            if (!present(rule.certificateName) && !present(rule.certificateId)) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} is ${entry} without a certificate. Set certificateName to the Let's Encrypt certificate of the domain.`,
                });
            }
            if (rule.tlsPassthrough === true || isUnknown(rule.tlsPassthrough)) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} ${rule.tlsPassthrough === true ? "passes TLS through" : "may pass TLS through (unknown during preview)"} to the droplets. Set tlsPassthrough to false: TLS ends at the balancer.`,
                });
            }
            if (isUnknown(rule.targetProtocol) || String(rule.targetProtocol).toLowerCase() !== "http") {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} forwards to the droplets over ${isUnknown(rule.targetProtocol) ? "a protocol unknown during preview" : rule.targetProtocol}. Set targetProtocol to "http": TLS ends at the balancer.`,
                });
            }
        });
        // Entries that are not TLS: plain HTTP on port 80 is redirected by redirectHttpToHttps
        // (which redirects port 80 only); plain HTTP on any other port, and raw tcp/udp, serve
        // clients without TLS at the balancer, unless the stack allows HTTP-only and there is no https.
        for (const { rule, where, entry } of plain) {
            if (!https && allowHttpOnly) continue;
            const port = rule.entryPort;
            if (entry === "http") {
                if (!https) continue; // reported below as "no https forwarding rule"
                if (!isUnknown(port) && Number(port) === 80) continue;
                const shown = isUnknown(port) ? "a port unknown during preview" : `port ${port}`;
                findings.push({
                    urn: balancer.urn,
                    message: `${where} serves plain http on ${shown}, which redirectHttpToHttps (port 80 only) does not redirect. Remove it, or serve that port as https with the certificate.`,
                });
            } else {
                const shown = isUnknown(port) ? "a port unknown during preview" : `port ${port}`;
                const target = isUnknown(rule.targetPort) ? "a port unknown during preview" : `port ${rule.targetPort}`;
                findings.push({
                    urn: balancer.urn,
                    message: `${where} forwards raw ${entry} on ${shown} to the droplets' ${target}: the balancer ends no TLS, so clients either speak plain HTTP to the droplets or TLS passes through to them. Use an https entry with the certificate, forwarding http to the droplets.`,
                });
            }
        }
        if (!https) {
            if (!allowHttpOnly) {
                findings.push({
                    urn: balancer.urn,
                    message: `${name} has no https forwarding rule. Add one with a certificate and set redirectHttpToHttps, or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
                });
            }
        } else if (balancer.props.redirectHttpToHttps !== true) {
            const why = isUnknown(balancer.props.redirectHttpToHttps)
                ? "has redirectHttpToHttps unknown during preview"
                : "does not redirect HTTP to HTTPS (redirectHttpToHttps defaults to false)";
            findings.push({ urn: balancer.urn, message: `${name} ${why}. Set redirectHttpToHttps to true.` });
        }
    }
    return findings;
}

export const tlsAtBalancer: StackValidationPolicy = {
    name: "webtier-tls-at-balancer",
    description:
        "TLS ends at the balancer, on every listener and forwarding rule of every balancer type (ALB, NLB, classic ELB, DigitalOcean): HTTPS/TLS with a certificate and a modern TLS policy, HTTP only redirecting to HTTPS, no raw TCP/UDP entry (plain HTTP or TLS passthrough), plain HTTP to the servers; HTTP-only balancers only where allowHttpOnly is set.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: schemaFor("allowedTlsPolicies", "allowHttpOnly"),
    validateStack: (args, reportViolation) => {
        const { allowedTlsPolicies, allowHttpOnly } = readConfig(args);
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const finding of [
            ...awsFindings(graph, allowedTlsPolicies, allowHttpOnly),
            ...digitalOceanFindings(graph, allowHttpOnly),
        ]) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
