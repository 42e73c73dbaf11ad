/**
 * The validation a bridged provider's Check runs on a resource's inputs before any cloud call,
 * and the failures it returns, worded as the bridge words them:
 *
 * - pulumi-terraform-bridge pkg/tfbridge/provider.go `Check` hands the inputs, without the
 *   Terraform defaults, to the SDK's `ValidateResource`; terraform-plugin-sdk v2
 *   helper/schema/schema.go `validateObject` / `validateList` / `validatePrimitive` walk them:
 *   a list's or set's length against MinItems / MaxItems ("Too many list items"), each value
 *   decoded to its Terraform type and handed to the attribute's validator (validators.ts) under
 *   its flat key (`health_check.0.interval`). A value not yet known is not validated; a set's
 *   errors are reported at the set.
 * - adapt_check_failures.go and check_failures.go turn each into a reason: the SDK's summary,
 *   its detail after ". ", then ". Examine values at '<resource name>.<property path>'." with the
 *   Pulumi names (a MaxItems 1 block is an object, so no index).
 *
 * The engine prints each as "<type> resource '<name>' has a problem: <reason>" and fails the
 * run after the pack has analyzed the resource (step_generator.go `issueCheckFailures`).
 * Attributes whose validator is the provider's own code are not in the data and go unchecked.
 */
import type { DefaultSpec, PrimitiveType, ResourceDefaults } from "./spec";
import { Decoded, runValidator } from "./validators";

/** Reaches the value inside a wrapper (a secret), which the bridge validates as the plain value. */
export type Unwrap = (value: unknown) => unknown;

const isBlock = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype;

/** Whether a value holds nothing opaque (an unknown, a resource reference, an asset). */
function whollyKnown(value: unknown, unwrap: Unwrap): boolean {
    const inner = unwrap(value);
    if (inner === null || ["string", "number", "boolean"].includes(typeof inner)) return true;
    if (Array.isArray(inner)) return inner.every((v) => whollyKnown(v, unwrap));
    if (isBlock(inner)) return Object.values(inner).every((v) => v === undefined || whollyKnown(v, unwrap));
    return false;
}

/**
 * A value as the SDK decodes it for its Terraform type (mapstructure's weak decoding of the
 * config), or undefined where the decoding is not reproduced here (the value is then not checked).
 */
export function decode(value: unknown, type: PrimitiveType | undefined): Decoded | undefined {
    switch (type) {
        case "i":
            if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
            return typeof value === "string" && /^[-+]?\d+$/.test(value) ? Number(value) : undefined;
        case "f":
            if (typeof value === "number") return value;
            return typeof value === "string" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)
                ? Number(value)
                : undefined;
        case "s":
            if (typeof value === "string") return value;
            return typeof value === "number" && Number.isFinite(value) && !/e/i.test(String(value))
                ? String(value)
                : undefined;
        case "b":
            return typeof value === "boolean" ? value : undefined;
        default:
            return undefined;
    }
}

/** The Pulumi property path the bridge names: `a.b` for identifiers, `a["b c"]` otherwise. */
const dot = (path: string, name: string) =>
    /^[_a-zA-Z][-_a-zA-Z0-9]*$/.test(name) ? (path ? `${path}.${name}` : name) : `${path}[${JSON.stringify(name)}]`;

/** One failure before the bridge adds where to look: the SDK's summary and detail, and the property path. */
interface Found {
    summary: string;
    detail?: string;
    at: string;
}

function validateValue(
    validator: DefaultSpec["v"],
    type: PrimitiveType | undefined,
    value: unknown,
    k: string,
    attribute: string,
    at: string,
    out: Found[],
) {
    if (!validator) return;
    const decoded = decode(value, type);
    if (decoded === undefined) return;
    for (const summary of runValidator(validator, decoded, k, attribute)) out.push({ summary, at });
}

/**
 * Walks `values` against `specs` as the SDK's validateObject walks a block: `k` is the block's
 * flat key, `path` its Pulumi path, `setAt` the outermost set around it (its errors go there).
 */
function walk(
    specs: ResourceDefaults,
    values: Record<string, unknown>,
    k: string,
    path: string,
    setAt: string | undefined,
    unwrap: Unwrap,
    out: Found[],
) {
    for (const [property, spec] of Object.entries(specs)) {
        if (!spec.t) continue;
        const value = unwrap(values[property]);
        if (value === undefined || value === null) continue;
        const key = k ? `${k}.${spec.t}` : spec.t;
        const here = dot(path, property);
        const inSet = setAt ?? (spec.set ? here : undefined);
        const at = (own: string) => inSet ?? own;
        validateValue(spec.v, spec.ty, value, key, spec.t, at(here), out);
        if (Array.isArray(value)) {
            if (!whollyKnown(value, unwrap)) continue;
            if (spec.max && value.length > spec.max) {
                out.push({
                    summary: "Too many list items",
                    detail: `Attribute ${key} supports ${spec.max} item maximum, but config has ${value.length} declared.`,
                    at: at(here),
                });
                continue;
            }
            if (spec.min && value.length < spec.min) {
                out.push({
                    summary: "Not enough list items",
                    detail: `Attribute ${key} requires ${spec.min} item minimum, but config has only ${value.length} declared.`,
                    at: at(here),
                });
                continue;
            }
            value.forEach((raw, i) => {
                const element = unwrap(raw);
                const elementAt = at(`${here}[${i}]`);
                validateValue(spec.ev, spec.et, element, `${key}.${i}`, spec.t!, elementAt, out);
                if (spec.b && isBlock(element)) walk(spec.b, element, `${key}.${i}`, elementAt, inSet, unwrap, out);
            });
        } else if (isBlock(value)) {
            if (spec.b) {
                // A MaxItems 1 block: a list of one in Terraform, an object in Pulumi (no index in the path).
                walk(spec.b, value, `${key}.0`, here, inSet, unwrap, out);
            } else if (spec.ev) {
                // A map of values: each under its key.
                for (const [name, raw] of Object.entries(value))
                    validateValue(spec.ev, spec.et, unwrap(raw), `${key}.${name}`, spec.t, at(dot(here, name)), out);
            }
        }
    }
}

/**
 * The Check's failures for a resource named `name` with these inputs, as the bridge's reasons
 * ("… Examine values at 'name.path'."), in the order the SDK's walk found them here.
 */
export function checkFailures(
    specs: ResourceDefaults,
    inputs: Record<string, unknown>,
    name: string,
    unwrap: Unwrap = (value) => value,
): string[] {
    const found: Found[] = [];
    walk(specs, inputs, "", "", undefined, unwrap, found);
    return found.map(({ summary, detail, at }) => {
        const reason = detail ? `${summary}. ${detail}` : summary;
        return `${reason}. Examine values at '${name}.${at}'.`;
    });
}

/** The engine's line for one failure (diag 2002, "has a problem"). */
export function engineCheckError(type: string, name: string, reason: string): string {
    return `${type} resource '${name}' has a problem: ${reason}`;
}
