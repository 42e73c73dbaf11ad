/**
 * The stack's `pulumi:autonaming` config, as the engine reads it (pulumi/pulumi
 * pkg/cmd/pulumi/autonaming: config.go, json.go, pattern.go) and turns it into the autonaming
 * options it sends with each resource's Check (pkg/resource/autonaming/strategy.go):
 *
 *     pulumi:autonaming:
 *       mode: default | verbatim | disabled     # or
 *       pattern: ${project}-${stack}-${name}-${hex(4)}
 *       enforce: true                           # with a pattern: the provider must not change it
 *       providers:
 *         aws:
 *           pattern: ...
 *           resources:
 *             aws:s3/bucket:Bucket: { mode: verbatim }
 *
 * The most specific entry wins: the resource type's, then its provider's, then the root's.
 * `verbatim` enforces the logical name, `disabled` forbids a generated name, a pattern proposes
 * (or with `enforce`, enforces) a name made from it; `default`, or no config, leaves naming to the
 * provider. What the provider does with the options is autonaming.ts's (`engineAutoname`).
 */
import { randomBytes, randomUUID } from "crypto";

/** plugin.AutonamingOptions: what the engine asks of the provider for one resource. */
export interface AutonamingOptions {
    mode: "propose" | "enforce" | "disable";
    /** The name proposed or enforced (none when disabled). */
    proposedName?: string;
    /**
     * The strategy's second answer (strategy.go AutonamingForResource): the name has no random
     * part (verbatim, disabled, a pattern without a random expression), so two cannot exist at
     * once and the step generator makes the resource's replacements delete-first, whatever its
     * own deleteBeforeReplace option says.
     */
    deleteBeforeReplace: boolean;
}

/** The options for a resource of `type` named `name`, or undefined for the provider's own naming. */
export type EngineAutonamer = (type: string, name: string) => AutonamingOptions | undefined;

/** What stack-level expressions in a pattern resolve to. */
export interface AutonamingContext {
    organization: string;
    project: string;
    stack: string;
    /** The stack's config, `<namespace>:<name>` keys. */
    config: Record<string, string>;
}

type Strategy = (name: string) => AutonamingOptions | undefined;

interface NamingConfig {
    mode?: unknown;
    pattern?: unknown;
    enforce?: unknown;
}

const NAMING_KEYS = ["mode", "pattern", "enforce"];

/** The error the engine stops with before the program runs. */
export class AutonamingConfigError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An object of json.go's structure; `allowed` lists its fields (DisallowUnknownFields), all when absent. */
function checkFields(value: unknown, where: string, allowed?: readonly string[]): Record<string, unknown> {
    if (!isObject(value))
        throw new AutonamingConfigError(
            `failed to parse autonaming config: invalid autonaming config structure: ${where} must be an object`,
        );
    for (const key of Object.keys(value))
        if (allowed && !allowed.includes(key))
            throw new AutonamingConfigError(
                `failed to parse autonaming config: invalid autonaming config structure: json: unknown field "${key}"`,
            );
    return value;
}

/** pattern.go resolveStackExpressions: ${organization}, ${project}, ${stack}, ${config.key}. */
function resolveStackExpressions(pattern: string, context: AutonamingContext): string {
    const resolved = pattern
        .split("${organization}")
        .join(context.organization)
        .split("${project}")
        .join(context.project)
        .split("${stack}")
        .join(context.stack);
    return resolved.replace(/\$\{config\.([^}]+)\}/g, (_, key: string) => {
        const value = context.config[`${context.project}:${key}`];
        if (value === undefined) throw new AutonamingConfigError(`no value found for key "${key}"`);
        return value;
    });
}

function randomFrom(alphabet: string, length: number): string {
    return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** strategy.go's random expressions, in its order, each replacing every occurrence. */
const RANDOM_EXPRESSIONS: Array<(text: string) => string> = [
    (text) => text.replace(/\$\{hex\((\d+)\)\}/g, (_, n: string) => randomFrom("0123456789abcdef", Number(n))),
    (text) =>
        text.replace(/\$\{alphanum\((\d+)\)\}/g, (_, n: string) =>
            randomFrom("abcdefghijklmnopqrstuvwxyz0123456789", Number(n)),
        ),
    (text) =>
        text.replace(/\$\{string\((\d+)\)\}/g, (_, n: string) => randomFrom("abcdefghijklmnopqrstuvwxyz", Number(n))),
    (text) => text.replace(/\$\{num\((\d+)\)\}/g, (_, n: string) => randomFrom("0123456789", Number(n))),
    (text) => (text.includes("${uuid}") ? text.split("${uuid}").join(randomUUID()) : text),
];

/**
 * strategy.go generateName: ${name}, then the random expressions; and whether any of them
 * changed the name (hasRandom).
 */
export function generateName(pattern: string, name: string): { name: string; hasRandom: boolean } {
    let result = pattern.split("${name}").join(name);
    let hasRandom = false;
    for (const replace of RANDOM_EXPRESSIONS) {
        const next = replace(result);
        hasRandom = hasRandom || next !== result;
        result = next;
    }
    return { name: result, hasRandom };
}

/** config.go resolveNamingConfig: the strategy, and whether one was given at this level. */
function resolveNaming(config: NamingConfig, context: AutonamingContext): { strategy: Strategy; given: boolean } {
    const hasMode = config.mode !== undefined;
    const hasPattern = config.pattern !== undefined;
    const hasEnforce = config.enforce !== undefined;
    if (hasMode && (hasPattern || hasEnforce))
        throw new AutonamingConfigError("cannot specify both mode and pattern/enforce");
    if (hasPattern) {
        if (typeof config.pattern !== "string")
            throw new AutonamingConfigError(
                "failed to parse autonaming config: invalid autonaming config structure: pattern must be a string",
            );
        const pattern = resolveStackExpressions(config.pattern, context);
        const mode = config.enforce === true ? "enforce" : "propose";
        return {
            strategy: (name) => {
                const generated = generateName(pattern, name);
                return { mode, proposedName: generated.name, deleteBeforeReplace: !generated.hasRandom };
            },
            given: true,
        };
    }
    if (hasEnforce) throw new AutonamingConfigError("pattern must be specified when enforce is true");
    if (!hasMode) return { strategy: () => undefined, given: false };
    switch (config.mode) {
        case "default":
            return { strategy: () => undefined, given: true };
        case "verbatim":
            return {
                strategy: (name) => ({ mode: "enforce", proposedName: name, deleteBeforeReplace: true }),
                given: true,
            };
        case "disabled":
            return { strategy: () => ({ mode: "disable", deleteBeforeReplace: true }), given: true };
        default:
            throw new AutonamingConfigError(`invalid naming mode: ${String(config.mode)}`);
    }
}

/**
 * The engine's autonamer for a stack whose config holds `pulumi:autonaming` (a JSON text, as
 * object config reaches the program), or undefined when it holds none. Throws the engine's error
 * for a config it refuses.
 */
export function engineAutonamer(context: AutonamingContext): EngineAutonamer | undefined {
    const text = context.config["pulumi:autonaming"];
    if (text === undefined) return undefined;
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new AutonamingConfigError("failed to parse autonaming config: invalid autonaming config: not an object");
    }
    const root = checkFields(value, "pulumi:autonaming", [...NAMING_KEYS, "providers"]);
    const wrap = (err: unknown, what: string) =>
        err instanceof AutonamingConfigError ? new AutonamingConfigError(`${what}: ${err.message}`) : err;
    let rootNaming: Strategy;
    try {
        rootNaming = resolveNaming(root, context).strategy;
    } catch (err) {
        throw wrap(err, "failed to resolve root naming config");
    }
    const providers = new Map<string, { naming: Strategy; resources: Map<string, Strategy> }>();
    const given = root.providers === undefined ? {} : checkFields(root.providers, "providers");
    for (const [provider, raw] of Object.entries(given)) {
        const section = checkFields(raw, `providers.${provider}`, [...NAMING_KEYS, "resources"]);
        let naming: Strategy;
        try {
            const resolved = resolveNaming(section, context);
            // A provider without a mode or pattern of its own takes the root's.
            naming = resolved.given ? resolved.strategy : rootNaming;
        } catch (err) {
            throw wrap(err, `failed to resolve naming config for provider "${provider}"`);
        }
        const resources = new Map<string, Strategy>();
        const types = section.resources === undefined ? {} : checkFields(section.resources, "resources");
        for (const [type, entry] of Object.entries(types)) {
            const config = checkFields(entry, `resources.${type}`, NAMING_KEYS);
            let resolved: { strategy: Strategy; given: boolean };
            try {
                resolved = resolveNaming(config, context);
            } catch (err) {
                throw wrap(err, `failed to resolve naming config for resource "${type}"`);
            }
            if (!resolved.given)
                throw new AutonamingConfigError(`mode or pattern must be specified for resource "${type}"`);
            resources.set(type, resolved.strategy);
        }
        providers.set(provider, { naming, resources });
    }
    // strategy.go pluginOptionsForResourceType: the type's, its provider's, the root's.
    return (type, name) => {
        const provider = providers.get(type.split(":")[0]);
        const strategy = provider?.resources.get(type) ?? provider?.naming ?? rootNaming;
        return strategy(name);
    };
}
