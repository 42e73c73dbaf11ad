/**
 * Which file `pulumi up` runs, and how it loads it: the language host's own resolution
 * (@pulumi/pulumi cmd/run/run.ts), read from its source and kept here as pure file-system logic.
 *
 * 1. The program is Pulumi.yaml's `main` when it sets one; else the project folder, and then the
 *    nearest package.json above it names the entry: `exports` (a string, or `"."` as a string or
 *    as `{ default | require | import }`), else `main`. An entry that does not exist is ignored
 *    (the host warns and goes on with the folder).
 * 2. A package whose package.json says `"type": "module"` is loaded with `import()`: a folder
 *    means its index.js, index.mjs, index.ts or index.mts, in that order.
 * 3. Any other package is loaded with `require(program)`: Node's own resolution, with `.ts`
 *    after Node's extensions because ts-node registers it last (so a folder holding both
 *    index.js and index.ts runs index.js, which the host warns about).
 */
import * as fs from "fs";
import * as path from "path";

export interface ProgramEntry {
    /** The file the language host loads. */
    file: string;
    /** Whether it loads it with `import()` (an ES module package) rather than `require`. */
    esm: boolean;
    /** What the host would warn about on the way, as it words it. */
    warnings: string[];
}

/** The extensions `require` tries, in order, once ts-node has registered `.ts`. */
const REQUIRE_EXTENSIONS = [".js", ".json", ".node", ".ts"];
/** A module package's folder entry, in the order cmd/run looks for it. */
const MODULE_INDEXES = ["index.js", "index.mjs", "index.ts", "index.mts"];

const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();
const isDirectory = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();

/** The nearest folder at or above `dir` with a package.json (the host's package root), and its manifest. */
export function packageRootOf(dir: string): { root: string; manifest: Record<string, any> } {
    for (let at = dir; ; at = path.dirname(at)) {
        const file = path.join(at, "package.json");
        if (isFile(file)) {
            try {
                return { root: at, manifest: JSON.parse(fs.readFileSync(file, "utf8")) ?? {} };
            } catch {
                // The host reads the manifest best-effort: an unreadable one counts as empty.
                return { root: at, manifest: {} };
            }
        }
        if (path.dirname(at) === at) return { root: dir, manifest: {} };
    }
}

/** package.json's entry point as cmd/run reads it: `exports` before `main`. */
function declaredEntry(manifest: Record<string, any>): string | undefined {
    const exports = manifest.exports;
    if (typeof exports === "string") return exports;
    if (exports && typeof exports === "object") {
        const main = exports["."];
        if (typeof main === "string") return main;
        if (main && typeof main === "object") return main.default || main.require || main.import;
        return undefined;
    }
    return typeof manifest.main === "string" && manifest.main ? manifest.main : undefined;
}

/**
 * `require(request)` for a path, as Node resolves it with ts-node's `.ts` registered, or without
 * it where the language host registers no TypeScript (`runtime.options.typescript: false`).
 */
function requireResolve(request: string, asDirectory: boolean, typescript = true): string | undefined {
    const extensions = typescript ? REQUIRE_EXTENSIONS : REQUIRE_EXTENSIONS.filter((e) => e !== ".ts");
    const asFile = (p: string) => (isFile(p) ? p : extensions.map((e) => p + e).find(isFile));
    const index = (p: string) => extensions.map((e) => path.join(p, `index${e}`)).find(isFile);
    const fromDirectory = (p: string): string | undefined => {
        const manifest = path.join(p, "package.json");
        if (isFile(manifest)) {
            let main: unknown;
            try {
                main = JSON.parse(fs.readFileSync(manifest, "utf8")).main;
            } catch {
                main = undefined;
            }
            if (typeof main === "string" && main) {
                const target = path.resolve(p, main);
                const found = asFile(target) ?? index(target);
                if (found) return found;
            }
        }
        return index(p);
    };
    return (asDirectory ? undefined : asFile(request)) ?? fromDirectory(request);
}

/**
 * The entry `pulumi up` loads for `program` (a file or folder). `projectMain` is Pulumi.yaml's
 * `main`, resolved, when `program` is the project's folder and the project sets one; `typescript`
 * is false under `runtime.options.typescript: false`, where a folder's `index.ts` is not found.
 */
export function resolveProgramEntry(program: string, projectMain?: string, typescript = true): ProgramEntry {
    const warnings: string[] = [];
    let target = projectMain ?? program;
    const hasEntrypoint = projectMain !== undefined || isFile(program);
    const { root, manifest } = packageRootOf(isDirectory(target) ? target : path.dirname(target));
    if (!hasEntrypoint) {
        const entry = declaredEntry(manifest);
        if (entry !== undefined) {
            const declared = path.join(root, entry);
            if (fs.existsSync(declared)) target = declared;
            else
                warnings.push(
                    `Could not find entry point '${entry}' specified in package.json; using '${target}' instead`,
                );
        }
    }
    // The host warns whenever the folder it runs holds both, whichever it then loads.
    if (isDirectory(target) && isFile(path.join(target, "index.js")) && isFile(path.join(target, "index.ts")))
        warnings.push(
            "Found a TypeScript project containing an index.js file and no explicit entrypoint in Pulumi.yaml - Pulumi will use index.js",
        );
    if (manifest.type === "module") {
        let file = fs.existsSync(target) ? fs.realpathSync(target) : target;
        if (isDirectory(file)) {
            const index = MODULE_INDEXES.find((name) => isFile(path.join(file, name)));
            if (!index) throw new Error(`No entrypoint found in ${file}`);
            file = path.join(file, index);
        }
        return { file, esm: true, warnings };
    }
    const file = requireResolve(target, isDirectory(target), typescript);
    if (!file) throw new Error(`Cannot find module '${target}'`);
    return { file, esm: false, warnings };
}
