import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { applyTransform, CacheEndpoint, Transform } from "../components";
import { SizeClass } from "../config/types";
import { cacheSize } from "../sizing";
import { MaintenanceWindow, clusterNodeCount } from "./database";
import { childName } from "./naming";

/**
 * What the cache does when it is full. The shared Valkey holds sessions, queued jobs and the
 * scheduler's `onOneServer` locks next to the cache: evicting any of those silently logs
 * users out, loses jobs or runs a command twice. "noeviction" refuses writes instead, which
 * surfaces in the app's error log and in DigitalOcean's memory alert; size the cache so the
 * cache part (which has TTLs) fits.
 */
export const CACHE_EVICTION_POLICY = "noeviction";

export interface CacheArgs {
    /** DigitalOcean region slug. Required: next to the droplets. */
    region: string;
    /** The VPC the cluster joins. Required. */
    vpcId: pulumi.Input<string>;
    /** Size class, mapped by infra/sizing.ts. Default "small". */
    size?: SizeClass;
    /** Add a standby node with automatic failover. Default false (dev); prod stacks set it. */
    highAvailability?: boolean;
    /**
     * Valkey major version. Default "8": pinned so that an engine upgrade is a reviewed change.
     * (DigitalOcean creates no new Redis clusters; Laravel's Redis drivers work with Valkey unchanged.)
     */
    version?: string;
    /** Default Sunday 04:00 UTC: an hour after the database's, so both never restart together. */
    maintenanceWindow?: MaintenanceWindow;
    /** Escape hatches for the children's args. */
    transform?: {
        cluster?: Transform<digitalocean.DatabaseClusterArgs>;
    };
}

/**
 * The shared Redis-compatible cache (section 2 and 5 of the guide): sessions, cache, queue and
 * scheduler locks of every server. DigitalOcean's Valkey accepts TLS connections only.
 * Who may connect is decided by the database firewall in `rules.ts`.
 */
export class Cache extends pulumi.ComponentResource {
    public readonly cluster: digitalocean.DatabaseCluster;
    public readonly endpoint: CacheEndpoint;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Cache", name, {}, opts);
        this.cluster = new digitalocean.DatabaseCluster(
            childName(name, "cache"),
            applyTransform<digitalocean.DatabaseClusterArgs>(
                {
                    engine: "valkey",
                    version: args.version ?? "8",
                    size: cacheSize("digitalocean", args.size ?? "small"),
                    region: args.region,
                    nodeCount: clusterNodeCount(args.highAvailability ?? false),
                    privateNetworkUuid: args.vpcId,
                    evictionPolicy: CACHE_EVICTION_POLICY,
                    maintenanceWindows: [args.maintenanceWindow ?? { day: "sunday", hour: "04:00" }],
                },
                args.transform?.cluster,
            ),
            { parent: this },
        );
        this.endpoint = {
            engine: "valkey",
            host: this.cluster.privateHost,
            port: this.cluster.port,
            // Valkey clusters on DigitalOcean have one ACL user, "default", whose password the cluster returns.
            user: this.cluster.user,
            password: pulumi.secret(this.cluster.password),
            tls: true,
        };
        this.registerOutputs({ clusterId: this.cluster.id, host: this.endpoint.host });
    }
}
