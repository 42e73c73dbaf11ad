/**
 * The AWS implementation of the component layer: VPC, RDS, ElastiCache, S3 (+ CloudFront),
 * SQS, EC2 servers behind an application load balancer, and the security-group rules
 * between them. Imports nothing from any other cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AppEndpoints, CloudPlatform, NO_ALERTS, WebTierArgs, WebTierResources, refuseOtherCloud } from "../components";
import { WebtierConfig } from "../config/types";
import { childName } from "../naming";
import { natGatewayCount } from "../network-plan";
import { transform, Transform } from "../transform";
import { AccessLogs, AccessLogsTransform } from "./access-logs";
import { Alerts, AlertsTransform, CloudWatchAgentSetup, CloudWatchAgentTransform } from "./alerts";
import { Cache, CacheTransform } from "./cache";
import { Database, DatabaseTransform } from "./database";
import { cacheSnapshotRetentionDays } from "./engines";
import { LoadBalancer, LoadBalancerTransform } from "./load-balancer";
import { Network, NetworkTransform } from "./network";
import { Queue, QueueTransform } from "./queue";
import { NetworkRules, NetworkRulesTransform } from "./rules";
import { ServerSecrets, ServerSecretsTransform } from "./secrets";
import { Servers, ServersTransform } from "./servers";
import { Storage, StorageTransform } from "./storage";

export {
    AccessLogs,
    Alerts,
    Cache,
    CloudWatchAgentSetup,
    Database,
    LoadBalancer,
    Network,
    NetworkRules,
    Queue,
    ServerSecrets,
    Servers,
    Storage,
};

/**
 * Escape hatches for every child the AWS platform creates, by component and child role (each
 * component's own `...Transform` lists its children). See infra/transform.ts.
 */
export interface AwsTransform {
    /** The stack's explicit AWS provider (`${name}-aws`), a child of the tier itself. */
    provider?: Transform<aws.ProviderArgs, pulumi.CustomResourceOptions>;
    network?: NetworkTransform;
    database?: DatabaseTransform;
    cache?: CacheTransform;
    storage?: StorageTransform;
    queue?: QueueTransform;
    loadBalancer?: LoadBalancerTransform;
    /** The balancer's access-log bucket; only with `webtier:accessLogDays` above 0. */
    accessLogs?: AccessLogsTransform;
    /** The CloudWatch agent's config parameter and policy. */
    agent?: CloudWatchAgentTransform;
    secrets?: ServerSecretsTransform;
    servers?: ServersTransform;
    rules?: NetworkRulesTransform;
    alerts?: AlertsTransform;
}

/** Options of the AWS platform beyond the stack's config. */
export interface AwsPlatformOptions {
    /** Adjust any child resource's args and options, by component and child. Default: none. */
    transform?: AwsTransform;
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
    /** Absent when webtier:accessLogDays is 0. */
    accessLogs?: AccessLogs;
    agent: CloudWatchAgentSetup;
    secrets: ServerSecrets;
    servers: Servers;
    rules: NetworkRules;
    /** Absent when webtier:alerts.enabled is false. */
    alerts?: Alerts;
}

/**
 * Builds the tier on AWS: provider, network, database, cache, storage, queue, balancer (its
 * target group and, without a domain, its address come before the servers), the CloudWatch
 * agent's config and the servers' secrets (the servers' bootstrap reads both), the servers, the
 * security-group rules between them, then the alarms. `awsPlatform` is this with no options;
 * `onBuilt` hands over the AWS components after each build.
 */
export function createAwsPlatform(
    options: AwsPlatformOptions = {},
    onBuilt?: (built: AwsWebTier) => void,
): CloudPlatform {
    return {
        build(name: string, args: WebTierArgs, parent: pulumi.ComponentResource): WebTierResources {
            refuseOtherCloud(args, "aws", "AWS");
            const { config } = args;
            const laravelEnv = requireLaravelEnv(args);
            const t = options.transform ?? {};
            // One explicit provider for the stack's region: no resource falls back to whatever
            // region the ambient AWS configuration happens to name.
            const provider = new aws.Provider(
                ...transform(
                    t.provider,
                    childName(name, "aws"),
                    {
                        region: config.region as aws.Region,
                        defaultTags: { tags: defaultTags(config, options.tags) },
                    },
                    { parent },
                ),
            );
            // An array, as Pulumi's ComponentResourceOptions asks: the package comes from the provider.
            const opts = (): pulumi.ComponentResourceOptions => ({ parent, providers: [provider] });

            const network = new Network(
                name,
                {
                    region: config.region,
                    ipRange: config.vpcCidr,
                    zones: config.zones,
                    natGateways: natGatewayCount(config.environment, config.zones),
                    transform: t.network,
                },
                opts(),
            );
            const privateSubnetIds = network.privateSubnets.map((subnet) => subnet.id);
            const groups = network.securityGroups;

            const database = new Database(
                name,
                {
                    engine: config.database.engine,
                    version: config.database.version,
                    extendedSupport: config.database.extendedSupport,
                    size: config.database.size,
                    storageGb: config.database.storageGb,
                    highAvailability: config.database.highAvailability,
                    deletionProtection: config.database.deletionProtection,
                    backupRetentionDays: config.database.backupRetentionDays,
                    protect: config.protectData,
                    subnetIds: privateSubnetIds,
                    securityGroupId: groups.database.id,
                    transform: t.database,
                },
                opts(),
            );
            const cache = new Cache(
                name,
                {
                    engine: config.cache.engine,
                    size: config.cache.size,
                    highAvailability: config.cache.highAvailability,
                    snapshotRetentionDays: cacheSnapshotRetentionDays(config.environment),
                    subnetIds: privateSubnetIds,
                    securityGroupId: groups.cache.id,
                    transform: t.cache,
                },
                opts(),
            );
            const storage = new Storage(
                name,
                {
                    region: config.region,
                    protect: config.protectData,
                    corsOrigins: config.storage.corsOrigins,
                    cdn: config.storage.cdn,
                    versionRetentionDays: config.storage.versionRetentionDays,
                    kmsKeyArn: options.uploadsKmsKeyArn,
                    transform: t.storage,
                },
                opts(),
            );
            const queue = new Queue(name, { driver: config.queue.driver, transform: t.queue }, opts());

            const accessLogs =
                config.accessLogDays > 0
                    ? new AccessLogs(
                          name,
                          {
                              region: config.region,
                              retentionDays: config.accessLogDays,
                              protect: config.protectData,
                              uploads: { bucket: storage.bucket.id, arn: storage.bucket.arn },
                              transform: t.accessLogs,
                          },
                          opts(),
                      )
                    : undefined;
            // Before the servers: they register in its target group, and without a domain the
            // app's URL is the balancer's own address.
            const loadBalancer = new LoadBalancer(
                name,
                {
                    vpcId: network.vpc.id,
                    subnetIds: network.publicSubnets.map((subnet) => subnet.id),
                    securityGroupId: groups.balancer.id,
                    healthCheckPath: config.healthCheckPath,
                    domain: config.domain,
                    dnsZone: config.dnsZone,
                    tlsPolicy: config.tlsPolicy,
                    accessLogs: accessLogs && {
                        bucket: accessLogs.bucket.bucket,
                        prefix: accessLogs.prefix,
                        policy: accessLogs.policy,
                    },
                    transform: t.loadBalancer,
                },
                opts(),
            );

            // Before the servers: their bootstrap reads the agent's config from its parameter.
            const agent = new CloudWatchAgentSetup(name, { stackName: config.name, transform: t.agent }, opts());
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
                opts(),
            );

            const servers = new Servers(
                name,
                {
                    region: config.region,
                    count: config.servers.count,
                    size: config.servers.size,
                    image: config.servers.image,
                    sshPublicKey: config.servers.sshPublicKey,
                    healthGate: config.servers.healthGate
                        ? {
                              timeoutSeconds: config.servers.healthGateTimeoutMinutes * 60,
                              // Gates wait for the listener that forwards to the target group.
                              balancerReady: [loadBalancer.httpsListener ?? loadBalancer.httpListener],
                          }
                        : undefined,
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
                    transform: t.servers,
                },
                opts(),
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
                opts(),
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
                              servers: servers.info.map((server, index) => ({
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
                      opts(),
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
                accessLogs,
                agent,
                secrets,
                servers,
                rules,
                alerts,
            });
            return {
                balancer: loadBalancer.info,
                servers: servers.info,
                endpoints,
                alerts: alerts?.info ?? NO_ALERTS,
                accessLogs: accessLogs && {
                    bucket: accessLogs.bucket.bucket,
                    uploadsPrefix: `${accessLogs.uploadsPrefix}/`,
                    balancerPrefix: `${accessLogs.prefix}/`,
                },
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
