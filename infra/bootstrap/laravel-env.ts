import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { AppEndpoints, DatabaseEndpoint } from "../components";

/**
 * Redis logical databases. Sessions, queues and `onOneServer`/`withoutOverlapping` locks
 * live in the default connection's database; the cache lives in its own database, so the
 * `php artisan cache:clear` of a deploy (which flushes only the cache connection's database)
 * never releases a scheduler lock or drops sessions and jobs.
 */
export const REDIS_DATABASES = { default: 0, cache: 1 } as const;

/** The plain values one `.env` is rendered from (no Outputs: this is pure and unit-tested). */
export interface LaravelEnvValues {
    appName: string;
    environment: "dev" | "staging" | "prod";
    appKey: string;
    appUrl: string;
    /**
     * The VPC range. nginx already rewrites REMOTE_ADDR to the client's address (real_ip from
     * this range only) and passes HTTPS from X-Forwarded-Proto, so Laravel needs no trusted
     * proxy; the range is kept here for apps whose TrustProxies reads TRUSTED_PROXIES: it never
     * matches a client address, so it cannot make the app trust forged X-Forwarded-* headers.
     */
    trustedProxies: string;
    database: {
        engine: "mysql" | "postgres";
        host: string;
        port: number;
        name: string;
        user: string;
        password: string;
        /** The database refuses plain connections (DigitalOcean). Needs `caFile`. */
        requireTls: boolean;
        /**
         * Path on the server of the CA bundle that signs the database's certificate. When set the
         * app connects with TLS and verifies the server (also on AWS, where TLS is optional).
         * Default: none (plain connection inside the VPC), refused when `requireTls`.
         */
        caFile?: string;
    };
    cache: { host: string; port: number; user: string; password: string; tls: boolean };
    storage: {
        bucket: string;
        region: string;
        endpoint: string;
        cdnDomain?: string;
        accessKeyId?: string;
        secretAccessKey?: string;
        usesInstanceRole: boolean;
    };
    queue: { driver: "redis" | "sqs"; url?: string; name?: string };
}

/** Path on the servers of the CA bundle that verifies the managed database's certificate. */
export const DATABASE_CA_PATH = "/etc/webtier/database-ca.pem";

/** Quotes a value for a Laravel .env file (phpdotenv): double quotes, escaping \ " and $. */
export function envQuote(value: string): string {
    if (/[\r\n]/.test(value)) throw new Error("a .env value may not contain a line break");
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "\\$")}"`;
}

type EnvValue = string | number | boolean | undefined;
/** One group of keys; groups are separated by a blank line, as in Laravel's .env.example. */
type EnvSection = Array<[string, EnvValue]>;

function databaseSection(db: LaravelEnvValues["database"]): EnvSection {
    if (db.requireTls && !db.caFile) {
        throw new Error(
            `laravelEnv: the ${db.engine} database at ${db.host} requires TLS but no CA certificate was given to verify it; ` +
                "set caCertificate (PEM text) or caCertificateUrl on the platform's DatabaseEndpoint.",
        );
    }
    const section: EnvSection = [
        ["DB_CONNECTION", db.engine === "mysql" ? "mysql" : "pgsql"],
        ["DB_HOST", db.host],
        ["DB_PORT", db.port],
        ["DB_DATABASE", db.name],
        ["DB_USERNAME", db.user],
        ["DB_PASSWORD", db.password],
    ];
    if (!db.caFile) return section;
    if (db.engine === "mysql") {
        // Laravel's config/database.php passes this to PDO::MYSQL_ATTR_SSL_CA: TLS, verified.
        return [...section, ["MYSQL_ATTR_SSL_CA", db.caFile]];
    }
    // Laravel's stock pgsql config hard-codes sslmode=prefer and reads no root certificate, but
    // it merges a DB_URL's query options over the connection: that is what makes verify-full
    // take effect without editing the app. DB_SSLMODE/DB_SSLROOTCERT serve apps that map them.
    const url =
        `pgsql://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${encodeURIComponent(db.name)}` +
        `?sslmode=verify-full&sslrootcert=${encodeURIComponent(db.caFile)}`;
    return [...section, ["DB_URL", url], ["DB_SSLMODE", "verify-full"], ["DB_SSLROOTCERT", db.caFile]];
}

/** Renders the shared part of every server's `.env`. Keys are grouped as in Laravel's own .env.example. */
export function laravelEnv(values: LaravelEnvValues): string {
    const appEnv =
        values.environment === "prod" ? "production" : values.environment === "staging" ? "staging" : "development";
    const { cache, queue, storage } = values;
    const sections: EnvSection[] = [
        [
            ["APP_NAME", values.appName],
            ["APP_ENV", appEnv],
            ["APP_KEY", values.appKey],
            ["APP_DEBUG", false],
            ["APP_URL", values.appUrl],
            ["TRUSTED_PROXIES", values.trustedProxies],
            ["LOG_CHANNEL", "stack"],
            ["LOG_STACK", "daily"],
        ],
        databaseSection(values.database),
        [
            ["REDIS_CLIENT", "phpredis"],
            ["REDIS_SCHEME", cache.tls ? "tls" : "tcp"],
            ["REDIS_HOST", cache.tls ? `tls://${cache.host}` : cache.host],
            ["REDIS_PORT", cache.port],
            ["REDIS_USERNAME", cache.user],
            ["REDIS_PASSWORD", cache.password],
            // See REDIS_DATABASES: sessions, queues and scheduler locks in 0, the cache in 1.
            ["REDIS_DB", REDIS_DATABASES.default],
            ["REDIS_CACHE_DB", REDIS_DATABASES.cache],
            ["REDIS_CACHE_CONNECTION", "cache"],
            ["REDIS_CACHE_LOCK_CONNECTION", "default"],
            ["CACHE_STORE", "redis"],
            ["CACHE_DRIVER", "redis"],
            ["SESSION_DRIVER", "redis"],
            ["SESSION_CONNECTION", "default"],
            ["SESSION_SECURE_COOKIE", values.appUrl.startsWith("https://")],
        ],
        [["QUEUE_CONNECTION", queue.driver], ...(queue.driver === "sqs" ? sqsSection(queue) : [])],
        [
            ["FILESYSTEM_DISK", "s3"],
            ["AWS_DEFAULT_REGION", storage.region],
            ["AWS_BUCKET", storage.bucket],
            ["AWS_USE_PATH_STYLE_ENDPOINT", false],
            ...(storage.usesInstanceRole
                ? []
                : ([
                      ["AWS_ENDPOINT", storage.endpoint],
                      ["AWS_ACCESS_KEY_ID", storage.accessKeyId],
                      ["AWS_SECRET_ACCESS_KEY", storage.secretAccessKey],
                  ] as EnvSection)),
            ...(storage.cdnDomain ? ([["AWS_URL", `https://${storage.cdnDomain}`]] as EnvSection) : []),
        ],
    ];
    const text = sections
        .map((section) =>
            section
                .map(([key, value]) => {
                    if (value === undefined) throw new Error(`laravelEnv: ${key} has no value`);
                    return `${key}=${typeof value === "string" ? envQuote(value) : String(value)}`;
                })
                .join("\n"),
        )
        .join("\n\n");
    return `${text}\n`;
}

/** SQS_PREFIX is the queue URL without its last segment (the name), as Laravel's sqs connection joins them. */
function sqsSection(queue: LaravelEnvValues["queue"]): EnvSection {
    if (!queue.url || !queue.name) throw new Error("laravelEnv: the sqs queue driver needs the queue's url and name");
    if (!queue.url.endsWith(`/${queue.name}`)) {
        throw new Error(`laravelEnv: the SQS queue URL ${queue.url} does not end with the queue name ${queue.name}`);
    }
    return [
        ["SQS_PREFIX", queue.url.slice(0, queue.url.length - queue.name.length - 1)],
        ["SQS_QUEUE", queue.name],
    ];
}

/** Whether the platform gave a CA for the database, as text or as a URL the servers download at boot. */
export function hasDatabaseCa(database: DatabaseEndpoint): boolean {
    return database.caCertificate !== undefined || database.caCertificateUrl !== undefined;
}

/** The `.env` as an Output, a secret because it holds passwords and the app key. */
export function renderLaravelEnv(
    config: WebtierConfig,
    endpoints: AppEndpoints,
    appKey: pulumi.Output<string>,
): pulumi.Output<string> {
    const { database, cache, storage, queue } = endpoints;
    return pulumi.secret(
        pulumi
            .output({
                key: appKey,
                appUrl: endpoints.appUrl,
                dbHost: database.host,
                dbPort: database.port,
                dbName: database.name,
                dbUser: database.user,
                dbPassword: database.password,
                cacheHost: cache.host,
                cachePort: cache.port,
                cacheUser: cache.user,
                cachePassword: cache.password,
                bucket: storage.bucket,
                cdnDomain: storage.cdnDomain,
                accessKeyId: storage.accessKeyId,
                secretAccessKey: storage.secretAccessKey,
                queueUrl: queue.url,
                queueName: queue.name,
            })
            .apply((v) =>
                laravelEnv({
                    appName: config.app.name,
                    environment: config.environment,
                    appKey: v.key,
                    appUrl: v.appUrl,
                    trustedProxies: config.vpcCidr,
                    database: {
                        engine: database.engine,
                        host: v.dbHost,
                        port: v.dbPort,
                        name: v.dbName,
                        user: v.dbUser,
                        password: v.dbPassword,
                        requireTls: database.requireTls,
                        caFile: hasDatabaseCa(database) ? DATABASE_CA_PATH : undefined,
                    },
                    cache: {
                        host: v.cacheHost,
                        port: v.cachePort,
                        user: v.cacheUser,
                        password: v.cachePassword,
                        tls: cache.tls,
                    },
                    storage: {
                        bucket: v.bucket,
                        region: storage.region,
                        endpoint: storage.endpoint,
                        cdnDomain: v.cdnDomain,
                        accessKeyId: v.accessKeyId,
                        secretAccessKey: v.secretAccessKey,
                        usesInstanceRole: storage.accessKeyId === undefined,
                    },
                    queue: { driver: queue.driver, url: v.queueUrl, name: v.queueName },
                }),
            ),
    );
}
