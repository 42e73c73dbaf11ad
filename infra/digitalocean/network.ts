import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { applyTransform, Transform } from "../components";
import { childName } from "./naming";

export interface NetworkArgs {
    /** DigitalOcean region slug, for example "ams3". Required: every other resource lives in it too. */
    region: string;
    /**
     * The VPC's private IPv4 range. Required (webtier:vpcCidr, default "10.20.0.0/16"): it must
     * not overlap another VPC of the account, so it is chosen per stack, never by the provider.
     */
    ipRange: string;
    /** Escape hatches for the children's args. */
    transform?: {
        /** Adjust the `digitalocean.Vpc`. */
        vpc?: Transform<digitalocean.VpcArgs>;
    };
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
            childName(name, "vpc"),
            applyTransform<digitalocean.VpcArgs>(
                {
                    region: args.region,
                    ipRange: args.ipRange,
                    description: `webtier ${name}: app servers, balancer, database and cache`,
                },
                args.transform?.vpc,
            ),
            { parent: this },
        );
        this.registerOutputs({ vpcId: this.vpc.id });
    }
}
