/**
 * JSON Schema validation with Ajv (a maintained validator, draft 2020-12), reported as webtier
 * reports problems: one "path: problem" line each, paths from a given root ("$.servers[0].id"),
 * values echoed only where that helps and never in type problems (a misplaced secret stays out
 * of error messages). The outputs contract (`validate.ts`) and the policies' `configSchema`s
 * (the offline policy check, `tools/check/policy-config.ts`) are checked through it.
 *
 * An `undefined` value (a missing key, or one a JavaScript object holds as `undefined`) is
 * absent; `null` is a value like any other, as in JSON Schema itself.
 */
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";

export type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/** A JSON Schema, loosely typed so schemas read from JSON fit. */
export interface JsonSchema {
    type?: string | string[];
    const?: unknown;
    enum?: unknown[];
    required?: string[];
    properties?: Record<string, JsonSchema>;
    additionalProperties?: boolean | JsonSchema;
    items?: JsonSchema;
    minItems?: number;
    maxItems?: number;
    minLength?: number;
    maxLength?: number;
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
    return typeof value;
}

// One Ajv for every schema: verbose errors carry the failing keyword's schema and its parent
// (for the declared keys of additionalProperties); compiled validators are kept per schema object.
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, addUsedSchema: false, unicodeRegExp: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
    let validate = compiled.get(schema);
    if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
    }
    return validate;
}

/** A copy without `undefined` members, so they count as absent as in JSON. */
function withoutUndefined(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutUndefined);
    if (value === null || typeof value !== "object") return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = withoutUndefined(item);
    return copy;
}

/** The JSON-pointer segments of an instance path. */
function segments(pointer: string): string[] {
    return pointer === ""
        ? []
        : pointer
              .slice(1)
              .split("/")
              .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** "$.a.b[0]" for the segments, walking `root` to tell array indexes from keys. */
function pathOf(root: unknown, keys: string[], at: string): string {
    let path = at;
    let node = root;
    for (const key of keys) {
        path = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    }
    return path || "(root)";
}

function valueAt(root: unknown, keys: string[]): unknown {
    return keys.reduce<unknown>(
        (node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        root,
    );
}

/** Ajv's error in webtier's words, or undefined for keywords that only combine others. */
function describe(error: ErrorObject, value: unknown, options: SchemaCheckOptions): string | undefined {
    const p = error.params;
    switch (error.keyword) {
        case "type": {
            const types = error.parentSchema?.type ?? p.type;
            return `expected ${(Array.isArray(types) ? types : String(types).split(",")).join(" or ")}, got ${jsonTypeOf(value)}`;
        }
        case "const":
            return `must be ${JSON.stringify(p.allowedValue)}, got ${JSON.stringify(value)}`;
        case "enum":
            return `must be one of ${(p.allowedValues as unknown[]).map((option) => JSON.stringify(option)).join(", ")}, got ${JSON.stringify(value)}`;
        case "minimum":
            return `must be at least ${p.limit}, got ${String(value)}`;
        case "maximum":
            return `must be at most ${p.limit}, got ${String(value)}`;
        case "minLength":
            return p.limit === 1 ? "must not be empty" : `must be at least ${p.limit} characters`;
        case "maxLength":
            return `must be at most ${p.limit} characters`;
        case "pattern":
            return `${JSON.stringify(value)} does not match ${p.pattern}`;
        case "minItems":
            return `needs at least ${p.limit} item(s)`;
        case "maxItems":
            return `allows at most ${p.limit} item(s)`;
        case "required":
            return "is required";
        case "additionalProperties": {
            const declared = Object.keys(error.parentSchema?.properties ?? {});
            return options.unknownKey
                ? options.unknownKey(declared)
                : `is not allowed here (allowed: ${declared.join(", ") || "none"})`;
        }
        default:
            return error.message ? `${error.message}` : undefined;
    }
}

/** The order problems are listed in at one path: the type, then values, bounds, then members. */
const KEYWORD_ORDER = [
    "type",
    "const",
    "enum",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "required",
    "additionalProperties",
];

/**
 * Every way `value` breaks `schema`, as "path: problem" lines (empty when it fits). A value of
 * the wrong type gets that one problem only: the other keywords cannot judge it.
 */
export function schemaProblems(value: unknown, schema: JsonSchema, options: SchemaCheckOptions = {}): string[] {
    const at = options.at ?? "";
    const data = withoutUndefined(value);
    const validate = validatorFor(schema);
    if (validate(data)) return [];
    const errors = validate.errors ?? [];
    // Where the type is wrong, nothing else about that value (or inside it) is reported.
    const wrongType = errors.filter((e) => e.keyword === "type").map((e) => e.instancePath);
    const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
    const problems: { keys: string[]; rank: number; line: string }[] = [];
    for (const error of errors) {
        if (error.keyword !== "type" && wrongType.some((prefix) => under(error.instancePath, prefix))) continue;
        const keys = segments(error.instancePath);
        const p = error.params;
        const member =
            error.keyword === "required"
                ? p.missingProperty
                : error.keyword === "additionalProperties"
                  ? p.additionalProperty
                  : undefined;
        const target = member === undefined ? keys : [...keys, String(member)];
        const text = describe(error, member === undefined ? valueAt(data, keys) : undefined, options);
        if (text === undefined) continue;
        const rank = KEYWORD_ORDER.indexOf(error.keyword);
        // A missing key is the object's own problem (listed with it); an unknown key sits in the object's key order.
        const sortKeys = error.keyword === "required" ? keys : target;
        problems.push({
            keys: sortKeys,
            rank: rank < 0 ? KEYWORD_ORDER.length : rank,
            line: `${pathOf(data, target, at)}: ${text}`,
        });
    }
    // Ajv lists errors in its own order; list them parent before child, in the value's own order.
    return dedupe(sortByValueOrder(problems, data).map((problem) => problem.line));
}

function dedupe(lines: string[]): string[] {
    return [...new Set(lines)];
}

/** Problems in document order: a value's own problems (by keyword) before its members', members in the value's key order. */
function sortByValueOrder<T extends { keys: string[]; rank: number }>(problems: T[], data: unknown): T[] {
    const position = (keys: string[]): number[] => {
        const out: number[] = [];
        let node = data;
        for (const key of keys) {
            const members = node !== null && typeof node === "object" ? Object.keys(node) : [];
            const index = members.indexOf(key);
            out.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
            node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
        }
        return out;
    };
    const keyed = problems.map((problem, order) => ({ problem, order, at: position(problem.keys) }));
    keyed.sort((a, b) => {
        for (let i = 0; i < Math.min(a.at.length, b.at.length); i++) if (a.at[i] !== b.at[i]) return a.at[i] - b.at[i];
        if (a.at.length !== b.at.length) return a.at.length - b.at.length;
        return a.problem.rank - b.problem.rank || a.order - b.order;
    });
    return keyed.map((k) => k.problem);
}
