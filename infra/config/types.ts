/**
 * The validated, cloud-neutral configuration of one webtier stack.
 *
 * Everything here is plain data produced by `parseConfig` from the stack's
 * `webtier:*` keys; components read it and never read `pulumi.Config` themselves.
 */

// The clouds are the keys of the registry in infra/clouds.ts (a type-only import: no cycle at run time).
import type { Cloud } from "../clouds";
export type { Cloud };

export const SIZE_CLASSES = ["small", "medium", "large"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const DATABASE_ENGINES = ["mysql", "postgres"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export const CACHE_ENGINES = ["valkey", "redis"] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

export const QUEUE_DRIVERS = ["redis", "sqs"] as const;
export type QueueDriver = (typeof QUEUE_DRIVERS)[number];

export interface ServersConfig {
    /** How many app servers sit behind the balancer. Default 2 (1 is allowed outside prod). */
    count: number;
    /** Size class, mapped per cloud by `infra/sizing.ts`. Default "small". */
    size: SizeClass;
    /**
     * Pinned machine image (an AMI id on AWS, an image slug or id on DigitalOcean).
     * Default: Ubuntu 24.04 LTS. Pin it in prod so that a newly published image never
     * replaces servers unplanned.
     */
    image?: string;
    /** OpenSSH public key installed for the deploy user. Default: none (no SSH key). */
    sshPublicKey?: string;
    /**
     * CIDRs allowed to reach port 22. Default: none, which closes SSH entirely.
     * World-open ranges (0.0.0.0/0, ::/0) are refused.
     */
    allowSshFrom: string[];
    /**
     * Health-gated replacement: when a change replaces servers, each new server must be
     * reported healthy by the balancer before the next one is created, and the update stops
     * (old servers untouched) when one never gets healthy. Default true. Set false only where
     * the identity running `pulumi up` cannot read target health (AWS:
     * elasticloadbalancing:DescribeTargetHealth; DigitalOcean: a token without load balancer
     * and monitoring read access); replacements then still go one at a time, create before delete.
     */
    healthGate: boolean;
    /** Minutes a new server may take to become healthy before the update fails. Default 10 (1 to 60). */
    healthGateTimeoutMinutes: number;
}

export interface DatabaseConfig {
    /** Default "mysql", as on the single box the app comes from. */
    engine: DatabaseEngine;
    /**
     * Engine major version, one the cloud offers for a new database today (the dated tables in
     * `policies/lib/<cloud>/engine-versions.ts`). Default: the table's default per cloud, the newest version in RDS
     * standard support on AWS (MySQL 8.4, PostgreSQL 17) and DigitalOcean's default (MySQL 8.0,
     * which its API calls "8"; PostgreSQL 17).
     */
    version: string;
    /**
     * Opt in to paid RDS Extended Support (AWS): keeps a major version past the end of RDS
     * standard support running (`engineLifecycleSupport: open-source-rds-extended-support`).
     * Default false: the instance is created with Extended Support disabled, and a version past
     * standard support is refused in config instead of being enrolled (and billed) silently.
     */
    extendedSupport: boolean;
    /** Size class. Default "small". */
    size: SizeClass;
    /** Allocated storage in GiB (AWS; DO sizes storage with the node size). Default 20. */
    storageGb: number;
    /** Multi-AZ on AWS, a standby node on DO. Default: true in prod, false elsewhere. */
    highAvailability: boolean;
    /** Provider-side deletion protection. Default: true in prod, false elsewhere. */
    deletionProtection: boolean;
    /** Days of automated backups (1-35). Default: 14 in prod, 7 in staging, 1 in dev. */
    backupRetentionDays: number;
}

export interface CacheConfig {
    /** Default "valkey" (DigitalOcean creates no new Redis clusters; ElastiCache supports both). */
    engine: CacheEngine;
    /** Size class. Default "small". */
    size: SizeClass;
    /** A replica with automatic failover. Default: true in prod, false elsewhere. */
    highAvailability: boolean;
}

export interface StorageConfig {
    /** Put a CDN in front of the bucket (CloudFront with OAC; Spaces CDN). Default false. */
    cdn: boolean;
    /** Origins allowed to upload directly from the browser (CORS). Default: none. */
    corsOrigins: string[];
    /**
     * Days a deleted or overwritten upload stays recoverable: its older versions are removed that
     * long after they stop being current. Default 0: they are kept until removed by hand.
     */
    versionRetentionDays: number;
}

export interface QueueConfig {
    /** "redis" (the shared cache, both clouds) or "sqs" (AWS only). Default "redis". */
    driver: QueueDriver;
}

export interface AppConfig {
    /** Laravel APP_NAME. Default: the stack's name. At most 64 characters, no quotes, "$", backslashes or control characters. */
    name: string;
    /** PHP version installed on the servers. Default "8.3". */
    phpVersion: string;
    /** Git repository the deploy tool clones (optional until the first deploy). https:// or git@, at most 256 characters. */
    repository?: string;
    /** Branch or tag deployed by default. Default "main". A ref name git accepts, at most 128 characters, never starting with "-". */
    branch: string;
}

/** Where alerts go and when they fire (`webtier:alerts`, parsed by `infra/config/alerts.ts`). */
export interface AlertsConfig {
    /** Whether the stack creates alarms / alert policies. Default: true in prod, false elsewhere. */
    enabled: boolean;
    /** Addresses that receive every alert (AWS: SNS email subscriptions, confirmed by a click). Default: none. */
    emails: string[];
    /** AWS only: an https endpoint subscribed to the alerts topic (it must accept SNS notifications). Default: none. */
    httpsEndpoint?: string;
    /** DigitalOcean only: a Slack incoming webhook and its channel. Default: none. */
    slack?: { url: string; channel: string };
    /** When each alert fires; defaults in `DEFAULT_THRESHOLDS` (infra/config/alerts.ts). */
    thresholds: AlertThresholds;
}

/** Alert thresholds; every one documented with its default in infra/config/alerts.ts. */
export interface AlertThresholds {
    serverCpuPercent: number;
    serverMemoryPercent: number;
    serverDiskPercent: number;
    serverLoadPerCpu: number;
    errorRatePercent: number;
    responseTimeSeconds: number;
    databaseCpuPercent: number;
    databaseDiskPercent: number;
    databaseConnectionsPercent: number;
    replicaLagSeconds: number;
    cacheMemoryPercent: number;
    cacheCpuPercent: number;
    cacheEvictions: number;
    deadLetterJobs: number;
}

export interface WebtierConfig {
    /** The stack name, used as the prefix of every resource name. */
    name: string;
    cloud: Cloud;
    /** A region of the chosen cloud (for example "us-east-1" or "nyc3"). */
    region: string;
    environment: Environment;
    /**
     * The public hostname the balancer serves over HTTPS. Required in prod. Without it the
     * balancer serves plain HTTP only, which the stack flags loudly (dev/staging only).
     */
    domain?: string;
    /**
     * The DNS zone this cloud manages for the domain (a Route 53 hosted zone name on AWS, a
     * DigitalOcean domain). On AWS it enables automatic certificate validation and the
     * balancer's DNS record; on DigitalOcean Let's Encrypt needs it.
     */
    dnsZone?: string;
    /**
     * The VPC's address range. Default: on AWS "10.20.0.0/16"; on DigitalOcean a /16 derived from
     * the stack name (`network.ts`), because DigitalOcean refuses a VPC that overlaps any other
     * network of the account and stacks usually share one account.
     */
    vpcCidr: string;
    /** Availability zones to spread subnets and servers across (AWS). Default 2. */
    zones: number;
    /** Path the balancer's health check requests. Default "/up" (Laravel 11+). */
    healthCheckPath: string;
    /** TLS policy of the HTTPS listener (AWS). Default: TLS 1.3 with 1.2 fallback. */
    tlsPolicy: string;
    /**
     * Days the access logs are kept, in a bucket of their own: the uploads bucket's on both
     * clouds, and the balancer's on AWS (DigitalOcean's load balancers write none); 0 keeps none.
     * Default by environment: dev 7, staging 30, prod 90.
     */
    accessLogDays: number;
    /**
     * Protect the database and bucket against `pulumi destroy` and replacement. Default true
     * everywhere; set false on purpose to tear a dev stack down (see the README).
     */
    protectData: boolean;
    servers: ServersConfig;
    database: DatabaseConfig;
    cache: CacheConfig;
    storage: StorageConfig;
    queue: QueueConfig;
    app: AppConfig;
    alerts: AlertsConfig;
}

/** Config keys whose values must be stored as secrets (`pulumi config set --secret`). */
export const SECRET_KEYS = ["appKey"] as const;
