/**
 * The stack's `pulumi:disable-default-providers` config, as the engine applies it
 * (pulumi/pulumi pkg/resource/deploy/default_providers.go `shouldDenyRequest`): a JSON list of
 * package names, or "*" for all; a resource or invoke of a listed package that names no provider
 * of its own gets the engine's "deny" provider, and fails (step_generator.go, source_eval.go) with
 * diag.GetDefaultProviderDenied. The `pulumi` package is never denied.
 */

/**
 * Why a default provider for `pkg` is refused, or undefined: the engine's message, naming `what`
 * (a URN, an invoke's token) and the provider as `named` (a read names its type there).
 */
export type DefaultProviderDenial = (pkg: string, what: string, named?: string) => string | undefined;

/** The denial rule of a stack's config (`<namespace>:<name>` keys, lists as JSON text). */
export function defaultProviderDenial(config: Record<string, string>): DefaultProviderDenial {
    const value = config["pulumi:disable-default-providers"];
    // Absent, or given as an empty list (which the CLI writes as the empty string): nothing denied.
    if (value === undefined || value === "") return () => undefined;
    let listed: unknown;
    try {
        listed = JSON.parse(value);
    } catch (err) {
        const problem = `Failed to parse ${value}: ${(err as Error).message}`;
        return (pkg) => (pkg === "pulumi" ? undefined : problem);
    }
    const entries = Array.isArray(listed) ? listed : [];
    const notString = entries.findIndex((entry) => typeof entry !== "string");
    return (pkg, what, named = pkg) => {
        if (pkg === "pulumi") return undefined;
        if (!Array.isArray(listed)) return `Failed to parse ${value}: not a list`;
        // The engine reads the list in order and stops at the first entry that is not a string.
        for (const [index, entry] of entries.entries()) {
            if (index === notString) return `pulumi:disable-default-providers[${index}] must be a string`;
            const barred = String(entry).trim();
            if (barred === "*" || barred === pkg)
                return `Default provider for '${named}' disabled. '${what}' must use an explicit provider.`;
        }
        return undefined;
    };
}
