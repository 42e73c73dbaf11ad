/**
 * The provider-neutral component layer: what each concern of the web tier takes and gives,
 * whatever the cloud. `infra/aws/` and `infra/digitalocean/` each implement every interface
 * here with plain `ComponentResource`s; `infra/webtier.ts` composes them through a
 * `CloudPlatform` and never looks at which cloud it has.
 */
import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig, DatabaseEngine, CacheEngine, QueueDriver } from "./config/types";

/** Where the database is and how the app logs in. */
export interface DatabaseEndpoint {
    engine: DatabaseEngine;
    /** Private hostname, resolvable from the app servers only. */
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    /** The application database (schema) name. */
    name: pulumi.Output<string>;
    user: pulumi.Output<string>;
    /** A Pulumi secret. */
    password: pulumi.Output<string>;
    /** Whether the connection must use TLS (DigitalOcean's managed databases require it). */
    requireTls: boolean;
    /**
     * PEM text of the CA that signs the database's certificate, written to the servers so the
     * app verifies the database (DigitalOcean: `digitalocean.getDatabaseCaOutput({ clusterId })`).
     * Default: none. Required when `requireTls` is true and `caCertificateUrl` is not set.
     */
    caCertificate?: pulumi.Output<string>;
    /**
     * An https URL the servers download the CA bundle from at boot, when the cloud publishes
     * one (AWS RDS: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem").
     * Default: none. When either CA field is set the app connects with TLS and verifies it.
     */
    caCertificateUrl?: string;
}

/** Where the shared Redis-compatible cache is. */
export interface CacheEndpoint {
    engine: CacheEngine;
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    /** User name for AUTH (Valkey/Redis 6+ ACL); "default" when the cache has a single token. */
    user: pulumi.Output<string>;
    /** A Pulumi secret: the AUTH token or password. */
    password: pulumi.Output<string>;
    /** Always true: both clouds' caches are reached over TLS (rediss://). */
    tls: boolean;
}

/**
 * Days after which a multipart upload to the uploads bucket that was never completed is aborted
 * and its parts deleted, on both clouds. Browser and SDK uploads of large files go in parts; one
 * abandoned halfway (a closed tab, a failed job) is invisible in the bucket's listing yet billed
 * as stored. A week outlasts any upload a Laravel app makes.
 */
export const INCOMPLETE_UPLOAD_DAYS = 7;

/** The uploads bucket and how the app reaches it. */
export interface StorageEndpoint {
    bucket: pulumi.Output<string>;
    region: string;
    /** S3-compatible API endpoint (https://...). */
    endpoint: string;
    /** Public base URL of files served through the CDN, when there is one. */
    cdnDomain: pulumi.Output<string | undefined>;
    /**
     * Static credentials for the app, when the cloud needs them (DigitalOcean Spaces keys,
     * scoped to this bucket). On AWS the servers' instance role grants access instead.
     */
    accessKeyId?: pulumi.Output<string>;
    /** A Pulumi secret. */
    secretAccessKey?: pulumi.Output<string>;
}

/** The queue connection the workers use. */
export interface QueueEndpoint {
    driver: QueueDriver;
    /** The SQS queue URL, when the driver is sqs. */
    url?: pulumi.Output<string>;
    /** The SQS queue name, when the driver is sqs. */
    name?: pulumi.Output<string>;
}

/** Everything a server's bootstrap needs to know about the shared services. */
export interface AppEndpoints {
    database: DatabaseEndpoint;
    cache: CacheEndpoint;
    storage: StorageEndpoint;
    queue: QueueEndpoint;
    /** The public URL of the app (https://domain, or the balancer's HTTP address in dev without a domain). */
    appUrl: pulumi.Output<string>;
    /**
     * The Amazon CloudWatch agent the servers' bootstrap installs on AWS, for the memory and disk
     * alarms (EC2 reports neither by itself), and the SSM parameter holding its config. Default
     * none: DigitalOcean's droplet agent (`monitoring: true`) already reports both.
     */
    metricsAgent?: { configParameter: string };
}

/**
 * How the servers get the app's `.env`. `user-data`: inside each server's user data, on clouds
 * with no secret store (DigitalOcean serves user data to the droplet only). `parameter`: a
 * SecureString parameter the servers read through their role at boot and on every release
 * (AWS Systems Manager Parameter Store); the user data then carries no secret, and a rotated
 * secret changes the parameter, not the servers.
 */
export type EnvDelivery = { kind: "user-data" } | { kind: "parameter"; name: string; region: string };

/**
 * Renders one server's user data (cloud-init, as text: each cloud encodes it) from the shared
 * endpoints. `index` is the server's position (0-based) among `count` servers.
 */
export type UserDataRenderer = (
    endpoints: AppEndpoints,
    server: { index: number; count: number },
    env: EnvDelivery,
) => pulumi.Output<string>;

/** One app server as the balancer and the outputs see it. */
export interface ServerInfo {
    name: string;
    id: pulumi.Output<string>;
    privateIp: pulumi.Output<string>;
    /** Present on clouds where servers have a public address (DigitalOcean droplets). */
    publicIp: pulumi.Output<string | undefined>;
    /** Availability zone (AWS) or region (DigitalOcean). */
    zone: pulumi.Output<string>;
}

/** The public entry point. */
export interface BalancerInfo {
    /** Hostname (AWS) or IP address (DigitalOcean) the DNS record must point at. */
    address: pulumi.Output<string>;
    /** True when the balancer terminates HTTPS; false only in dev/staging stacks without a domain. */
    https: boolean;
    /** The URL users reach the app at. */
    url: pulumi.Output<string>;
    /** The balancer's ARN (AWS) or id (DigitalOcean), for tools that drive it (the rolling deploy). */
    id: pulumi.Output<string>;
    /** AWS only: the target group the servers are registered in. */
    targetGroupArn?: pulumi.Output<string>;
    /**
     * DigitalOcean only: the in-rotation tag the balancer selects droplets by. The rolling
     * deploy removes it from a droplet to take it out of rotation (the app tag stays).
     */
    memberTag?: pulumi.Output<string>;
}

/** What an alert watches: one of the tier's parts. */
export type AlertTarget = "balancer" | "servers" | "database" | "cache" | "queue";

/** One alarm (AWS) or alert policy / uptime alert (DigitalOcean). */
export interface AlertInfo {
    /** The logical name of the resource, `${name}-alarm-...` or `${name}-alert-...`. */
    name: string;
    target: AlertTarget;
    /** The metric, expression or check it watches. */
    metric: string;
    /** The alarm's name (AWS) or the alert policy's / uptime alert's id (DigitalOcean). */
    id: pulumi.Output<string>;
}

/** The tier's alerting, whatever the cloud. */
export interface AlertsInfo {
    /** False when `webtier:alerts.enabled` is false: then nothing below exists. */
    enabled: boolean;
    /** AWS: the SNS topic every alarm notifies. DigitalOcean has no topic: each policy lists its destinations. */
    topic?: pulumi.Output<string>;
    /** The email addresses alerts go to. */
    emails: string[];
    alerts: AlertInfo[];
}

/** Alerting of a stack with alerts turned off. */
export const NO_ALERTS: AlertsInfo = { enabled: false, emails: [], alerts: [] };

/** Where the stack keeps its access logs (`webtier:accessLogDays`), and under which folders. */
export interface AccessLogsInfo {
    /** The access-log bucket's name. */
    bucket: pulumi.Output<string>;
    /** The folder the uploads bucket's access logs are written under (`s3/uploads/`, `spaces/uploads/`). */
    uploadsPrefix: string;
    /** The folder the balancer writes its access logs under, where it writes any (AWS: `alb/`). */
    balancerPrefix?: string;
}

/** The result of building the whole tier on one cloud. */
export interface WebTierResources {
    balancer: BalancerInfo;
    servers: ServerInfo[];
    endpoints: AppEndpoints;
    /** The alarms or alert policies on the balancer, servers, database, cache and queue. */
    alerts: AlertsInfo;
    /** Absent when webtier:accessLogDays is 0. */
    accessLogs?: AccessLogsInfo;
}

/** Everything a cloud needs to build the tier. */
export interface WebTierArgs {
    config: WebtierConfig;
    /** Renders each server's cloud-init. */
    userData: UserDataRenderer;
    /**
     * Renders the app's `.env` (a secret) from the endpoints, for clouds that store it apart
     * from the user data (AWS: a SecureString parameter). Required there; the AWS platform
     * refuses to build without it.
     */
    laravelEnv?: (endpoints: AppEndpoints) => pulumi.Output<string>;
}

/** A cloud's implementation of the component layer. */
export interface CloudPlatform {
    /**
     * Builds network, database, cache, storage, queue, servers, balancer and network rules
     * as children of `parent`, in the order this cloud needs, and returns the neutral view.
     */
    build(name: string, args: WebTierArgs, parent: pulumi.ComponentResource): WebTierResources;
}

/**
 * Refuses to build a stack configured for another cloud: a platform called directly (not through
 * the registry, which picks it by `webtier:cloud`) must not build one cloud's tier from another's
 * config. `label` is the platform's name in the message.
 */
export function refuseOtherCloud(args: WebTierArgs, cloud: string, label: string): void {
    if (args.config.cloud !== cloud)
        throw new Error(
            `webtier: the ${label} platform was asked to build a stack whose webtier:cloud is "${args.config.cloud}".`,
        );
}
