import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { AppEndpoints } from "../components";

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
    /** The VPC range: only the balancer (inside it) can reach the servers, so it is the trusted proxy range. */
    trustedProxies: string;
    database: { engine: "mysql" | "postgres"; host: string; port: number; name: string; user: string; password: string; requireTls: boolean };
    cache: { host: string; port: number; user: string; password: string; tls: boolean };
    storage: { bucket: string; region: string; endpoint: string; cdnDomain?: string; accessKeyId?: string; secretAccessKey?: string; usesInstanceRole: boolean };
    queue: { driver: "redis" | "sqs"; url?: string; name?: string };
}

/** Path on the servers of the CA bundle that verifies the managed database's certificate. */
export const DATABASE_CA_PATH = "/etc/webtier/database-ca.pem";

/** Quotes a value for a Laravel .env file (phpdotenv): double quotes, escaping \ " and $. */
export function envQuote(value: string): string {
    if (/[\r\n]/.test(value)) throw new Error("a .env value may not contain a line break");
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "\\$")}"`;
}

/** Renders the shared part of every server's `.env`. Keys are grouped as in Laravel's own .env.example. */
export function laravelEnv(values: LaravelEnvValues): string {
    const appEnv = values.environment === "prod" ? "production" : values.environment === "staging" ? "staging" : "development";
    const entries: Array<[string, string | number | boolean | undefined]> = [
        ["APP_NAME", values.appName],
        ["APP_ENV", appEnv],
        ["APP_KEY", values.appKey],
        ["APP_DEBUG", false],
        ["APP_URL", values.appUrl],
        ["TRUSTED_PROXIES", values.trustedProxies],
        ["LOG_CHANNEL", "stack"],
        ["LOG_STACK", "daily"],
        [null as unknown as string, undefined],
        ["DB_CONNECTION", values.database.engine === "mysql" ? "mysql" : "pgsql"],
        ["DB_HOST", values.database.host],
        ["DB_PORT", values.database.port],
        ["DB_DATABASE", values.database.name],
        ["DB_USERNAME", values.database.user],
        ["DB_PASSWORD", values.database.password],
        ...(values.database.requireTls
            ? values.database.engine === "mysql"
                ? ([["MYSQL_ATTR_SSL_CA", DATABASE_CA_PATH]] as Array<[string, string]>)
                : ([["DB_SSLMODE", "verify-full"], ["DB_SSLROOTCERT", DATABASE_CA_PATH]] as Array<[string, string]>)
            : []),
        [null as unknown as string, undefined],
        ["REDIS_CLIENT", "phpredis"],
        ["REDIS_SCHEME", values.cache.tls ? "tls" : "tcp"],
        ["REDIS_HOST", values.cache.tls ? `tls://${values.cache.host}` : values.cache.host],
        ["REDIS_PORT", values.cache.port],
        ["REDIS_USERNAME", values.cache.user],
        ["REDIS_PASSWORD", values.cache.password],
        ["REDIS_DB", REDIS_DATABASES.default],
        ["REDIS_CACHE_DB", REDIS_DATABASES.cache],
        ["REDIS_CACHE_CONNECTION", "cache"],
        ["REDIS_CACHE_LOCK_CONNECTION", "default"],
        ["CACHE_STORE", "redis"],
        ["CACHE_DRIVER", "redis"],
        ["SESSION_DRIVER", "redis"],
        ["SESSION_CONNECTION", "default"],
        ["SESSION_SECURE_COOKIE", values.appUrl.startsWith("https://")],
        [null as unknown as string, undefined],
        ["QUEUE_CONNECTION", values.queue.driver],
        ...(values.queue.driver === "sqs" && values.queue.url && values.queue.name
            ? ([
                  ["SQS_PREFIX", values.queue.url.slice(0, values.queue.url.length - values.queue.name.length - 1)],
                  ["SQS_QUEUE", values.queue.name],
              ] as Array<[string, string]>)
            : []),
        [null as unknown as string, undefined],
        ["FILESYSTEM_DISK", "s3"],
        ["AWS_DEFAULT_REGION", values.storage.region],
        ["AWS_BUCKET", values.storage.bucket],
        ["AWS_USE_PATH_STYLE_ENDPOINT", false],
        ...(values.storage.usesInstanceRole
            ? []
            : ([
                  ["AWS_ENDPOINT", values.storage.endpoint],
                  ["AWS_ACCESS_KEY_ID", values.storage.accessKeyId],
                  ["AWS_SECRET_ACCESS_KEY", values.storage.secretAccessKey],
              ] as Array<[string, string | undefined]>)),
        ...(values.storage.cdnDomain ? ([["AWS_URL", `https://${values.storage.cdnDomain}`]] as Array<[string, string]>) : []),
    ];
    const lines: string[] = [];
    for (const [key, value] of entries) {
        if (key === null) {
            lines.push("");
            continue;
        }
        if (value === undefined) throw new Error(`laravelEnv: ${key} has no value`);
        lines.push(`${key}=${typeof value === "string" ? envQuote(value) : String(value)}`);
    }
    return `${lines.join("\n")}\n`;
}

/** The `.env` as an Output, a secret because it holds passwords and the app key. */
export function renderLaravelEnv(config: WebtierConfig, endpoints: AppEndpoints, appKey: pulumi.Output<string>): pulumi.Output<string> {
    const { database, cache, storage, queue } = endpoints;
    return pulumi.secret(
        pulumi
            .output({
                key: appKey, appUrl: endpoints.appUrl,
                dbHost: database.host, dbPort: database.port, dbName: database.name, dbUser: database.user, dbPassword: database.password,
                cacheHost: cache.host, cachePort: cache.port, cacheUser: cache.user, cachePassword: cache.password,
                bucket: storage.bucket, cdnDomain: storage.cdnDomain,
                accessKeyId: storage.accessKeyId, secretAccessKey: storage.secretAccessKey,
                queueUrl: queue.url, queueName: queue.name,
            })
            .apply((v) =>
                laravelEnv({
                    appName: config.app.name,
                    environment: config.environment,
                    appKey: v.key,
                    appUrl: v.appUrl,
                    trustedProxies: config.vpcCidr,
                    database: { engine: database.engine, host: v.dbHost, port: v.dbPort, name: v.dbName, user: v.dbUser, password: v.dbPassword, requireTls: database.requireTls },
                    cache: { host: v.cacheHost, port: v.cachePort, user: v.cacheUser, password: v.cachePassword, tls: cache.tls },
                    storage: {
                        bucket: v.bucket, region: storage.region, endpoint: storage.endpoint, cdnDomain: v.cdnDomain,
                        accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey, usesInstanceRole: storage.accessKeyId === undefined,
                    },
                    queue: { driver: queue.driver, url: v.queueUrl, name: v.queueName },
                }),
            ),
    );
}
