/**
 * The registered clouds' packs (lib/clouds.ts), for the shared modules that every cloud's pack
 * itself imports (values.ts's `describe`, graph.ts's identities, network.ts's `rulesOf`, the
 * preflight's tables): a static import of the registry there would be an import cycle, which
 * breaks depending on which module loads first. They read it on first use instead, when every
 * module is loaded.
 */
let registry: typeof import("./clouds") | undefined;

export function registered(): typeof import("./clouds") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use, see above; the type is the module's own.
    registry ??= require("./clouds") as typeof import("./clouds");
    return registry;
}
