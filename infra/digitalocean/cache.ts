import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { CacheEndpoint } from "../components";
import { SizeClass } from "../config/types";
import { childName } from "../naming";
import { cacheSize } from "../sizing";
import { transform, Transform } from "../transform";
import { MaintenanceWindow, clusterNodeCount } from "./database";

/**
 * What the cache does when it is full. The shared Valkey holds sessions, queued jobs and the
 * scheduler's `onOneServer` locks next to the cache: evicting any of those silently logs
 * users out, loses jobs or runs a command twice. "noeviction" refuses writes instead, which
 * surfaces in the app's error log and in DigitalOcean's memory alert; size the cache so the
 * cache part (which has TTLs) fits.
 */
export const CACHE_EVICTION_POLICY = "noeviction";

/** Escape hatches for the cache's children, by role. */
export interface CacheTransform {
    cluster?: Transform<digitalocean.DatabaseClusterArgs>;
}

export interface CacheArgs {
    /** DigitalOcean region slug. Required: next to the droplets. */
    region: string;
    /** The VPC the cluster joins. Required. */
    vpcId: pulumi.Input<string>;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:cache.size` (default "small"). */
    size: SizeClass;
    /**
     * Add a standby node with automatic failover. Required: `webtier:cache.highAvailability`, whose
     * default depends on the environment (on in prod).
     */
    highAvailability: boolean;
    /**
     * Valkey major version. Default "8": pinned so that an engine upgrade is a reviewed change.
     * (DigitalOcean creates no new Redis clusters; Laravel's Redis drivers work with Valkey unchanged.)
     */
    version?: string;
    /** Default Sunday 04:00 UTC: an hour after the database's, so both never restart together. */
    maintenanceWindow?: MaintenanceWindow;
    /** Escape hatches for the children. Default: none. */
    transform?: CacheTransform;
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
            ...transform(
                args.transform?.cluster,
                childName(name, "cache"),
                {
                    engine: "valkey",
                    version: args.version ?? "8",
                    size: cacheSize("digitalocean", args.size),
                    region: args.region,
                    nodeCount: clusterNodeCount(args.highAvailability),
                    privateNetworkUuid: args.vpcId,
                    evictionPolicy: CACHE_EVICTION_POLICY,
                    maintenanceWindows: [args.maintenanceWindow ?? { day: "sunday", hour: "04:00" }],
                },
                { parent: this },
            ),
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
