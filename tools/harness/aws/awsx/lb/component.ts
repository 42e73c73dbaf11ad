/**
 * What the emulated components share with the generated SDK classes they stand in for.
 * Shared by the lb, ecr and cloudtrail emulations.
 */

/** The generated SDK classes' `isInstance`: by type token, so it works across SDK copies. */
export function hasPulumiType(obj: unknown, type: string): boolean {
    return obj !== undefined && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === type;
}
