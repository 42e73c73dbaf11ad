/**
 * TypeScript the check transpiles itself, without ts-node: a program file outside any Pulumi
 * project, and a TypeScript policy pack (preloaded there by ts-hook.ts). Apart from program.ts,
 * whose program loading a pack process has no use for: the hook loads 4 of the check's modules
 * rather than 10.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { recordCompiledSource } from "./source-maps";

let hookInstalled = false;

/** How the hook transpiles: CommonJS for `require`, source maps inline for stack traces. */
const TRANSPILE_OPTIONS = { module: "CommonJS", target: "ES2022", esModuleInterop: true, inlineSourceMap: true };

/**
 * Where the check keeps what it computed for the next process (`name`: one folder per kind):
 * next to the `typescript` package, under node_modules/.cache, so `npm ci` starts it afresh, or
 * under WEBTIER_CHECK_CACHE when set (the bench's first-run measure points it at an empty folder).
 * Undefined when there is no such folder to write under.
 */
export function checkCacheDir(name: string): string | undefined {
    if (process.env.WEBTIER_CHECK_CACHE) return path.join(path.resolve(process.env.WEBTIER_CHECK_CACHE), name);
    try {
        return path.join(path.dirname(require.resolve("typescript/package.json")), "..", ".cache", name);
    } catch {
        return undefined;
    }
}

/**
 * Where transpiled files are kept between processes. Every policy pack process the check starts
 * for a TypeScript pack would otherwise load the compiler (a 9 MB module) to transpile the same
 * files again.
 */
function transpileCacheDir(): string | undefined {
    return checkCacheDir("webtier-transpile");
}

/**
 * `source` transpiled, from the cache when the same compiler version transpiled the same text of
 * the same file with the same options before (the key covers all four; the file name is in the
 * inline source map), else by `transpile` and then kept.
 */
export function cachedTranspile(
    filename: string,
    source: string,
    compilerVersion: string,
    transpile: () => string,
    dir = transpileCacheDir(),
): string {
    if (!dir) return transpile();
    const key = crypto
        .createHash("sha256")
        .update(JSON.stringify([compilerVersion, TRANSPILE_OPTIONS, filename, source]))
        .digest("hex");
    const file = path.join(dir, `${key}.js`);
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        // Not transpiled yet.
    }
    const output = transpile();
    try {
        fs.mkdirSync(dir, { recursive: true });
        // Written aside and renamed: another process reading the same key sees all of it or nothing.
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, output);
        fs.renameSync(partial, file);
    } catch {
        // A read-only tree: transpile every time.
    }
    return output;
}

/**
 * Compiles `.ts` files on require with the TypeScript compiler API (transpile only: types are
 * checked by `tsc` in the build, not here), through cachedTranspile. Idempotent.
 */
export function registerTypeScriptHook(): void {
    if (hookInstalled) return;
    hookInstalled = true;
    let ts: typeof import("typescript") | undefined;
    const compiler = () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first file the cache lacks
        ts ??= require("typescript") as typeof import("typescript");
        return ts;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = String(require("typescript/package.json").version);
    const extensions = (require as any).extensions as Record<string, (module: any, filename: string) => void>;
    extensions[".ts"] = (module: any, filename: string) => {
        const source = fs.readFileSync(filename, "utf8");
        const output = cachedTranspile(filename, source, version, () => {
            const typescript = compiler();
            return typescript.transpileModule(source, {
                fileName: filename,
                reportDiagnostics: false,
                compilerOptions: {
                    ...TRANSPILE_OPTIONS,
                    module: typescript.ModuleKind.CommonJS,
                    target: typescript.ScriptTarget.ES2022,
                },
            }).outputText;
        });
        recordCompiledSource(filename, output);
        module._compile(output, filename);
    };
}
