import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { AppEndpoints, CloudPlatform, NO_ALERTS, Transform, WebTierArgs, WebTierResources } from "../components";
import { WebtierConfig } from "../config/types";
import { Alerts, AlertsArgs } from "./alerts";
import { Cache, CacheArgs } from "./cache";
import { Database, DatabaseArgs } from "./database";
import { LoadBalancer, LoadBalancerArgs } from "./load-balancer";
import { Network, NetworkArgs } from "./network";
import { createProvider } from "./provider";
import { queueEndpoint } from "./queue";
import { NetworkRules, NetworkRulesArgs } from "./rules";
import { Servers, ServersArgs } from "./servers";
import { Storage, StorageArgs } from "./storage";

export { Alerts, Cache, Database, LoadBalancer, Network, NetworkRules, Servers, Storage };

/** Escape hatches for every DigitalOcean child, grouped by component. */
export interface DigitalOceanTransforms {
    provider?: Transform<digitalocean.ProviderArgs>;
    network?: NetworkArgs["transform"];
    database?: DatabaseArgs["transform"];
    cache?: CacheArgs["transform"];
    storage?: StorageArgs["transform"];
    servers?: ServersArgs["transform"];
    loadBalancer?: LoadBalancerArgs["transform"];
    rules?: NetworkRulesArgs["transform"];
    alerts?: AlertsArgs["transform"];
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
 * Builds the tier on DigitalOcean: network, database, cache, storage, queue, balancer, servers
 * (whose user data needs the endpoints, and which join the balancer by its tag), then the
 * network rules between them.
 */
export function buildDigitalOcean(
    name: string,
    args: WebTierArgs,
    parent: pulumi.ComponentResource,
    transform: DigitalOceanTransforms = {},
): WebTierResources {
    const config: WebtierConfig = args.config;
    if (config.cloud !== "digitalocean") {
        throw new Error(
            `webtier: the DigitalOcean platform was asked to build a stack whose webtier:cloud is "${config.cloud}".`,
        );
    }
    const provider = createProvider(name, parent, transform.provider);
    const opts: pulumi.ComponentResourceOptions = { parent, providers: [provider] };
    const region = config.region;

    const network = new Network(name, { region, ipRange: config.vpcCidr, transform: transform.network }, opts);
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
            transform: transform.database,
        },
        opts,
    );
    const cache = new Cache(
        name,
        {
            region,
            vpcId,
            size: config.cache.size,
            highAvailability: config.cache.highAvailability,
            transform: transform.cache,
        },
        opts,
    );
    const storage = new Storage(
        name,
        {
            region,
            protect: config.protectData,
            corsOrigins: config.storage.corsOrigins,
            cdn: config.storage.cdn,
            transform: transform.storage,
        },
        opts,
    );
    const endpoints: AppEndpoints = {
        database: database.endpoint,
        cache: cache.endpoint,
        storage: storage.endpoint,
        queue: queueEndpoint(config.queue.driver),
        appUrl: pulumi.output(appUrl(config.domain)),
    };
    // Before the servers: it selects droplets by its in-rotation tag (no droplet list, so no
    // cycle), and each droplet's health gate asks it.
    const balancer = new LoadBalancer(
        name,
        {
            region,
            vpcId,
            healthCheckPath: config.healthCheckPath,
            domain: config.domain,
            dnsZone: config.dnsZone,
            transform: transform.loadBalancer,
        },
        opts,
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
            memberTag: balancer.memberTag.name,
            healthGate: config.servers.healthGate
                ? {
                      loadBalancerId: balancer.balancer.id,
                      address: balancer.balancer.ip,
                      timeoutSeconds: config.servers.healthGateTimeoutMinutes * 60,
                  }
                : undefined,
            transform: transform.servers,
        },
        opts,
    );
    new NetworkRules(
        name,
        {
            appTag: servers.tag.name,
            loadBalancerId: balancer.balancer.id,
            allowSshFrom: config.servers.allowSshFrom,
            databaseClusterId: database.cluster.id,
            cacheClusterId: cache.cluster.id,
            transform: transform.rules,
        },
        opts,
    );
    const alerts = config.alerts.enabled
        ? new Alerts(
              name,
              {
                  alerts: config.alerts,
                  subjects: {
                      dropletTag: servers.tag.name,
                      dropletSize: config.servers.size,
                      loadBalancerId: balancer.balancer.id,
                      databaseClusterId: database.cluster.id,
                      cacheClusterId: cache.cluster.id,
                  },
                  healthUrl: pulumi.interpolate`${balancer.info.url}${config.healthCheckPath}`,
                  https: balancer.info.https,
                  transform: transform.alerts,
              },
              opts,
          )
        : undefined;
    return { balancer: balancer.info, servers: servers.info, endpoints, alerts: alerts?.info ?? NO_ALERTS };
}

/** The DigitalOcean platform with escape hatches into its children. */
export function createDigitalOceanPlatform(transform: DigitalOceanTransforms = {}): CloudPlatform {
    return { build: (name, args, parent) => buildDigitalOcean(name, args, parent, transform) };
}

/** DigitalOcean's implementation of the component layer, as `infra/platforms.ts` selects it. */
export const digitaloceanPlatform: CloudPlatform = createDigitalOceanPlatform();
