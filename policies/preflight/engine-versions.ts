/**
 * The database engine versions each cloud offers for a new database, one dated table per cloud.
 *
 * Why a table: the clouds retire versions on a published calendar, and a version the cloud no
 * longer offers is only refused by the create call, halfway through a first `pulumi up`. Config
 * validation (infra/config/parse.ts) and the preflight policy (database-versions.ts) read these tables, so the
 * refusal comes before any cloud call.
 *
 * How to update: check the source named on each table, add the new version with its dates, move
 * `default` when the cloud's newest fully supported version changes, bump `asOf`. Dates are the
 * first day the cloud stops doing the thing (UTC). Nothing else needs to change. Versions are
 * judged on the day config is read, so a table left alone goes stale loudly: when a default leaves
 * support, tests/policies/preflight/engine-versions.test.ts fails until the table is updated.
 */
/**
 * The clouds and engines the tables describe. Written out here rather than imported from infra/:
 * the policy pack ships alone (`pulumi policy publish policies`), so what it needs lives in it,
 * and webtier's config (infra/config) imports these tables from here.
 */
export type Cloud = "aws" | "digitalocean";
export type DatabaseEngine = "mysql" | "postgres";

/** One major version of an engine on one cloud. */
export interface EngineVersion {
    /** webtier's engine name (config `database.engine`). */
    engine: DatabaseEngine;
    /** The version as config writes it (`database.version`). */
    version: string;
    /** Other spellings config accepts for the same version (DigitalOcean calls MySQL 8.0 "8"). */
    aliases?: readonly string[];
    /** The version string the cloud's API takes. */
    apiVersion: string;
    /**
     * DigitalOcean: the day new clusters of this version can no longer be created
     * (`end_of_availability` of the options API). Absent: no date announced.
     */
    endOfAvailability?: string;
    /**
     * AWS RDS: the day standard support ends; after it, a database of this version runs only
     * in paid RDS Extended Support, and RDS refuses to create one with Extended Support disabled.
     */
    endOfStandardSupport?: string;
    /** The version a stack gets when config names none. One per engine per cloud. */
    default?: boolean;
}

/** A cloud's table. */
export interface EngineVersionTable {
    cloud: Cloud;
    /** The day the table was last checked against `source`. */
    asOf: string;
    /** Where every entry comes from. */
    source: string;
    versions: readonly EngineVersion[];
}

/**
 * Amazon RDS for MySQL and for PostgreSQL, standard support end dates from the RDS release
 * calendars: "Supported MySQL major versions on Amazon RDS" (RDS User Guide,
 * MySQL.Concepts.VersionMgmt) and "Release calendars for Amazon RDS for PostgreSQL" (RDS for
 * PostgreSQL Release Notes); the same dates `aws rds describe-db-major-engine-versions` returns as
 * `SupportedEngineLifecycles` (`open-source-rds-standard-support` end dates).
 */
export const AWS_ENGINE_VERSIONS: EngineVersionTable = {
    cloud: "aws",
    asOf: "2026-11-30",
    source: "RDS release calendars (MySQL.Concepts.VersionMgmt, PostgreSQLReleaseNotes/postgresql-release-calendar) and describe-db-major-engine-versions",
    versions: [
        { engine: "mysql", version: "8.0", apiVersion: "8.0", endOfStandardSupport: "2026-07-31" },
        { engine: "mysql", version: "8.4", apiVersion: "8.4", endOfStandardSupport: "2029-07-31", default: true },
        { engine: "postgres", version: "14", apiVersion: "14", endOfStandardSupport: "2027-02-28" },
        { engine: "postgres", version: "15", apiVersion: "15", endOfStandardSupport: "2028-02-29" },
        { engine: "postgres", version: "16", apiVersion: "16", endOfStandardSupport: "2029-02-28" },
        { engine: "postgres", version: "17", apiVersion: "17", endOfStandardSupport: "2030-02-28", default: true },
        { engine: "postgres", version: "18", apiVersion: "18", endOfStandardSupport: "2031-02-28" },
    ],
};

/**
 * DigitalOcean Managed Databases, from the options endpoint (`GET /v2/databases/options`,
 * `version_availability`), as published in DigitalOcean's OpenAPI specification
 * (github.com/digitalocean/openapi, specification/resources/databases/responses/options.yml).
 * MySQL is offered as "8" only: a cluster created with "8.4" is refused (DigitalOcean's 8.4 is
 * the separate `advanced_mysql` engine, in preview).
 */
export const DIGITALOCEAN_ENGINE_VERSIONS: EngineVersionTable = {
    cloud: "digitalocean",
    asOf: "2026-11-30",
    source: "DigitalOcean API GET /v2/databases/options version_availability (digitalocean/openapi options.yml)",
    versions: [
        { engine: "mysql", version: "8.0", aliases: ["8"], apiVersion: "8", default: true },
        { engine: "postgres", version: "14", apiVersion: "14", endOfAvailability: "2026-05-12" },
        { engine: "postgres", version: "15", apiVersion: "15", endOfAvailability: "2027-05-12" },
        { engine: "postgres", version: "16", apiVersion: "16", endOfAvailability: "2028-05-09" },
        { engine: "postgres", version: "17", apiVersion: "17", endOfAvailability: "2029-05-08", default: true },
    ],
};

export const ENGINE_VERSIONS: Record<Cloud, EngineVersionTable> = {
    aws: AWS_ENGINE_VERSIONS,
    digitalocean: DIGITALOCEAN_ENGINE_VERSIONS,
};

/** The DigitalOcean database cluster `engine` slug for each webtier engine. */
export const DIGITALOCEAN_ENGINE_SLUGS: Record<DatabaseEngine, string> = { mysql: "mysql", postgres: "pg" };

/** Today as YYYY-MM-DD (UTC): the day the tables are compared against. */
export function today(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/** The table entry for an engine and a version as config writes it (aliases included). */
export function findEngineVersion(cloud: Cloud, engine: DatabaseEngine, version: string): EngineVersion | undefined {
    return ENGINE_VERSIONS[cloud].versions.find(
        (v) => v.engine === engine && (v.version === version || (v.aliases ?? []).includes(version)),
    );
}

/** The version a new stack gets for an engine on a cloud. */
export function defaultEngineVersion(cloud: Cloud, engine: DatabaseEngine): EngineVersion {
    const entry = ENGINE_VERSIONS[cloud].versions.find((v) => v.engine === engine && v.default);
    if (!entry) throw new Error(`webtier: the ${cloud} engine table has no default ${engine} version`);
    return entry;
}

/** Versions of an engine a new database can be created with today, without Extended Support. */
export function offeredVersions(cloud: Cloud, engine: DatabaseEngine, on: string): EngineVersion[] {
    return ENGINE_VERSIONS[cloud].versions.filter(
        (v) => v.engine === engine && !retired(v, on) && !pastStandardSupport(v, on),
    );
}

function retired(v: EngineVersion, on: string): boolean {
    return v.endOfAvailability !== undefined && on >= v.endOfAvailability;
}

/** True when, on `on`, an RDS version is only available in paid Extended Support. */
export function pastStandardSupport(v: EngineVersion, on: string): boolean {
    return v.endOfStandardSupport !== undefined && on >= v.endOfStandardSupport;
}

/**
 * What is wrong with creating a database of this engine and version on this cloud today, or
 * undefined when the cloud offers it. `extendedSupport` is the user's opt-in to RDS Extended
 * Support (config `database.extendedSupport`).
 */
export function engineVersionProblem(
    cloud: Cloud,
    engine: DatabaseEngine,
    version: string,
    options: { extendedSupport?: boolean; on?: string } = {},
): string | undefined {
    const on = options.on ?? today();
    const table = ENGINE_VERSIONS[cloud];
    const offered = offeredVersions(cloud, engine, on).map((v) => v.version);
    const chosen = defaultEngineVersion(cloud, engine).version;
    const fix =
        offered.length === 1 && offered[0] === chosen
            ? `use ${chosen} (the default)`
            : `use one of ${offered.join(", ")} (the default is ${chosen})`;
    const entry = findEngineVersion(cloud, engine, version);
    if (!entry) {
        return `"${version}" is not a ${engine} version ${cloud === "aws" ? "RDS" : "DigitalOcean"} offers for a new database (table of ${table.asOf}: ${table.source}); ${fix}.`;
    }
    if (retired(entry, on)) {
        return `"${version}" cannot be created on DigitalOcean since ${entry.endOfAvailability} (its end of availability); ${fix}. An existing cluster upgrades in place when you change the version.`;
    }
    if (pastStandardSupport(entry, on) && !options.extendedSupport) {
        return `${engine} ${version} is past RDS standard support since ${entry.endOfStandardSupport}: RDS runs it only in paid Extended Support, and refuses to create it with Extended Support disabled. ${fix[0].toUpperCase()}${fix.slice(1)}, or opt in to Extended Support with database.extendedSupport: true.`;
    }
    return undefined;
}

/**
 * RDS parameters that are static on some engine versions: RDS refuses them with apply method
 * `immediate` (InvalidParameterCombination), so they are applied at the next reboot, which for a
 * new instance is its first boot. `rds.force_ssl` is static up to PostgreSQL 14 (it became
 * dynamic, and on by default, in PostgreSQL 15 on RDS).
 */
const STATIC_RDS_PARAMETERS: readonly { engine: DatabaseEngine; name: string; upToMajor: number }[] = [
    { engine: "postgres", name: "rds.force_ssl", upToMajor: 14 },
];

/** The `applyMethod` RDS accepts for a parameter of this engine version. */
export function rdsParameterApplyMethod(
    engine: DatabaseEngine,
    version: string,
    name: string,
): "immediate" | "pending-reboot" {
    const major = Number.parseFloat(version);
    const isStatic = STATIC_RDS_PARAMETERS.some((p) => p.engine === engine && p.name === name && major <= p.upToMajor);
    return isStatic ? "pending-reboot" : "immediate";
}

/** RDS `engineLifecycleSupport`: Extended Support only when the user opted in. */
export function rdsEngineLifecycleSupport(
    extendedSupport: boolean,
): "open-source-rds-extended-support" | "open-source-rds-extended-support-disabled" {
    return extendedSupport ? "open-source-rds-extended-support" : "open-source-rds-extended-support-disabled";
}
