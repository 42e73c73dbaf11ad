/**
 * A TypeScript program loaded the way the language host loads it (@pulumi/pulumi cmd/run/run.ts,
 * with PULUMI_NODEJS_TYPESCRIPT set): the program's own @pulumi/pulumi chooses ts-node (the
 * program's, else the one it vendors) and typescript (the program's, else its vendored one); the
 * compiler options are cmd/run's defaults under the project's tsconfig.json; ts-node type-checks
 * unless PULUMI_NODEJS_TRANSPILE_ONLY says otherwise or the tsconfig sets `noCheck`. A program
 * that does not compile fails with ts-node's error (file, line and column of the source), and
 * runtime errors point at source lines (ts-node installs source maps).
 *
 * ts-node registers itself process-wide on require.extensions; the check evaluates several
 * projects in one process, so each project's handlers are captured once and installed only while
 * that project's program is being required.
 */
import * as fs from "fs";
import * as path from "path";
import { recordCompiledSource } from "./source-maps";

type Handler = (module: NodeJS.Module, filename: string) => void;
type Extensions = Record<string, Handler | undefined>;

const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx"];
const loaders = new Map<string, Extensions>();
/**
 * Node's own JavaScript loader. ts-node chains to whatever handler an extension had when it
 * registered; each project's ts-node must chain to this one, not to another project's hooks
 * (which would hand it JavaScript already compiled from the source).
 */

const NODE_JS_LOADER = (require.extensions as unknown as Extensions)[".js"]!;

/** The check's own compiled code (dist/tools), which runs beside a program but is not part of it. */
const CHECK_ROOT = path.join(__dirname, "..") + path.sep;

function extensions(): Extensions {
    return require.extensions;
}

/**
 * What cmd/run passes to ts-node's register() for a project in `projectDir` (with `esm`, what it
 * registers its automatic ESM mode's hooks with). `tsconfig` is Pulumi.yaml's
 * `runtime.options.tsconfig`, which the language host passes as PULUMI_NODEJS_TSCONFIG_PATH.
 */
export function tsNodeOptions(
    projectDir: string,
    env: NodeJS.ProcessEnv = process.env,
    tsconfig?: string,
    esm = false,
): { sdkDir: string; options: Record<string, unknown>; typescriptVersion: string } {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tsutils = require(path.join(sdkDir, "tsutils"));
    const tsConfigPath = path.resolve(projectDir, tsconfig ?? env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
    const skipProject = !fs.existsSync(tsConfigPath);
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
    const transpileOnly = env.PULUMI_NODEJS_TRANSPILE_ONLY
        ? env.PULUMI_NODEJS_TRANSPILE_ONLY === "true"
        : compilerOptions.noCheck;
    // tsutils names each as a package ("ts-node", "typescript") when the SDK can load it from its own
    // folder, else by the path of its vendored copy. cmd/run requires that name from inside the SDK,
    // so a package name is resolved from there, not from the check's folder: a project with ts-node
    // installed beside its SDK gets that ts-node, and the compiler that SDK finds.
    const fromSdk = (request: string) =>
        path.isAbsolute(request) ? request : require.resolve(request, { paths: [sdkDir] });
    const named = tsutils.typeScriptRequireStrings();
    const tsnodeRequire = fromSdk(named.tsnodeRequire);
    const typescriptRequire = fromSdk(named.typescriptRequire);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(typescriptRequire);
    const [major, minor] = String(ts.version).split(".").map(Number);
    const nodeNext = esm || major > 4 || (major === 4 && minor >= 7);
    return {
        sdkDir,
        typescriptVersion: String(ts.version),
        options: {
            tsnodeRequire,
            compiler: typescriptRequire,
            transpileOnly,
            project: tsConfigPath,
            skipProject,
            compilerOptions: {
                target: esm ? "ES2022" : "ES2020",
                module: nodeNext ? "nodenext" : "commonjs",
                moduleResolution: nodeNext ? "nodenext" : "node",
                sourceMap: "true",
                ...compilerOptions,
            },
        },
    };
}

/** Compilers wrapped by sharingDeclarations, by their module path, with the registry they share. */
const sharedCompilers = new Map<string, object>();

/** A file whose text does not change while the check runs: a package's, or the compiler's own lib. */
const SHAREABLE = /[\\/]node_modules[\\/]/;

/**
 * The module path to hand ts-node as its compiler: the TypeScript `tsnodeRequire`'s ts-node would
 * load for `compiler`, except that every language service it creates shares one document registry
 * for files under node_modules. Each project's ts-node builds its own language service; without
 * this, each parses and binds @types/node, the SDK's declarations and the lib files again (about
 * a second and 100 MB per project). A registry shared between language services is what
 * TypeScript's own server does across projects; the files routed to it are keyed by path and
 * compiler settings there, and never change during a run. The program's own files stay in the
 * service's own registry.
 */
function sharingDeclarations(tsnodeRequire: string, compiler: string): string {
    const resolved = require.resolve(compiler, { paths: [path.dirname(require.resolve(tsnodeRequire))] });
    let wrapped = sharedCompilers.get(resolved);
    if (!wrapped) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler the program's ts-node would load
        const ts = require(resolved);
        const shared = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames);
        const registry = () => {
            const own = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames);
            // Every method takes the file's name or path first, except those about settings or stats.
            return new Proxy(own, {
                get(target, property) {
                    const value = target[property];
                    if (typeof value !== "function") return value;
                    return (...args: unknown[]) => {
                        const chosen = typeof args[0] === "string" && SHAREABLE.test(args[0]) ? shared : target;
                        return chosen[property](...args);
                    };
                },
            });
        };
        wrapped = Object.create(ts, {
            createDocumentRegistry: { value: () => registry() },
            createLanguageService: {
                value: (host: unknown, given?: unknown, ...rest: unknown[]) =>
                    ts.createLanguageService(host, given ?? registry(), ...rest),
            },
        }) as object;
        sharedCompilers.set(resolved, wrapped);
    }
    (globalThis as Record<symbol, unknown>)[Symbol.for("webtier.check.typescript-compiler")] = wrapped;
    const module = require.resolve("./typescript-compiler");
    delete require.cache[module];
    return module;
}

/** The require hooks ts-node installs for `projectDir`, registered once (ts-node reads the tsconfig relative to the cwd). */
function loaderFor(projectDir: string, tsconfig?: string): Extensions {
    const key = `${projectDir}\0${tsconfig ?? ""}`;
    const known = loaders.get(key);
    if (known) return known;
    const { options, sdkDir } = tsNodeOptions(projectDir, process.env, tsconfig);
    // cmd/run's first act is `require("source-map-support/register")`; ts-node then installs its own
    // source-map formatter over it. Done in that order here too, so a later load of that module (a
    // dynamic provider's, a program's) cannot replace ts-node's formatter and unmap the stack.
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(require.resolve("source-map-support/register", { paths: [sdkDir] }));
    } catch {
        // An SDK without it: ts-node's formatter is the only one.
    }
    const { tsnodeRequire, ...registerOptions } = options;
    const before: Extensions = {};
    for (const ext of EXTENSIONS) {
        before[ext] = extensions()[ext];
        extensions()[ext] = ext === ".js" || ext === ".jsx" ? NODE_JS_LOADER : undefined;
        if (ext === ".ts" || ext === ".tsx") delete extensions()[ext];
    }
    const cwd = process.cwd();
    process.chdir(projectDir);
    try {
        // No disk cache: ts-node 7 keys it on the file's extension and content only, so a copy of a
        // program elsewhere gets the first copy's source map, and its stack frames (which the
        // report's locations are read from) name a file that may no longer exist.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own ts-node, found at run time as cmd/run finds it
        require(tsnodeRequire as string).register({
            ...registerOptions,
            compiler: sharingDeclarations(tsnodeRequire as string, registerOptions.compiler as string),
            cache: false,
        });
    } finally {
        process.chdir(cwd);
    }
    const installed: Extensions = {};
    for (const ext of EXTENSIONS) {
        installed[ext] = recordingSourceMaps(extensions()[ext]);
        extensions()[ext] = before[ext];
        if (before[ext] === undefined) delete extensions()[ext];
    }
    loaders.set(key, installed);
    return installed;
}

/**
 * ts-node's handler, recording what it compiles: ts-node hands the compiled JavaScript (with its
 * inline source map) to the module's `_compile`, which is wrapped here before ts-node wraps it.
 */
function recordingSourceMaps(handler: Handler | undefined): Handler | undefined {
    if (!handler || handler === NODE_JS_LOADER) return handler;
    return (module, filename) => {
        const target = module as NodeJS.Module & { _compile(code: string, filename: string): unknown };
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the module as `this` below
        const compile = target._compile;
        target._compile = function (code: string, name: string) {
            recordCompiledSource(name, code, "ts-node");
            return compile.call(this, code, name);
        };
        return handler(module, filename);
    };
}

/**
 * Installs `projectDir`'s TypeScript hooks and returns what puts the previous handlers back. Under
 * cmd/run ts-node stays registered for the whole run, so whatever the program requires later (in
 * its main function, after an await, in an apply callback) is compiled too. The check's own
 * modules, which the language host's process would not have, keep the handlers they had.
 */
export function installProjectTypeScript(projectDir: string, tsconfig?: string): () => void {
    const hooks = loaderFor(projectDir, tsconfig);
    const saved: Extensions = {};
    for (const ext of EXTENSIONS) {
        saved[ext] = extensions()[ext];
        const hook = hooks[ext];
        if (!hook || hook === saved[ext]) continue;
        const previous = saved[ext] ?? NODE_JS_LOADER;
        extensions()[ext] = (module, filename) =>
            filename.startsWith(CHECK_ROOT) ? previous(module, filename) : hook(module, filename);
    }
    return () => {
        for (const ext of EXTENSIONS) {
            if (saved[ext] === undefined) delete extensions()[ext];
            else extensions()[ext] = saved[ext];
        }
    };
}

/** Runs `load` (which requires the program) with `projectDir`'s TypeScript hooks installed. */
export function withProjectTypeScript<T>(projectDir: string, load: () => T, tsconfig?: string): T {
    const restore = installProjectTypeScript(projectDir, tsconfig);
    try {
        return load();
    } finally {
        restore();
    }
}
