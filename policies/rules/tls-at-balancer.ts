/**
 * TLS ends at the balancer: an HTTPS listener with a certificate and a modern TLS policy, an
 * HTTP listener that only redirects to HTTPS, targets spoken to over plain HTTP inside the
 * private network. DigitalOcean: an https forwarding rule with a certificate, target http, no
 * TLS passthrough, and `redirectHttpToHttps`. A balancer without HTTPS is a violation unless
 * the stack allows HTTP-only (`allowHttpOnly`, dev stacks without a domain).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { readConfig, schemaFor } from "../lib/config";
import { Finding } from "../lib/data-access";
import { AWS, DO, StackGraph } from "../lib/graph";
import { Res, describe, fromStackResources, isUnknown, listOf, present } from "../lib/values";

/** Listener protocol; absent is the provider default for application load balancers, HTTP. */
function listenerProtocol(listener: Res): string | undefined {
    const value = listener.props.protocol;
    if (isUnknown(value)) return undefined;
    return String(value ?? "HTTP").toUpperCase();
}

/** Does this action only redirect to HTTPS? A redirect's protocol defaults to "#{protocol}", the same one. */
export function redirectsToHttps(action: unknown): boolean {
    if (!action || typeof action !== "object" || isUnknown(action)) return false;
    const a = action as Record<string, any>;
    return a.type === "redirect" && a.redirect !== undefined && !isUnknown(a.redirect) && String(a.redirect?.protocol ?? "").toUpperCase() === "HTTPS";
}

function awsFindings(graph: StackGraph, allowedTlsPolicies: string[], allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    const listeners = graph.ofType(AWS.listeners);
    const httpsBalancers = new Set<Res>();
    const balancerOf = (listener: Res) => graph.resolve(listener, "loadBalancerArn", listener.props.loadBalancerArn, AWS.loadBalancers).candidates;
    for (const listener of listeners) {
        if (listenerProtocol(listener) === "HTTPS") balancerOf(listener).forEach((lb) => httpsBalancers.add(lb));
    }
    for (const listener of listeners) {
        const protocol = listenerProtocol(listener);
        const name = describe(listener);
        if (protocol === undefined) {
            findings.push({ urn: listener.urn, message: `${name} has a protocol unknown during preview, so it cannot be proven to serve HTTPS or to redirect. Set protocol to a literal "HTTPS" or "HTTP".` });
            continue;
        }
        if (protocol === "HTTPS") {
            if (!present(listener.props.certificateArn)) {
                findings.push({ urn: listener.urn, message: `${name} is HTTPS but has no certificateArn. Set it to the ACM certificate of the domain.` });
            }
            const policy = listener.props.sslPolicy;
            if (isUnknown(policy)) {
                findings.push({ urn: listener.urn, message: `${name} has an sslPolicy unknown during preview, so a modern TLS policy cannot be proven. Set sslPolicy to one of: ${allowedTlsPolicies.join(", ")}.` });
            } else if (!allowedTlsPolicies.includes(String(policy ?? "ELBSecurityPolicy-2016-08"))) {
                const shown = policy === undefined ? "no sslPolicy (the provider default ELBSecurityPolicy-2016-08, which allows TLS 1.0)" : `sslPolicy ${policy}`;
                findings.push({ urn: listener.urn, message: `${name} uses ${shown}, which is not an allowed TLS policy. Set sslPolicy to one of: ${allowedTlsPolicies.join(", ")}.` });
            }
        } else if (protocol === "HTTP") {
            const balancers = balancerOf(listener);
            const httpOnlyAllowed = allowHttpOnly && balancers.length > 0 && balancers.every((lb) => !httpsBalancers.has(lb));
            if (httpOnlyAllowed) continue;
            const actions = listener.props.defaultActions;
            const onlyRedirects = !isUnknown(actions) && listOf(actions).length > 0 && listOf(actions).every(redirectsToHttps);
            if (!onlyRedirects) {
                const why = isUnknown(actions) ? "has default actions unknown during preview, so it cannot be proven to redirect" : "does not only redirect to HTTPS";
                findings.push({ urn: listener.urn, message: `${name} is plain HTTP and ${why}. Make its only default action a redirect with protocol "HTTPS", port "443", statusCode "HTTP_301".` });
            }
            for (const rule of graph.referrers(AWS.listenerRules, "listenerArn", listener)) {
                const ruleActions = rule.props.actions;
                if (isUnknown(ruleActions) || !listOf(ruleActions).every(redirectsToHttps)) {
                    findings.push({ urn: rule.urn, message: `${describe(rule)} on the plain HTTP ${name} serves traffic instead of redirecting to HTTPS. Attach the rule to the HTTPS listener.` });
                }
            }
        }
    }
    for (const balancer of graph.ofType(AWS.loadBalancers)) {
        const type = balancer.props.loadBalancerType;
        if (!isUnknown(type) && type !== undefined && type !== "application") continue;
        if (!httpsBalancers.has(balancer) && !allowHttpOnly) {
            findings.push({ urn: balancer.urn, message: `${describe(balancer)} has no HTTPS listener. Add an HTTPS listener with an ACM certificate and redirect HTTP to it, or, for a dev stack without a domain, set allowHttpOnly in the policy config.` });
        }
    }
    for (const group of graph.ofType(AWS.targetGroups)) {
        const protocol = group.props.protocol;
        if (isUnknown(protocol)) {
            findings.push({ urn: group.urn, message: `${describe(group)} has a protocol unknown during preview. Set it to the literal "HTTP": TLS ends at the balancer.` });
        } else if (String(protocol ?? "").toUpperCase() === "HTTPS") {
            findings.push({ urn: group.urn, message: `${describe(group)} speaks HTTPS to the servers. Set protocol to "HTTP": TLS ends at the balancer and the servers hold no certificates.` });
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
            findings.push({ urn: balancer.urn, message: `${name} has forwarding rules unknown during preview, so HTTPS cannot be proven. Use literal forwarding rules.` });
            continue;
        }
        let https = false;
        listOf<Record<string, any>>(rules).forEach((rule, index) => {
            const where = `forwardingRules[${index}] of ${name}`;
            if (isUnknown(rule) || isUnknown(rule.entryProtocol)) {
                findings.push({ urn: balancer.urn, message: `${where} has an entry protocol unknown during preview. Use a literal "https" or "http".` });
                return;
            }
            const entry = String(rule.entryProtocol).toLowerCase();
            if (!TLS_ENTRY.includes(entry)) return;
            https = true;
            if (!present(rule.certificateName) && !present(rule.certificateId)) {
                findings.push({ urn: balancer.urn, message: `${where} is ${entry} without a certificate. Set certificateName to the Let's Encrypt certificate of the domain.` });
            }
            if (rule.tlsPassthrough === true || isUnknown(rule.tlsPassthrough)) {
                findings.push({ urn: balancer.urn, message: `${where} ${rule.tlsPassthrough === true ? "passes TLS through" : "may pass TLS through (unknown during preview)"} to the droplets. Set tlsPassthrough to false: TLS ends at the balancer.` });
            }
            if (isUnknown(rule.targetProtocol) || String(rule.targetProtocol).toLowerCase() !== "http") {
                findings.push({ urn: balancer.urn, message: `${where} forwards to the droplets over ${isUnknown(rule.targetProtocol) ? "a protocol unknown during preview" : rule.targetProtocol}. Set targetProtocol to "http": TLS ends at the balancer.` });
            }
        });
        if (!https) {
            if (!allowHttpOnly) {
                findings.push({ urn: balancer.urn, message: `${name} has no https forwarding rule. Add one with a certificate and set redirectHttpToHttps, or, for a dev stack without a domain, set allowHttpOnly in the policy config.` });
            }
        } else if (balancer.props.redirectHttpToHttps !== true) {
            const why = isUnknown(balancer.props.redirectHttpToHttps) ? "has redirectHttpToHttps unknown during preview" : "does not redirect HTTP to HTTPS (redirectHttpToHttps defaults to false)";
            findings.push({ urn: balancer.urn, message: `${name} ${why}. Set redirectHttpToHttps to true.` });
        }
    }
    return findings;
}

export const tlsAtBalancer: StackValidationPolicy = {
    name: "webtier-tls-at-balancer",
    description: "TLS ends at the balancer: HTTPS with a certificate and a modern TLS policy, HTTP only redirecting to HTTPS, plain HTTP to the servers, no TLS passthrough; HTTP-only balancers only where allowHttpOnly is set.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: schemaFor("allowedTlsPolicies", "allowHttpOnly"),
    validateStack: (args, reportViolation) => {
        const { allowedTlsPolicies, allowHttpOnly } = readConfig(args);
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const finding of [...awsFindings(graph, allowedTlsPolicies, allowHttpOnly), ...digitalOceanFindings(graph, allowHttpOnly)]) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
