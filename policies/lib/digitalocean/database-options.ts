/**
 * What DigitalOcean offers a new database cluster, per engine: the regions, the node counts (the
 * API's `layouts`) and the sizes of each node count, and the versions of the engines webtier's
 * config does not choose from (MySQL and PostgreSQL versions are in engine-versions.ts, which
 * config reads too). Read by the preflight (value-rules.ts, database-versions.ts); every function
 * here is pure.
 *
 * Source: DigitalOcean's OpenAPI specification, the example response of `GET /v2/databases/options`
 * (github.com/digitalocean/openapi, specification/resources/databases/responses/options.yml: the
 * `options` of each engine and its `version_availability`), read at commit 7c1300c4 (2026-08-07) on
 * 2026-12-03. The example last changed for these engines on 2025-04-30 (valkey) and 2025-01-30
 * (the others); Kafka versions before 3.8 and their dates come from the same file's earlier
 * versions (before commits ef4fc5d1, 2024-07-25, and d6e44c30, 2025-01-30). The `advanced_pg` / `advanced_mysql` engines are in preview and left out,
 * as in database-versions.ts. How to update: `doctl databases options engines`, `... versions`,
 * `... regions`, `... slugs --engine E` (or the API call above) and copy what changed, with `asOf`.
 */

/** One version of an engine, as the API takes it. */
export interface DatabaseVersionOption {
    version: string;
    /** Other spellings the API takes for it (it creates MongoDB "7" as 7.0: terraform-provider-digitalocean's docs create "6"). */
    aliases?: readonly string[];
    /** `end_of_availability`: the first day new clusters of it are refused (absent: none announced). */
    endOfAvailability?: string;
}

/** One node count and the sizes a cluster of that many nodes can have. */
export interface DatabaseLayout {
    numNodes: number;
    sizes: readonly string[];
}

export interface DatabaseEngineOptions {
    /** The engine in messages. */
    label: string;
    regions: readonly string[];
    layouts: readonly DatabaseLayout[];
    /** Its versions, newest last; absent where engine-versions.ts holds them (MySQL, PostgreSQL). */
    versions?: readonly DatabaseVersionOption[];
}

export const DATABASE_OPTIONS_AS_OF = "2026-12-03";
export const DATABASE_OPTIONS_SOURCE =
    "DigitalOcean API GET /v2/databases/options (digitalocean/openapi specification/resources/databases/responses/options.yml, read 2026-12-03)";

/** Regions of every engine but Valkey, which is not offered in nyc2. */
const REGIONS = [
    "ams3",
    "blr1",
    "fra1",
    "lon1",
    "nyc1",
    "nyc2",
    "nyc3",
    "sfo2",
    "sfo3",
    "sgp1",
    "syd1",
    "tor1",
    "ric1",
    "atl1",
];

/** The basic ("db-s-") and dedicated sizes of PostgreSQL and MySQL; two and three nodes drop the 1 GiB ones. */
const SQL_ONE_NODE = [
    "db-s-1vcpu-1gb",
    "db-s-1vcpu-2gb",
    "db-s-2vcpu-4gb",
    "db-s-4vcpu-8gb",
    "db-s-6vcpu-16gb",
    "gd-2vcpu-8gb",
    "gd-4vcpu-16gb",
    "gd-8vcpu-32gb",
    "gd-16vcpu-64gb",
    "gd-32vcpu-128gb",
    "gd-40vcpu-160gb",
    "so1_5-2vcpu-16gb",
    "so1_5-4vcpu-32gb",
    "so1_5-8vcpu-64gb",
    "so1_5-16vcpu-128gb",
    "so1_5-24vcpu-192gb",
    "so1_5-32vcpu-256gb",
    "db-intel-1vcpu-1gb",
    "db-amd-1vcpu-1gb",
    "db-intel-1vcpu-2gb",
    "db-amd-1vcpu-2gb",
    "db-amd-2vcpu-4gb",
    "db-intel-2vcpu-4gb",
    "db-amd-2vcpu-8gb",
    "db-intel-2vcpu-8gb",
    "db-intel-4vcpu-8gb",
    "db-amd-4vcpu-8gb",
    "db-amd-4vcpu-16gb",
    "db-intel-4vcpu-16gb",
    "db-intel-8vcpu-32gb",
    "db-amd-8vcpu-32gb",
    "db-intel-16vcpu-64gb",
    "db-amd-16vcpu-64gb",
];
/** "Standby nodes can be added ... with the exception of the smallest plan" (DigitalOcean Managed Databases docs). */
const SQL_WITH_STANDBY = SQL_ONE_NODE.filter((size) => !/-1vcpu-1gb$/.test(size));

/** Valkey (and Redis) sizes: basic and memory-optimised. */
const CACHE_ONE_NODE = [
    "db-s-1vcpu-1gb",
    "db-s-1vcpu-2gb",
    "db-s-2vcpu-4gb",
    "db-s-4vcpu-8gb",
    "db-s-6vcpu-16gb",
    "db-s-8vcpu-32gb",
    "db-s-16vcpu-64gb",
    "m-2vcpu-16gb",
    "m-4vcpu-32gb",
    "m-8vcpu-64gb",
    "m-16vcpu-128gb",
    "m-24vcpu-192gb",
    "m-32vcpu-256gb",
];
const CACHE_WITH_STANDBY = CACHE_ONE_NODE.filter((size) => size !== "db-s-1vcpu-1gb");

const MONGODB_SIZES = [
    "db-s-1vcpu-1gb",
    "db-s-1vcpu-2gb",
    "db-s-2vcpu-4gb",
    "db-s-4vcpu-8gb",
    "db-s-6vcpu-16gb",
    "db-s-8vcpu-32gb",
    "db-s-16vcpu-64gb",
    "gd-2vcpu-8gb",
    "gd-4vcpu-16gb",
    "gd-8vcpu-32gb",
    "gd-16vcpu-64gb",
    "gd-32vcpu-128gb",
    "gd-40vcpu-160gb",
    "so1_5-2vcpu-16gb",
    "so1_5-4vcpu-32gb",
    "so1_5-8vcpu-64gb",
    "so1_5-16vcpu-128gb",
    "so1_5-24vcpu-192gb",
    "so1_5-32vcpu-256gb",
];

const KAFKA_LARGER = ["gd-2vcpu-8gb", "gd-4vcpu-16gb"];
const OPENSEARCH_LARGER = ["gd-2vcpu-8gb", "m3-2vcpu-16gb", "gd-4vcpu-16gb", "m3-4vcpu-32gb", "m3-8vcpu-64gb"];

/** One node, or a primary with one or two standbys, which the smallest sizes cannot have. */
const standbyLayouts = (oneNode: readonly string[], withStandby: readonly string[]) => [
    { numNodes: 1, sizes: oneNode },
    { numNodes: 2, sizes: withStandby },
    { numNodes: 3, sizes: withStandby },
];
const SQL_LAYOUTS = standbyLayouts(SQL_ONE_NODE, SQL_WITH_STANDBY);
const CACHE_LAYOUTS = standbyLayouts(CACHE_ONE_NODE, CACHE_WITH_STANDBY);

/** By the API's engine slug (the cluster's `engine`). */
export const DIGITALOCEAN_DATABASE_OPTIONS: Readonly<Record<string, DatabaseEngineOptions>> = {
    pg: {
        label: "PostgreSQL",
        regions: REGIONS,
        layouts: SQL_LAYOUTS,
    },
    mysql: {
        label: "MySQL",
        regions: REGIONS,
        layouts: SQL_LAYOUTS,
    },
    redis: {
        label: "Redis",
        regions: REGIONS,
        layouts: CACHE_LAYOUTS,
    },
    valkey: {
        label: "Valkey",
        regions: REGIONS.filter((region) => region !== "nyc2"),
        layouts: CACHE_LAYOUTS,
        versions: [{ version: "8" }],
    },
    mongodb: {
        label: "MongoDB",
        regions: REGIONS,
        layouts: [
            { numNodes: 1, sizes: MONGODB_SIZES },
            { numNodes: 3, sizes: MONGODB_SIZES },
        ],
        versions: [
            { version: "6.0", aliases: ["6"] },
            { version: "7.0", aliases: ["7"] },
        ],
    },
    kafka: {
        label: "Kafka",
        regions: REGIONS,
        layouts: [
            { numNodes: 3, sizes: [...KAFKA_LARGER, "db-s-2vcpu-4gb", "db-s-2vcpu-2gb"] },
            { numNodes: 6, sizes: KAFKA_LARGER },
            { numNodes: 9, sizes: KAFKA_LARGER },
            { numNodes: 15, sizes: KAFKA_LARGER },
        ],
        versions: [
            { version: "3.4", endOfAvailability: "2024-02-13" },
            { version: "3.5", endOfAvailability: "2024-04-30" },
            { version: "3.6", endOfAvailability: "2024-07-18" },
            { version: "3.7", endOfAvailability: "2025-01-17" },
            { version: "3.8", endOfAvailability: "2025-06-03" },
        ],
    },
    opensearch: {
        label: "OpenSearch",
        regions: REGIONS,
        layouts: [
            {
                numNodes: 1,
                sizes: [
                    "db-s-1vcpu-2gb",
                    "db-s-2vcpu-4gb",
                    "gd-2vcpu-8gb",
                    "m3-2vcpu-16gb",
                    "db-s-4vcpu-8gb",
                    "gd-4vcpu-16gb",
                    "m3-4vcpu-32gb",
                    "m3-8vcpu-64gb",
                ],
            },
            { numNodes: 3, sizes: ["db-s-2vcpu-4gb", "db-s-4vcpu-8gb", ...OPENSEARCH_LARGER] },
            { numNodes: 6, sizes: OPENSEARCH_LARGER },
            { numNodes: 9, sizes: OPENSEARCH_LARGER },
            { numNodes: 15, sizes: OPENSEARCH_LARGER },
        ],
        versions: [{ version: "1" }, { version: "2" }],
    },
};

/** Every region some engine is offered in. */
export const DATABASE_REGIONS: readonly string[] = [
    ...new Set(Object.values(DIGITALOCEAN_DATABASE_OPTIONS).flatMap((o) => o.regions)),
];

/** Every size some layout of some engine offers. */
export const DATABASE_SIZES: readonly string[] = [
    ...new Set(Object.values(DIGITALOCEAN_DATABASE_OPTIONS).flatMap((o) => o.layouts.flatMap((l) => l.sizes))),
];

const TABLE = `(options of ${DATABASE_OPTIONS_AS_OF})`;

/** What DigitalOcean refuses in a cluster's node count for an engine, or undefined. */
export function nodeCountProblem(engine: string, nodeCount: number): string | undefined {
    const options = DIGITALOCEAN_DATABASE_OPTIONS[engine];
    if (!options) return undefined;
    const counts = options.layouts.map((l) => l.numNodes);
    if (counts.includes(nodeCount)) return undefined;
    return `${nodeCount} is not a node count DigitalOcean offers for ${options.label} ${TABLE}; use ${oneOf(counts.map(String))}`;
}

/**
 * What DigitalOcean refuses in a cluster's size for an engine (any engine when it cannot be told)
 * and a node count (any of the engine's when it cannot be told), or undefined.
 */
export function sizeProblem(engine: string | undefined, size: string, nodeCount?: number): string | undefined {
    const options = engine === undefined ? undefined : DIGITALOCEAN_DATABASE_OPTIONS[engine];
    if (!options) {
        if (DATABASE_SIZES.includes(size)) return undefined;
        return `"${size}" is no DigitalOcean database size ${TABLE}; use a size the engine offers, such as db-s-1vcpu-2gb, db-s-2vcpu-4gb or gd-2vcpu-8gb`;
    }
    const offered = options.layouts.filter((l) => l.sizes.includes(size)).map((l) => l.numNodes);
    const layout = options.layouts.find((l) => l.numNodes === nodeCount);
    if (!layout) {
        if (offered.length > 0) return undefined;
        const sizes = [...new Set(options.layouts.flatMap((l) => l.sizes))];
        return `"${size}" is not a size DigitalOcean offers for ${options.label} ${TABLE}; use ${oneOf(sizes)}`;
    }
    if (layout.sizes.includes(size)) return undefined;
    const why =
        offered.length > 0
            ? `"${size}" is offered for ${options.label} with ${offered.join(" or ")} node${offered.length === 1 && offered[0] === 1 ? "" : "s"} only, not ${nodeCount}`
            : `"${size}" is not a size DigitalOcean offers for ${options.label}`;
    return `${why} ${TABLE}; with ${nodeCount} node${nodeCount === 1 ? "" : "s"} use ${oneOf(layout.sizes)}`;
}

/** What DigitalOcean refuses in a cluster's region for an engine (any engine when it cannot be told), or undefined. */
export function databaseRegionProblem(engine: string | undefined, region: string): string | undefined {
    const options = engine === undefined ? undefined : DIGITALOCEAN_DATABASE_OPTIONS[engine];
    const regions = options?.regions ?? DATABASE_REGIONS;
    if (regions.includes(region.toLowerCase())) return undefined;
    return `"${region}" is not a region DigitalOcean offers ${options ? options.label : "managed databases"} in ${TABLE}; use ${oneOf(regions)}`;
}

/** Compares dotted version numbers ("3.10" after "3.9"); a part that is not a number compares as 0. */
export function compareVersions(a: string, b: string): number {
    const [x, y] = [a.split("."), b.split(".")].map((parts) => parts.map((p) => Number.parseInt(p, 10) || 0));
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d !== 0) return d;
    }
    return 0;
}

/**
 * What DigitalOcean refuses in a new cluster's version of an engine whose versions this table
 * holds, on the day `on` (YYYY-MM-DD), or undefined. A version past its end of availability is
 * refused; so is one the table does not list, while the table lists one offered today. When every
 * version the table lists is past its end of availability (DigitalOcean offers a newer one the
 * table has not caught up with), only what is provably retired is refused: a listed version, or an
 * older one; a newer version cannot be judged and passes.
 */
export function clusterVersionProblem(engine: string, version: string, on: string): string | undefined {
    const options = DIGITALOCEAN_DATABASE_OPTIONS[engine];
    if (!options?.versions) return undefined;
    const retired = (v: DatabaseVersionOption) => v.endOfAvailability !== undefined && on >= v.endOfAvailability;
    const offered = options.versions.filter((v) => !retired(v));
    const fix =
        offered.length > 0
            ? `use ${oneOf(offered.map((v) => v.version))}`
            : `use a newer version (the table ${TABLE} knows none DigitalOcean still creates and needs updating: \`doctl databases options versions ${engine}\` lists them)`;
    const entry = options.versions.find((v) => v.version === version || (v.aliases ?? []).includes(version));
    if (entry && retired(entry))
        return `"${version}": DigitalOcean stopped creating ${options.label} ${entry.version} clusters on ${entry.endOfAvailability} (its end of availability) ${TABLE}; ${fix}`;
    if (entry) return undefined;
    if (offered.length > 0)
        return `"${version}" is not a ${options.label} version DigitalOcean offers ${TABLE}; ${fix}`;
    const newestRetired = options.versions[options.versions.length - 1];
    if (compareVersions(version, newestRetired.version) < 0)
        return `"${version}" is older than ${options.label} ${newestRetired.version}, which DigitalOcean stopped creating on ${newestRetired.endOfAvailability} ${TABLE}; ${fix}`;
    return undefined;
}

function oneOf(values: readonly string[]): string {
    return values.length === 1 ? values[0] : `one of ${values.join(", ")}`;
}
