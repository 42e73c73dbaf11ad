/**
 * The load balancer Elastic Beanstalk makes for a web server environment, read from the
 * environment's option settings (over those of the configuration template it names), as the
 * Elastic Beanstalk Developer Guide's "General options for all environments" documents them:
 * - `aws:elasticbeanstalk:environment` `EnvironmentType`: `LoadBalanced` (the default) or
 *   `SingleInstance` (no balancer: the instance's own security group admits HTTP 80 from
 *   0.0.0.0/0, read by implied-rules.ts); `LoadBalancerType`: `classic` (the default), `application`
 *   or `network`. A `Worker` tier environment has no balancer.
 * - Classic: the default listener (`aws:elb:listener`, HTTP on 80) unless its `ListenerEnabled`
 *   is false (or the legacy `aws:elb:loadbalancer` `LoadBalancerHTTPPort` is `OFF`); more
 *   listeners as `aws:elb:listener:<port>` (`ListenerProtocol`, `SSLCertificateId`), or the legacy
 *   `LoadBalancerHTTPSPort` with `SSLCertificateId`. A classic balancer cannot redirect.
 * - Application: the default listener (`aws:elbv2:listener:default`, HTTP on 80) unless
 *   `ListenerEnabled` is false; more as `aws:elbv2:listener:<port>` (`Protocol`,
 *   `SSLCertificateArns`, `SSLPolicy`). Option settings cannot make a listener redirect: the
 *   guide's ways are an `.ebextensions` resource override or the instances' web server, neither
 *   of which a policy sees, so an enabled HTTP listener is not proven to redirect.
 * - Network: TCP listeners only: TLS does not end at the balancer.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, Unknown, UNKNOWN, describe, isUnknown, listOf, propOf, textOf } from "../values";

export const BEANSTALK = {
    environment: "aws:elasticbeanstalk/environment:Environment",
    template: "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
} as const;

/** An environment's option settings by `namespace|name` (lowercased), unknown ones kept as unknown. */
export type BeanstalkOptions = Map<string, unknown>;

function key(namespace: string, name: string): string {
    return `${namespace}|${name}`.toLowerCase();
}

function readSettings(res: Res, into: BeanstalkOptions): boolean {
    const settings = propOf(res, "settings");
    if (isUnknown(settings)) return false;
    for (const setting of listOf<Record<string, unknown>>(settings)) {
        if (!setting || typeof setting !== "object" || isUnknown(setting)) return false;
        if (isUnknown(setting.namespace) || isUnknown(setting.name)) return false;
        into.set(key(textOf(setting.namespace), textOf(setting.name)), setting.value);
    }
    return true;
}

/**
 * The options of an environment: its configuration template's (when it names one of the
 * stack's), then its own; undefined when the settings cannot be read during preview.
 */
export function beanstalkOptions(graph: StackGraph, environment: Res): BeanstalkOptions | undefined {
    const options: BeanstalkOptions = new Map();
    const template = propOf(environment, "templateName");
    if (template !== undefined && template !== null) {
        const { candidates } = graph.resolve(environment, "templateName", template, [BEANSTALK.template]);
        if (isUnknown(template) && candidates.length !== 1) return undefined;
        if (candidates.length === 1 && !readSettings(candidates[0], options)) return undefined;
    }
    return readSettings(environment, options) ? options : undefined;
}

/** A setting's value as text (lowercased), UNKNOWN, or undefined when unset. */
export function option(options: BeanstalkOptions, namespace: string, name: string): string | Unknown | undefined {
    const value = options.get(key(namespace, name));
    if (value === undefined || value === null) return undefined;
    return isUnknown(value) ? UNKNOWN : textOf(value).trim().toLowerCase();
}

/** The web server environments with a balancer (not SingleInstance, not the Worker tier). */
function balanced(environment: Res, options: BeanstalkOptions): boolean {
    const tier = propOf(environment, "tier");
    if (!isUnknown(tier) && typeof tier === "string" && tier.toLowerCase() === "worker") return false;
    return option(options, "aws:elasticbeanstalk:environment", "EnvironmentType") !== "singleinstance";
}

interface Listener {
    /** "aws:elbv2:listener:443", for messages. */
    namespace: string;
    protocol: string | Unknown;
    certificate: unknown;
    sslPolicy?: string | Unknown;
}

/** The namespaces of `prefix:<port>` listeners set in `options`. */
function portListeners(options: BeanstalkOptions, prefix: string): string[] {
    const found = new Set<string>();
    for (const name of options.keys()) {
        const namespace = name.split("|")[0];
        if (new RegExp(`^${prefix}:\\d+$`).test(namespace)) found.add(namespace);
    }
    return [...found];
}

function enabled(options: BeanstalkOptions, namespace: string): boolean | Unknown {
    const value = option(options, namespace, "ListenerEnabled");
    if (value === UNKNOWN) return UNKNOWN;
    return value !== "false";
}

function listenersOf(options: BeanstalkOptions, type: string): Listener[] {
    const listeners: Listener[] = [];
    const add = (listener: Listener, on: boolean | Unknown) => {
        if (on === false) return;
        listeners.push(on === UNKNOWN ? { ...listener, protocol: UNKNOWN } : listener);
    };
    if (type === "application") {
        add(
            { namespace: "aws:elbv2:listener:default", protocol: "http", certificate: undefined },
            enabled(options, "aws:elbv2:listener:default"),
        );
        for (const namespace of portListeners(options, "aws:elbv2:listener"))
            add(
                {
                    namespace,
                    protocol: option(options, namespace, "Protocol") ?? "http",
                    certificate: options.get(key(namespace, "SSLCertificateArns")),
                    sslPolicy: option(options, namespace, "SSLPolicy"),
                },
                enabled(options, namespace),
            );
        return listeners;
    }
    // Classic: the default listener, the legacy ports, then listeners by port.
    const httpPort = option(options, "aws:elb:loadbalancer", "LoadBalancerHTTPPort");
    add(
        {
            namespace: "aws:elb:listener",
            protocol: option(options, "aws:elb:listener", "ListenerProtocol") ?? "http",
            certificate: undefined,
        },
        httpPort === "off" ? false : enabled(options, "aws:elb:listener"),
    );
    const httpsPort = option(options, "aws:elb:loadbalancer", "LoadBalancerHTTPSPort");
    if (httpsPort !== undefined && httpsPort !== "off")
        add(
            {
                namespace: "aws:elb:loadbalancer (LoadBalancerHTTPSPort)",
                protocol: httpsPort === UNKNOWN ? UNKNOWN : "https",
                certificate: options.get(key("aws:elb:loadbalancer", "SSLCertificateId")),
            },
            true,
        );
    for (const namespace of portListeners(options, "aws:elb:listener"))
        add(
            {
                namespace,
                protocol: option(options, namespace, "ListenerProtocol") ?? "http",
                certificate: options.get(key(namespace, "SSLCertificateId")),
            },
            enabled(options, namespace),
        );
    return listeners;
}

const TLS = ["https", "ssl"];

/** Every Beanstalk web server environment whose balancer does not end TLS, or serves plain HTTP. */
export function beanstalkTlsFindings(
    graph: StackGraph,
    allowedTlsPolicies: string[],
    allowHttpOnly: boolean,
): Finding[] {
    const findings: Finding[] = [];
    for (const environment of graph.ofType([BEANSTALK.environment])) {
        const name = describe(environment);
        const options = beanstalkOptions(graph, environment);
        if (!options) {
            findings.push({
                urn: environment.urn,
                message: `${name} has option settings unknown during preview, so its load balancer cannot be proven to end TLS. Set its settings (and its configuration template's) from values known before deployment.`,
            });
            continue;
        }
        if (!balanced(environment, options)) continue;
        const type = option(options, "aws:elasticbeanstalk:environment", "LoadBalancerType") ?? "classic";
        if (type === UNKNOWN) {
            findings.push({
                urn: environment.urn,
                message: `${name} has a LoadBalancerType unknown during preview, so its listeners cannot be judged. Set aws:elasticbeanstalk:environment LoadBalancerType to the literal "application".`,
            });
            continue;
        }
        if (type === "network") {
            if (allowHttpOnly) continue;
            findings.push({
                urn: environment.urn,
                message: `${name} uses a network load balancer, whose Beanstalk listeners are TCP: TLS does not end at the balancer. Set aws:elasticbeanstalk:environment LoadBalancerType to "application" with an HTTPS listener (aws:elbv2:listener:443, Protocol HTTPS, SSLCertificateArns).`,
            });
            continue;
        }
        const listeners = listenersOf(options, type);
        const tls = listeners.filter((l) => !isUnknown(l.protocol) && TLS.includes(l.protocol));
        const httpsFix =
            type === "application"
                ? "aws:elbv2:listener:443 with Protocol HTTPS, SSLCertificateArns (the domain's ACM certificate) and a modern SSLPolicy"
                : "aws:elb:listener:443 with ListenerProtocol HTTPS and SSLCertificateId (the domain's ACM certificate)";
        for (const listener of listeners) {
            const where = `${name} (${listener.namespace})`;
            if (isUnknown(listener.protocol)) {
                findings.push({
                    urn: environment.urn,
                    message: `${where} has a listener whose protocol or ListenerEnabled is unknown during preview, so it cannot be proven to end TLS. Set them from values known before deployment.`,
                });
            } else if (TLS.includes(listener.protocol)) {
                if (listener.certificate === undefined || listener.certificate === null || listener.certificate === "")
                    findings.push({
                        urn: environment.urn,
                        message: `${where} is ${listener.protocol.toUpperCase()} but names no certificate. Set ${type === "application" ? "SSLCertificateArns" : "SSLCertificateId"} to the domain's ACM certificate.`,
                    });
                if (type === "application") {
                    const policy = listener.sslPolicy;
                    if (policy === UNKNOWN)
                        findings.push({
                            urn: environment.urn,
                            message: `${where} has an SSLPolicy unknown during preview, so a modern TLS policy cannot be proven. Set SSLPolicy to one of: ${allowedTlsPolicies.join(", ")}.`,
                        });
                    else if (
                        !allowedTlsPolicies.some((p) => p.toLowerCase() === (policy ?? "elbsecuritypolicy-2016-08"))
                    )
                        findings.push({
                            urn: environment.urn,
                            message: `${where} uses ${policy === undefined ? "no SSLPolicy (the AWS default ELBSecurityPolicy-2016-08, which allows TLS 1.0)" : `SSLPolicy ${policy}`}, which is not an allowed TLS policy. Set SSLPolicy to one of: ${allowedTlsPolicies.join(", ")}.`,
                        });
                }
            } else if (listener.protocol === "http") {
                if (allowHttpOnly && tls.length === 0) continue;
                const why =
                    type === "application"
                        ? "Beanstalk's option settings cannot make a listener redirect (an .ebextensions override or the instances' web server can, and no policy sees either), so it is not proven to only redirect to HTTPS"
                        : "a classic load balancer cannot redirect to HTTPS";
                findings.push({
                    urn: environment.urn,
                    message: `${where} serves plain HTTP: ${why}. Disable it (ListenerEnabled "false") and serve ${tls.length > 0 ? "HTTPS only" : `HTTPS (${httpsFix})`}; or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
                });
            } else {
                findings.push({
                    urn: environment.urn,
                    message: `${where} forwards raw ${listener.protocol.toUpperCase()}: the balancer ends no TLS. Serve HTTPS instead (${httpsFix}).`,
                });
            }
        }
        if (tls.length === 0 && !allowHttpOnly && !listeners.some((l) => isUnknown(l.protocol)))
            findings.push({
                urn: environment.urn,
                message: `${name} has no HTTPS listener on its load balancer. Add ${httpsFix}; or, for a dev stack without a domain, set allowHttpOnly in the policy config.`,
            });
    }
    return findings;
}
