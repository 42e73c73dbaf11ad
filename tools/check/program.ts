/**
 * Loading the Pulumi program to evaluate: ours (infra/program.ts `runWebtier`, compiled next to
 * this tool) or a program file given with --program, a TypeScript file compiled on the fly with
 * `ts.transpileModule` through a require hook (no ts-node), or a JavaScript file.
 *
 * As `pulumi up` does with the main module: if it exports a function (default export or
 * `module.exports`), that function is the program and its result the stack outputs; otherwise
 * the module body is the program and its exports the outputs.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { pathToFileURL } from "url";
import type { ProjectFile } from "./stack-config";
import { registerTypeScriptHook } from "./transpile-on-require";
import { forgetModules } from "./forget-modules";
import { installProjectTypeScript, withProjectTypeScript } from "./typescript";
import { freshImportsSupported, importModule, importProgram } from "./esm-program";
import { activateEsmTypeScript, esmTypeScriptHooks, esmTypeScriptMode } from "./esm-typescript";
import { envFileVariables, NodeArgs, parseNodeArgs } from "./node-args";
import { ProgramEntry, resolveProgramEntry } from "./program-entry";

export class ProgramLoadError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramLoadError";
    }
}

export { transpiledSourceMap } from "./source-maps";

/** What evaluate() runs inside the stack. */
export interface LoadedProgram {
    /** The program file, for reports (relative paths are resolved against the cwd). */
    file?: string;
    /** The working directory the program runs in (its project's folder), if not the check's own. */
    cwd?: string;
    /** What the language host would warn about while loading it, for the stack's notes. */
    notes?: string[];
    /** What the last run noticed about how the host would run it, for that stack's notes. */
    runNotes?: string[];
    /** Runs the program once; call again for the next stack. */
    run: () => any;
    /** Variables its environment files set for it (`nodeargs` `--env-file`), which the check sets while it runs. */
    environment?: Record<string, string>;
    /**
     * Runs `evaluation` (which calls `run`) with what the language host keeps registered for the
     * whole of a program's run: its project's ts-node hooks, so that a module the program requires
     * only later (in its main function, after an await, in an apply) is compiled as `pulumi up`
     * compiles it. Without it, `run` installs them only while it requires the main module.
     */
    during?: <T>(evaluation: () => Promise<T>) => Promise<T>;
    /** Pulumi.yaml's runtime options the language host passes on in the environment (language-host-env.ts). */
    runtimeOptions?: { typescript?: boolean; tsconfig?: string };
}

/**
 * Our own program as `pulumi up` runs it: the project's main (Pulumi.yaml `main`, index.ts),
 * compiled next to this tool, so whatever it passes to `runWebtier` (transforms, platform
 * options) is what the check sees. Its module body registers the stack, so it is loaded afresh
 * for each stack; the infra/ modules it imports stay loaded (their dynamic providers are then
 * serialized once per run, as the SDK caches them per provider object).
 */
export function webtierProgram(distRoot: string, main = "index.ts"): LoadedProgram {
    const modulePath = path.join(distRoot, main.replace(/\.ts$/, ".js"));
    return {
        run: () => {
            activateEsmTypeScript(-1);
            forgetModules([modulePath]);
            let mod: any;
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                mod = require(modulePath);
            } catch (err) {
                if (!fs.existsSync(modulePath))
                    throw new ProgramLoadError(
                        `cannot load the webtier program: ${path.relative(process.cwd(), modulePath)} does not exist. Build it first: npm run build.`,
                    );
                throw err;
            }
            return typeof mod === "function" ? mod() : mod;
        },
    };
}

/** Pulumi.yaml's `nodeargs`, split and read once (node-args.ts); a text that does not split is refused. */
function projectNodeArgs(project: ProjectFile | undefined): NodeArgs | undefined {
    const nodeargs = project?.runtimeOptions?.nodeargs;
    if (!project || !nodeargs) return undefined;
    try {
        return parseNodeArgs(nodeargs);
    } catch (err) {
        throw new ProgramLoadError(`${project.path}: runtime.options.nodeargs: ${(err as Error).message}.`);
    }
}

/** Whether a project folder can resolve @pulumi/pulumi (the language host's loader comes from it). */
function hasPulumiSdk(dir: string): boolean {
    try {
        require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
        return true;
    } catch {
        return false;
    }
}

/**
 * The file `--program` names and how it is loaded: a file as given; a folder as the language host
 * resolves one (program-entry.ts), through Pulumi.yaml's `main` when the folder is the project's.
 */
export function programEntry(given: string, project?: ProjectFile): ProgramEntry {
    const absolute = path.resolve(given);
    if (!fs.existsSync(absolute)) throw new ProgramLoadError(`program file ${given} does not exist.`);
    const projectMain = project?.main && project.dir === absolute ? project.main : undefined;
    try {
        return resolveProgramEntry(absolute, projectMain, project?.runtimeOptions?.typescript !== false);
    } catch (err) {
        throw new ProgramLoadError(`${given} has no program entry point: ${(err as Error).message}.`);
    }
}

/**
 * A program file. Its own modules (anything outside node_modules it loads) are loaded afresh on
 * every run, since a module body that registers resources must run once per stack.
 */
export function programFromFile(file: string, project?: ProjectFile): LoadedProgram {
    const entry = programEntry(file, project);
    const absolute = entry.file;
    const ext = path.extname(absolute);
    const notes = [...entry.warnings.map((w) => `language host: warning: ${w}`)];
    const nodeArgsGiven = projectNodeArgs(project);
    // TypeScript goes through the language host's own loader when the program's project has an
    // @pulumi/pulumi to take it from (typescript.ts, esm-typescript.ts); a bare file is transpiled.
    let loadTypeScript: (<T>(load: () => T) => T) | undefined;
    let installTypeScript: (() => () => void) | undefined;
    let installedForRun = false;
    let transpiledByCheck = false;
    // In an ES module package, the layer of hooks compiling its modules (esm-typescript.ts), if any.
    let esmLayer = -1;
    if (ext === ".ts" || ext === ".mts" || ext === ".cts") {
        // An ES module package's main is imported whatever its extension (ts-node/esm, or Node, loads
        // .mts and .cts too); elsewhere ts-node's CommonJS hooks, the vendored ones, take .ts only.
        if (ext !== ".ts" && !entry.esm)
            throw new ProgramLoadError(
                `${file}: a .mts or .cts program is supported in an ES module package ("type": "module") only; outside one, use .ts, .js, .cjs or .mjs.`,
            );
        const projectDir = project?.dir;
        const withSdk = projectDir !== undefined && hasPulumiSdk(projectDir);
        if (project?.runtimeOptions?.typescript === false) {
            // The language host does not register TypeScript then: Node loads the file, or refuses it, itself.
        } else if (withSdk && entry.esm) {
            const mode = esmTypeScriptMode(
                projectDir,
                nodeArgsGiven?.words,
                process.env,
                project?.runtimeOptions?.tsconfig,
            );
            if (mode.kind === "ts-node") esmLayer = esmTypeScriptHooks(projectDir, mode);
            else
                notes.push(
                    `language host: no automatic ESM mode (${mode.reason}), so ts-node compiles none of this ES module package's modules: Node loads ${path.basename(absolute)} itself, stripping its types, and what it imports must be named by its real file (./x.ts, not ./x.js).`,
                );
        } else if (withSdk) {
            const tsconfig = project?.runtimeOptions?.tsconfig;
            loadTypeScript = (load) => (installedForRun ? load() : withProjectTypeScript(projectDir, load, tsconfig));
            installTypeScript = () => installProjectTypeScript(projectDir, tsconfig);
        } else if (ext === ".ts") {
            registerTypeScriptHook();
            transpiledByCheck = true;
        } else throw new ProgramLoadError(`${file}: a .mts or .cts program needs its project's @pulumi/pulumi.`);
    } else if (ext !== ".js" && ext !== ".cjs" && ext !== ".mjs") {
        throw new ProgramLoadError(`${file}: a program must be a .ts, .js, .cjs or .mjs file.`);
    }
    // An ES module package's main module is imported (esm-program.ts), as cmd/run imports it,
    // unless it is TypeScript the check transpiles itself (a file outside any Pulumi project).
    const imported = entry.esm && !loadTypeScript && !transpiledByCheck;
    if (imported && !freshImportsSupported())
        notes.push(
            `Node ${process.versions.node} has no module.registerHooks: only ${path.basename(absolute)} itself runs afresh for each stack, not the modules it imports (use Node 22.15 or later).`,
        );
    // Modules the previous run loaded (outside node_modules), dropped before the next run.
    let loadedByProgram: string[] = [];
    const forget = () => {
        forgetModules([...loadedByProgram, absolute]);
        return new Set(Object.keys(require.cache));
    };
    const remember = (before: Set<string>) => {
        loadedByProgram = Object.keys(require.cache).filter(
            (key) => !before.has(key) && !key.includes(`${path.sep}node_modules${path.sep}`),
        );
        if (!loadedByProgram.includes(absolute)) loadedByProgram.push(absolute);
    };
    // What cmd/run does with the main module's value: a function is the program, called, and its
    // result the stack's outputs; anything else is the outputs. A CommonJS module's `default`
    // export is not unwrapped (pulumi/pulumi#4017): `export default async () => ...` compiled to
    // CommonJS is never called under `pulumi up`, and is not here.
    const invoke = (main: unknown) => (main instanceof Function ? main() : main);
    const nodeArgs = project && nodeArgsGiven ? programNodeArgs(project, nodeArgsGiven, notes) : undefined;
    const loaded: LoadedProgram = {
        file: absolute,
        cwd: project?.dir,
        notes,
        runtimeOptions: project?.runtimeOptions,
        ...(nodeArgs?.environment ? { environment: nodeArgs.environment } : {}),
        run: imported
            ? async () => {
                  const before = forget();
                  activateEsmTypeScript(esmLayer);
                  try {
                      return invoke(await importProgram(absolute));
                  } finally {
                      remember(before);
                  }
              }
            : () => {
                  const before = forget();
                  activateEsmTypeScript(-1);
                  try {
                      // eslint-disable-next-line @typescript-eslint/no-require-imports
                      const load = () => require(absolute);
                      const mod = loadTypeScript ? loadTypeScript(load) : load();
                      loaded.runNotes =
                          mod?.__esModule && mod.default instanceof Function && !(mod instanceof Function)
                              ? [
                                    `${path.basename(absolute)} is a CommonJS module whose default export is a function: \`pulumi up\` does not call it (it calls the main module only when the module itself is a function), so the resources it would declare are neither deployed nor checked. Use \`export = async () => { ... }\` (module.exports), or declare the resources at the module's top level.`,
                                ]
                              : [];
                      return invoke(mod);
                  } finally {
                      remember(before);
                  }
              },
    };
    if (installTypeScript) {
        const install = installTypeScript;
        loaded.during = async (evaluation) => {
            const restore = install();
            installedForRun = true;
            try {
                return await evaluation();
            } finally {
                installedForRun = false;
                restore();
            }
        };
    }
    if (nodeArgs?.preload) {
        const run = loaded.run;
        loaded.run = async () => {
            await nodeArgs.preload!();
            return run();
        };
    }
    return loaded;
}

/**
 * What Pulumi.yaml's `nodeargs` do before the program runs (node-args.ts): the variables of its
 * environment files, and a function that loads its preloaded modules once, resolved from the
 * project's folder as Node resolves `--require` and `--import` from its working directory. The
 * words the check does not act on go into the notes.
 */
function programNodeArgs(
    project: ProjectFile,
    args: NodeArgs,
    notes: string[],
): { environment?: Record<string, string>; preload?: () => Promise<void> } {
    if (args.ignored.length > 0)
        notes.push(
            `runtime.options.nodeargs: ${args.ignored.join(" ")} ${args.ignored.length === 1 ? "is a setting" : "are settings"} of the program's own Node.js process under the language host; the check runs the program in its process and does not apply ${args.ignored.length === 1 ? "it" : "them"}.`,
        );
    let environment: Record<string, string> | undefined;
    try {
        environment = args.envFiles.length > 0 ? envFileVariables(args.envFiles, project.dir) : undefined;
    } catch (err) {
        throw new ProgramLoadError(`node: ${(err as Error).message} (runtime.options.nodeargs in ${project.path}).`);
    }
    if (args.preloads.length === 0) return { environment };
    let loading: Promise<void> | undefined;
    const fromProject = createRequire(path.join(project.dir, "noop.js"));
    const preload = () =>
        (loading ??= (async () => {
            for (const { kind, specifier } of args.preloads) {
                let resolved: string;
                try {
                    resolved = fromProject.resolve(specifier);
                } catch {
                    throw new ProgramLoadError(
                        `Cannot find module '${specifier}' (runtime.options.nodeargs ${kind === "require" ? "--require" : "--import"} in ${project.path}, resolved from ${project.dir}).`,
                    );
                }
                if (kind === "require") fromProject(resolved);
                else await importModule(pathToFileURL(resolved).href);
            }
        })());
    return { environment, preload };
}
