import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { CacheEndpoint, applyTransform, Transform } from "../components";
import { WebtierConfig } from "../config/types";
import { cacheSize } from "../sizing";
import { cacheSnapshotRetentionDays, elastiCacheEngineSettings } from "./engines";
import { nameTag } from "./tags";

export interface CacheArgs {
    /** The validated stack config; reads `cache` and `environment`. */
    config: WebtierConfig;
    /** Private subnets, one per zone: a replica can then live in another zone than the primary. */
    subnetIds: pulumi.Input<string>[];
    /** The cache security group (its only ingress, from the app servers, is added by rules.ts). */
    securityGroupId: pulumi.Input<string>;
    /** Escape hatches for the cache's children. */
    transform?: {
        replicationGroup?: Transform<aws.elasticache.ReplicationGroupArgs>;
        subnetGroup?: Transform<aws.elasticache.SubnetGroupArgs>;
    };
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
        const { config } = args;
        const t = args.transform ?? {};
        const parent = { parent: this };
        const engine = elastiCacheEngineSettings(config.cache.engine);
        const highAvailability = config.cache.highAvailability;
        this.port = engine.port;

        // ElastiCache AUTH tokens allow only some printable characters; letters and digits are always safe.
        const authToken = new random.RandomPassword(`${name}-cache-auth`, { length: 40, special: false }, parent);

        this.subnetGroup = new aws.elasticache.SubnetGroup(
            `${name}-cache-subnets`,
            applyTransform<aws.elasticache.SubnetGroupArgs>(
                {
                    description: `webtier ${name}: private subnets of the cache`,
                    subnetIds: args.subnetIds,
                    tags: nameTag(`${name}-cache-subnets`),
                },
                t.subnetGroup,
            ),
            parent,
        );

        this.replicationGroup = new aws.elasticache.ReplicationGroup(
            `${name}-cache`,
            applyTransform<aws.elasticache.ReplicationGroupArgs>(
                {
                    description: `webtier ${name}: sessions, cache, queue and scheduler locks`,
                    engine: engine.engine,
                    engineVersion: engine.engineVersion,
                    nodeType: cacheSize("aws", config.cache.size),
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
                    snapshotRetentionLimit: cacheSnapshotRetentionDays(config.environment),
                    autoMinorVersionUpgrade: true,
                    tags: nameTag(`${name}-cache`),
                },
                t.replicationGroup,
            ),
            { parent: this, additionalSecretOutputs: ["authToken"] },
        );

        this.endpoint = {
            engine: config.cache.engine,
            host: this.replicationGroup.primaryEndpointAddress,
            port: this.replicationGroup.port.apply((port) => port ?? engine.port),
            user: pulumi.output("default"),
            password: pulumi.secret(authToken.result),
            tls: true,
        };
        this.registerOutputs({ primaryEndpoint: this.replicationGroup.primaryEndpointAddress });
    }
}
