/**
 * Checks a value against webtier's outputs JSON Schema. The schema file is the single
 * source of the contract for every language; this interprets the small subset of JSON
 * Schema it uses (type, const, enum, required, properties, items, minItems, minLength,
 * pattern, minimum, maximum), so TypeScript consumers need no schema library.
 */
import schema from "./webtier-outputs.schema.json";
import { CONTRACT_VERSION, WebtierOutputs } from "./contract";

/** The contract's JSON Schema, for tools that want to publish or apply it themselves. */
export const WEBTIER_OUTPUTS_SCHEMA: unknown = schema;

interface SchemaNode {
    type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
    const?: unknown;
    enum?: unknown[];
    required?: string[];
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    minItems?: number;
    minLength?: number;
    pattern?: string;
    minimum?: number;
    maximum?: number;
}

function typeOf(value: unknown): string {
    if (Array.isArray(value)) return "array";
    if (value === null) return "null";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

/** Every way `value` breaks `node`, as "path: problem" lines. */
export function schemaProblems(value: unknown, node: SchemaNode, path = "$"): string[] {
    const problems: string[] = [];
    if (node.const !== undefined && value !== node.const) {
        problems.push(`${path}: must be ${JSON.stringify(node.const)}, got ${JSON.stringify(value)}`);
    }
    if (node.enum && !node.enum.includes(value)) {
        problems.push(`${path}: must be one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(value)}`);
    }
    if (node.type) {
        const actual = typeOf(value);
        const fits = actual === node.type || (node.type === "number" && actual === "integer");
        if (!fits) {
            problems.push(`${path}: must be ${node.type === "integer" ? "an integer" : `a${/^[aeiou]/.test(node.type) ? "n" : ""} ${node.type}`}, got ${actual}`);
            return problems;
        }
    }
    if (typeof value === "string") {
        if (node.minLength !== undefined && value.length < node.minLength) problems.push(`${path}: must not be empty`);
        if (node.pattern !== undefined && !new RegExp(node.pattern).test(value)) problems.push(`${path}: must match ${node.pattern}, got ${JSON.stringify(value)}`);
    }
    if (typeof value === "number") {
        if (node.minimum !== undefined && value < node.minimum) problems.push(`${path}: must be at least ${node.minimum}`);
        if (node.maximum !== undefined && value > node.maximum) problems.push(`${path}: must be at most ${node.maximum}`);
    }
    if (Array.isArray(value)) {
        if (node.minItems !== undefined && value.length < node.minItems) problems.push(`${path}: must have at least ${node.minItems} item(s)`);
        if (node.items) value.forEach((item, i) => problems.push(...schemaProblems(item, node.items as SchemaNode, `${path}[${i}]`)));
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        for (const key of node.required ?? []) {
            if (record[key] === undefined || record[key] === null) problems.push(`${path}.${key}: is required`);
        }
        for (const [key, child] of Object.entries(node.properties ?? {})) {
            if (record[key] !== undefined && record[key] !== null) problems.push(...schemaProblems(record[key], child, `${path}.${key}`));
        }
    }
    return problems;
}

/** Thrown when outputs do not honour the contract; lists every problem by path. */
export class OutputsContractError extends Error {
    constructor(public readonly source: string, public readonly problems: string[]) {
        super(`webtier outputs from ${source} do not match contract version ${CONTRACT_VERSION}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "OutputsContractError";
    }
}

/**
 * Validates plain outputs (for example the JSON of `pulumi stack output --json --show-secrets`)
 * and returns them typed. A different `contractVersion` is reported first and alone: the
 * rest of the shape cannot be judged against this version.
 */
export function parseWebtierOutputs(value: unknown, source = "the stack"): WebtierOutputs {
    const version = (value as { contractVersion?: unknown } | undefined)?.contractVersion;
    if (value && typeof value === "object" && version !== undefined && version !== CONTRACT_VERSION) {
        throw new OutputsContractError(source, [
            `$.contractVersion: this reader understands version ${CONTRACT_VERSION}, the stack exports ${JSON.stringify(version)}; upgrade the reader (webtier's infra/outputs) to match`,
        ]);
    }
    const problems = schemaProblems(value, schema as SchemaNode);
    if (problems.length > 0) throw new OutputsContractError(source, problems);
    return value as WebtierOutputs;
}
