/**
 * The DigitalOcean implementation of the component layer: VPC, managed MySQL/Postgres and
 * Valkey, Spaces (+ CDN), droplets behind a load balancer, and the firewalls between them.
 * Imports nothing from any other cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { AppEndpoints, CloudPlatform, NO_ALERTS, WebTierArgs, WebTierResources, refuseOtherCloud } from "../components";
import { Transform } from "../transform";
import { AccessLogs, AccessLogsTransform } from "./access-logs";
import { Alerts, AlertsTransform } from "./alerts";
import { Cache, CacheTransform } from "./cache";
import { Database, DatabaseTransform } from "./database";
import { LoadBalancer, LoadBalancerTransform } from "./load-balancer";
import { Network, NetworkTransform } from "./network";
import { createProvider } from "./provider";
import { Queue, QueueTransform } from "./queue";
import { NetworkRules, NetworkRulesTransform } from "./rules";
import { Servers, ServersTransform } from "./servers";
import { Storage, StorageTransform } from "./storage";

export { AccessLogs, Alerts, Cache, Database, LoadBalancer, Network, NetworkRules, Queue, Servers, Storage };

/**
 * Escape hatches for every child the DigitalOcean platform creates, by component and child role
 * (each component's own `...Transform` lists its children). See infra/transform.ts.
 */
export interface DigitalOceanTransform {
    /** The stack's explicit DigitalOcean provider (`${name}-provider`), a child of the tier itself. */
    provider?: Transform<digitalocean.ProviderArgs, pulumi.CustomResourceOptions>;
    network?: NetworkTransform;
    database?: DatabaseTransform;
    cache?: CacheTransform;
    storage?: StorageTransform;
    accessLogs?: AccessLogsTransform;
    queue?: QueueTransform;
    loadBalancer?: LoadBalancerTransform;
    servers?: ServersTransform;
    rules?: NetworkRulesTransform;
    alerts?: AlertsTransform;
}

/** Options of the DigitalOcean platform beyond the stack's config. */
export interface DigitalOceanPlatformOptions {
    /** Adjust any child resource's args and options, by component and child. Default: none. */
    transform?: DigitalOceanTransform;
}

/** Everything the DigitalOcean platform built, for programs that need more than the neutral view. */
export interface DigitalOceanWebTier {
    provider: digitalocean.Provider;
    network: Network;
    database: Database;
    cache: Cache;
    storage: Storage;
    /** Absent when webtier:accessLogDays is 0. */
    accessLogs?: AccessLogs;
    queue: Queue;
    loadBalancer: LoadBalancer;
    servers: Servers;
    rules: NetworkRules;
    /** Absent when webtier:alerts.enabled is false. */
    alerts?: Alerts;
}

/**
 * The URL the app is configured with (APP_URL). With a domain it is https://domain. Without
 * one (dev and staging only) the app keeps Laravel's default http://localhost; requests through
 * the balancer still get URLs for the host they asked for, and the stack output
 * `loadBalancer.url` has the real address. (This once avoided a cycle: the balancer listed the
 * droplets. It now selects them by tag, so its IP could be used; that would change every dev
 * droplet's user data, and so replace them, so it is left for a deliberate change.)
 */
export function appUrl(domain: string | undefined): string {
    return domain ? `https://${domain}` : "http://localhost";
}

/**
 * Builds the tier on DigitalOcean: provider, network, database, cache, storage and its access
 * logs, queue, balancer (before the servers, which join it by its tag), servers (whose user data
 * needs the endpoints), the firewalls between them, then the alert policies.
 * `digitaloceanPlatform` is this with no options; `onBuilt` hands over the DigitalOcean
 * components after each build.
 */
export function createDigitalOceanPlatform(
    options: DigitalOceanPlatformOptions = {},
    onBuilt?: (built: DigitalOceanWebTier) => void,
): CloudPlatform {
    return {
        build(name: string, args: WebTierArgs, parent: pulumi.ComponentResource): WebTierResources {
            refuseOtherCloud(args, "digitalocean", "DigitalOcean");
            const { config } = args;
            const t = options.transform ?? {};
            const provider = createProvider(name, parent, t.provider);
            // An array, as Pulumi's ComponentResourceOptions asks: the package comes from the provider.
            const opts = (): pulumi.ComponentResourceOptions => ({ parent, providers: [provider] });
            const region = config.region;

            const network = new Network(name, { region, ipRange: config.vpcCidr, transform: t.network }, opts());
            const vpcId = network.vpc.id;
            const database = new Database(
                name,
                {
                    region,
                    vpcId,
                    engine: config.database.engine,
                    version: config.database.version,
                    size: config.database.size,
                    highAvailability: config.database.highAvailability,
                    // DigitalOcean has no deletion-protection flag: both settings map to Pulumi's protect.
                    // Backups are not configurable either: daily, kept 7 days, whatever backupRetentionDays says.
                    protect: config.protectData || config.database.deletionProtection,
                    transform: t.database,
                },
                opts(),
            );
            const cache = new Cache(
                name,
                {
                    region,
                    vpcId,
                    size: config.cache.size,
                    highAvailability: config.cache.highAvailability,
                    transform: t.cache,
                },
                opts(),
            );
            const storage = new Storage(
                name,
                {
                    region,
                    protect: config.protectData,
                    corsOrigins: config.storage.corsOrigins,
                    cdn: config.storage.cdn,
                    versionRetentionDays: config.storage.versionRetentionDays,
                    transform: t.storage,
                },
                opts(),
            );
            const accessLogs =
                config.accessLogDays > 0
                    ? new AccessLogs(
                          name,
                          {
                              region,
                              retentionDays: config.accessLogDays,
                              protect: config.protectData,
                              uploadsBucket: storage.bucket.name,
                              transform: t.accessLogs,
                          },
                          opts(),
                      )
                    : undefined;
            const queue = new Queue(name, { driver: config.queue.driver, transform: t.queue }, opts());
            const endpoints: AppEndpoints = {
                database: database.endpoint,
                cache: cache.endpoint,
                storage: storage.endpoint,
                queue: queue.endpoint,
                appUrl: pulumi.output(appUrl(config.domain)),
            };
            // Before the servers: it selects droplets by its in-rotation tag (no droplet list, so no
            // cycle), and each droplet's health gate asks it.
            const loadBalancer = new LoadBalancer(
                name,
                {
                    region,
                    vpcId,
                    healthCheckPath: config.healthCheckPath,
                    domain: config.domain,
                    dnsZone: config.dnsZone,
                    transform: t.loadBalancer,
                },
                opts(),
            );
            const servers = new Servers(
                name,
                {
                    region,
                    vpcId,
                    count: config.servers.count,
                    size: config.servers.size,
                    image: config.servers.image,
                    sshPublicKey: config.servers.sshPublicKey,
                    // No secret store on DigitalOcean: the .env travels in the user data (served to the droplet only).
                    userData: (server) => args.userData(endpoints, server, { kind: "user-data" }),
                    memberTag: loadBalancer.memberTag.name,
                    healthGate: config.servers.healthGate
                        ? {
                              loadBalancerId: loadBalancer.loadBalancer.id,
                              address: loadBalancer.loadBalancer.ip,
                              timeoutSeconds: config.servers.healthGateTimeoutMinutes * 60,
                          }
                        : undefined,
                    transform: t.servers,
                },
                opts(),
            );
            const rules = new NetworkRules(
                name,
                {
                    appTag: servers.tag.name,
                    loadBalancerId: loadBalancer.loadBalancer.id,
                    allowSshFrom: config.servers.allowSshFrom,
                    databaseClusterId: database.cluster.id,
                    cacheClusterId: cache.cluster.id,
                    transform: t.rules,
                },
                opts(),
            );
            const alerts = config.alerts.enabled
                ? new Alerts(
                      name,
                      {
                          alerts: config.alerts,
                          subjects: {
                              dropletTag: servers.tag.name,
                              dropletSize: config.servers.size,
                              loadBalancerId: loadBalancer.loadBalancer.id,
                              databaseClusterId: database.cluster.id,
                              cacheClusterId: cache.cluster.id,
                          },
                          healthUrl: pulumi.interpolate`${loadBalancer.info.url}${config.healthCheckPath}`,
                          https: loadBalancer.info.https,
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
                accessLogs,
                queue,
                loadBalancer,
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
                    bucket: accessLogs.bucket.name,
                    uploadsPrefix: `${accessLogs.uploadsPrefix}/`,
                },
            };
        },
    };
}

/** The DigitalOcean platform with default options, as `infra/platforms.ts` maps `webtier:cloud: digitalocean` to it. */
export const digitaloceanPlatform: CloudPlatform = createDigitalOceanPlatform();
