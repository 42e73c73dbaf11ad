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
import { CLOUD_PACKS } from "../lib/clouds";
import { readConfig, schemaFor } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const tlsAtBalancer: StackValidationPolicy = {
    name: "webtier-tls-at-balancer",
    description:
        "TLS ends at the balancer, on every listener and forwarding rule of every balancer type (ALB, NLB, classic ELB, the balancer Elastic Beanstalk makes, Lightsail, DigitalOcean) and of a CloudFront distribution in front (viewers on HTTPS, the balancer reached over HTTPS): HTTPS/TLS with a certificate and a modern TLS policy, HTTP only redirecting to HTTPS, no raw TCP/UDP entry (plain HTTP or TLS passthrough), plain HTTP to the servers; HTTP-only balancers only where allowHttpOnly is set.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: schemaFor("allowedTlsPolicies", "allowHttpOnly"),
    validateStack: (args, reportViolation) => {
        const config = readConfig(args);
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.tlsAtBalancer(graph, config))
                reportViolation(finding.message, finding.urn);
    },
};
