/**
 * webtier-tls-at-balancer on AWS, on every listener of every balancer type (balancers.ts): HTTPS
 * (ALB) and TLS (NLB) listeners with a certificate and a modern TLS policy, classic ELB HTTPS/SSL
 * listeners likewise (their policy is a separate ListenerPolicy); HTTP listeners only redirecting
 * to HTTPS (a classic ELB cannot); no raw TCP/UDP listener (plain HTTP or TLS passthrough); target
 * groups speaking plain HTTP (or TCP) to the servers; Lightsail load balancers with a certificate
 * attached and HTTP redirected (lightsail.ts); the balancers Elastic Beanstalk makes from an
 * environment's option settings (beanstalk.ts); CloudFront distributions in front, whose edge ends
 * viewers' TLS and whose way to the balancer crosses the internet (cdn-tls.ts); internal balancers
 * API Gateway reaches through a VPC link, where TLS ends at API Gateway. The native provider's
 * balancers, listeners and target groups are held to the same.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { CLASSIC_MODERN_TLS_POLICIES } from "../../config";
import { Res, describe, isUnknown, listOf, present, textOf } from "../../values";
import { AWS_BALANCER_TYPES, BalancerListener, TLS_TERMINATING, awsListeners, classicTlsPolicy } from "../balancers";
import { beanstalkTlsFindings } from "../beanstalk";
import { cloudFrontTlsFindings } from "../cdn-tls";
import { lightsailTlsFindings } from "../lightsail";
import { AWS } from "../types";

/**
 * Does this action only redirect to HTTPS? A redirect's protocol defaults to "#{protocol}", the
 * same one. The classic provider names the redirect `redirect`, the native one `redirectConfig`.
 */
export function redirectsToHttps(action: unknown): boolean {
    if (!action || typeof action !== "object" || isUnknown(action)) return false;
    const a = action as Record<string, any>;
    const redirect = a.redirect ?? a.redirectConfig;
    return (
        a.type === "redirect" &&
        redirect !== undefined &&
        !isUnknown(redirect) &&
        String(redirect?.protocol ?? "").toUpperCase() === "HTTPS"
    );
}

/** API Gateway's private integrations: an HTTP API's integration, a REST API's VPC link. */
const API_GATEWAY_INTEGRATIONS = ["aws:apigatewayv2/integration:Integration"];
const API_GATEWAY_VPC_LINKS = ["aws:apigateway/vpcLink:VpcLink"];

/** An internal balancer: no public address (`internal` on the classic provider, `scheme` on the native one). */
function isInternal(balancer: Res): boolean {
    return balancer.props.internal === true || balancer.props.scheme === "internal";
}

/**
 * The listeners API Gateway reaches through a VPC link on internal balancers (AWS's "private
 * integrations": an HTTP API integration of connectionType VPC_LINK naming the listener, a REST
 * API's VPC link naming the network load balancer): clients' TLS ends at API Gateway, and the
 * balancer has no public address, so its plain listener serves only API Gateway inside the VPC.
 */
function behindApiGateway(graph: StackGraph, listeners: BalancerListener[]): Set<BalancerListener> {
    const reached = new Set<BalancerListener>();
    for (const listener of listeners) {
        if (listener.balancers.length === 0 || !listener.balancers.every(isInternal)) continue;
        const httpApi = graph
            .referrers(API_GATEWAY_INTEGRATIONS, "integrationUri", listener.owner)
            .some((integration) => integration.props.connectionType === "VPC_LINK");
        const restApi = listener.balancers.every(
            (balancer) => graph.referrers(API_GATEWAY_VPC_LINKS, "targetArns", balancer).length > 0,
        );
        if (httpApi || restApi) reached.add(listener);
    }
    return reached;
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
    const allowed = listener.classic ? [...CLASSIC_MODERN_TLS_POLICIES, ...allowedTlsPolicies] : allowedTlsPolicies;
    const fix = listener.classic
        ? `Reference ${CLASSIC_MODERN_TLS_POLICIES.join(" or ")} (the newest policy a classic load balancer offers) in an SslNegotiationPolicy, or in a LoadBalancerPolicy of type SSLNegotiationPolicyType set by a ListenerPolicy; or move to an application load balancer with one of: ${allowedTlsPolicies.join(", ")}.`
        : `Set sslPolicy to one of: ${allowedTlsPolicies.join(", ")}.`;
    const policy = listener.classic ? classicTlsPolicy(graph, listener.owner, listener.port) : listener.sslPolicy;
    if (isUnknown(policy))
        return {
            urn: listener.owner.urn,
            message: `${name} has a TLS policy unknown during preview, so a modern TLS policy cannot be proven. ${fix}`,
        };
    if (allowed.includes(textOf(policy ?? "ELBSecurityPolicy-2016-08"))) return undefined;
    const shown =
        policy === undefined || policy === null
            ? `no ${listener.classic ? "SSL negotiation policy" : "sslPolicy"} (the AWS default ELBSecurityPolicy-2016-08, which allows TLS 1.0)`
            : `${listener.classic ? "the SSL negotiation policy" : "sslPolicy"} ${textOf(policy)}`;
    return { urn: listener.owner.urn, message: `${name} uses ${shown}, which is not an allowed TLS policy. ${fix}` };
}

/** Every AWS listener or target group that does not end TLS at the balancer. */
export function awsTlsFindings(graph: StackGraph, allowedTlsPolicies: string[], allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    const listeners = awsListeners(graph);
    const tlsBalancers = new Set<Res>();
    for (const listener of listeners) {
        if (!isUnknown(listener.protocol) && TLS_TERMINATING.includes(listener.protocol))
            listener.balancers.forEach((lb) => tlsBalancers.add(lb));
    }
    const privateIntegrations = behindApiGateway(graph, listeners);
    // Plain HTTP without any HTTPS is what allowHttpOnly allows, balancer by balancer; API
    // Gateway's private integrations end TLS before the balancer.
    const plainAllowed = (listener: BalancerListener) =>
        privateIntegrations.has(listener) ||
        (allowHttpOnly && listener.balancers.length > 0 && listener.balancers.every((lb) => !tlsBalancers.has(lb)));
    const apiGatewayOnly = new Set([...privateIntegrations].flatMap((listener) => listener.balancers));
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
                    message: `${name} is ${protocol} but has no ${listener.certificateKey}. Set it to the ACM certificate of the domain.`,
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
    for (const balancer of graph.ofType([...AWS.loadBalancers, ...AWS_BALANCER_TYPES.nativeElbv2])) {
        // The classic provider names the kind loadBalancerType, the native one type; both default to "application".
        const type = AWS_BALANCER_TYPES.nativeElbv2.includes(balancer.type as never)
            ? balancer.props.type
            : balancer.props.loadBalancerType;
        if (!isUnknown(type) && type !== undefined && type !== null && type !== "application") continue;
        if (!tlsBalancers.has(balancer) && !allowHttpOnly && !apiGatewayOnly.has(balancer)) {
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} has no HTTPS listener. Add an HTTPS listener with an ACM certificate and redirect HTTP to it, or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
            });
        }
    }
    for (const group of graph.ofType([...AWS.targetGroups, ...AWS_BALANCER_TYPES.nativeTargetGroups])) {
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
    findings.push(...lightsailTlsFindings(graph, allowHttpOnly));
    findings.push(...beanstalkTlsFindings(graph, allowedTlsPolicies, allowHttpOnly));
    findings.push(...cloudFrontTlsFindings(graph, allowHttpOnly));
    return findings;
}
