/**
 * A program in an ES module package, loaded as the language host loads it (cmd/run/run.ts):
 * with `import()`, so top-level `await` works, then its default export if it has one, and an
 * error if it has both a default export and named ones.
 *
 * The check runs a program once per stack in one process, and `import()` keeps every module it
 * loaded for the life of the process. So each run imports the entry under a URL of its own
 * (`?webtier-run=N`), and a resolve hook gives every file the program imports from there, outside
 * node_modules, the same tag: the program's own modules run afresh for each stack, as they would
 * in the fresh process `pulumi up` starts, while its packages (the SDKs) stay loaded, as the
 * CommonJS path keeps them. Stack frames then name `file://…?webtier-run=N` URLs; the call-site
 * parser reads them back as paths (url.fileURLToPath drops the query).
 *
 * The hook needs `module.registerHooks` (Node 22.15 and later). Without it, only the entry module
 * runs afresh for each stack.
 */
import * as fs from "fs";
import * as nodeModule from "module";
import * as path from "path";
import { pathToFileURL } from "url";

const RUN_PARAMETER = "webtier-run";

/**
 * `import()` as the language host calls it. TypeScript compiles a literal `import()` in a
 * CommonJS module to `require`, which is what this must not be.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same indirection as cmd/run's `(0, eval)("u=>import(u)")`
const dynamicImport = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, any>>;

/** Imports an ES module by URL, as Node's `--import` does. */
export function importModule(url: string): Promise<Record<string, any>> {
    return dynamicImport(url);
}

let hooked: boolean | undefined;
let runs = 0;

/** Installs the resolve hook once; false where this Node has no `module.registerHooks`. */
function hookProgramModules(): boolean {
    if (hooked !== undefined) return hooked;
    const register = (nodeModule as any).registerHooks as ((hooks: object) => unknown) | undefined;
    hooked = typeof register === "function";
    if (register)
        register({
            resolve(specifier: string, context: { parentURL?: string }, next: (s: string, c: object) => any) {
                const resolved = next(specifier, context);
                if (!context.parentURL?.startsWith("file:") || typeof resolved?.url !== "string") return resolved;
                const tag = new URL(context.parentURL).searchParams.get(RUN_PARAMETER);
                if (!tag || !resolved.url.startsWith("file:") || resolved.url.includes("/node_modules/"))
                    return resolved;
                const url = new URL(resolved.url);
                if (url.searchParams.has(RUN_PARAMETER)) return resolved;
                url.searchParams.set(RUN_PARAMETER, tag);
                return { ...resolved, url: url.href };
            },
        });
    return hooked;
}

/**
 * Imports the program at `file` afresh and returns what the host runs: the default export when
 * there is one, else the module namespace (its named exports become the stack's outputs).
 */
export async function importProgram(file: string): Promise<unknown> {
    hookProgramModules();
    const url = pathToFileURL(fs.realpathSync(path.resolve(file)));
    url.searchParams.set(RUN_PARAMETER, String(++runs));
    const namespace = await dynamicImport(url.href);
    if (Object.getOwnPropertyDescriptor(namespace, "default") !== undefined) {
        if (Object.keys(namespace).length !== 1)
            throw new Error("expected entrypoint module to have either a default export or named exports but not both");
        return namespace.default;
    }
    // A namespace object is exotic (sealed, null prototype): its outputs are copied out as the
    // SDK serializes a plain object.
    return { ...namespace };
}

/** Whether the program's own imported modules run afresh for each stack here (see above). */
export function freshImportsSupported(): boolean {
    return hookProgramModules();
}
