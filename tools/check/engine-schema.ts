/**
 * A policy's config checked against its `configSchema` with the problems worded as the engine
 * words them. The engine validates with gojsonschema (pkg/resource/analyzer/config.go
 * `validatePolicyConfig`: the schema `{type: object, properties, required}`), prints each error as
 * `<field>: <description>` with the "(root): " prefix trimmed, and users and scripts (pulumi-policy's
 * own integration tests among them) match on that text. The descriptions here are gojsonschema's
 * English locale for the keywords a policy schema uses.
 */
import type { JsonSchema } from "../../infra/outputs/json-schema";

/** gojsonschema's type names: integral numbers are "integer". */
function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function fits(value: unknown, type: string): boolean {
    const actual = typeName(value);
    return actual === type || (type === "number" && actual === "integer");
}

/** Go's json.Marshal of a JSON value (no spaces, the same escapes for plain text). */
function goJson(value: unknown): string {
    return JSON.stringify(value);
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/** gojsonschema's context path: "(root)", "(root).foo", "(root).foo.0". */
function childPath(at: string, key: string | number): string {
    return `${at}.${key}`;
}

/** The field as gojsonschema's ResultError.Field() shows it: the path without "(root).". */
function field(at: string): string {
    return at === "(root)" ? "(root)" : at.slice("(root).".length);
}

/** A length in characters as Go counts them for minLength/maxLength (runes). */
function runeLength(text: string): number {
    return [...text].length;
}

/**
 * Every problem, as `<field>: <description>` with "(root): " trimmed, the engine's text. A value
 * of the wrong type gets that problem only, as gojsonschema stops there.
 */
export function engineSchemaProblems(value: unknown, schema: JsonSchema, at = "(root)"): string[] {
    const problems: string[] = [];
    const report = (where: string, description: string) => {
        const text = `${field(where)}: ${description}`;
        problems.push(text.startsWith("(root): ") ? text.slice("(root): ".length) : text);
    };
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length > 0 && !types.some((t) => fits(value, t))) {
        report(at, `Invalid type. Expected: ${types.join("/")}, given: ${typeName(value)}`);
        return problems;
    }
    const name = field(at);
    if (schema.const !== undefined && !sameJson(value, schema.const))
        report(at, `${name} does not match: ${goJson(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) {
        report(at, `${name} must be one of the following: ${schema.enum.map(goJson).join(", ")}`);
    }
    if (typeof value === "string") {
        if (typeof schema.minLength === "number" && runeLength(value) < schema.minLength)
            report(at, `String length must be greater than or equal to ${schema.minLength}`);
        if (typeof schema.maxLength === "number" && runeLength(value) > schema.maxLength)
            report(at, `String length must be less than or equal to ${schema.maxLength}`);
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
            report(at, `Does not match pattern '${schema.pattern}'`);
    }
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum)
            report(at, `Must be greater than or equal to ${schema.minimum}`);
        if (typeof schema.maximum === "number" && value > schema.maximum)
            report(at, `Must be less than or equal to ${schema.maximum}`);
        if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum)
            report(at, `Must be greater than ${schema.exclusiveMinimum}`);
        if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum)
            report(at, `Must be less than ${schema.exclusiveMaximum}`);
        if (
            typeof schema.multipleOf === "number" &&
            schema.multipleOf > 0 &&
            !Number.isInteger(value / schema.multipleOf)
        )
            report(at, `Must be a multiple of ${schema.multipleOf}`);
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems)
            report(at, `Array must have at least ${schema.minItems} items`);
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
            report(at, `Array must have at most ${schema.maxItems} items`);
        if (schema.uniqueItems === true) {
            for (let i = 0; i < value.length; i++) {
                const j = value.findIndex((other, k) => k > i && sameJson(other, value[i]));
                if (j > 0) {
                    report(at, `array items[${i},${j}] must be unique`);
                    break;
                }
            }
        }
        if (schema.items && typeof schema.items === "object") {
            value.forEach((item, i) =>
                problems.push(...engineSchemaProblems(item, schema.items as JsonSchema, childPath(at, i))),
            );
        }
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        for (const key of schema.required ?? []) {
            if (object[key] === undefined) report(at, `${key} is required`);
        }
        const declared = schema.properties ?? {};
        for (const [key, item] of Object.entries(object)) {
            if (item === undefined) continue;
            if (declared[key]) problems.push(...engineSchemaProblems(item, declared[key], childPath(at, key)));
            else if (schema.additionalProperties === false) report(at, `Additional property ${key} is not allowed`);
            else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
                problems.push(...engineSchemaProblems(item, schema.additionalProperties, childPath(at, key)));
            }
        }
    }
    return problems;
}
