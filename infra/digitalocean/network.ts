import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

/** Escape hatches for the network's children, by role. */
export interface NetworkTransform {
    vpc?: Transform<digitalocean.VpcArgs>;
}

export interface NetworkArgs {
    /** DigitalOcean region slug, for example "ams3". Required: every other resource lives in it too. */
    region: string;
    /**
     * The VPC's private IPv4 range. Required: the platform passes `webtier:vpcCidr` (its default,
     * parseConfig's `DEFAULTS.vpcCidr`, is a /16 derived from the stack name): it must not overlap
     * another VPC of the account, so it is chosen per stack, never by the provider.
     */
    ipRange: string;
    /** Escape hatches for the children. Default: none. */
    transform?: NetworkTransform;
}

/**
 * The tier's private network: droplets, the balancer and both managed clusters join it, so
 * app traffic to the database and the cache never leaves DigitalOcean's private network.
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpc: digitalocean.Vpc;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Network", name, {}, opts);
        this.vpc = new digitalocean.Vpc(
            ...transform(
                args.transform?.vpc,
                childName(name, "vpc"),
                {
                    region: args.region,
                    ipRange: args.ipRange,
                    description: `webtier ${name}: app servers, balancer, database and cache`,
                },
                { parent: this },
            ),
        );
        this.registerOutputs({ vpcId: this.vpc.id });
    }
}
