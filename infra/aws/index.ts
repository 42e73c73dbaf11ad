/**
 * The AWS implementation of the component layer: VPC, RDS, ElastiCache, S3 (+ CloudFront),
 * SQS, EC2 servers behind an application load balancer, and the security-group rules
 * between them. Imports nothing from any other cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AppEndpoints, CloudPlatform, NO_ALERTS, WebTierArgs, WebTierResources } from "../components";
import { WebtierConfig } from "../config/types";
import { Alerts, AlertsArgs, CloudWatchAgentSetup } from "./alerts";
import { Cache, CacheArgs } from "./cache";
import { Database, DatabaseArgs } from "./database";
import { LoadBalancer, LoadBalancerArgs } from "./load-balancer";
import { Network, NetworkArgs } from "./network";
import { Queue, QueueArgs } from "./queue";
import { NetworkRules, NetworkRulesArgs } from "./rules";
import { ServerSecrets, ServerSecretsArgs } from "./secrets";
import { Servers, ServersArgs } from "./servers";
import { Storage, StorageArgs } from "./storage";

export { Alerts, Cache, Database, LoadBalancer, Network, NetworkRules, Queue, ServerSecrets, Servers, Storage };

/** Options of the AWS platform beyond the neutral config: per-component escape hatches. */
export interface AwsPlatformOptions {
    /** Adjust any child resource's args, per component (see each component's `transform`). */
    transform?: {
        network?: NetworkArgs["transform"];
        database?: DatabaseArgs["transform"];
        cache?: CacheArgs["transform"];
        storage?: StorageArgs["transform"];
        queue?: QueueArgs["transform"];
        loadBalancer?: LoadBalancerArgs["transform"];
        servers?: ServersArgs["transform"];
        secrets?: ServerSecretsArgs["transform"];
        rules?: NetworkRulesArgs["transform"];
        alerts?: AlertsArgs["transform"];
    };
    /** Encrypt uploads with this KMS key instead of S3-managed keys. Default: none (SSE-S3). */
    uploadsKmsKeyArn?: pulumi.Input<string>;
    /** Extra tags on every AWS resource, merged over webtier's own default tags. Default: none. */
    tags?: Record<string, string>;
}

/** The tags every AWS resource of a stack carries, through the provider's default tags. */
export function defaultTags(config: WebtierConfig, extra: Record<string, string> = {}): Record<string, string> {
    return {
        "webtier:stack": config.name,
        "webtier:environment": config.environment,
        "managed-by": "pulumi",
        ...extra,
    };
}

/** Everything the AWS platform built, for programs that need more than the neutral view. */
export interface AwsWebTier {
    provider: aws.Provider;
    network: Network;
    database: Database;
    cache: Cache;
    storage: Storage;
    queue: Queue;
    loadBalancer: LoadBalancer;
    servers: Servers;
    secrets: ServerSecrets;
    rules: NetworkRules;
    /** Absent when webtier:alerts.enabled is false. */
    alerts?: Alerts;
}

/**
 * Builds the AWS platform. `awsPlatform` is this with no options; call it yourself to pass
 * transforms or a KMS key. `onBuilt` hands over the AWS components after each build.
 */
export function createAwsPlatform(
    options: AwsPlatformOptions = {},
    onBuilt?: (built: AwsWebTier) => void,
): CloudPlatform {
    return {
        build(name: string, args: WebTierArgs, parent: pulumi.ComponentResource): WebTierResources {
            const { config } = args;
            const laravelEnv = requireLaravelEnv(args);
            const t = options.transform ?? {};
            // One explicit provider for the stack's region: no resource falls back to whatever
            // region the ambient AWS configuration happens to name.
            const provider = new aws.Provider(
                `${name}-aws`,
                {
                    region: config.region as aws.Region,
                    defaultTags: { tags: defaultTags(config, options.tags) },
                },
                { parent },
            );
            const opts: pulumi.ComponentResourceOptions = { parent, providers: { aws: provider } };

            const network = new Network(name, { config, transform: t.network }, opts);
            const privateSubnetIds = network.privateSubnets.map((subnet) => subnet.id);
            const groups = network.securityGroups;

            const database = new Database(
                name,
                {
                    config,
                    subnetIds: privateSubnetIds,
                    securityGroupId: groups.database.id,
                    transform: t.database,
                },
                opts,
            );
            const cache = new Cache(
                name,
                {
                    config,
                    subnetIds: privateSubnetIds,
                    securityGroupId: groups.cache.id,
                    transform: t.cache,
                },
                opts,
            );
            const storage = new Storage(
                name,
                { config, kmsKeyArn: options.uploadsKmsKeyArn, transform: t.storage },
                opts,
            );
            const queue = new Queue(name, { config, transform: t.queue }, opts);

            // Before the servers: they register in its target group, and without a domain the
            // app's URL is the balancer's own address.
            const loadBalancer = new LoadBalancer(
                name,
                {
                    config,
                    vpcId: network.vpc.id,
                    subnetIds: network.publicSubnets.map((subnet) => subnet.id),
                    securityGroupId: groups.balancer.id,
                    transform: t.loadBalancer,
                },
                opts,
            );

            // Before the servers: their bootstrap reads the agent's config from its parameter.
            const agent = new CloudWatchAgentSetup(name, { stackName: config.name }, opts);
            const endpoints: AppEndpoints = {
                database: database.endpoint,
                cache: cache.endpoint,
                storage: storage.endpoint,
                queue: queue.endpoint,
                appUrl: loadBalancer.info.url,
                // Memory and disk use, which EC2 does not report, for the alarms (and anyone debugging).
                metricsAgent: { configParameter: agent.parameterName },
            };

            // The servers' .env, in Parameter Store rather than their user data.
            const secrets = new ServerSecrets(
                name,
                { stackName: config.name, laravelEnv: laravelEnv(endpoints), transform: t.secrets },
                opts,
            );

            const servers = new Servers(
                name,
                {
                    config,
                    subnetIds: privateSubnetIds,
                    zoneNames: network.zoneNames,
                    securityGroupId: groups.app.id,
                    targetGroupArn: loadBalancer.targetGroup.arn,
                    bucketArn: storage.bucket.arn,
                    kmsKeyArn: storage.kmsKeyArn,
                    queueArn: queue.queue?.arn,
                    endpoints,
                    userData: args.userData,
                    secrets,
                    // Gates wait for the listener that forwards to the target group.
                    balancerReady: [loadBalancer.httpsListener ?? loadBalancer.httpListener],
                    transform: t.servers,
                },
                opts,
            );

            const rules = new NetworkRules(
                name,
                {
                    allowSshFrom: config.servers.allowSshFrom,
                    databasePort: database.port,
                    cachePort: cache.port,
                    securityGroupIds: {
                        balancer: groups.balancer.id,
                        app: groups.app.id,
                        database: groups.database.id,
                        cache: groups.cache.id,
                    },
                    transform: t.rules,
                },
                opts,
            );

            agent.grant(servers.role);
            const alerts = config.alerts.enabled
                ? new Alerts(
                      name,
                      {
                          alerts: config.alerts,
                          subjects: {
                              loadBalancer: {
                                  arnSuffix: loadBalancer.loadBalancer.arnSuffix,
                                  targetGroupArnSuffix: loadBalancer.targetGroup.arnSuffix,
                              },
                              servers: servers.servers.map((server, index) => ({
                                  name: server.name,
                                  instanceId: servers.instances[index].id,
                              })),
                              database: {
                                  identifier: database.instance.identifier,
                                  engine: config.database.engine,
                                  size: config.database.size,
                                  allocatedStorageGb: config.database.storageGb,
                              },
                              cache: {
                                  replicationGroupId: cache.replicationGroup.id,
                                  nodes: config.cache.highAvailability ? 2 : 1,
                              },
                              deadLetterQueue: queue.deadLetterQueue ? { name: queue.deadLetterQueue.name } : undefined,
                          },
                          transform: t.alerts,
                      },
                      opts,
                  )
                : undefined;

            onBuilt?.({
                provider,
                network,
                database,
                cache,
                storage,
                queue,
                loadBalancer,
                servers,
                secrets,
                rules,
                alerts,
            });
            return {
                balancer: loadBalancer.info,
                servers: servers.servers,
                endpoints,
                alerts: alerts?.info ?? NO_ALERTS,
            };
        },
    };
}

/**
 * The renderer of the servers' .env, which the AWS platform keeps in Parameter Store rather than
 * the user data. Checked before any resource is registered.
 */
function requireLaravelEnv(args: WebTierArgs): (endpoints: AppEndpoints) => pulumi.Output<string> {
    if (!args.laravelEnv) {
        throw new Error(
            "webtier: the AWS platform keeps the servers' .env in Parameter Store and needs WebTierArgs.laravelEnv to render it (runWebtier passes it).",
        );
    }
    return args.laravelEnv;
}

/** The AWS platform with default options, as `infra/platforms.ts` maps `webtier:cloud: aws` to it. */
export const awsPlatform: CloudPlatform = createAwsPlatform();
