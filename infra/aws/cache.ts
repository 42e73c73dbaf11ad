import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { CacheEndpoint } from "../components";
import { CacheEngine, SizeClass } from "../config/types";
import { childName } from "../naming";
import { cacheSize } from "../sizing";
import { transform, Transform } from "../transform";
import { elastiCacheEngineSettings } from "./engines";
import { nameTag } from "./tags";

/** Escape hatches for the cache's children, by role. */
export interface CacheTransform {
    /** The generated AUTH token. */
    authToken?: Transform<random.RandomPasswordArgs>;
    subnetGroup?: Transform<aws.elasticache.SubnetGroupArgs>;
    replicationGroup?: Transform<aws.elasticache.ReplicationGroupArgs>;
}

export interface CacheArgs {
    /**
     * "valkey" or "redis" (Redis OSS). Required: the platform passes `webtier:cache.engine`
     * (default in parseConfig's `DEFAULTS.cache.engine`: Valkey, cheaper on ElastiCache and Redis-compatible).
     */
    engine: CacheEngine;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:cache.size` (default "small"). */
    size: SizeClass;
    /**
     * A replica in another zone with automatic failover (Multi-AZ). Required:
     * `webtier:cache.highAvailability`, whose default depends on the environment (on in prod).
     */
    highAvailability: boolean;
    /**
     * Days of automatic snapshots. Required: the platform passes `cacheSnapshotRetentionDays`
     * (infra/aws/engines.ts): a week in prod, where sessions and queued jobs live in the cache.
     */
    snapshotRetentionDays: number;
    /** Private subnets, one per zone: a replica can then live in another zone than the primary. Required. */
    subnetIds: pulumi.Input<string>[];
    /** The cache security group (its only ingress, from the app servers, is added by rules.ts). Required. */
    securityGroupId: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: CacheTransform;
}

/**
 * The shared Valkey or Redis cache on ElastiCache: sessions, cache, queue and the
 * scheduler's `onOneServer` locks for every server. Private, TLS in transit, encrypted at
 * rest, an AUTH token, and a replica with automatic failover where the environment asks for
 * high availability. Cluster mode stays disabled: Laravel keeps cache and locks in separate
 * logical databases, which cluster mode does not have.
 */
export class Cache extends pulumi.ComponentResource {
    public readonly replicationGroup: aws.elasticache.ReplicationGroup;
    public readonly subnetGroup: aws.elasticache.SubnetGroup;
    /** The cache's port, known before deployment (the security-group rules need it). */
    public readonly port: number;
    /** The neutral view the servers and outputs use. */
    public readonly endpoint: CacheEndpoint;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Cache", name, {}, opts);
        const t = args.transform ?? {};
        const engine = elastiCacheEngineSettings(args.engine);
        const highAvailability = args.highAvailability;
        this.port = engine.port;

        // ElastiCache AUTH tokens allow only some printable characters; letters and digits are always safe.
        const authToken = new random.RandomPassword(
            ...transform(t.authToken, childName(name, "cache-auth"), { length: 40, special: false }, { parent: this }),
        );

        const subnetGroupName = childName(name, "cache-subnets");
        this.subnetGroup = new aws.elasticache.SubnetGroup(
            ...transform(
                t.subnetGroup,
                subnetGroupName,
                {
                    description: `webtier ${name}: private subnets of the cache`,
                    subnetIds: args.subnetIds,
                    tags: nameTag(subnetGroupName),
                },
                { parent: this },
            ),
        );

        const groupName = childName(name, "cache");
        this.replicationGroup = new aws.elasticache.ReplicationGroup(
            ...transform(
                t.replicationGroup,
                groupName,
                {
                    description: `webtier ${name}: sessions, cache, queue and scheduler locks`,
                    engine: engine.engine,
                    engineVersion: engine.engineVersion,
                    nodeType: cacheSize("aws", args.size),
                    port: engine.port,
                    clusterMode: "disabled",
                    numCacheClusters: highAvailability ? 2 : 1,
                    automaticFailoverEnabled: highAvailability,
                    multiAzEnabled: highAvailability,
                    subnetGroupName: this.subnetGroup.name,
                    securityGroupIds: [args.securityGroupId],
                    transitEncryptionEnabled: true,
                    atRestEncryptionEnabled: true,
                    authToken: authToken.result,
                    snapshotRetentionLimit: args.snapshotRetentionDays,
                    autoMinorVersionUpgrade: true,
                    tags: nameTag(groupName),
                },
                { parent: this, additionalSecretOutputs: ["authToken"] },
            ),
        );

        this.endpoint = {
            engine: args.engine,
            host: this.replicationGroup.primaryEndpointAddress,
            port: this.replicationGroup.port.apply((port) => port ?? engine.port),
            user: pulumi.output("default"),
            password: pulumi.secret(authToken.result),
            tls: true,
        };
        this.registerOutputs({ primaryEndpoint: this.replicationGroup.primaryEndpointAddress });
    }
}
