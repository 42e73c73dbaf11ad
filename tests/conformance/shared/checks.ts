/**
 * Small pieces the conformance packs share: the URNs a pack expects for the current stack, and
 * the one resource type most packs look at.
 */
import * as pulumi from "@pulumi/pulumi";

export const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

/** The URN the engine gives a top-level resource of `type` named `name` in the current stack. */
export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
}

/** The root stack resource's URN. */
export function stackUrn(): string {
    return urnOf("pulumi:pulumi:Stack", `${pulumi.getProject()}-${pulumi.getStack()}`);
}

/** Resource options as a pack sees them with nothing set, plus `overrides`; `parent` null for none (the stack, providers). */
export function optionsWith(
    overrides: Record<string, unknown> = {},
    parent: string | null = stackUrn(),
): Record<string, unknown> {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        additionalSecretOutputs: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        ...(parent === null ? {} : { parent }),
        ...overrides,
    };
}
