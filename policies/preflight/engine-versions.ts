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
import { registered } from "../lib/registered";

/**
 * A cloud, by name, and the engines the tables describe. Written out here rather than imported
 * from infra/: the policy pack ships alone (`pulumi policy publish policies`), so what it needs
 * lives in it, and webtier's config (infra/config) reads these tables through here. Each cloud's
 * table is in its pack (lib/<cloud>/engine-versions.ts).
 */
export type Cloud = string;
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
    /** Who offers the databases, in messages ("RDS"). */
    offeredBy: string;
    /** The day the table was last checked against `source`. */
    asOf: string;
    /** Where every entry comes from. */
    source: string;
    versions: readonly EngineVersion[];
}

/** A cloud's table (each cloud's pack registers its own, lib/clouds.ts); an unknown cloud is an error, never another's table. */
function tableOf(cloud: Cloud): EngineVersionTable {
    const table = registered().ENGINE_VERSION_TABLES[cloud];
    if (!table) throw new Error(`webtier: no database engine table for the cloud "${cloud}" (policies/lib/clouds.ts)`);
    return table;
}

/** The current UTC day and the milliseconds it spans: database-versions asks for it on every resource. */
let currentDay: { day: string; from: number; until: number } | undefined;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today as YYYY-MM-DD (UTC): the day the tables are compared against. */
export function today(now?: Date): string {
    if (now) return now.toISOString().slice(0, 10);
    const ms = Date.now();
    if (!currentDay || ms < currentDay.from || ms >= currentDay.until) {
        const from = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
        currentDay = { day: new Date(from).toISOString().slice(0, 10), from, until: from + DAY_MS };
    }
    return currentDay.day;
}

/** The table entry for an engine and a version as config writes it (aliases included). */
export function findEngineVersion(cloud: Cloud, engine: DatabaseEngine, version: string): EngineVersion | undefined {
    return tableOf(cloud).versions.find(
        (v) => v.engine === engine && (v.version === version || (v.aliases ?? []).includes(version)),
    );
}

/** The version a new stack gets for an engine on a cloud. */
export function defaultEngineVersion(cloud: Cloud, engine: DatabaseEngine): EngineVersion {
    const entry = tableOf(cloud).versions.find((v) => v.engine === engine && v.default);
    if (!entry) throw new Error(`webtier: the ${cloud} engine table has no default ${engine} version`);
    return entry;
}

/** Versions of an engine a new database can be created with today, without Extended Support. */
export function offeredVersions(cloud: Cloud, engine: DatabaseEngine, on: string): EngineVersion[] {
    return tableOf(cloud).versions.filter((v) => v.engine === engine && !retired(v, on) && !pastStandardSupport(v, on));
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
    const table = tableOf(cloud);
    const offered = offeredVersions(cloud, engine, on).map((v) => v.version);
    const chosen = defaultEngineVersion(cloud, engine).version;
    const fix =
        offered.length === 1 && offered[0] === chosen
            ? `use ${chosen} (the default)`
            : `use one of ${offered.join(", ")} (the default is ${chosen})`;
    const entry = findEngineVersion(cloud, engine, version);
    if (!entry) {
        return `"${version}" is not a ${engine} version ${table.offeredBy} offers for a new database (table of ${table.asOf}: ${table.source}); ${fix}.`;
    }
    if (retired(entry, on)) {
        return `"${version}" cannot be created on DigitalOcean since ${entry.endOfAvailability} (its end of availability); ${fix}. An existing cluster upgrades in place when you change the version.`;
    }
    if (pastStandardSupport(entry, on) && !options.extendedSupport) {
        return `${engine} ${version} is past RDS standard support since ${entry.endOfStandardSupport}: RDS runs it only in paid Extended Support, and refuses to create it with Extended Support disabled. ${fix[0].toUpperCase()}${fix.slice(1)}, or opt in to Extended Support with database.extendedSupport: true.`;
    }
    return undefined;
}
