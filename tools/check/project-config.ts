/**
 * Project-level config (Pulumi.yaml's `config:`), applied to a stack's config as the CLI applies
 * it before a program runs (pulumi/pulumi pkg/workspace/config.go `mergeConfig`, and
 * sdk/go/common/workspace/project.go for the shorthand and the types):
 *
 * - `key: value` is shorthand: a default for a key in the project's namespace (or without one),
 *   a value for any other namespace (`aws:region: us-west-2`).
 * - A key the stack does not set takes the project's `default` or `value`. A key of the project's
 *   namespace with neither, that the stack does not set, is missing: the update fails, naming it.
 * - A key with a `type` (string, integer, boolean, array with `items`, object) must hold that
 *   type in the stack, and one marked `secret` must be encrypted there.
 *
 * Pure: the stack's config map in, a new one out, or a StackFileError the CLI reports (exit 2).
 */
import { StackFileError, StackConfig, encodeConfigValue, namespacedKey } from "./stack-config";

/** One entry of Pulumi.yaml's `config:` after the shorthand is read. */
export interface ProjectConfigType {
    type?: string;
    items?: { type: string; items?: ProjectConfigType["items"] };
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

/** Whether a Pulumi.yaml config key is the project's own (no namespace, or the project's): configKeyIsNamespacedByProject. */
function inProjectNamespace(key: string, project: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

const isPrimitive = (value: unknown) => ["string", "number", "boolean"].includes(typeof value);

/** Pulumi.yaml's `config:` section as the CLI reads it (RewriteShorthandConfigValues). */
export function parseProjectConfig(section: unknown, project: string, file: string): Record<string, ProjectConfigType> {
    if (section === undefined || section === null) return {};
    if (typeof section !== "object" || Array.isArray(section))
        throw new StackFileError(`${file}: "config:" must be a mapping of keys to their types or values.`);
    const result: Record<string, ProjectConfigType> = {};
    for (const [key, entry] of Object.entries(section as Record<string, unknown>)) {
        if (isPrimitive(entry) || Array.isArray(entry)) {
            result[key] = inProjectNamespace(key, project) ? { default: entry } : { value: entry };
            continue;
        }
        const definition = (entry ?? {}) as ProjectConfigType;
        const problem = invalidDefinition(key, definition, project);
        if (problem) throw new StackFileError(`${file}: ${problem}.`);
        result[key] = definition;
    }
    return result;
}

/** What the CLI refuses in a Pulumi.yaml config entry (workspace.Project.Validate), if anything. */
function invalidDefinition(key: string, definition: ProjectConfigType, project: string): string | undefined {
    if (definition.default !== undefined && definition.value !== undefined)
        return `project config '${key}' cannot have both a 'default' and 'value' attribute; keep one`;
    if (inProjectNamespace(key, project)) {
        if (definition.type === "array" && !definition.items)
            return `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`;
        if (
            definition.type &&
            definition.default !== undefined &&
            !holdsType(definition.type, definition.items, definition.default)
        )
            return `The default value specified for configuration key '${key}' is not of the expected type '${typeName(definition.type, definition.items)}'`;
        return undefined;
    }
    if (definition.type)
        return `Configuration key '${key}' is not namespaced by the project and should not define a type`;
    if (definition.default !== undefined)
        return `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`;
    if (definition.value === undefined)
        return `Configuration key '${key}' is namespaced and must provide an attribute 'value'`;
    return undefined;
}

/** What the CLI stores for a project default or value: text for a scalar, JSON for the rest. */
function configValue(raw: unknown): string {
    return isPrimitive(raw) ? String(raw) : encodeConfigValue(raw);
}

/** The type name the CLI prints: `array<string>` for arrays. */
function typeName(type: string, items?: ProjectConfigType["items"]): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}

/** workspace.ValidateConfigValue, over a value as the stack holds it (text, or JSON for objects and arrays). */
function holdsType(type: string, items: ProjectConfigType["items"], value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            // A number read from JSON is a float64 (whole ones pass); text must be Go's strconv.Atoi: digits, a sign, no blanks, within int64.
            return (
                (typeof value === "number" && Number.isInteger(value)) ||
                (typeof value === "string" &&
                    /^[+-]?\d+$/.test(value) &&
                    BigInt(value) >= -(2n ** 63n) &&
                    BigInt(value) < 2n ** 63n)
            );
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return value !== null && typeof value === "object" && !Array.isArray(value);
        default:
            return Array.isArray(value) && !!items && value.every((item) => holdsType(items.type, items.items, item));
    }
}

/** A stack value as the CLI validates it: an object value (a mapping or list) from its JSON, anything else its text. */
function contentOf(text: string, object: boolean): unknown {
    return object ? JSON.parse(text) : text;
}

/**
 * `stack` with the project's config applied as the CLI applies it, or the CLI's error. A secret
 * the check filled with a placeholder is not type-checked: its real value is not known offline.
 */
export function applyProjectConfig(
    stack: StackConfig,
    projectConfig: Record<string, ProjectConfigType>,
    project: string,
): StackConfig {
    const config = { ...stack.config };
    const objectKeys = [...(stack.objectKeys ?? [])];
    const missing: string[] = [];
    const keys = Object.keys(projectConfig).sort();
    for (const projectKey of keys) {
        const definition = projectConfig[projectKey];
        const key = namespacedKey(projectKey, project);
        if (key in config) continue;
        const given = definition.default ?? definition.value;
        if (given === undefined) {
            if (key.startsWith(`${project}:`)) missing.push(projectKey);
            continue;
        }
        // Written into the stack's config as a plain value (mergeConfig), then validated with the rest.
        config[key] = configValue(given);
        if (!isPrimitive(given)) objectKeys.push(key);
    }
    if (missing.length > 0) {
        const names = missing.map((k) => `'${k}'`);
        const listed =
            names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
        throw new StackFileError(
            `Stack '${stack.name}' is missing configuration value${missing.length > 1 ? "s" : ""} ${listed}: Pulumi.yaml declares ${missing.length > 1 ? "them" : "it"} without a default. Set ${missing.length > 1 ? "each" : "it"} in the stack file (pulumi config set ${missing[0]} ...) or give ${missing.length > 1 ? "them" : "it"} a default in Pulumi.yaml.`,
        );
    }
    for (const projectKey of keys) {
        const definition = projectConfig[projectKey];
        const key = namespacedKey(projectKey, project);
        if (!definition.type || !(key in config)) continue;
        const secure = stack.secretKeys.includes(key);
        if (definition.secret && !secure)
            throw new StackFileError(
                `Stack '${stack.name}' with configuration key '${projectKey}' must be encrypted as it's secret: set it with pulumi config set --secret ${projectKey} ...${key in stack.config ? "" : " (Pulumi.yaml's default is written into the stack in plain text, which a secret key refuses)"}`,
            );
        if (secure) continue;
        if (!holdsType(definition.type, definition.items, contentOf(config[key], objectKeys.includes(key))))
            throw new StackFileError(
                `Stack '${stack.name}' with configuration key '${projectKey}' must be of type '${typeName(definition.type, definition.items)}' (Pulumi.yaml's config declares it so); got ${JSON.stringify(config[key])}${objectKeys.includes(key) ? "" : " as text"}.`,
            );
    }
    return { ...stack, config, objectKeys };
}
