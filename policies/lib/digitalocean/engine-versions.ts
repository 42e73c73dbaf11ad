/**
 * DigitalOcean's database engine versions (see policies/preflight/engine-versions.ts for how the
 * tables are read and kept up to date) and the engine slugs its API takes.
 */
import type { DatabaseEngine, EngineVersionTable } from "../../preflight/engine-versions";

/**
 * DigitalOcean Managed Databases, from the options endpoint (`GET /v2/databases/options`,
 * `version_availability`), as published in DigitalOcean's OpenAPI specification
 * (github.com/digitalocean/openapi, specification/resources/databases/responses/options.yml).
 * MySQL is offered as "8" only: a cluster created with "8.4" is refused (DigitalOcean's 8.4 is
 * the separate `advanced_mysql` engine, in preview).
 */
export const DIGITALOCEAN_ENGINE_VERSIONS: EngineVersionTable = {
    cloud: "digitalocean",
    offeredBy: "DigitalOcean",
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

/** The DigitalOcean database cluster `engine` slug for each webtier engine. */
export const DIGITALOCEAN_ENGINE_SLUGS: Record<DatabaseEngine, string> = { mysql: "mysql", postgres: "pg" };
