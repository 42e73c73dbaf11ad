import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import * as inputs from "@pulumi/digitalocean/types/input";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { APP_PORT } from "./load-balancer";

/** Every address, IPv4 and IPv6: the destination of the droplets' outbound traffic. */
export const ANYWHERE = ["0.0.0.0/0", "::/0"];

/**
 * The droplets' inbound rules (section 7 of the guide): the app port only from the balancer,
 * SSH only from the allowlist (no rule at all when it is empty), nothing else. DigitalOcean
 * firewalls deny whatever no rule allows, private VPC traffic included.
 */
export function appInboundRules(
    loadBalancerId: pulumi.Input<string>,
    allowSshFrom: string[],
): inputs.FirewallInboundRule[] {
    const rules: inputs.FirewallInboundRule[] = [
        { protocol: "tcp", portRange: String(APP_PORT), sourceLoadBalancerUids: [loadBalancerId] },
    ];
    if (allowSshFrom.length > 0) rules.push({ protocol: "tcp", portRange: "22", sourceAddresses: [...allowSshFrom] });
    return rules;
}

/**
 * The droplets' outbound rules: anything, anywhere. Servers fetch packages, the app's code and
 * third-party APIs, and reach the database and cache; the guide restricts inbound traffic only.
 */
export function appOutboundRules(): inputs.FirewallOutboundRule[] {
    return [
        { protocol: "tcp", portRange: "1-65535", destinationAddresses: [...ANYWHERE] },
        { protocol: "udp", portRange: "1-65535", destinationAddresses: [...ANYWHERE] },
        { protocol: "icmp", destinationAddresses: [...ANYWHERE] },
    ];
}

/** A managed cluster's trusted sources: the app droplets, by their tag, and nothing else. */
export function trustAppTagOnly(appTag: pulumi.Input<string>): inputs.DatabaseFirewallRule[] {
    return [{ type: "tag", value: appTag }];
}

/** Escape hatches for the rules' children, by role. */
export interface NetworkRulesTransform {
    /** The droplets' cloud firewall. */
    firewall?: Transform<digitalocean.FirewallArgs>;
    databaseFirewall?: Transform<digitalocean.DatabaseFirewallArgs>;
    cacheFirewall?: Transform<digitalocean.DatabaseFirewallArgs>;
}

export interface NetworkRulesArgs {
    /** The tag every app droplet carries. Required: the rules apply to and trust it. */
    appTag: pulumi.Input<string>;
    /** The balancer's id (its uid in firewall rules). Required: the only source of app traffic. */
    loadBalancerId: pulumi.Input<string>;
    /**
     * CIDRs that may reach SSH (parseConfig refuses world-open ones). Required: the platform passes
     * `webtier:servers.allowSshFrom`, default none, which closes port 22 entirely.
     */
    allowSshFrom: string[];
    /** The database cluster to guard. Required. */
    databaseClusterId: pulumi.Input<string>;
    /** The cache cluster to guard. Required. */
    cacheClusterId: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: NetworkRulesTransform;
}

/**
 * Who may reach what: the droplets' cloud firewall and the database firewalls of the
 * database and cache clusters. Without a database firewall a DigitalOcean cluster accepts
 * connections from anywhere, so both are always created.
 */
export class NetworkRules extends pulumi.ComponentResource {
    public readonly firewall: digitalocean.Firewall;
    public readonly databaseFirewall: digitalocean.DatabaseFirewall;
    public readonly cacheFirewall: digitalocean.DatabaseFirewall;

    constructor(name: string, args: NetworkRulesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:NetworkRules", name, {}, opts);
        const t = args.transform ?? {};
        this.firewall = new digitalocean.Firewall(
            ...transform(
                t.firewall,
                childName(name, "firewall"),
                {
                    tags: [args.appTag],
                    inboundRules: appInboundRules(args.loadBalancerId, args.allowSshFrom),
                    outboundRules: appOutboundRules(),
                },
                { parent: this },
            ),
        );
        this.databaseFirewall = new digitalocean.DatabaseFirewall(
            ...transform(
                t.databaseFirewall,
                childName(name, "db-firewall"),
                { clusterId: args.databaseClusterId, rules: trustAppTagOnly(args.appTag) },
                { parent: this },
            ),
        );
        this.cacheFirewall = new digitalocean.DatabaseFirewall(
            ...transform(
                t.cacheFirewall,
                childName(name, "cache-firewall"),
                { clusterId: args.cacheClusterId, rules: trustAppTagOnly(args.appTag) },
                { parent: this },
            ),
        );
        this.registerOutputs({ firewallId: this.firewall.id });
    }
}
