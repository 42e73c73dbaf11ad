/**
 * What the neutral database and cache settings mean on RDS and ElastiCache: engine names,
 * versions, parameter-group families, ports and the parameter that forces TLS. Pure data,
 * unit-tested apart from the components that use it.
 */
import { childName } from "../naming";
import { CacheEngine, DatabaseEngine, Environment } from "../config/types";

export interface RdsEngineSettings {
    /** RDS `engine`. */
    engine: "mysql" | "postgres";
    /** RDS `engineVersion`: the major version, so RDS picks the latest minor and upgrades minors itself. */
    engineVersion: string;
    /** Parameter group family, for example "mysql8.0" or "postgres16". */
    family: string;
    port: number;
    /** The parameter that makes the server refuse connections without TLS. */
    tlsParameter: { name: string; value: string };
}

/** RDS settings for a database engine and major version (as validated by parseConfig). */
export function rdsEngineSettings(engine: DatabaseEngine, version: string): RdsEngineSettings {
    if (engine === "mysql") {
        return {
            engine: "mysql",
            engineVersion: version,
            family: `mysql${version}`,
            port: 3306,
            tlsParameter: { name: "require_secure_transport", value: "ON" },
        };
    }
    return {
        engine: "postgres",
        engineVersion: version,
        family: `postgres${version}`,
        port: 5432,
        tlsParameter: { name: "rds.force_ssl", value: "1" },
    };
}

export interface ElastiCacheEngineSettings {
    engine: CacheEngine;
    /** A major.minor version ElastiCache offers for the engine. */
    engineVersion: string;
    port: number;
}

/** ElastiCache settings: Valkey 8.0 or Redis OSS 7.1, the newest of each ElastiCache offers with AUTH tokens. */
export function elastiCacheEngineSettings(engine: CacheEngine): ElastiCacheEngineSettings {
    return engine === "valkey"
        ? { engine, engineVersion: "8.0", port: 6379 }
        : { engine, engineVersion: "7.1", port: 6379 };
}

/** Days of cache snapshots: a week in prod (sessions and queued jobs live there), one day elsewhere. */
export function cacheSnapshotRetentionDays(environment: Environment): number {
    return environment === "prod" ? 7 : 1;
}

/**
 * Characters a generated RDS master password may use besides letters and digits. RDS
 * refuses "/", "@", '"' and space; the rest are left out so the password survives DSNs,
 * shells and .env files without quoting surprises.
 */
export const RDS_PASSWORD_SPECIALS = "-_.~!*+=";

/** The application database (schema) and user name: valid on MySQL and Postgres, not a reserved word. */
export const DATABASE_NAME = "laravel";
export const DATABASE_USER = "laravel";

/** The snapshot RDS takes when the instance is deleted; static, so a second delete cannot silently overwrite it. */
export function finalSnapshotIdentifier(name: string): string {
    return childName(name, "db-final-snapshot");
}

/** AWS's bundle of every RDS certificate authority, all regions: the servers verify the database against it. */
export const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
