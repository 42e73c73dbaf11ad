import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { DatabaseEndpoint } from "../components";
import { DatabaseEngine, SizeClass } from "../config/types";
import { findEngineVersion } from "../../policies/preflight/engine-versions";
import { DIGITALOCEAN_ENGINE_SLUGS } from "../../policies/lib/digitalocean/engine-versions";
import { childName } from "../naming";
import { databaseSize } from "../sizing";
import { transform, Transform } from "../transform";

/** When DigitalOcean may apply minor updates and restarts (UTC). */
export interface MaintenanceWindow {
    /** "monday" to "sunday". */
    day: string;
    /** 24-hour "HH:00" in UTC. */
    hour: string;
}

/** DigitalOcean's engine slug for webtier's engine name. */
export function databaseEngineSlug(engine: DatabaseEngine): string {
    return DIGITALOCEAN_ENGINE_SLUGS[engine];
}

/**
 * DigitalOcean's version string for an engine version, from the dated table in
 * policies/preflight/engine-versions.ts: MySQL 8.0 is "8" there (the API reports "8", so "8.0" would
 * show as a change on every preview). A version missing from the table passes through unchanged
 * (config validation has refused it already; the preflight refuses it for other callers).
 */
export function databaseVersion(engine: DatabaseEngine, version: string): string {
    return findEngineVersion("digitalocean", engine, version)?.apiVersion ?? version;
}

/** Nodes in a cluster: a primary, plus a standby that takes over on failure when `highAvailability`. */
export function clusterNodeCount(highAvailability: boolean): number {
    return highAvailability ? 2 : 1;
}

/** Escape hatches for the database's children, by role. */
export interface DatabaseTransform {
    cluster?: Transform<digitalocean.DatabaseClusterArgs>;
    /** The app's database (schema). */
    database?: Transform<digitalocean.DatabaseDbArgs>;
    /** The app's login. */
    user?: Transform<digitalocean.DatabaseUserArgs>;
}

export interface DatabaseArgs {
    /** DigitalOcean region slug. Required: the cluster must sit next to the droplets. */
    region: string;
    /** The VPC the cluster joins; its private host is the only address the app uses. Required. */
    vpcId: pulumi.Input<string>;
    /**
     * "mysql" or "postgres". Required: the platform passes `webtier:database.engine` (default in
     * parseConfig's `DEFAULTS.database.engine`: MySQL, the engine of the single box the app comes from).
     */
    engine: DatabaseEngine;
    /**
     * Engine version, one DigitalOcean offers for a new cluster. Required: `webtier:database.version`,
     * whose default (`DEFAULTS.database.version`) is the newest in the dated table of
     * policies/preflight/engine-versions.ts (MySQL "8.0", sent as "8").
     */
    version: string;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:database.size` (default "small"). */
    size: SizeClass;
    /**
     * Add a standby node that DigitalOcean fails over to. Required: `webtier:database.highAvailability`,
     * whose default depends on the environment (on in prod).
     */
    highAvailability: boolean;
    /**
     * Protect the cluster and the app's database against `pulumi destroy` and replacement.
     * Required: DigitalOcean has no deletion-protection flag, so Pulumi's `protect` is the guard; the
     * platform sets it from `webtier:protectData` or `webtier:database.deletionProtection`.
     */
    protect: boolean;
    /** The app's database (schema). Default "app": the cluster serves this tier only. */
    databaseName?: string;
    /** The app's login. Default "app": a user of its own, never the cluster's admin `doadmin`. */
    userName?: string;
    /** Default Sunday 03:00 UTC, a quiet hour for most European and American apps. */
    maintenanceWindow?: MaintenanceWindow;
    /** Escape hatches for the children. Default: none. */
    transform?: DatabaseTransform;
}

/**
 * The managed SQL database the servers share (section 2 of the guide). Backups are automatic
 * on DigitalOcean managed databases (daily, with point-in-time recovery for seven days) and
 * cannot be turned off, so there is nothing to configure for them; storage is encrypted at rest.
 * Who may connect is decided by the database firewall in `rules.ts`.
 */
export class Database extends pulumi.ComponentResource {
    public readonly cluster: digitalocean.DatabaseCluster;
    public readonly database: digitalocean.DatabaseDb;
    public readonly user: digitalocean.DatabaseUser;
    /** How the app reaches the database: private host, app user, TLS required. */
    public readonly endpoint: DatabaseEndpoint;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Database", name, {}, opts);
        const { engine, version, protect } = args;
        const t = args.transform ?? {};
        const window = args.maintenanceWindow ?? { day: "sunday", hour: "03:00" };

        this.cluster = new digitalocean.DatabaseCluster(
            ...transform(
                t.cluster,
                childName(name, "db"),
                {
                    engine: databaseEngineSlug(engine),
                    version: databaseVersion(engine, version),
                    size: databaseSize("digitalocean", args.size),
                    region: args.region,
                    nodeCount: clusterNodeCount(args.highAvailability),
                    privateNetworkUuid: args.vpcId,
                    maintenanceWindows: [window],
                },
                { parent: this, protect },
            ),
        );
        // Dropping the database drops the app's tables: it is guarded like the cluster.
        this.database = new digitalocean.DatabaseDb(
            ...transform(
                t.database,
                childName(name, "db-app"),
                { clusterId: this.cluster.id, name: args.databaseName ?? "app" },
                { parent: this, protect },
            ),
        );
        this.user = new digitalocean.DatabaseUser(
            ...transform(
                t.user,
                childName(name, "db-user"),
                {
                    clusterId: this.cluster.id,
                    name: args.userName ?? "app",
                    // MySQL 8's default and what PHP's mysqlnd speaks over TLS; ignored by Postgres.
                    ...(engine === "mysql" ? { mysqlAuthPlugin: "caching_sha2_password" } : {}),
                },
                { parent: this, additionalSecretOutputs: ["password"] },
            ),
        );

        this.endpoint = {
            engine,
            host: this.cluster.privateHost,
            port: this.cluster.port,
            name: this.database.name,
            user: this.user.name,
            password: pulumi.secret(this.user.password),
            requireTls: true,
            // The CA that signs the cluster's certificate, so the app verifies the server it talks to.
            caCertificate: digitalocean.getDatabaseCaOutput({ clusterId: this.cluster.id }, { parent: this })
                .certificate,
        };
        this.registerOutputs({ clusterId: this.cluster.id, host: this.endpoint.host });
    }
}
