/**
 * The program's cold start the way `pulumi up` loads it: the language host (@pulumi/pulumi's
 * cmd/run) registers ts-node with the TypeScript it finds, `transpileOnly` taken from
 * PULUMI_NODEJS_TRANSPILE_ONLY or else from the `noCheck` compiler option of the tsconfig that
 * Pulumi.yaml's `runtime.options.tsconfig` names (PULUMI_NODEJS_TSCONFIG_PATH), then requires the
 * program. This reproduces those steps with the SDK's own helpers (`@pulumi/pulumi/tsutils`), in a
 * fresh process per measurement, and runs the program under mocks with a stack's config so the
 * whole program loads and evaluates, as it would before the first registration reaches the engine.
 *
 * Run as a script it is the child: `node cold-start.js <projectDir> <tsconfig> <stack config JSON>`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockCall, mockState, MockIds } from "../harness/mock-state";

export interface ColdStart {
    /** Which tsconfig the language host was given, and whether it type-checks with it. */
    tsconfig: string;
    transpileOnly: boolean;
    /** From the ts-node registration to the program's last registration. */
    ms: number;
    /** The process's peak resident memory. */
    maxRssMb: number;
    resources: number;
}

/**
 * Measures one cold start in a fresh process. `transpileOnly` set is PULUMI_NODEJS_TRANSPILE_ONLY
 * (what forces the floor); unset, the tsconfig's own `noCheck` decides, as for `pulumi up`.
 */
export function measureColdStart(
    projectDir: string,
    tsconfig: string,
    config: Record<string, string>,
    stack = "bench",
    transpileOnly?: boolean,
): ColdStart {
    // ts-node keeps compiled files in a cache under the temp folder; a fresh CI runner has none,
    // so each measurement gets an empty cache of its own.
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-cold-start-"));
    const run = spawnSync(process.execPath, [__filename, projectDir, tsconfig, JSON.stringify(config), stack], {
        cwd: projectDir,
        encoding: "utf8",
        env: {
            ...process.env,
            PULUMI_NODEJS_TRANSPILE_ONLY: transpileOnly === undefined ? "" : String(transpileOnly),
            TS_NODE_CACHE_DIRECTORY: cache,
        },
        maxBuffer: 16 * 1024 * 1024,
    });
    fs.rmSync(cache, { recursive: true, force: true });
    const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
    if (run.status !== 0 || !line)
        throw new Error(`cold start with ${tsconfig} failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
    return JSON.parse(line) as ColdStart;
}

/** The tsconfig `pulumi up` gives the language host: Pulumi.yaml's `runtime.options.tsconfig`, else tsconfig.json. */
export function configuredTsconfig(projectFile: { runtime?: unknown }): string {
    const runtime = projectFile.runtime;
    const options =
        runtime && typeof runtime === "object" ? (runtime as { options?: { tsconfig?: unknown } }).options : undefined;
    return typeof options?.tsconfig === "string" ? options.tsconfig : "tsconfig.json";
}

export interface ColdStartComparison {
    /** As `pulumi up` loads the program with the project's settings. */
    configured: ColdStart;
    /** The same load with PULUMI_NODEJS_TRANSPILE_ONLY=true: the floor. */
    floor: ColdStart;
    /** The same load type-checked (ts-node's default), for reference. */
    typeChecked: ColdStart;
    timeRatio: number;
    memoryRatio: number;
    met: boolean;
}

/** The cold-start target: the configured load within `target`x of the floor, in time and memory. */
export function compareColdStarts(
    configured: ColdStart,
    floor: ColdStart,
    typeChecked: ColdStart,
    target = 1.2,
): ColdStartComparison {
    const timeRatio = configured.ms / floor.ms;
    const memoryRatio = configured.maxRssMb / floor.maxRssMb;
    return {
        configured,
        floor,
        typeChecked,
        timeRatio,
        memoryRatio,
        met: timeRatio <= target && memoryRatio <= target,
    };
}

/** Best of `rounds` interleaved fresh-process loads of each kind (fastest run, its memory). */
export function measureColdStarts(
    projectDir: string,
    configured: string,
    config: Record<string, string>,
    stack: string,
    rounds = 3,
): ColdStartComparison {
    const runs: Record<"configured" | "floor" | "typeChecked", ColdStart[]> = {
        configured: [],
        floor: [],
        typeChecked: [],
    };
    for (let round = 0; round < rounds; round++) {
        runs.configured.push(measureColdStart(projectDir, configured, config, stack));
        runs.floor.push(measureColdStart(projectDir, "tsconfig.json", config, stack, true));
        runs.typeChecked.push(measureColdStart(projectDir, "tsconfig.json", config, stack, false));
    }
    const fastest = (list: ColdStart[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
    return compareColdStarts(fastest(runs.configured), fastest(runs.floor), fastest(runs.typeChecked));
}

async function child(projectDir: string, tsconfig: string, configJson: string, stack: string): Promise<void> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const tsutils = require("@pulumi/pulumi/tsutils");
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const runtimeConfig = require("@pulumi/pulumi/runtime/config");
    /* eslint-enable @typescript-eslint/no-require-imports */
    process.chdir(projectDir);
    const started = performance.now();
    // cmd/run/run.js: transpileOnly from the env variable, else from the tsconfig's own noCheck.
    const fromEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = fromEnv
        ? fromEnv === "true"
        : tsutils.loadTypeScriptCompilerOptions(tsconfig).noCheck === true;
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(tsnodeRequire).register({
        compiler: typescriptRequire,
        transpileOnly,
        project: tsconfig,
        skipProject: false,
        compilerOptions: {},
    });

    let resources = 0;
    const ids = new MockIds();
    const project = path.basename(projectDir);
    runtimeConfig.setAllConfig(JSON.parse(configJson) as Record<string, string>, []);
    // The check's own mocks (the cloud's computed outputs), so the program runs as under the check.
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                resources++;
                const state = mockState(args.type, args.name, args.inputs ?? {}, ids, {
                    preview: false,
                    project,
                    stack,
                });
                return { id: state.id, state: state.state };
            },
            call: (args) => mockCall(args.token, args.inputs ?? {}, ids) ?? {},
        },
        project,
        stack,
        false,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.resolve(projectDir, "index.ts"));
    await Promise.resolve(program);
    // Let the registrations the program started reach the mocks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const ms = performance.now() - started;
    const result: ColdStart = {
        tsconfig,
        transpileOnly,
        ms: Math.round(ms),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        resources,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
    const [projectDir, tsconfig, configJson, stack] = process.argv.slice(2);
    child(projectDir, tsconfig, configJson, stack).then(
        () => process.exit(0),
        (error: unknown) => {
            process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            process.exit(1);
        },
    );
}
