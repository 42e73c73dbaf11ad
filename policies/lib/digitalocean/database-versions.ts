/**
 * webtier-preflight-database-versions on DigitalOcean: cluster engines DigitalOcean offers, and the
 * versions it creates today (MySQL and PostgreSQL from engine-versions.ts, which webtier's config
 * reads too; the other engines from database-options.ts).
 */
import { DatabaseEngine, engineVersionProblem } from "../../preflight/engine-versions";
import { Res, describe, isUnknown } from "../values";
import { DATABASE_OPTIONS_SOURCE, clusterVersionProblem } from "./database-options";
import { DIGITALOCEAN_ENGINE_SLUGS, DIGITALOCEAN_ENGINE_VERSIONS } from "./engine-versions";

const DO_CLUSTER = "digitalocean:index/databaseCluster:DatabaseCluster";

/**
 * DigitalOcean database cluster engines (OpenAPI database_cluster engine enum; advanced_* are
 * in preview and left out on purpose).
 */
export const DIGITALOCEAN_ENGINES = ["pg", "mysql", "redis", "valkey", "mongodb", "kafka", "opensearch"] as const;

/** What DigitalOcean refuses in a database cluster's engine or version. */
export function digitalOceanVersionProblems(res: Res, on: string): string[] {
    const problems: string[] = [];
    if (res.type === DO_CLUSTER) {
        const slug = res.props.engine;
        const version = res.props.version;
        if (typeof slug !== "string" || isUnknown(slug)) return problems;
        if (!(DIGITALOCEAN_ENGINES as readonly string[]).includes(slug)) {
            problems.push(
                `${describe(res)}: engine "${slug}" is not a DigitalOcean database engine; use one of ${DIGITALOCEAN_ENGINES.join(", ")}.`,
            );
            return problems;
        }
        if (slug === "redis") {
            problems.push(
                `${describe(res)}: DigitalOcean creates no new Redis clusters (end of availability 2025-04-30); use engine "valkey", which speaks the same protocol.`,
            );
            return problems;
        }
        if (typeof version !== "string" || isUnknown(version)) return problems;
        const engine = (Object.keys(DIGITALOCEAN_ENGINE_SLUGS) as DatabaseEngine[]).find(
            (e) => DIGITALOCEAN_ENGINE_SLUGS[e] === slug,
        );
        if (!engine) {
            // Valkey, MongoDB, Kafka, OpenSearch: versions from the options table (database-options.ts).
            const problem = clusterVersionProblem(slug, version, on);
            if (problem) problems.push(`${describe(res)}: version ${problem}. Source: ${DATABASE_OPTIONS_SOURCE}.`);
            return problems;
        }
        const entry = DIGITALOCEAN_ENGINE_VERSIONS.versions.find(
            (v) => v.engine === engine && v.apiVersion === version,
        );
        const problem = entry
            ? engineVersionProblem(DIGITALOCEAN_ENGINE_VERSIONS.cloud, engine, entry.version, { on })
            : engineVersionProblem(DIGITALOCEAN_ENGINE_VERSIONS.cloud, engine, version, { on });
        if (problem) {
            const offered = DIGITALOCEAN_ENGINE_VERSIONS.versions
                .filter((v) => v.engine === engine)
                .map((v) => `"${v.apiVersion}"`);
            problems.push(`${describe(res)}: version "${version}": ${problem} The API takes ${offered.join(", ")}.`);
        }
    }
    return problems;
}
