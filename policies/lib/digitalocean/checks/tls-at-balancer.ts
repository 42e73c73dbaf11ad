/**
 * webtier-tls-at-balancer on DigitalOcean, on every forwarding rule: https entries with a
 * certificate, target http, no TLS passthrough; http only on port 80 with `redirectHttpToHttps`;
 * no tcp/udp entries.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { describe, isUnknown, listOf, present } from "../../values";
import { DO } from "../types";

const TLS_ENTRY = ["https", "http2", "http3"];

/** Every DigitalOcean balancer that does not end TLS at the balancer. */
export function digitalOceanTlsFindings(graph: StackGraph, allowHttpOnly: boolean): Finding[] {
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
            // Passthrough hands the TLS session to the droplets: no certificate at the balancer
            // (DigitalOcean takes none then) and TLS to the droplets follow from it, one finding.
            if (rule.tlsPassthrough === true) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} passes TLS through to the droplets. Set tlsPassthrough to false, certificateName to the Let's Encrypt certificate of the domain and targetProtocol to "http": TLS ends at the balancer.`,
                });
                return;
            }
            if (!present(rule.certificateName) && !present(rule.certificateId)) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} is ${entry} without a certificate. Set certificateName to the Let's Encrypt certificate of the domain.`,
                });
            }
            if (isUnknown(rule.tlsPassthrough)) {
                findings.push({
                    urn: balancer.urn,
                    message: `${where} may pass TLS through (unknown during preview) to the droplets. Set tlsPassthrough to false: TLS ends at the balancer.`,
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
        } else if (
            balancer.props.redirectHttpToHttps !== true &&
            // Without an http entry the balancer serves no plain HTTP at all (as an ALB with only an HTTPS listener).
            plain.some(({ entry }) => entry === "http")
        ) {
            const why = isUnknown(balancer.props.redirectHttpToHttps)
                ? "has redirectHttpToHttps unknown during preview"
                : "does not redirect HTTP to HTTPS (redirectHttpToHttps defaults to false)";
            findings.push({ urn: balancer.urn, message: `${name} ${why}. Set redirectHttpToHttps to true.` });
        }
    }
    return findings;
}
