/**
 * Policy configuration the way the engine computes it before `Configure`: every policy's
 * schema defaults and enforcement level, then the pack's own initial config, then the user's
 * file (the `pulumi preview --policy-pack-config` format), validated against each policy's schema.
 */

import type { JsonSchema } from "../../infra/outputs/json-schema";
import { engineSchemaProblems } from "./engine-schema";

export type { JsonSchema };

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** What GetAnalyzerInfo says about one policy. */
export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    displayName?: string;
    configSchema?: { properties: Record<string, JsonSchema>; required: string[] };
    remediationSteps?: string;
    url?: string;
    tags?: string[];
    severity?: string;
}

/** One policy's configuration: enforcement level plus properties. */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** What to write instead of a bad level, after the engine's own words. */
const LEVEL_FIX = `use one of ${ENFORCEMENT_LEVELS.join(", ")}`;

/** Go's `%v` of a JSON value, as the engine prints one it refuses (`5`, `true`, `[a b]`, `map[k:v]`). */
function goValue(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
    if (value && typeof value === "object")
        return `map[${Object.keys(value)
            .sort()
            .map((k) => `${k}:${goValue((value as Record<string, unknown>)[k])}`)
            .join(" ")}]`;
    // What is left: JSON's scalars (a string, a number, a boolean) and null.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- no object reaches here
    return value === null ? "<nil>" : String(value);
}

/**
 * Parses a policy config document as the engine does (pkg/resource/analyzer/config.go):
 * `{ "all": "advisory", "<policy>": "mandatory", "<policy>": { "enforcementLevel": "advisory",
 * "<property>": ... } }`, errors in the engine's words with what to write instead. A top-level
 * `environments` names Pulumi ESC environments to resolve the config from: the engine reads them
 * only on a backend that has ESC, and the check, offline, emulates the self-managed one, which
 * refuses them.
 */
export function parsePolicyConfig(text: string, source = "policy config"): Record<string, PolicyConfig> {
    if (text.trim() === "") return {};
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw new PolicyConfigError(`${source} is not valid JSON: ${(err as Error).message}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        throw new PolicyConfigError(
            `${source} must be a JSON object of policy names, for example {"all": "advisory", "ssh-allowlist": {"enforcementLevel": "mandatory"}}.`,
        );
    }
    const { environments, ...policies } = doc as Record<string, unknown>;
    if (environments !== undefined) {
        if (!Array.isArray(environments) || environments.some((e) => typeof e !== "string"))
            throw new PolicyConfigError(`${source}: "environments" must be an array of strings.`);
        if (environments.length > 0)
            throw new PolicyConfigError(
                `${source} specifies ESC environments (${environments.join(", ")}) but the current backend does not support them: the check runs offline, as \`pulumi up\` on a self-managed backend, which refuses them too. Write the values they would give into the file.`,
            );
    }
    const result: Record<string, PolicyConfig> = {};
    for (const [policy, value] of Object.entries(policies)) {
        if (typeof value === "string") {
            if (!isLevel(value))
                throw new PolicyConfigError(
                    `${source}: parsing enforcement level for ${JSON.stringify(policy)}: ${JSON.stringify(value)} is not a valid enforcement level (${LEVEL_FIX}).`,
                );
            result[policy] = { enforcementLevel: value };
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                const what =
                    typeof enforcementLevel === "string"
                        ? `${JSON.stringify(enforcementLevel)} is not a valid enforcement level`
                        : `${goValue(enforcementLevel)} is not a valid enforcement level; must be a string`;
                throw new PolicyConfigError(
                    `${source}: parsing enforcement level for ${JSON.stringify(policy)}: ${what} (${LEVEL_FIX}).`,
                );
            }
            const entry: PolicyConfig = {};
            if (enforcementLevel) entry.enforcementLevel = enforcementLevel;
            if (Object.keys(properties).length > 0) entry.properties = properties;
            if (entry.enforcementLevel || entry.properties) result[policy] = entry;
        } else {
            throw new PolicyConfigError(
                `${source}: parsing ${JSON.stringify(policy)}: ${goValue(value)} is not a valid value; must be a string or object (an enforcement level, or {"enforcementLevel": ..., "<property>": ...}).`,
            );
        }
    }
    return result;
}

/**
 * The policy config the engine hands a pack, as it does for a local pack (pkg/engine/update.go):
 * a pack that does not support config gets none (no reconciling, no Configure), and a config file
 * for it is an error; any other gets the user's config (none: `{}`) reconciled with its own.
 */
export function packConfig(
    pack: {
        name: string;
        version: string;
        supportsConfig: boolean;
        policies: PolicyInfo[];
        initialConfig: Record<string, PolicyConfig>;
    },
    userConfig: Record<string, PolicyConfig> | undefined,
    packDir: string,
): { config: Record<string, Required<PolicyConfig>>; warnings: string[] } {
    if (!pack.supportsConfig) {
        if (userConfig !== undefined)
            throw new PolicyConfigError(`policy pack "${pack.name}" at "${packDir}" does not support config`);
        return { config: {}, warnings: [] };
    }
    const { config, warnings, levelless } = reconcilePolicyConfig(
        pack.policies,
        pack.initialConfig,
        userConfig ?? {},
        pack,
    );
    // The engine's Configure refuses an entry without a level (analyzer_plugin.go): properties
    // given for "all" or for a policy the pack does not have, with no level anywhere.
    if (levelless.length > 0)
        throw new PolicyConfigError(
            `configuring policy pack "${pack.name}" at "${packDir}": invalid enforcement level "" (policy config gives "${levelless[0]}" properties but no enforcement level, and the pack has no such policy to take one from).`,
        );
    return { config, warnings };
}

/**
 * Whether a pack given `config` (packConfig's answer) has a policy at "remediate", for which the
 * engine asks for remediations before each Analyze. A pack that takes no config gets none and
 * runs its policies at their own levels.
 */
export function remediates(
    pack: { supportsConfig: boolean; policies: PolicyInfo[] },
    config: Record<string, Required<PolicyConfig>>,
): boolean {
    return pack.supportsConfig
        ? Object.values(config).some((c) => c.enforcementLevel === "remediate")
        : pack.policies.some((p) => p.enforcementLevel === "remediate");
}

/**
 * Defaults, then the pack's initial config, then the user's config; throws a
 * `PolicyConfigError` listing every schema violation, one line each as the engine reports them
 * (`validating policy config: <pack> <version>  <policy>: <problem>`, sorted). Returns one entry
 * per policy.
 */
export function reconcilePolicyConfig(
    policies: PolicyInfo[],
    initialConfig: Record<string, PolicyConfig>,
    userConfig: Record<string, PolicyConfig>,
    pack: { name: string; version: string } = { name: "policy-pack", version: "0.0.0" },
): { config: Record<string, Required<PolicyConfig>>; warnings: string[]; levelless: string[] } {
    let result: Record<string, PolicyConfig> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && "default" in schema) defaults[key] = schema.default;
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
    }
    result = applyConfig(result, initialConfig);
    result = applyConfig(result, userConfig);

    const known = new Set(policies.map((p) => p.name));
    const warnings = Object.keys(userConfig)
        .filter((name) => name !== "all" && !known.has(name))
        .map(
            (name) =>
                `policy config names "${name}", which the pack does not have (policies: ${[...known].join(", ")}).`,
        );

    const problems: string[] = [];
    for (const policy of policies) {
        if (!policy.configSchema) continue;
        const schema: JsonSchema = {
            type: "object",
            properties: policy.configSchema.properties,
            required: policy.configSchema.required,
        };
        for (const problem of validateJsonSchema(result[policy.name]?.properties ?? {}, schema)) {
            problems.push(`${policy.name}: ${problem}`);
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(
            problems
                .map((p) => `validating policy config: ${pack.name} ${pack.version}  ${p}`)
                .sort()
                .join("\n"),
        );
    }

    // Every name the config gives stays in it, as in the engine ("all" and names the pack does not
    // have), and goes to the pack with Configure, which refuses one without a level.
    const config: Record<string, Required<PolicyConfig>> = {};
    const levelless: string[] = [];
    for (const [name, entry] of Object.entries(result)) {
        if (entry.enforcementLevel)
            config[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
        else levelless.push(name);
    }
    return { config, warnings, levelless: levelless.sort() };
}

/**
 * `toApply` over `result`, as the engine's applyConfig: "all"'s level over every entry first, then
 * each name's level and properties, an entry made for a name `result` lacks ("all" itself, or a
 * policy the pack does not have).
 */
function applyConfig(
    result: Record<string, PolicyConfig>,
    toApply: Record<string, PolicyConfig>,
): Record<string, PolicyConfig> {
    const next: Record<string, PolicyConfig> = {};
    for (const [name, entry] of Object.entries(result)) next[name] = { ...entry, properties: { ...entry.properties } };
    const all = toApply.all?.enforcementLevel;
    if (all) for (const entry of Object.values(next)) entry.enforcementLevel = all;
    for (const [name, given] of Object.entries(toApply)) {
        const entry = (next[name] ??= { properties: {} });
        if (given.enforcementLevel) entry.enforcementLevel = given.enforcementLevel;
        Object.assign(entry.properties!, given.properties ?? {});
    }
    return next;
}

/** A policy's config checked against its schema, problems worded as the engine's (engine-schema.ts). */
export function validateJsonSchema(value: unknown, schema: JsonSchema): string[] {
    return engineSchemaProblems(value, schema);
}
