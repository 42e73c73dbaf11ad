/**
 * webtier-preflight-database-versions on AWS: engines and versions RDS offers for a new database
 * today (standard support unless Extended Support is chosen), the lifecycle values RDS accepts,
 * and static RDS parameters applied at the next reboot; and webtier-rds-lifecycle-explicit.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DatabaseEngine, engineVersionProblem, findEngineVersion } from "../../preflight/engine-versions";
import { Res, describe, fromResourceArgs, isUnknown, listOf } from "../values";
import { AWS_ENGINE_VERSIONS, rdsParameterApplyMethod } from "./engine-versions";

const RDS_DATABASES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];
const RDS_PARAMETER_GROUPS = [
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
];
/**
 * RDS `engineLifecycleSupport` values (API rds CreateDBInstance EngineLifecycleSupport; TF
 * engineLifecycleSupport_Values). Absent means `open-source-rds-extended-support`.
 */
export const RDS_LIFECYCLES = [
    "open-source-rds-extended-support",
    "open-source-rds-extended-support-disabled",
] as const;

/** webtier's engine for an RDS engine name (Aurora and others are not in the tables). */
function rdsEngine(engine: unknown): DatabaseEngine | undefined {
    return engine === "mysql" ? "mysql" : engine === "postgres" ? "postgres" : undefined;
}

/** "8.0.35" → "8.0" (MySQL majors are two parts), "16.3" → "16". */
function rdsMajor(engine: DatabaseEngine, version: string): string {
    const parts = version.split(".");
    return engine === "mysql" ? parts.slice(0, 2).join(".") : parts[0];
}

/** What RDS refuses in a database's engine, version or lifecycle, or a parameter group's apply methods. */
export function rdsVersionProblems(res: Res, on: string): string[] {
    const problems: string[] = [];
    if (RDS_DATABASES.includes(res.type)) {
        const lifecycle = res.props.engineLifecycleSupport;
        if (
            lifecycle !== undefined &&
            !isUnknown(lifecycle) &&
            !(RDS_LIFECYCLES as readonly string[]).includes(lifecycle)
        ) {
            problems.push(
                `${describe(res)}: engineLifecycleSupport "${lifecycle}" is not one RDS accepts; use ${RDS_LIFECYCLES.join(" or ")}.`,
            );
        }
        const engine = rdsEngine(res.props.engine);
        const version = res.props.engineVersion;
        if (!engine || typeof version !== "string" || isUnknown(version)) return problems;
        const major = rdsMajor(engine, version);
        // Only versions in the table are judged; an unlisted minor of a listed major is the major's.
        if (!findEngineVersion(AWS_ENGINE_VERSIONS.cloud, engine, major)) {
            const known = AWS_ENGINE_VERSIONS.versions.filter((v) => v.engine === engine).map((v) => v.version);
            problems.push(
                `${describe(res)}: ${engine} ${version} is not a major version RDS offers (${known.join(", ")}; table of ${AWS_ENGINE_VERSIONS.asOf}).`,
            );
            return problems;
        }
        // Absent lifecycle = Extended Support (RDS enrols silently): the cloud accepts it.
        const extendedSupport =
            lifecycle === undefined || isUnknown(lifecycle) || lifecycle === "open-source-rds-extended-support";
        const problem = engineVersionProblem(AWS_ENGINE_VERSIONS.cloud, engine, major, { extendedSupport, on });
        if (problem)
            problems.push(
                `${describe(res)}: ${problem.replace("database.extendedSupport: true", 'engineLifecycleSupport "open-source-rds-extended-support"')}`,
            );
        return problems;
    }
    if (RDS_PARAMETER_GROUPS.includes(res.type)) {
        const family = res.props.family;
        if (typeof family !== "string" || isUnknown(family)) return problems;
        const match = /^(mysql|postgres)(\d+(?:\.\d+)?)$/.exec(family);
        if (!match) return problems;
        const engine = match[1] as DatabaseEngine;
        for (const parameter of listOf(res.props.parameters)) {
            if (isUnknown(parameter) || !parameter || typeof parameter.name !== "string") continue;
            const method = parameter.applyMethod ?? "immediate";
            if (
                method === "immediate" &&
                rdsParameterApplyMethod(engine, match[2], parameter.name) === "pending-reboot"
            ) {
                problems.push(
                    `${describe(res)}: parameter ${parameter.name} is static on ${family}, and RDS refuses it with applyMethod "immediate" (InvalidParameterCombination). Set applyMethod: "pending-reboot" (a new instance boots with it).`,
                );
            }
        }
        return problems;
    }
    return problems;
}

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
        const entry = version ? findEngineVersion(AWS_ENGINE_VERSIONS.cloud, engine, version) : undefined;
        const when = entry?.endOfStandardSupport
            ? ` (${engine} ${entry.version} leaves standard support on ${entry.endOfStandardSupport})`
            : "";
        reportViolation(
            `${describe(res)} leaves engineLifecycleSupport to RDS, which enrols it in paid Extended Support when its major version leaves standard support${when}. ` +
                `Set engineLifecycleSupport: "open-source-rds-extended-support-disabled" (upgrade before the date), or "open-source-rds-extended-support" to choose the paid support.`,
        );
    },
};
