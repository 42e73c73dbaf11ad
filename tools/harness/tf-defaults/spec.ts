/**
 * The Terraform schema defaults of a bridged provider's resources, as the generator writes them
 * (generate.ts) and the harness applies them (apply.ts): per Pulumi type token, per property.
 * Keys are short because the files hold thousands of entries.
 */
export type DefaultValue = string | number | boolean;

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
}

export type ResourceDefaults = Record<string, DefaultSpec>;

/** One provider's file: where its schemas were read, and the defaults by type token. */
export interface ProviderDefaults {
    source: string;
    resources: Record<string, ResourceDefaults>;
}
