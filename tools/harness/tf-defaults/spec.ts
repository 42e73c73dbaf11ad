/**
 * What a bridged provider's Check takes from the Terraform schema of its resources, as the
 * generator writes it (generate.ts) and the harness applies it: the defaults it adds (apply.ts)
 * and the validations it runs (validate.ts), per Pulumi type token, per property. Keys are short
 * because the files hold thousands of entries.
 */
import type { ResourceValidator } from "./go-schema";
import type { ValidatorSpec } from "./validators";

export type DefaultValue = string | number | boolean;

/** A Terraform primitive type, as the SDK decodes a value before validating it: Int, Float, String, Bool. */
export type PrimitiveType = "i" | "f" | "s" | "b";

export interface DefaultSpec {
    /** The schema's `Default`, in the property's Pulumi type. Absent for a block holding defaults. */
    d?: DefaultValue;
    /** Deprecated and not required: the bridge's Check leaves it out (its plan does not). */
    dep?: 1;
    /**
     * Properties whose presence keeps this default out of the Check's inputs: those it conflicts
     * with or must be exactly one of, either way round (the bridge's `buildConflictsWith` and
     * `buildExactlyOneOfsWith` read both directions).
     */
    c?: string[];
    /** A property it conflicts with has a default of its own: the Check never applies this one. */
    nc?: 1;
    /** A nested block's properties (an object, or each element of a list of them). */
    b?: Record<string, DefaultSpec>;
    /** The Terraform name, which validation messages use (set wherever validation reaches). */
    t?: string;
    /** The value's validator (validators.ts) and the Terraform type it is decoded to first. */
    v?: ValidatorSpec;
    ty?: PrimitiveType;
    /** The validator of each element of a list, set or map of values, and their type. */
    ev?: ValidatorSpec;
    et?: PrimitiveType;
    /** A Terraform set: the SDK reports its elements' errors at the set. */
    set?: 1;
    /** A list's or set's MinItems, and its MaxItems above 1 (a MaxItems 1 block is an object in Pulumi). */
    min?: number;
    max?: number;
    /**
     * Its relations to other attributes, by their Terraform keys from the resource's root as the
     * schema writes them (`cidr_block`, `health_check.0.path`): ConflictsWith, ExactlyOneOf,
     * AtLeastOneOf, RequiredWith. Every key named has an entry (with `t`) to find its value by.
     */
    r?: { c?: string[]; e?: string[]; a?: string[]; w?: string[] };
    /**
     * A Plugin Framework resource's resource validators (`ConfigValidators`), kept on the first
     * attribute each names: the kind and the root attributes' Terraform names, in order.
     */
    rv?: ResourceValidator[];
}

export type ResourceDefaults = Record<string, DefaultSpec>;

/** One provider's file: where its schemas were read, and the defaults by type token. */
export interface ProviderDefaults {
    source: string;
    resources: Record<string, ResourceDefaults>;
}
