import * as pulumi from "@pulumi/pulumi";
import { CloudPlatform, WebTierArgs, WebTierResources } from "./components";

/**
 * The whole web tier of one stack: network, database, cache, storage, queue, app servers,
 * balancer and the network rules between them, built by the cloud's `CloudPlatform`.
 * Its children are plain `ComponentResource`s and provider resources, so every one of them
 * is visible to unit tests under mocks and to the policy pack.
 */
export class WebTier extends pulumi.ComponentResource {
    /** The neutral view of what was built: balancer, servers and the shared endpoints. */
    public readonly resources: WebTierResources;

    constructor(name: string, platform: CloudPlatform, args: WebTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:index:WebTier", name, {}, opts);
        this.resources = platform.build(name, args, this);
        this.registerOutputs({
            balancerAddress: this.resources.balancer.address,
            url: this.resources.balancer.url,
        });
    }
}
