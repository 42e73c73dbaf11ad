/**
 * Database engines and versions the cloud would refuse to create, and RDS settings it refuses
 * in combination: checked against the dated tables in engine-versions.ts.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    DIGITALOCEAN_ENGINE_SLUGS,
    ENGINE_VERSIONS,
    engineVersionProblem,
    findEngineVersion,
    rdsParameterApplyMethod,
    today,
    type DatabaseEngine,
} from "./engine-versions";
import { describe, fromResourceArgs, isUnknown, listOf } from "../lib/values";

const RDS_DATABASES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];
const RDS_PARAMETER_GROUPS = [
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
];
const DO_CLUSTER = "digitalocean:index/databaseCluster:DatabaseCluster";

/**
 * RDS `engineLifecycleSupport` values (API rds CreateDBInstance EngineLifecycleSupport; TF
 * engineLifecycleSupport_Values). Absent means `open-source-rds-extended-support`.
 */
export const RDS_LIFECYCLES = [
    "open-source-rds-extended-support",
    "open-source-rds-extended-support-disabled",
] as const;

/**
 * DigitalOcean database cluster engines (OpenAPI database_cluster engine enum; advanced_* are
 * in preview and left out on purpose).
 */
export const DIGITALOCEAN_ENGINES = ["pg", "mysql", "redis", "valkey", "mongodb", "kafka", "opensearch"] as const;

/** webtier's engine for an RDS engine name (Aurora and others are not in the tables). */
function rdsEngine(engine: unknown): DatabaseEngine | undefined {
    return engine === "mysql" ? "mysql" : engine === "postgres" ? "postgres" : undefined;
}

/** "8.0.35" → "8.0" (MySQL majors are two parts), "16.3" → "16". */
function rdsMajor(engine: DatabaseEngine, version: string): string {
    const parts = version.split(".");
    return engine === "mysql" ? parts.slice(0, 2).join(".") : parts[0];
}

export const preflightDatabaseVersions: ResourceValidationPolicy = {
    name: "webtier-preflight-database-versions",
    description:
        "Database engines and versions the cloud offers for a new database today (RDS standard support unless Extended Support is chosen; DigitalOcean's available versions), lifecycle values RDS accepts, and static RDS parameters applied at the next reboot.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const on = today();
        if (RDS_DATABASES.includes(args.type)) {
            const res = fromResourceArgs(args);
            const lifecycle = res.props.engineLifecycleSupport;
            if (
                lifecycle !== undefined &&
                !isUnknown(lifecycle) &&
                !(RDS_LIFECYCLES as readonly string[]).includes(lifecycle)
            ) {
                reportViolation(
                    `${describe(res)}: engineLifecycleSupport "${lifecycle}" is not one RDS accepts; use ${RDS_LIFECYCLES.join(" or ")}.`,
                );
            }
            const engine = rdsEngine(res.props.engine);
            const version = res.props.engineVersion;
            if (!engine || typeof version !== "string" || isUnknown(version)) return;
            const major = rdsMajor(engine, version);
            // Only versions in the table are judged; an unlisted minor of a listed major is the major's.
            if (!findEngineVersion("aws", engine, major)) {
                const known = ENGINE_VERSIONS.aws.versions.filter((v) => v.engine === engine).map((v) => v.version);
                reportViolation(
                    `${describe(res)}: ${engine} ${version} is not a major version RDS offers (${known.join(", ")}; table of ${ENGINE_VERSIONS.aws.asOf}).`,
                );
                return;
            }
            // Absent lifecycle = Extended Support (RDS enrols silently): the cloud accepts it.
            const extendedSupport =
                lifecycle === undefined || isUnknown(lifecycle) || lifecycle === "open-source-rds-extended-support";
            const problem = engineVersionProblem("aws", engine, major, { extendedSupport, on });
            if (problem)
                reportViolation(
                    `${describe(res)}: ${problem.replace("database.extendedSupport: true", 'engineLifecycleSupport "open-source-rds-extended-support"')}`,
                );
            return;
        }
        if (RDS_PARAMETER_GROUPS.includes(args.type)) {
            const res = fromResourceArgs(args);
            const family = res.props.family;
            if (typeof family !== "string" || isUnknown(family)) return;
            const match = /^(mysql|postgres)(\d+(?:\.\d+)?)$/.exec(family);
            if (!match) return;
            const engine = match[1] as DatabaseEngine;
            for (const parameter of listOf(res.props.parameters)) {
                if (isUnknown(parameter) || !parameter || typeof parameter.name !== "string") continue;
                const method = parameter.applyMethod ?? "immediate";
                if (
                    method === "immediate" &&
                    rdsParameterApplyMethod(engine, match[2], parameter.name) === "pending-reboot"
                ) {
                    reportViolation(
                        `${describe(res)}: parameter ${parameter.name} is static on ${family}, and RDS refuses it with applyMethod "immediate" (InvalidParameterCombination). Set applyMethod: "pending-reboot" (a new instance boots with it).`,
                    );
                }
            }
            return;
        }
        if (args.type === DO_CLUSTER) {
            const res = fromResourceArgs(args);
            const slug = res.props.engine;
            const version = res.props.version;
            if (typeof slug !== "string" || isUnknown(slug)) return;
            if (!(DIGITALOCEAN_ENGINES as readonly string[]).includes(slug)) {
                reportViolation(
                    `${describe(res)}: engine "${slug}" is not a DigitalOcean database engine; use one of ${DIGITALOCEAN_ENGINES.join(", ")}.`,
                );
                return;
            }
            if (slug === "redis") {
                reportViolation(
                    `${describe(res)}: DigitalOcean creates no new Redis clusters (end of availability 2025-04-30); use engine "valkey", which speaks the same protocol.`,
                );
                return;
            }
            const engine = (Object.keys(DIGITALOCEAN_ENGINE_SLUGS) as DatabaseEngine[]).find(
                (e) => DIGITALOCEAN_ENGINE_SLUGS[e] === slug,
            );
            if (!engine || typeof version !== "string" || isUnknown(version)) return;
            const entry = ENGINE_VERSIONS.digitalocean.versions.find(
                (v) => v.engine === engine && v.apiVersion === version,
            );
            const problem = entry
                ? engineVersionProblem("digitalocean", engine, entry.version, { on })
                : engineVersionProblem("digitalocean", engine, version, { on });
            if (problem) {
                const offered = ENGINE_VERSIONS.digitalocean.versions
                    .filter((v) => v.engine === engine)
                    .map((v) => `"${v.apiVersion}"`);
                reportViolation(
                    `${describe(res)}: version "${version}": ${problem} The API takes ${offered.join(", ")}.`,
                );
            }
        }
    },
};

/**
 * Not a refusal but a bill: without `engineLifecycleSupport`, RDS creates a MySQL or PostgreSQL
 * instance enrolled in RDS Extended Support (the API's default, open-source-rds-extended-support),
 * which is charged per vCPU-hour once the major version leaves standard support. Advisory: the
 * choice is the owner's, it should only be explicit.
 */
export const rdsLifecycleExplicit: ResourceValidationPolicy = {
    name: "webtier-rds-lifecycle-explicit",
    description:
        "RDS MySQL and PostgreSQL databases choose engineLifecycleSupport explicitly, so that paid Extended Support is never enrolled silently.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if (!RDS_DATABASES.includes(args.type)) return;
        const res = fromResourceArgs(args);
        const engine = rdsEngine(res.props.engine);
        if (!engine || res.props.engineLifecycleSupport !== undefined) return;
        const version =
            typeof res.props.engineVersion === "string" && !isUnknown(res.props.engineVersion)
                ? rdsMajor(engine, res.props.engineVersion)
                : undefined;
        const entry = version ? findEngineVersion("aws", engine, version) : undefined;
        const when = entry?.endOfStandardSupport
            ? ` (${engine} ${entry.version} leaves standard support on ${entry.endOfStandardSupport})`
            : "";
        reportViolation(
            `${describe(res)} leaves engineLifecycleSupport to RDS, which enrols it in paid Extended Support when its major version leaves standard support${when}. ` +
                `Set engineLifecycleSupport: "open-source-rds-extended-support-disabled" (upgrade before the date), or "open-source-rds-extended-support" to choose the paid support.`,
        );
    },
};
