/**
 * The Terraform schema defaults a bridged provider adds to a resource, at the two points a policy
 * pack can see them:
 *
 * - "check": the inputs the engine hands `Analyze` are the provider's Check result. The bridge's
 *   `applyDefaults` (pulumi-terraform-bridge pkg/tfbridge/schema.go) adds each default the
 *   program left out, level by level into the nested blocks the program wrote, except a default
 *   that is falsy (`false`, `0`, `""`: left out since bridge v3.127, pulumi-terraform-bridge#2618),
 *   deprecated, or kept out by a property it conflicts with (`ConflictsWith`, `ExactlyOneOf`).
 *   Only plugin-SDKv2 resources have these; the generator found none for the others.
 * - "plan": the provider's planned state, which a preview's outputs are and an update's start
 *   from, holds every default of the schema, falsy ones included.
 *
 * The defaults themselves are data, one file per provider (`<package>.jsonl`, file.ts, registered with the
 * provider's mocks), generated from the Terraform providers' source by generate.ts.
 */
import { PROVIDER_MOCKS } from "../../clouds";
import type { SchemaFile } from "./file";
import type { DefaultSpec, ResourceDefaults } from "./spec";
import { isBlock } from "./validate";

export type Stage = "check" | "plan";

/** What to add: a value, defaults inside a nested block, or inside each element of a list of blocks. */
export type Patch = Record<string, { set: unknown } | { inside: Patch } | { each: (Patch | undefined)[] }>;

const files = new Map<string, SchemaFile | undefined>();

/** The Terraform defaults of a resource type, if its provider has any for it. */
export function resourceDefaults(type: string): ResourceDefaults | undefined {
    const pkg = type.split(":")[0];
    if (!files.has(pkg)) files.set(pkg, PROVIDER_MOCKS.find((mocks) => mocks.package === pkg)?.terraformDefaults?.());
    return files.get(pkg)?.resource(type);
}

const isSet = (value: unknown) => value !== undefined && value !== null;

/** Whether the Check adds this default to inputs holding `present`. */
function checkAdds(spec: DefaultSpec, present: Record<string, unknown>): boolean {
    if (spec.d === undefined || spec.dep || spec.nc) return false;
    if (spec.d === false || spec.d === 0 || spec.d === "") return false;
    return !(spec.c ?? []).some((other) => isSet(present[other]));
}

/**
 * The defaults `stage` adds to `inputs`, as a patch: only plain objects and arrays are entered, so
 * an unknown value (or anything else opaque) counts as set and holds no defaults of its own.
 */
export function defaultsPatch(
    defaults: ResourceDefaults,
    inputs: Record<string, unknown>,
    stage: Stage,
): Patch | undefined {
    const patch: Patch = {};
    for (const [name, spec] of Object.entries(defaults)) {
        const value = inputs[name];
        if (!isSet(value)) {
            if (spec.d !== undefined && (stage === "plan" || checkAdds(spec, inputs))) patch[name] = { set: spec.d };
            continue;
        }
        if (!spec.b) continue;
        if (isBlock(value)) {
            const inside = defaultsPatch(spec.b, value, stage);
            if (inside) patch[name] = { inside };
        } else if (Array.isArray(value)) {
            const each = value.map((element) =>
                isBlock(element) ? defaultsPatch(spec.b!, element, stage) : undefined,
            );
            if (each.some(Boolean)) patch[name] = { each };
        }
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * `target` with `patch` applied, copied where it changes. `unwrap` reaches the value inside a
 * wrapper the patch was not computed on (a secret in the wire form), and wraps the result back.
 */
export function applyPatch(
    target: Record<string, unknown>,
    patch: Patch,
    unwrap: (value: unknown) => { value: unknown; rewrap: (inner: unknown) => unknown } = (value) => ({
        value,
        rewrap: (inner) => inner,
    }),
): Record<string, unknown> {
    const out: Record<string, unknown> = { ...target };
    for (const [name, change] of Object.entries(patch)) {
        if ("set" in change) {
            out[name] = change.set;
            continue;
        }
        const { value, rewrap } = unwrap(out[name]);
        if ("inside" in change && isBlock(value)) out[name] = rewrap(applyPatch(value, change.inside, unwrap));
        else if ("each" in change && Array.isArray(value))
            out[name] = rewrap(
                value.map((element, i) => {
                    const inner = change.each[i];
                    const { value: item, rewrap: rewrapItem } = unwrap(element);
                    return inner && isBlock(item) ? rewrapItem(applyPatch(item, inner, unwrap)) : element;
                }),
            );
    }
    return out;
}
