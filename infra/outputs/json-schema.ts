/**
 * The small subset of JSON Schema webtier writes its schemas in, checked without a schema
 * library: the outputs contract (`webtier-outputs.schema.json`, see `validate.ts`) and the
 * policies' `configSchema`s (the offline policy check, `tools/check/policy-config.ts`) both use
 * it. Pure, no dependencies, so any part of the repo can import it.
 *
 * Keywords: type (one or a list), const, enum, required, properties, additionalProperties
 * (only `false` is acted on), items, minItems, maxItems, minLength, maxLength, pattern,
 * minimum, maximum. Others (description, default, $schema...) are carried and ignored.
 *
 * An `undefined` value (a missing key, or one a JavaScript object holds as `undefined`) is
 * absent; `null` is a value like any other, as in JSON Schema itself.
 */

export type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

export interface JsonSchema {
    /** A `JsonType` or a list of them; typed as strings so schemas read from JSON fit. */
    type?: string | string[];
    const?: unknown;
    enum?: unknown[];
    required?: string[];
    properties?: Record<string, JsonSchema>;
    /** Only `false` is acted on: then keys not in `properties` are problems. */
    additionalProperties?: boolean | JsonSchema;
    items?: JsonSchema;
    minItems?: number;
    maxItems?: number;
    minLength?: number;
    maxLength?: number;
    /** A JavaScript regular expression, applied with the `u` flag as JSON Schema asks. */
    pattern?: string;
    minimum?: number;
    maximum?: number;
    [keyword: string]: unknown;
}

export interface SchemaCheckOptions {
    /**
     * Where `value` sits, as the prefix of every problem's path: "$" gives "$.a.b[0]", ""
     * gives "a.b[0]" (and "(root)" for the value itself). Default "".
     */
    at?: string;
    /**
     * The problem text for a key an `additionalProperties: false` object does not declare,
     * given the declared keys. Default: "is not allowed here (allowed: ...)".
     */
    unknownKey?: (declared: string[]) => string;
}

/** The JSON type of a value; integers are told apart from other numbers. */
export function jsonTypeOf(value: unknown): JsonType | "undefined" | "function" | "bigint" | "symbol" {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value as JsonType;
}

function fitsType(value: unknown, type: string): boolean {
    const actual = jsonTypeOf(value);
    return actual === type || (type === "number" && actual === "integer");
}

/** Structural equality of JSON values, for const and enum. */
function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function child(at: string, key: string): string {
    return at ? `${at}.${key}` : key;
}

/**
 * Every way `value` breaks `schema`, as "path: problem" lines (empty when it fits). A value of
 * the wrong type gets that one problem only: the other keywords cannot judge it. Values are
 * not echoed in type problems, so a misplaced secret does not end up in an error message.
 */
export function schemaProblems(value: unknown, schema: JsonSchema, options: SchemaCheckOptions = {}): string[] {
    const at = options.at ?? "";
    const where = at || "(root)";
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some((type) => fitsType(value, type))) return [`${where}: expected ${types.join(" or ")}, got ${jsonTypeOf(value)}`];
    }
    const problems: string[] = [];
    if ("const" in schema && !sameJson(schema.const, value)) {
        problems.push(`${where}: must be ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
    }
    if (schema.enum && !schema.enum.some((option) => sameJson(option, value))) {
        problems.push(`${where}: must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}, got ${JSON.stringify(value)}`);
    }
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum) problems.push(`${where}: must be at least ${schema.minimum}, got ${value}`);
        if (typeof schema.maximum === "number" && value > schema.maximum) problems.push(`${where}: must be at most ${schema.maximum}, got ${value}`);
    }
    if (typeof value === "string") {
        if (typeof schema.minLength === "number" && value.length < schema.minLength) {
            problems.push(`${where}: ${schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters`}`);
        }
        if (typeof schema.maxLength === "number" && value.length > schema.maxLength) problems.push(`${where}: must be at most ${schema.maxLength} characters`);
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) problems.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems) problems.push(`${where}: needs at least ${schema.minItems} item(s)`);
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems) problems.push(`${where}: allows at most ${schema.maxItems} item(s)`);
        const items = schema.items;
        if (items) value.forEach((item, i) => problems.push(...schemaProblems(item, items, { ...options, at: `${at}[${i}]` })));
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        for (const key of schema.required ?? []) {
            if (object[key] === undefined) problems.push(`${child(at, key)}: is required`);
        }
        const properties = schema.properties ?? {};
        const declared = Object.keys(properties);
        for (const [key, item] of Object.entries(object)) {
            if (item === undefined) continue;
            if (Object.prototype.hasOwnProperty.call(properties, key)) {
                problems.push(...schemaProblems(item, properties[key], { ...options, at: child(at, key) }));
            } else if (schema.additionalProperties === false) {
                const unknownKey = options.unknownKey ?? ((keys: string[]) => `is not allowed here (allowed: ${keys.join(", ") || "none"})`);
                problems.push(`${child(at, key)}: ${unknownKey(declared)}`);
            }
        }
    }
    return problems;
}
