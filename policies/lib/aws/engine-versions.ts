/**
 * AWS's database engine versions (see policies/preflight/engine-versions.ts for how the tables are
 * read and kept up to date) and the RDS settings that depend on a version.
 */
import type { DatabaseEngine, EngineVersionTable } from "../../preflight/engine-versions";

/**
 * Amazon RDS for MySQL and for PostgreSQL, standard support end dates from the RDS release
 * calendars: "Supported MySQL major versions on Amazon RDS" (RDS User Guide,
 * MySQL.Concepts.VersionMgmt) and "Release calendars for Amazon RDS for PostgreSQL" (RDS for
 * PostgreSQL Release Notes); the same dates `aws rds describe-db-major-engine-versions` returns as
 * `SupportedEngineLifecycles` (`open-source-rds-standard-support` end dates).
 */
export const AWS_ENGINE_VERSIONS: EngineVersionTable = {
    cloud: "aws",
    offeredBy: "RDS",
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
