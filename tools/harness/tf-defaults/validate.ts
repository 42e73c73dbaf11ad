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
 * run after the pack has analyzed the resource (step_generator.go `issueCheckFailures`). An error
 * the Check returns instead (checkResult) it prints as it is, and stops before the pack sees the
 * resource (deployment_executor.go `reportError`).
 * Attributes whose validator is the provider's own code are not in the data and go unchecked.
 */
import type { ResourceValidator } from "./go-schema";
import type { DefaultSpec, PrimitiveType, ResourceDefaults } from "./spec";
import { Decoded, runValidator } from "./validators";

/** Reaches the value inside a wrapper (a secret), which the bridge validates as the plain value. */
export type Unwrap = (value: unknown) => unknown;

/** A nested block as the program wrote it: a plain object (an unknown or any other object is opaque). */
export const isBlock = (value: unknown): value is Record<string, unknown> =>
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

/**
 * One failure before the bridge adds where to look: the SDK's summary and detail, and the
 * property path; none for a framework error reported without an attribute.
 */
interface Found {
    summary: string;
    detail?: string;
    at?: string;
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

/** The resource's inputs from the root, for the keys relations name. */
interface Root {
    specs: ResourceDefaults;
    values: Record<string, unknown>;
    unwrap: Unwrap;
}

/** Whether a value is one the SDK sees as not yet known (anything but data: an unknown, a reference). */
const opaque = (value: unknown) =>
    typeof value === "object" && value !== null && !Array.isArray(value) && !isBlock(value);

/**
 * What terraform's ResourceConfig.Get finds at a key from the root (`a`, `a.0.b`, `a.1.b`): a
 * value, an unknown one, nothing, or (`unresolved`) a key the data cannot follow.
 */
function get(root: Root, key: string): "set" | "unknown" | "absent" | "unresolved" {
    const parts = key.split(".");
    let specs: ResourceDefaults | undefined = root.specs;
    let values: unknown = root.values;
    for (let i = 0; i < parts.length; i += 2) {
        const entry: [string, DefaultSpec] | undefined = Object.entries(specs ?? {}).find(
            ([, spec]) => spec.t === parts[i],
        );
        if (!entry) return "unresolved";
        if (opaque(values)) return "unknown";
        if (!isBlock(values)) return "absent";
        let value = root.unwrap(values[entry[0]]);
        if (value === undefined || value === null) return "absent";
        if (opaque(value)) return "unknown";
        if (i === parts.length - 1) return "set";
        if (!/^\d+$/.test(parts[i + 1])) return "unresolved";
        // A list of blocks by index; a MaxItems 1 block is an object in Pulumi, its only element.
        if (Array.isArray(value)) value = root.unwrap(value[Number(parts[i + 1])]);
        else if (parts[i + 1] !== "0") return "absent";
        if (value === undefined || value === null) return "absent";
        if (opaque(value)) return "unknown";
        specs = entry[1].b;
        values = value;
    }
    return "unresolved";
}

const sortedKeys = (keys: string[], own: string) => [...new Set([...keys, own])].sort();

/**
 * The SDK's checks of an attribute's relations that come before its value's (schemaMap.validate):
 * ExactlyOneOf and AtLeastOneOf whether or not it is set, then, when it is, RequiredWith; and
 * ConflictsWith once its value is known. The first failure ends the attribute's validation.
 */
function relationFailure(
    r: NonNullable<DefaultSpec["r"]>,
    k: string,
    set: boolean,
    known: boolean,
    root: Root,
): Omit<Found, "at"> | undefined {
    if (r.e) {
        const all = sortedKeys(r.e, k);
        const found = all.map((key) => [key, get(root, key)] as const);
        if (!found.some(([, state]) => state === "unresolved")) {
            const specified = found.filter(([, state]) => state === "set").map(([key]) => key);
            const unknown = found.some(([, state]) => state === "unknown");
            if (specified.length === 0 && !unknown)
                return {
                    summary: "Invalid combination of arguments",
                    detail: `"${k}": one of \`${all.join(",")}\` must be specified`,
                };
            if (specified.length > 1)
                return {
                    summary: "Invalid combination of arguments",
                    detail: `"${k}": only one of \`${all.join(",")}\` can be specified, but \`${specified.join(",")}\` were specified.`,
                };
        }
    }
    if (r.a) {
        const all = sortedKeys(r.a, k);
        const states = all.map((key) => get(root, key));
        if (!states.includes("unresolved") && states.every((state) => state === "absent"))
            return {
                summary: "Missing required argument",
                detail: `"${k}": one of \`${all.join(",")}\` must be specified`,
            };
    }
    if (!set) return undefined;
    if (r.w) {
        const all = sortedKeys(r.w, k);
        const states = all.map((key) => get(root, key));
        if (!states.includes("unresolved") && states.includes("absent"))
            return {
                summary: "Missing required argument",
                detail: `"${k}": all of \`${all.join(",")}\` must be specified`,
            };
    }
    if (!known) return undefined;
    for (const other of r.c ?? [])
        if (get(root, other) === "set")
            return { summary: "Conflicting configuration arguments", detail: `"${k}": conflicts with ${other}` };
    return undefined;
}

const RESOURCE_VALIDATOR_DESCRIPTIONS: Record<ResourceValidator[0], string> = {
    ExactlyOneOf: "Exactly one of these attributes must be configured",
    Conflicting: "These attributes cannot be configured together",
    RequiredTogether: "These attributes must be configured together",
    AtLeastOneOf: "At least one of these attributes must be configured",
};

/**
 * A framework resource validator's failure (terraform-plugin-framework-validators
 * internal/configvalidator): two or more configured where one may be (ExactlyOneOf, Conflicting),
 * some but not all of a group with none unknown (RequiredTogether), reported at the first
 * configured one, which the bridge turns into a Check failure; none configured and none unknown
 * (ExactlyOneOf, AtLeastOneOf), reported without an attribute ("Missing Attribute
 * Configuration"), which the bridge returns as Check's error instead (checkResult).
 */
function resourceValidatorFailure(kind: ResourceValidator[0], keys: string[], root: Root): Found | undefined {
    const states = keys.map((key) => get(root, key));
    if (states.includes("unresolved")) return undefined;
    const configured = keys.filter((_, i) => states[i] === "set");
    if ((kind === "ExactlyOneOf" || kind === "AtLeastOneOf") && configured.length === 0 && !states.includes("unknown"))
        return {
            summary: "Missing Attribute Configuration",
            detail: `${RESOURCE_VALIDATOR_DESCRIPTIONS[kind]}: [${keys.join(",")}]`,
        };
    const fails =
        kind === "ExactlyOneOf" || kind === "Conflicting"
            ? configured.length > 1
            : kind === "RequiredTogether" &&
              configured.length > 0 &&
              !states.includes("unknown") &&
              configured.length < keys.length;
    if (!fails) return undefined;
    const property = Object.entries(root.specs).find(([, spec]) => spec.t === configured[0])![0];
    return {
        summary: "Invalid Attribute Combination",
        detail: `${RESOURCE_VALIDATOR_DESCRIPTIONS[kind]}: [${keys.join(",")}]`,
        at: dot("", property),
    };
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
    root: Root,
    out: Found[],
) {
    const unwrap = root.unwrap;
    for (const [property, spec] of Object.entries(specs)) {
        if (!spec.t) continue;
        const value = unwrap(values[property]);
        const set = value !== undefined && value !== null;
        const key = k ? `${k}.${spec.t}` : spec.t;
        const here = dot(path, property);
        const inSet = setAt ?? (spec.set ? here : undefined);
        const at = (own: string) => inSet ?? own;
        const known = set && whollyKnown(value, unwrap);
        for (const [kind, keys] of spec.rv ?? []) {
            const failure = resourceValidatorFailure(kind, keys, root);
            if (failure) out.push(failure);
        }
        if (spec.r) {
            const failure = relationFailure(spec.r, key, set, known, root);
            if (failure) {
                out.push({ ...failure, at: at(here) });
                continue;
            }
        }
        // A value not yet known is validated once it is (in the update that knows it).
        if (!known) continue;
        validateValue(spec.v, spec.ty, value, key, spec.t, at(here), out);
        if (Array.isArray(value)) {
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
                if (spec.b && isBlock(element)) walk(spec.b, element, `${key}.${i}`, elementAt, inSet, root, out);
            });
        } else if (isBlock(value)) {
            if (spec.b) {
                // A MaxItems 1 block: a list of one in Terraform, an object in Pulumi (no index in the path).
                walk(spec.b, value, `${key}.0`, here, inSet, root, out);
            } else if (spec.ev) {
                // A map of values: each under its key.
                for (const [name, raw] of Object.entries(value))
                    validateValue(spec.ev, spec.et, unwrap(raw), `${key}.${name}`, spec.t, at(dot(here, name)), out);
            }
        }
    }
}

/** What the provider's Check answers for a resource: its failures, or an error instead of them. */
export interface CheckResult {
    /** The bridge's reasons ("… Examine values at 'name.path'."), in the order the SDK's walk found them here. */
    failures: string[];
    /**
     * A framework error without an attribute: pkg/pf/tfbridge provider_check.go hands the
     * diagnostics that name no attribute to processDiagnosticsWithContext, whose first error
     * becomes Check's error ("<summary>: <detail>", or the summary alone when both are one text),
     * and the failures are dropped. The engine prints it as it stands and stops.
     */
    error?: string;
}

/** The Check's answer for a resource named `name` with these inputs. */
export function checkResult(
    specs: ResourceDefaults,
    inputs: Record<string, unknown>,
    name: string,
    unwrap: Unwrap = (value) => value,
): CheckResult {
    const found: Found[] = [];
    walk(specs, inputs, "", "", undefined, { specs, values: inputs, unwrap }, found);
    const pathless = found.find((f) => f.at === undefined);
    if (pathless)
        return {
            failures: [],
            error:
                pathless.detail === undefined || pathless.detail === pathless.summary
                    ? pathless.summary
                    : `${pathless.summary}: ${pathless.detail}`,
        };
    return {
        failures: found.map(({ summary, detail, at }) => {
            const reason = detail ? `${summary}. ${detail}` : summary;
            return `${reason}. Examine values at '${name}.${at}'.`;
        }),
    };
}

/** The Check's failures alone (none when it answers with an error). */
export function checkFailures(
    specs: ResourceDefaults,
    inputs: Record<string, unknown>,
    name: string,
    unwrap: Unwrap = (value) => value,
): string[] {
    return checkResult(specs, inputs, name, unwrap).failures;
}

/** The engine's line for one failure (diag 2002, "has a problem"). */
export function engineCheckError(type: string, name: string, reason: string): string {
    return `${type} resource '${name}' has a problem: ${reason}`;
}
