/**
 * TypeScript in an ES module package (`"type": "module"`), loaded as the language host loads it
 * (@pulumi/pulumi cmd/run/run.ts). The host imports the main module either way; what compiles it
 * depends on its "automatic ESM mode", which it takes when all of these hold:
 *  - the TypeScript it would use (tsutils.typeScriptRequireStrings) is newer than 4.7.0;
 *  - `node` was started without a `--loader`, `--import` or `--require` word (Pulumi.yaml's
 *    `nodeargs` are those words);
 *  - `ts-node/esm` resolves from cmd/run (the project's own ts-node; the vendored 7.0.1 has none).
 * In that mode it registers its own hooks module (cmd/run/hooks.js) with `module.register`, and
 * ts-node's ESM hooks then resolve `./x.js` to `./x.ts` and compile every module. Otherwise nothing
 * compiles the ES modules: Node loads a `.ts` main module itself (its type stripping), and refuses
 * what that cannot load.
 *
 * cmd/run/hooks.js builds its ts-node service while its module body runs, before Node hands it the
 * options the host registered it with; so the service is ts-node's default one for the working
 * directory (tsconfig.json found from there, `TS_NODE_*` variables, the tsconfig's "ts-node"
 * section; type-checked unless those say otherwise). The check registers that same file, from the
 * project's SDK, in the project's folder, through esm-typescript-hooks.ts: hooks registered with
 * `module.register` stay for the life of the process, and the check runs several projects in one,
 * so each project's hooks act only while that project's program runs (activateEsmTypeScript()).
 */
import * as fs from "fs";
import * as nodeModule from "module";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import { recordCompiledSource } from "./source-maps";
import { tsNodeOptions } from "./typescript";

/** What the host decides for an ES module package's TypeScript program. */
export type EsmTypeScriptMode =
    { kind: "ts-node"; hooks: string; options: Record<string, unknown> } | { kind: "node"; reason: string };

/** The words that make cmd/run leave ESM to "any other custom loader" (its `hasLoaders`). */
const LOADER_WORDS = new Set(["--loader", "--import", "--require"]);

/** Whether version `version` is newer than 4.7.0, as cmd/run compares it (semver: 4.7.0's prereleases are older). */
export function newerThan47(version: string): boolean {
    const match = /^(\d+)\.(\d+)\.(\d+)(-.*)?$/.exec(version.trim());
    if (!match) return false;
    const [major, minor, patch] = match.slice(1, 4).map(Number);
    if (major !== 4) return major > 4;
    if (minor !== 7) return minor > 7;
    return patch > 0;
}

/**
 * The mode cmd/run takes for a TypeScript program in an ES module package in `projectDir`, given
 * the `node` words before its script (`nodeargs`, split). `ts-node/esm` is looked for as cmd/run's
 * `require.resolve` looks: in the node_modules folders above cmd/run, then NODE_PATH and the global
 * folders. An SDK without cmd/run/hooks.js predates the mode.
 */
export function esmTypeScriptMode(
    projectDir: string,
    nodeWords: readonly string[] = [],
    env: NodeJS.ProcessEnv = process.env,
    tsconfig?: string,
): EsmTypeScriptMode {
    const { sdkDir, options, typescriptVersion: version } = tsNodeOptions(projectDir, env, tsconfig, true);
    const runDir = path.join(sdkDir, "cmd", "run");
    const hooks = path.join(runDir, "hooks.js");
    if (!newerThan47(version)) return { kind: "node", reason: `its TypeScript (${version}) is not newer than 4.7.0` };
    const loader = nodeWords.find((word) => LOADER_WORDS.has(word));
    if (loader) return { kind: "node", reason: `nodeargs start node with ${loader}` };
    try {
        require.resolve("ts-node/esm", { paths: [runDir] });
    } catch {
        return {
            kind: "node",
            reason: "ts-node/esm does not resolve from @pulumi/pulumi (install ts-node 10 or later)",
        };
    }
    if (!fs.existsSync(hooks)) return { kind: "node", reason: `${hooks} does not exist` };
    // What cmd/run registers its hooks with (which they do not read; see above).
    const { tsnodeRequire: _tsnode, ...registered } = options;
    return { kind: "ts-node", hooks, options: registered };
}

/** Which registered project's hooks act now (-1: none), shared with the hooks thread. */
const active = new Int32Array(new SharedArrayBuffer(4));
active[0] = -1;
/** Each project's hooks, registered once: by hooks file and folder. */
const layers = new Map<string, number>();

/**
 * Registers `mode`'s hooks for `projectDir` once (in that folder, as cmd/run runs) and returns
 * their layer, which activateEsmTypeScript() makes the acting one for a run of that program.
 */
export function esmTypeScriptHooks(projectDir: string, mode: Extract<EsmTypeScriptMode, { kind: "ts-node" }>): number {
    const key = `${mode.hooks}\0${projectDir}`;
    let layer = layers.get(key);
    if (layer === undefined) {
        layer = layers.size;
        const cwd = process.cwd();
        process.chdir(projectDir);
        try {
            // A query of its own per project: each registration gets its own module, its own service.
            const url = `${pathToFileURL(require.resolve("./esm-typescript-hooks")).href}?layer=${layer}`;
            nodeModule.register(url, {
                data: { layer, active, hooks: mode.hooks, options: mode.options },
            });
        } finally {
            process.chdir(cwd);
        }
        layers.set(key, layer);
        recordCompiledModules();
    }
    return layer;
}

let recording = false;

/**
 * Keeps the source map of each module ts-node compiles for a program (read from what the hooks
 * thread hands back, before the module runs), so the report's locations name TypeScript lines:
 * the emitted JavaScript drops the lines of types and interfaces. The SDK's own positions stay
 * unmapped, as under the host, whose source-map-support reads the `.ts` file, not ts-node's output.
 * Needs `module.registerHooks` (Node 22.15 and later), whose hooks run before `module.register`'s.
 */
function recordCompiledModules(): void {
    const register = (nodeModule as any).registerHooks as ((hooks: object) => unknown) | undefined;
    if (recording || typeof register !== "function") return;
    recording = true;
    register({
        load(url: string, context: object, next: (url: string, context: object) => { source?: unknown }) {
            const loaded = next(url, context);
            const source = loaded?.source;
            if (active[0] >= 0 && source != null && url.startsWith("file:") && /\.[cm]?tsx?(\?|$)/.test(url)) {
                const code = typeof source === "string" ? source : Buffer.from(source as Uint8Array).toString("utf8");
                // Frames name the module by its URL; the report reads them back as paths.
                recordCompiledSource(url, code);
                recordCompiledSource(fileURLToPath(url), code);
            }
            return loaded;
        },
    });
}

/** Makes `layer`'s hooks the acting ones (-1: none), for the program about to run. */
export function activateEsmTypeScript(layer: number): void {
    Atomics.store(active, 0, layer);
}
