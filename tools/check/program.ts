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
import * as path from "path";

export class ProgramLoadError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramLoadError";
    }
}

let hookInstalled = false;

/**
 * The inline source map of each TypeScript file the hook compiled, by file name: the file on disk
 * is the TypeScript source, so this is the only place its JavaScript positions map back from.
 */
const transpiledMaps = new Map<string, string>();

/** The `sourceMappingURL` (a data URL) of a TypeScript file the hook compiled, if it did. */
export function transpiledSourceMap(filename: string): string | undefined {
    return transpiledMaps.get(filename);
}

/**
 * Compiles `.ts` files on require with the TypeScript compiler API (transpile only: types are
 * checked by `tsc` in the build, not here). Idempotent.
 */
export function registerTypeScriptHook(): void {
    if (hookInstalled) return;
    hookInstalled = true;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const ts = require("typescript") as typeof import("typescript");
    const extensions = (require as any).extensions as Record<string, (module: any, filename: string) => void>;
    extensions[".ts"] = (module: any, filename: string) => {
        const source = fs.readFileSync(filename, "utf8");
        const output = ts.transpileModule(source, {
            fileName: filename,
            reportDiagnostics: false,
            compilerOptions: {
                module: ts.ModuleKind.CommonJS,
                target: ts.ScriptTarget.ES2022,
                esModuleInterop: true,
                inlineSourceMap: true,
            },
        });
        const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(output.outputText);
        if (map) transpiledMaps.set(filename, map[1]);
        module._compile(output.outputText, filename);
    };
}

/** What evaluate() runs inside the stack. */
export interface LoadedProgram {
    /** The program file, for reports (relative paths are resolved against the cwd). */
    file?: string;
    /** Runs the program once; call again for the next stack. */
    run: () => any;
}

/** Our own program: `runWebtier` from the compiled infra/program.js next to this tool. */
export function webtierProgram(distRoot: string): LoadedProgram {
    const modulePath = path.join(distRoot, "infra", "program.js");
    return {
        run: () => {
            let mod: any;
            try {
                mod = require(modulePath);
            } catch (err) {
                throw new ProgramLoadError(`cannot load the webtier program (${path.relative(process.cwd(), modulePath)}): ${(err as Error).message}. Build it first: npm run build.`);
            }
            if (typeof mod.runWebtier !== "function") throw new ProgramLoadError(`${modulePath} does not export runWebtier().`);
            return mod.runWebtier();
        },
    };
}

/**
 * A program file. Its own modules (anything outside node_modules it loads) are loaded afresh on
 * every run, since a module body that registers resources must run once per stack.
 */
export function programFromFile(file: string): LoadedProgram {
    const absolute = path.resolve(file);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) {
        throw new ProgramLoadError(`program file ${file} does not exist.`);
    }
    const ext = path.extname(absolute);
    if (ext === ".ts" || ext === ".mts" || ext === ".cts") {
        if (ext !== ".ts") throw new ProgramLoadError(`${file}: only .ts and .js programs are supported.`);
        registerTypeScriptHook();
    } else if (ext !== ".js" && ext !== ".cjs") {
        throw new ProgramLoadError(`${file}: a program must be a .ts or .js file.`);
    }
    // Modules the previous run loaded (outside node_modules), dropped before the next run.
    let loadedByProgram: string[] = [];
    return {
        file: absolute,
        run: () => {
            for (const key of [...loadedByProgram, absolute]) delete require.cache[key];
            const before = new Set(Object.keys(require.cache));
            try {
                const mod = require(absolute);
                const main = mod && mod.__esModule && "default" in mod ? mod.default : mod;
                if (typeof main === "function") return main();
                if (mod && mod.__esModule) {
                    const { __esModule, ...exports } = mod;
                    return exports;
                }
                return mod;
            } finally {
                loadedByProgram = Object.keys(require.cache).filter(
                    (key) => !before.has(key) && !key.includes(`${path.sep}node_modules${path.sep}`),
                );
                if (!loadedByProgram.includes(absolute)) loadedByProgram.push(absolute);
            }
        },
    };
}
