import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import * as inputs from "@pulumi/digitalocean/types/input";
import { BalancerInfo } from "../components";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { dnsRecordName, memberTagName } from "./naming";

/** The port the droplets serve the app on (nginx, plain HTTP inside the VPC). */
export const APP_PORT = 80;

/**
 * The balancer's forwarding rules. With a certificate: HTTPS on 443 terminated at the
 * balancer and sent to the droplets as HTTP (no passthrough: TLS ends at the balancer), plus
 * HTTP on 80, which `redirectHttpToHttps` answers with a redirect. Without one (dev and
 * staging only): plain HTTP on 80.
 */
export function forwardingRules(certificateName?: pulumi.Input<string>): inputs.LoadBalancerForwardingRule[] {
    const http: inputs.LoadBalancerForwardingRule = {
        entryProtocol: "http",
        entryPort: 80,
        targetProtocol: "http",
        targetPort: APP_PORT,
    };
    if (certificateName === undefined) return [http];
    return [
        {
            entryProtocol: "https",
            entryPort: 443,
            targetProtocol: "http",
            targetPort: APP_PORT,
            certificateName,
            tlsPassthrough: false,
        },
        http,
    ];
}

/**
 * The health check: HTTP to each droplet's app on `path`. A droplet leaves the pool after
 * 3 failures 10 s apart (30 s) and returns after 3 successes, quicker than DigitalOcean's
 * default of 5, so a droplet that the deploy tool puts back serves again within half a minute.
 */
export function healthCheck(path: string): inputs.LoadBalancerHealthcheck {
    return {
        protocol: "http",
        port: APP_PORT,
        path,
        checkIntervalSeconds: 10,
        responseTimeoutSeconds: 5,
        unhealthyThreshold: 3,
        healthyThreshold: 3,
    };
}

/** Escape hatches for the balancer's children, by role. */
export interface LoadBalancerTransform {
    /** Only with a domain. */
    certificate?: Transform<digitalocean.CertificateArgs>;
    /** The in-rotation tag. */
    memberTag?: Transform<digitalocean.TagArgs>;
    loadBalancer?: Transform<digitalocean.LoadBalancerArgs>;
    /** The domain's A record; only with a domain. */
    dnsRecord?: Transform<digitalocean.DnsRecordArgs>;
}

export interface LoadBalancerArgs {
    /** DigitalOcean region slug. Required. */
    region: string;
    /** The VPC the balancer joins to reach the droplets privately. Required. */
    vpcId: pulumi.Input<string>;
    /**
     * Path of the health check. Required: the platform passes `webtier:healthCheckPath` (default in
     * parseConfig's `DEFAULTS.healthCheckPath`: Laravel 11's `/up`).
     */
    healthCheckPath: string;
    /**
     * The hostname to serve over HTTPS with a Let's Encrypt certificate. Default none: plain
     * HTTP on the balancer's IP, which parseConfig allows outside prod only.
     */
    domain?: string;
    /** The DigitalOcean DNS zone holding `domain`. Required with `domain` (Let's Encrypt validates through it). */
    dnsZone?: string;
    /** TTL of the balancer's A record. Default 300 s, so a moved balancer is found within minutes. */
    dnsTtl?: number;
    /** Escape hatches for the children. Default: none. */
    transform?: LoadBalancerTransform;
}

/**
 * The single public entry point (section 1 of the guide). DigitalOcean balancers distribute
 * round robin (the algorithm is no longer selectable) across droplets that pass the check.
 *
 * Membership is by an in-rotation tag of the balancer's own (`memberTag`, `${name}-lb`), never a
 * droplet list: a droplet tagged at creation joins the balancer at once and gets traffic once
 * its health check passes, and an old one leaves only when it is deleted, so replacing droplets
 * never swaps the whole member list at once. The rolling deploy takes a droplet out of
 * rotation by removing this tag; the app tag, which the firewall and the database firewalls
 * trust, stays on it.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    /** The in-rotation tag the balancer selects droplets by; every app droplet carries it from creation. */
    public readonly memberTag: digitalocean.Tag;
    public readonly certificate?: digitalocean.Certificate;
    public readonly loadBalancer: digitalocean.LoadBalancer;
    public readonly dnsRecord?: digitalocean.DnsRecord;
    public readonly info: BalancerInfo;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:LoadBalancer", name, {}, opts);
        const https = args.domain !== undefined;
        if (https && !args.dnsZone) {
            throw new Error(
                `webtier: ${name}: a Let's Encrypt certificate for "${args.domain}" needs the domain's zone in DigitalOcean DNS; set webtier:dnsZone (for example example.com).`,
            );
        }
        // Fails the preview early, with the zone's name, when the zone is not in this account's DNS.
        const zone = https ? digitalocean.getDomainOutput({ name: args.dnsZone! }, { parent: this }) : undefined;

        const t = args.transform ?? {};
        if (https) {
            // Auto-named, so a replacement gets a new name and Pulumi's create-before-delete
            // attaches it to the balancer before the old one is deleted. Referenced by name,
            // not id: a Let's Encrypt certificate's id changes on every automatic renewal.
            this.certificate = new digitalocean.Certificate(
                ...transform(
                    t.certificate,
                    childName(name, "cert"),
                    { type: "lets_encrypt", domains: [args.domain!] },
                    { parent: this },
                ),
            );
        }

        this.memberTag = new digitalocean.Tag(
            ...transform(t.memberTag, memberTagName(name), { name: memberTagName(name) }, { parent: this }),
        );

        this.loadBalancer = new digitalocean.LoadBalancer(
            ...transform(
                t.loadBalancer,
                childName(name, "lb"),
                {
                    region: args.region,
                    vpcUuid: args.vpcId,
                    dropletTag: this.memberTag.name,
                    forwardingRules: forwardingRules(this.certificate?.name),
                    redirectHttpToHttps: https,
                    ...(https ? { tlsCipherPolicy: "STRONG" } : {}),
                    healthcheck: healthCheck(args.healthCheckPath),
                    // webtier manages the domain's A record itself (below), so that it is
                    // part of the stack and goes away with it.
                    disableLetsEncryptDnsRecords: true,
                },
                // No ignoreChanges: the rules name the certificate, which stays the same through
                // renewals, and leave the provider-computed `certificateId` unset, so a renewal
                // shows no diff. (Rules that set `certificateId` would churn on every renewal.)
                { parent: this },
            ),
        );

        if (https) {
            this.dnsRecord = new digitalocean.DnsRecord(
                ...transform(
                    t.dnsRecord,
                    childName(name, "dns"),
                    {
                        domain: zone!.name,
                        type: "A",
                        name: dnsRecordName(args.domain!, args.dnsZone!),
                        value: this.loadBalancer.ip,
                        ttl: args.dnsTtl ?? 300,
                    },
                    { parent: this },
                ),
            );
        }

        this.info = {
            address: this.loadBalancer.ip,
            https,
            url: https ? pulumi.output(`https://${args.domain}`) : pulumi.interpolate`http://${this.loadBalancer.ip}`,
            id: this.loadBalancer.id,
            memberTag: this.memberTag.name,
        };
        this.registerOutputs({ address: this.info.address, url: this.info.url });
    }
}
