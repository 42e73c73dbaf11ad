/**
 * The offline policy check: evaluate each stack's program under mocks, then run the policy pack
 * on what it registered, over the pack's gRPC protocol. Webtier's own pack runs in one process for
 * every stack; a pack given with --policy-pack gets a process per stack, with that stack's
 * environment, as under the engine. All stacks evaluate in this one process.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as util from "util";
import { ResourceError } from "@pulumi/pulumi";
import { evaluate, Evaluation, ProgramExit, RegisteredResource } from "../harness/evaluate";
import { installClosureParseCache } from "../harness/closure-parse-cache";
import { returnsTerraformId } from "../harness/mock-state";
import { enableDeferredScriptMaps, installScriptReplay } from "./closure-hooks";
import { PolicyPack, TimedAnalysis } from "./pack";
import { PolicyConfig, packConfig, parsePolicyConfig, remediates } from "./policy-config";
import { LoadedProgram, programFromFile, webtierProgram } from "./program";
import { checkCacheDir } from "./transpile-on-require";
import { applyProjectConfig, parseProjectConfig } from "./project-config";
import { AnalyzerInfo, AnalyzerResourceData, SnapshotBuilder, StackSnapshot } from "./requests";
import { CheckResult, StackResult, Violation, resourceViolations, stackViolations } from "./results";
import { errorLocation, locateViolations } from "./locate";
import { emulatedComponentsNotes, remoteComponentsError, remoteFailureNote } from "./remote-components";
import {
    ProjectFile,
    StackConfig,
    StackFileError,
    explainPlaceholders,
    findProjectFor,
    listStacks,
    parseConfigAssignment,
    readProjectFile,
    readStackFile,
    stackFilePath,
} from "./stack-config";
import { STACK_ASSIGNMENT, UsageError } from "./args";
import { AnalyzerIdentity, DIY_ORGANIZATION, packProcessEnvironment } from "./analyzer-env";
import { languageHostEnvironment } from "./language-host-env";
import { StackOutputFiles } from "./stack-outputs";
import { withSourceMappedTraces } from "./source-maps";
import { EVALUATION_STACK_TRACE_LIMIT } from "../harness/evaluation-settings";

export { EVALUATION_STACK_TRACE_LIMIT };

export interface CheckOptions {
    /** The project folder (holds Pulumi.yaml); paths in the report are relative to it. Default: cwd. */
    projectDir?: string;
    /** The folder this tool was compiled into (dist/), where infra/ and policies/ are compiled too. */
    distRoot: string;
    stacks?: string[];
    stacksDir?: string;
    program?: string;
    /** `KEY=VALUE` overrides applied after each stack file. */
    config?: string[];
    /** `STACK=FILE`: referenced stacks' outputs (stack-outputs.ts), files relative to projectDir. */
    stackOutputs?: string[];
    policyPack?: string;
    /** `FILE` for every stack and/or `STACK=FILE` per stack (see args.ts). */
    policyConfig?: string | string[];
    /** Keys (without namespace) the program requires as secrets; default webtier's SECRET_KEYS for our program. */
    requiredSecrets?: readonly string[];
    /** Adjusts each stack's config before evaluation (the bench scales servers.count this way). */
    adjustConfig?: (stack: StackConfig) => StackConfig;
    /** Evaluate as a preview (computed values unknown). Default false: as `pulumi up`, every value known. */
    preview?: boolean;
    /**
     * A pack already running, used for every stack (configured per stack, never closed here). Only
     * for packs that read nothing from their process environment, like webtier's own: the check
     * otherwise starts one per stack with that stack's environment, as the engine does.
     */
    pack?: PolicyPack;
    /**
     * Start webtier's own pack once per stack, with that stack's environment, as the engine does,
     * instead of once for the whole run. Default false: webtier's pack reads nothing from its
     * process environment and keeps no state between stacks (tests/policies/pack-purity.test.ts
     * checks the first, tests/tools/check/webtier.test.ts compares both modes' verdicts), so
     * one process configured per stack gives the same verdicts for a fraction of the start-up CPU.
     * A pack given with `policyPack` always gets one process per stack.
     */
    packPerStack?: boolean;
}

/** How many stacks' pack processes may be started ahead of the stack being evaluated. */
export const PACKS_AHEAD = 4;

/** The name of the single stack a --program run without --stack evaluates. */
export const PROGRAM_STACK = "offline";

interface PlannedStack {
    config: StackConfig;
    source: string;
    line: number;
}

function relative(projectDir: string, file: string): string {
    return path.relative(projectDir, file) || file;
}

/** The line of the stack file's `config:` key, where SARIF results point. */
function configLine(file: string): number {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const index = lines.findIndex((l) => /^config\s*:/.test(l));
    return index >= 0 ? index + 1 : 1;
}

function webtierSecretKeys(distRoot: string): readonly string[] {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(path.join(distRoot, "infra", "config", "types.js")).SECRET_KEYS ?? [];
    } catch {
        return [];
    }
}

/** Which stacks to evaluate and with what config; throws UsageError / StackFileError on bad input. */
export function planStacks(options: CheckOptions, project: ProjectFile | undefined): PlannedStack[] {
    const projectDir = path.resolve(options.projectDir ?? process.cwd());
    const projectName = project?.name ?? "webtier";
    const stacksDir = options.stacksDir
        ? path.resolve(projectDir, options.stacksDir)
        : (project?.stackConfigDir ?? projectDir);
    const requiredSecrets = options.requiredSecrets ?? (options.program ? [] : webtierSecretKeys(options.distRoot));
    const overrides = (options.config ?? []).map((text) => {
        try {
            return parseConfigAssignment(text, projectName);
        } catch (err) {
            throw new UsageError((err as Error).message);
        }
    });
    // What `pulumi up` runs with: the stack's config, `--config` on top (the CLI saves it to the
    // stack first), then Pulumi.yaml's project config for what the stack leaves out.
    const projectConfig = project ? parseProjectConfig(project.configSection, project.name, project.path) : {};
    // `--config KEY=VALUE` is saved as a plain text value (operations/io.go parseAndSaveConfigArray):
    // no longer secret, nor an object, whatever the stack file held under the key.
    const applyOverrides = (stack: StackConfig): StackConfig => {
        const config = { ...stack.config };
        for (const [key, value] of overrides) config[key] = value;
        const overridden = new Set(overrides.map(([key]) => key));
        return applyProjectConfig(
            {
                ...stack,
                config,
                secretKeys: stack.secretKeys.filter((key) => !overridden.has(key)),
                objectKeys: (stack.objectKeys ?? []).filter((key) => !overridden.has(key)),
                notes: stack.notes.filter((note) => ![...overridden].some((key) => note.startsWith(`${key} is `))),
            },
            projectConfig,
            projectName,
        );
    };

    if (options.program && (options.stacks ?? []).length === 0 && !options.stacksDir) {
        const programPath = path.resolve(projectDir, options.program);
        const stack: StackConfig = { name: PROGRAM_STACK, config: {}, secretKeys: [], notes: [] };
        return [{ config: applyOverrides(stack), source: relative(projectDir, programPath), line: 1 }];
    }

    const names = options.stacks && options.stacks.length > 0 ? options.stacks : listStacks(stacksDir);
    if (names.length === 0) {
        throw new UsageError(
            `no stack files (Pulumi.<stack>.yaml) in ${relative(projectDir, stacksDir)}; pass --stacks-dir or --program.`,
        );
    }
    const available = listStacks(stacksDir);
    return names.map((name) => {
        const file = stackFilePath(stacksDir, name);
        if (!file && options.program && !options.stacksDir) {
            // `pulumi stack init NAME` without config: the program runs with --config only.
            const stack: StackConfig = {
                name,
                config: {},
                secretKeys: [],
                notes: [
                    `stack ${name} has no ${relative(projectDir, path.join(stacksDir, `Pulumi.${name}.yaml`))}: only --config applies.`,
                ],
            };
            return {
                config: applyOverrides(stack),
                source: relative(projectDir, path.resolve(projectDir, options.program)),
                line: 1,
            };
        }
        if (!file) {
            throw new UsageError(
                `there is no stack "${name}" (no ${relative(projectDir, path.join(stacksDir, `Pulumi.${name}.yaml`))}); stacks: ${available.join(", ") || "none"}.`,
            );
        }
        const config = applyOverrides(readStackFile(file, { project: projectName, requiredSecrets }));
        // Results point at the stack file: its config is what tells one stack's results from another's.
        return { config, source: relative(projectDir, file), line: configLine(file) };
    });
}

/**
 * The webtier pack: the policies/ folder (PulumiPolicy.yaml, package.json), run from its compiled
 * copy next to this tool (dist/policies/index.js), so no TypeScript compiles at check time.
 */
export function defaultPolicyPack(projectDir: string, distRoot: string): { dir: string; entry: string } {
    return { dir: path.join(projectDir, "policies"), entry: path.join(distRoot, "policies", "index.js") };
}

/**
 * V8 settings for a pack process. An AnalyzeStack request holds every resource of the stack, and
 * the policy SDK decodes it into objects that all live until the stack's policies have run: with
 * Node 22's default young generation (16 MiB semi-spaces) the collector copies them from space to
 * space several times over, which was about 45 % of the pack's time on a stack of 50 servers. A
 * 64 MiB young generation holds a stack's request in one go. Measured at 50 servers, interleaved:
 * AnalyzeStack 193-205 ms against 218-236 ms in one set of three rounds, no consistent difference
 * in a second set of four (the whole check faster in three of them); the effect is smaller than
 * this host's noise, and the cost is nothing: memory is reserved as it is used. Node 24 sizes its
 * young generation from the machine's memory (64 MiB semi-spaces on a 24 GiB one, where this
 * changes nothing).
 */
export const PACK_V8_FLAGS = ["--max-semi-space-size=64"];

/**
 * Variables a program's environment files set while it is evaluated: the program's process has
 * them under the language host, the pack's (started by the CLI) does not, so a pack launched
 * meanwhile does not get them either.
 */
const PROGRAM_ENVIRONMENT = new Set<string>();

function checkEnvironment(): NodeJS.ProcessEnv {
    if (PROGRAM_ENVIRONMENT.size === 0) return process.env;
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !PROGRAM_ENVIRONMENT.has(key)));
}

/**
 * Starts a policy pack the way the engine does for one stack and one operation: its process gets
 * the environment the engine's analyzer plugin gives it (analyzer-env.ts), so a pack that reads
 * the stack's config, name, organization or dry-run flag sees what it would under `--policy-pack`.
 * A pack started here serves that stack in that mode only. Returns at once; calls wait until the
 * pack listens (`started`).
 */
export function launchPolicyPack(
    dir: string,
    identity: AnalyzerIdentity | string,
    entry?: string,
    preview = false,
): PolicyPack {
    // A project name alone (callers that reuse one pack for many stacks of a pack that reads
    // nothing from its environment): that project, no stack, no config.
    const who: AnalyzerIdentity =
        typeof identity === "string"
            ? { organization: DIY_ORGANIZATION, project: identity, stack: "", dryRun: preview, config: {} }
            : identity;
    return PolicyPack.launch(dir, {
        entry,
        // What @pulumi/pulumi loads and a pack does not use loads on first use (lazy-modules.ts);
        // the pack's compiled modules are kept for the next run (flush-compile-cache.ts).
        nodeArgs: [
            ...PACK_V8_FLAGS,
            "-r",
            path.join(__dirname, "lazy-modules.js"),
            "-r",
            path.join(__dirname, "flush-compile-cache.js"),
            // The requests' properties are read straight from their bytes (pack-struct.ts).
            "-r",
            path.join(__dirname, "pack-struct-hook.js"),
        ],
        // A TypeScript pack (its source folder) starts with the transpile-on-require hook preloaded.
        typeScriptHook: path.join(__dirname, "ts-hook.js"),
        environment: packProcessEnvironment(checkEnvironment(), who),
        // The pack runs in its own folder: a relative compile cache would land there, apart from this process's.
        env: process.env.NODE_COMPILE_CACHE ? { NODE_COMPILE_CACHE: path.resolve(process.env.NODE_COMPILE_CACHE) } : {},
    });
}

/** launchPolicyPack, once the pack listens. */
export function startPolicyPack(
    dir: string,
    identity: AnalyzerIdentity | string,
    entry?: string,
    preview = false,
): Promise<PolicyPack> {
    return launchPolicyPack(dir, identity, entry, preview).listening();
}

/** The identity the engine hands a pack for `stack`: the DIY backend's organization, config decrypted. */
export function analyzerIdentity(project: string, stack: StackConfig, preview: boolean): AnalyzerIdentity {
    return { organization: DIY_ORGANIZATION, project, stack: stack.name, dryRun: preview, config: stack.config };
}

/** Console output during evaluation (Pulumi's log without an engine, the program's own prints) becomes notes. */
async function captureConsole<T>(notes: string[], fn: () => Promise<T>): Promise<T> {
    const methods = ["log", "info", "warn", "error", "debug"] as const;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as they were, on console itself
    const saved = methods.map((m) => console[m]);
    for (const m of methods) {
        console[m] = (...args: unknown[]) => {
            const text = args
                .map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a)))
                .join(" ");
            notes.push(`program output: ${text.replace(/^(\w+): \[runtime\] /, "$1: ")}`);
        };
    }
    try {
        return await fn();
    } finally {
        methods.forEach((m, i) => (console[m] = saved[i] as any));
    }
}

/** Frames of the check's own scaffolding, which has no counterpart under the language host. */
const SCAFFOLDING_FRAME = /[\\/]tools[\\/](check|harness)[\\/]/;

/**
 * A program's failure as the language host prints it (@pulumi/pulumi cmd/run, its uncaught error
 * handler): a RunError (a missing config key, for one) by its message; a TypeScript compile error
 * or syntax error by its message, which names the source line; a ResourceError (one the SDK raises
 * about a resource, a closure it cannot serialize among them) by its message when it asks for its
 * stack to be hidden, else as cmd/run's defaultErrorMessage gives it, with no header; anything else
 * as "Running program '<main>' failed with an unhandled exception:" and defaultErrorMessage
 * (util.inspect of the error, without colours), minus the check's own frames.
 */
export function errorText(err: unknown, programFile: string): string {
    const header = `Running program '${programFile}' failed with an unhandled exception:`;
    if (err instanceof Error || (err && typeof err === "object" && "message" in err)) {
        const error = err as Error & { __pulumiRunError?: boolean; hideStack?: boolean };
        if (error.name === "ProgramLoadError") return error.message;
        if (error.__pulumiRunError || error.name === "RunError" || error.name === "ConfigMissingError")
            return error.message;
        if (error.name === "TSError" || error.name === "SyntaxError") {
            const parts = (error.stack ?? "").split(error.message);
            return `${header}\n${parts.length === 2 ? parts[0] + error.message : error.message}`;
        }
        // As cmd/run tells one: by the field the SDK marks its ResourceErrors with, so any copy's.
        const resourceError = ResourceError.isInstance(error);
        if (resourceError && error.hideStack) return error.message;
        // defaultErrorMessage: the error inspected when it has a stack, else its message.
        let inspected: string;
        if (!error.stack) inspected = error.message;
        else {
            try {
                inspected = util.inspect(error);
            } catch {
                inspected = error.stack;
            }
        }
        const shown = inspected
            .split("\n")
            .filter((line) => !(/^\s+at /.test(line) && SCAFFOLDING_FRAME.test(line)))
            .join("\n");
        return resourceError ? shown : `${header}\n${shown}`;
    }
    // What cmd/run's defaultErrorMessage falls back to: the value as a string, else inspected (an
    // error thrown in Node's module hooks thread, ts-node's TSError among them, arrives as an object
    // that only inspects, as its text).
    let text: string;
    try {
        text = "" + (err as string);
    } catch {
        text = util.inspect(err);
    }
    return `${header}\n${text}`;
}

/** One stack's unhandled rejections and uncaught exceptions, in order, and the first once there is one. */
interface StackFailures {
    reasons: unknown[];
    first: Promise<unknown>;
}

/**
 * Unhandled rejections and uncaught exceptions while a program runs are its failures, as under
 * `pulumi up`, whose language host reports them (a failed program also leaves rejected promises
 * behind: its stack's outputs). Collected per stack for the whole run so that none escapes to the
 * process (an uncaught exception before the first stack still ends it).
 */
class FailureCollector {
    private current: StackFailures | undefined;
    private signal: ((reason: unknown) => void) | undefined;
    private readonly listener = (reason: unknown) => {
        this.current?.reasons.push(reason);
        this.signal?.(reason);
    };
    /** An exception the program throws outside any promise (in a timer, say) fails it as one. */
    private readonly uncaught = (error: unknown) => {
        if (!this.current) throw error;
        this.listener(error);
    };
    constructor() {
        process.on("unhandledRejection", this.listener);
        process.on("uncaughtException", this.uncaught);
    }
    /** Starts collecting for one stack. */
    begin(): StackFailures {
        const first = new Promise<unknown>((resolve) => (this.signal = resolve));
        this.current = { reasons: [], first };
        return this.current;
    }
    /** Lets stragglers of the last evaluation arrive, then stops listening. */
    async dispose(): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 10));
        process.off("unhandledRejection", this.listener);
        process.off("uncaughtException", this.uncaught);
    }
}

/** The note on the data sources the mocks returned nothing for, after the program succeeded or failed. */
function unansweredNote(tokens: Set<string>, failed: boolean): string {
    const consequence = failed
        ? "If the program's error comes from reading what they return, it is the check's, not the program's: `pulumi preview` would have had their answer."
        : "What the program took from them is missing, so what a policy says about it may differ from what it would say under the engine.";
    return `data sources the check has no answer for returned nothing (the engine reads them from the cloud): ${[...tokens].join(", ")}. ${consequence}`;
}

/** What the language host runs: `require.resolve("@pulumi/pulumi/cmd/run")` from the program's folder. */
function languageHostEntry(programDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDir] });
    } catch {
        return require.resolve("@pulumi/pulumi/cmd/run");
    }
}

async function evaluateStack(
    program: LoadedProgram,
    project: string,
    stack: StackConfig,
    notes: string[],
    rejections: StackFailures,
    onResource?: (resource: RegisteredResource) => void,
    stackTraceLimit = EVALUATION_STACK_TRACE_LIMIT,
    preview = false,
    stackOutputs?: StackOutputFiles,
): Promise<Evaluation> {
    const savedLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = stackTraceLimit;
    // The language host runs a program in its project's folder: relative paths (a key file, an asset,
    // a folder archive) resolve there.
    const savedCwd = process.cwd();
    if (program.cwd) process.chdir(program.cwd);
    // Each stack's program runs in a process of its own under the engine: what one sets in its
    // environment (`process.env.AWS_REGION = ...`) must not reach the next stack's.
    const savedEnvironment = { ...process.env };
    // That process has what the language host and cmd/run put in its environment, over the CLI's...
    const rootDirectory = program.cwd ?? process.cwd();
    const hostVariables = Object.entries(
        languageHostEnvironment({
            organization: DIY_ORGANIZATION,
            project,
            stack: stack.name,
            rootDirectory,
            dryRun: preview,
            config: stack.config,
            secretKeys: stack.secretKeys,
            parallel: os.availableParallelism() * 4,
            typescript: program.runtimeOptions?.typescript !== false,
            tsconfig: program.runtimeOptions?.tsconfig,
        }),
    );
    // ...and Node has loaded its environment files (`nodeargs` `--env-file`) into its environment,
    // where they do not override what is already set.
    const hostKeys = new Set(hostVariables.map(([key]) => key));
    const fromFiles = Object.entries(program.environment ?? {}).filter(
        ([key]) => process.env[key] === undefined && !hostKeys.has(key),
    );
    const added = [...hostVariables, ...fromFiles];
    /** The data sources the mocks had no answer for, known even when the program then fails. */
    const unanswered = new Set<string>();
    // cmd/run leaves the program an argv of Node, cmd/run's own entry point (the file the language
    // host resolved from the program's folder) and the engine's program arguments (none from
    // `pulumi up`): never the check's own flags.
    const savedArgv = process.argv;
    process.argv = [process.execPath, languageHostEntry(rootDirectory)];
    for (const [key, value] of added) {
        process.env[key] = value;
        PROGRAM_ENVIRONMENT.add(key);
    }
    try {
        // Stack traces read as the language host's ts-node formats them (the SDK takes each
        // registration's source position from that text), whatever formatter another library set.
        const evaluation = await withSourceMappedTraces(
            () =>
                captureConsole(notes, () =>
                    (program.during ?? ((evaluation) => evaluation()))(() =>
                        evaluate({
                            program: program.run,
                            config: stack.config,
                            secretKeys: stack.secretKeys,
                            project,
                            stack: stack.name,
                            organization: DIY_ORGANIZATION,
                            rootDirectory,
                            onResource,
                            onCall: (call) => {
                                if (!call.answered) unanswered.add(call.token);
                            },
                            preview,
                            failed: rejections.first,
                            stackTraceLimit,
                            stackOutputs: (name) =>
                                stackOutputs?.lookup(name, { organization: DIY_ORGANIZATION, project }),
                        }),
                    ),
                ),
            "ts-node",
        );
        // Let rejections raised in the last turn surface.
        await new Promise((resolve) => setImmediate(resolve));
        // A process.exit the program made is evaluate()'s to judge (ProgramExit), not a failure itself.
        const failures = rejections.reasons.filter((reason) => !(reason instanceof ProgramExit));
        if (failures.length > 0) throw failures[0];
        notes.push(...(program.runNotes ?? []));
        // A data source the mocks do not know returns nothing; the engine would read the cloud.
        if (unanswered.size > 0) notes.push(unansweredNote(unanswered, false));
        // The engine reads a referenced stack's outputs from the backend, in a preview as in an
        // update (a read step); offline they are what --stack-outputs gave, or unknown in both.
        if (evaluation.openHandles)
            notes.push(
                `the program still holds handles open (${evaluation.openHandles.join(", ")}) 5 s after its last registration: under \`pulumi up\` the language host's process lives until they close (and \`pulumi up\` waits), so what runs then is not checked. Close them (clear timers, end connections) when the program is done.`,
            );
        for (const name of new Set(evaluation.stackReferences)) {
            const given = stackOutputs?.lookup(name, { organization: DIY_ORGANIZATION, project });
            notes.push(
                given
                    ? `stack reference "${name}": its outputs were read from ${given.file}, as the engine reads them from the backend.`
                    : `stack reference "${name}": its outputs cannot be read offline (the engine reads them from the backend, in a preview as in an update), so what the program takes from them reaches the pack as unknown, and what it does only once they are known (an apply on them: the resources it creates there) is not checked. Give them with \`--stack-outputs ${name}=FILE\` (FILE from \`pulumi stack output --stack ${name} --json\`), or check such a program with \`pulumi preview --policy-pack\`.`,
            );
        }
        // What the engine reads from the cloud: a `.get`'s state, an imported resource's.
        const fromCloud = [
            ...evaluation.reads.map((r) => `${r.type} "${r.name}" (read, id ${r.id})`),
            ...evaluation.resources
                .filter((r) => r.importId !== undefined)
                .map((r) => `${r.type} "${r.name}" (imported, id ${r.importId})`),
        ];
        if (fromCloud.length > 0)
            notes.push(
                `the engine reads these resources' state from the cloud, which the check cannot: ${fromCloud.join(", ")}. Their outputs here are the mocks', so what the program takes from them, and an imported resource's state as the stack policies see it, may differ from what the engine would have.`,
            );
        // The engine calls the program's hooks around the steps it executes; the check executes none.
        if (evaluation.hooks.length > 0) {
            const named = (hooks: typeof evaluation.hooks) => hooks.map((hook) => `"${hook.name}"`).join(", ");
            const inPreview = evaluation.hooks.filter((hook) => hook.kind === "resource" && hook.onDryRun);
            notes.push(
                `hooks ${named(evaluation.hooks)} were registered and not run: the engine runs a resource hook around each step it executes and an error hook when a step fails${preview ? ` (in a preview only the resource hooks marked onDryRun${inPreview.length > 0 ? `: ${named(inPreview)}` : ", none here"})` : ""}, and the check executes no step. What they do, and a hook that fails its step, is not checked.`,
            );
        }
        return evaluation;
    } catch (err) {
        // A program that fails on what a data source did not return (`o.roots[0]` of nothing) fails
        // here and not under the engine: say which ones had no answer.
        if (unanswered.size > 0) notes.push(unansweredNote(unanswered, true));
        throw err;
    } finally {
        Error.stackTraceLimit = savedLimit;
        process.argv = savedArgv;
        if (program.cwd) process.chdir(savedCwd);
        for (const [key] of added) PROGRAM_ENVIRONMENT.delete(key);
        for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
        for (const [key, value] of Object.entries(savedEnvironment))
            if (process.env[key] !== value) process.env[key] = value;
    }
}

/**
 * One resource as the engine treats it: remediations first (their properties replace the
 * resource's, their diagnostics are advisory violations), then Analyze on the result.
 */
async function analyzeResource(
    pack: PolicyPack,
    request: AnalyzerResourceData,
    remediating: boolean,
    builder: SnapshotBuilder,
    notes: string[],
): Promise<Violation[]> {
    const violations: Violation[] = [];
    if (remediating) {
        for (const remediation of await pack.remediate(request)) {
            if (remediation.diagnostic) {
                violations.push({
                    policy: remediation.policyName,
                    level: "advisory",
                    resource: request.name,
                    type: request.type,
                    urn: request.urn,
                    message: remediation.diagnostic,
                });
            } else if (remediation.properties) {
                request = { ...request, properties: remediation.properties };
                builder.remediated(request.urn, remediation.properties);
                notes.push(
                    `policy ${remediation.policyName} remediated ${request.name} (${request.type}); the policies saw the remediated properties.`,
                );
            }
        }
    }
    return [...violations, ...resourceViolations(request, await pack.analyze(request))];
}

/** The user's policy config per stack: a stack's own file, else the shared one, else none (undefined). */
export function readPolicyConfigs(
    projectDir: string,
    entries: string | string[] | undefined,
    stacks: string[],
): { forStack: (stack: string) => Record<string, PolicyConfig> | undefined; warnings: string[] } {
    const list = entries === undefined ? [] : Array.isArray(entries) ? entries : [entries];
    const read = (file: string): Record<string, PolicyConfig> => {
        const absolute = path.resolve(projectDir, file);
        if (!fs.existsSync(absolute)) throw new UsageError(`--policy-config ${file} does not exist.`);
        return parsePolicyConfig(fs.readFileSync(absolute, "utf8"), file);
    };
    let shared: Record<string, PolicyConfig> | undefined;
    const perStack = new Map<string, Record<string, PolicyConfig>>();
    const warnings: string[] = [];
    for (const entry of list) {
        const match = STACK_ASSIGNMENT.exec(entry);
        if (match && !fs.existsSync(path.resolve(projectDir, entry))) {
            perStack.set(match[1], read(match[2]));
            if (!stacks.includes(match[1]))
                warnings.push(
                    `--policy-config names stack "${match[1]}", which does not exist (stacks: ${stacks.join(", ")}).`,
                );
        } else {
            shared = read(entry);
        }
    }
    return { forStack: (stack) => perStack.get(stack) ?? shared, warnings };
}

/** Where webtier keeps the policy config files `pulumi preview --policy-pack-config` takes per stack. */
export const POLICY_CONFIG_DIR = path.join("policies", "config");

/**
 * The policy config file a stack uses when none is given on the command line, as the README
 * and the workflow pass it to `pulumi preview --policy-pack-config`: `policies/config/<stack>.json`
 * if there is one, else `policies/config/<environment>.json` for the stack's
 * `<project>:environment`. Undefined when neither exists.
 */
export function conventionalPolicyConfig(
    projectDir: string,
    projectName: string,
    stack: StackConfig,
): string | undefined {
    const candidates = [stack.name, stack.config[`${projectName}:environment`]].filter(
        (name): name is string => !!name && /^[\w.-]+$/.test(name),
    );
    return candidates
        .map((name) => path.join(POLICY_CONFIG_DIR, `${name}.json`))
        .find((file) => fs.existsSync(path.resolve(projectDir, file)));
}

/** Runs the whole check. Throws UsageError/StackFileError/PolicyConfigError/PolicyPackError for the CLI's exit 2. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
    const started = Date.now();
    // A dynamic provider's functions are parsed once, not in every check (closure-parse-cache.ts).
    const parsed = checkCacheDir("webtier-closure-parse");
    if (parsed) installClosureParseCache(parsed);
    // ...and its errors name the files of the functions as the language host's do, the debugger
    // that costs being enabled only when one fails (closure-hooks.ts).
    installScriptReplay();
    const projectDir = path.resolve(options.projectDir ?? process.cwd());
    // A --program runs in its own project, as `pulumi up` in its folder would: the nearest Pulumi.yaml
    // above it names the project, its stack files and the working directory.
    let project: ProjectFile | undefined = options.program
        ? findProjectFor(path.resolve(projectDir, options.program))
        : undefined;
    if (!project) {
        try {
            project = readProjectFile(projectDir);
        } catch (err) {
            if (!options.program || !(err instanceof StackFileError)) throw err;
        }
    }
    const projectName = project?.name ?? "webtier";
    const planned = planStacks(options, project);
    const stackOutputs = new StackOutputFiles(options.stackOutputs ?? [], projectDir);

    const stacksDir = options.stacksDir
        ? path.resolve(projectDir, options.stacksDir)
        : (project?.stackConfigDir ?? projectDir);
    const knownStacks = [...new Set([...planned.map((p) => p.config.name), ...listStacks(stacksDir)])];
    // With webtier's own pack and no --policy-config, each stack gets its conventional file.
    const givenConfig =
        options.policyConfig === undefined || (Array.isArray(options.policyConfig) && options.policyConfig.length === 0)
            ? undefined
            : options.policyConfig;
    const conventional = new Map<string, string>();
    if (givenConfig === undefined && !options.policyPack && !options.program) {
        for (const plan of planned) {
            const file = conventionalPolicyConfig(projectDir, projectName, plan.config);
            if (file) conventional.set(plan.config.name, file);
        }
    }
    const policyConfigs = readPolicyConfigs(
        projectDir,
        givenConfig ?? [...conventional].map(([stack, file]) => `${stack}=${file}`),
        knownStacks,
    );
    const program = options.program
        ? programFromFile(path.resolve(projectDir, options.program), project)
        : {
              ...webtierProgram(options.distRoot, project?.main ? path.relative(project.dir, project.main) : undefined),
              runtimeOptions: project?.runtimeOptions,
          };
    // The main module the language host names when the program fails.
    const programMain = program.file ?? project?.main ?? path.join(project?.dir ?? projectDir, "index.ts");

    // A --policy-pack gets a process per stack, started with that stack's environment as the engine
    // starts one per operation (each its own ~1 s of module loading). The first starts now, while the
    // first stack evaluates; each next one while the previous stack evaluates.
    const ours = defaultPolicyPack(projectDir, options.distRoot);
    const packDir = options.policyPack ? path.resolve(projectDir, options.policyPack) : ours.dir;
    const packEntry = options.policyPack ? undefined : ours.entry;
    const preview = !!options.preview;
    const adjusted = planned.map((plan) => (options.adjustConfig ? options.adjustConfig(plan.config) : plan.config));
    const startedPacks: PolicyPack[] = [];
    // Webtier's own pack, shared by every stack (see packPerStack): started now, on another core,
    // while the program's modules load; prepared for each stack as that stack starts.
    let shared: PolicyPack | undefined;
    if (!options.pack && !options.policyPack && !options.packPerStack && planned.length > 0) {
        shared = launchPolicyPack(packDir, projectName, packEntry, preview);
        startedPacks.push(shared);
    }
    const packs = new Map<number, { pack: PolicyPack; ready: Promise<ReadyPack> }>();
    const packFor = (index: number): { pack: PolicyPack; ready: Promise<ReadyPack> } => {
        let entry = packs.get(index);
        if (!entry) {
            const stack = adjusted[index];
            const identity = analyzerIdentity(projectName, stack, preview);
            let pack = options.pack ?? shared;
            if (!pack) {
                pack = launchPolicyPack(packDir, identity, packEntry);
                startedPacks.push(pack);
            }
            // Posted now, ahead of the stack's Analyze calls, which the pack thread holds until it has answered.
            const prepared = pack.prepare(
                { ...identity, secretKeys: stack.secretKeys },
                policyConfigs.forStack(stack.name),
            );
            const ready = prepared.then((done): ReadyPack => {
                // A bad policy config for any stack fails the run before the first stack is judged.
                if (index === 0) {
                    for (const other of adjusted.slice(1))
                        packConfig(done.info, policyConfigs.forStack(other.name), packDir);
                }
                return {
                    pack,
                    info: done.info,
                    warnings: done.warnings,
                    readyAt: done.doneAt,
                    // The engine always asks for remediations first; without a policy at "remediate" the pack
                    // has none to give, so the round trip is skipped.
                    remediating: done.remediating,
                };
            });
            // Keep a failed start from surfacing as an unhandled rejection while a stack evaluates.
            ready.catch(() => undefined);
            entry = { pack, ready };
            packs.set(index, entry);
        }
        return entry;
    };
    // Pack processes start ahead of the stacks that need them (each is ~1 s of module loading, on
    // another core while stacks evaluate); a bounded number at a time, for memory.
    const prefetch = (from: number) => {
        if (options.pack || shared) return;
        for (let i = from; i < Math.min(planned.length, from + PACKS_AHEAD); i++) packFor(i);
    };
    if (planned.length > 0) packFor(0);
    prefetch(0);

    // A pack every stack shares has named its policies once the first stack's preparation is
    // answered. For each stack after it, whether it remediates follows from them and the stack's
    // policy config, worked out here as the pack thread works it out; so the next stack need not
    // wait for the pack to answer this one's preparation, queued behind the previous stack's
    // AnalyzeStack. Only a stack that remediates holds the next one back: its Remediate and
    // Analyze calls must reach the pack before the next stack's preparation does.
    let sharedInfo: AnalyzerInfo | undefined;
    const remediatingFor = async (stack: StackConfig, configured: Promise<ReadyPack>): Promise<boolean> => {
        if (sharedInfo)
            return remediates(sharedInfo, packConfig(sharedInfo, policyConfigs.forStack(stack.name), packDir).config);
        const ready = await configured;
        if (options.pack || shared) sharedInfo = ready.info;
        return ready.remediating;
    };

    const stacks: StackResult[] = [];
    const warnings = new Set<string>();
    const rejections = new FailureCollector();
    let lastReady: ReadyPack | undefined;
    // Each stack's verdict, settled once the pack has answered for it (a later stack may be evaluating by then).
    const verdicts: Promise<unknown>[] = [];
    try {
        for (const [index, plan] of planned.entries()) {
            const stackStarted = Date.now();
            const stack = adjusted[index];
            const notes = [...stack.notes, ...(program.notes ?? [])];
            const conventionalFile = conventional.get(stack.name);
            if (conventionalFile)
                notes.push(
                    `policy config: ${conventionalFile.split(path.sep).join("/")} (pass --policy-config to use another).`,
                );
            const result: StackResult = {
                name: stack.name,
                cloud: stack.config[`${projectName}:cloud`] ?? null,
                resources: 0,
                durationMs: 0,
                violations: [],
                notes,
                source: plan.source,
                line: plan.line,
            };
            stacks.push(result);

            // As under the engine, each resource goes to Analyze as it registers: the pack thread
            // sends it at once, and the pack (another process, another core) works while the
            // program is still running.
            const { pack, ready: configured } = packFor(index);
            prefetch(index + 1);
            const builder = new SnapshotBuilder({
                project: projectName,
                stack: stack.name,
                config: stack.config,
                secretKeys: stack.secretKeys,
                programDir: program.cwd ?? project?.dir,
                plansId: returnsTerraformId,
            });
            const analyses: Array<{ request: AnalyzerResourceData; analysis: Promise<TimedAnalysis> }> = [];
            // Remote components registered before a failure: their outputs under the mocks are not what
            // their provider would give, so a program that fails on them may not fail under the engine.
            const remoteSeen: RegisteredResource[] = [];
            let evaluation: Evaluation;
            try {
                evaluation = await evaluateStack(
                    program,
                    projectName,
                    stack,
                    notes,
                    rejections.begin(),
                    (resource) => {
                        if (resource.remote) remoteSeen.push(resource);
                        for (const request of builder.add(resource)) {
                            const analysis = pack.analyzeUnlessRemediating(request);
                            analysis.catch(() => undefined);
                            analyses.push({ request, analysis });
                        }
                    },
                    EVALUATION_STACK_TRACE_LIMIT,
                    preview,
                    stackOutputs,
                );
            } catch (firstError) {
                // A pack that fails to start or a policy config it refuses stops the operation before the
                // program runs under the engine: that error wins over the program's.
                await configured;
                // Evaluate again with full stack traces for a useful error; its requests are not sent.
                await Promise.allSettled(analyses.map((a) => a.analysis));
                // ...and with the closure serializer's map of script files, which its errors name.
                enableDeferredScriptMaps();
                // Frames at the program's TypeScript lines (source-maps.ts), read while still mapped.
                await withSourceMappedTraces(async () => {
                    result.error = errorText(firstError, programMain);
                    result.errorAt = errorLocation(firstError, projectDir);
                    try {
                        await evaluateStack(
                            program,
                            projectName,
                            stack,
                            [],
                            rejections.begin(),
                            undefined,
                            Math.max(Error.stackTraceLimit, 10),
                            preview,
                            stackOutputs,
                        );
                    } catch (err) {
                        result.error = errorText(err, programMain);
                        result.errorAt = errorLocation(err, projectDir) ?? result.errorAt;
                    }
                });
                // The check could not have judged the stack anyway, and the failure may be the mocks'.
                const unjudgeable = remoteComponentsError(remoteSeen);
                if (unjudgeable !== undefined)
                    result.error = `${unjudgeable}\n${remoteFailureNote(result.error ?? "")}`;
                result.durationMs = Date.now() - stackStarted;
                continue;
            }
            const unjudgeable = remoteComponentsError(evaluation.resources);
            if (unjudgeable !== undefined) {
                // As for a program that fails: the pack's own failure, if any, wins.
                await configured;
                await Promise.allSettled(analyses.map((a) => a.analysis));
                result.error = unjudgeable;
                result.resources = evaluation.resources.length;
                result.durationMs = Date.now() - stackStarted;
                continue;
            }
            result.notes.push(...emulatedComponentsNotes(evaluation.resources));
            // What the providers' Check refuses fails the run, after the pack has analyzed it all.
            const checkErrors = evaluation.resources.flatMap((r) =>
                (r.checkErrors ?? []).map((message) => ({ resource: r.name, type: r.type, urn: r.urn, message })),
            );
            if (checkErrors.length > 0) {
                locateViolations(checkErrors, evaluation.resources, {
                    projectDir,
                    stackFile: stack.path,
                    namespace: projectName,
                });
                result.checkErrors = checkErrors;
            }
            const evaluated = Date.now();
            const evaluateMs = evaluated - stackStarted;
            const prepared = configured.then((ready) => {
                lastReady = ready;
                for (const warning of ready.warnings) warnings.add(warning);
                return ready;
            });
            // Its failure is the verdict's (below), or remediatingFor's when that waits for it.
            prepared.catch(() => undefined);
            const remediating = await remediatingFor(stack, configured);
            const judged = (resource: Promise<Violation[][]>, snapshot: StackSnapshot) => {
                // Posted now: behind this stack's Analyze calls, ahead of the next stack's preparation.
                const stackAnalyzed = pack.analyzeStackTimed(snapshot.stack);
                return Promise.all([
                    prepared,
                    resource,
                    stackAnalyzed,
                    Promise.all(analyses.map((a) => a.analysis)),
                ]).then(([ready, perResource, stackAnalysis, answered]) => {
                    if ("deferred" in stackAnalysis) throw new Error("AnalyzeStack is never deferred");
                    // The first stack may finish before the pack has started: that wait is the run's, not the stack's.
                    const packWaitMs = Math.max(0, ready.readyAt - evaluated);
                    if (snapshot.resolvedReferences > 0) {
                        notes.push(
                            `${snapshot.resolvedReferences} property reference(s) were recovered from mock ids/ARNs that the program passed without their dependency.`,
                        );
                    }
                    result.resources = evaluation.resources.length;
                    result.violations = [
                        ...perResource.flat(),
                        ...stackViolations(snapshot.stack, stackAnalysis.diagnostics),
                    ];
                    explainPlaceholders(result.violations, stack, stackOutputs.standIns());
                    locateViolations(result.violations, evaluation.resources, {
                        projectDir,
                        stackFile: stack.path,
                        namespace: projectName,
                    });
                    // When the pack answered, not when this thread (busy with the next stack) heard it.
                    const analyzed = Math.max(evaluated, ...answered.map((a) => a.doneAt));
                    result.durationMs = stackAnalysis.doneAt - stackStarted - packWaitMs;
                    result.timings = {
                        evaluateMs,
                        packWaitMs,
                        analyzeMs: analyzed - evaluated - packWaitMs,
                        analyzeStackMs: stackAnalysis.doneAt - Math.max(analyzed, ready.readyAt),
                    };
                });
            };
            let verdict: Promise<void>;
            if (remediating) {
                // Remediate comes first and its properties are what Analyze and AnalyzeStack see: each
                // resource in turn, then the stack, before anything else goes to the pack.
                const perResource = await Promise.all(
                    analyses.map(({ request, analysis }) =>
                        analysis.then((answer) =>
                            "deferred" in answer
                                ? analyzeResource(pack, request, true, builder, notes)
                                : resourceViolations(request, answer.diagnostics),
                        ),
                    ),
                );
                verdict = judged(Promise.resolve(perResource), builder.finish(evaluation.resources, evaluation.ids));
                await verdict;
            } else {
                // AnalyzeStack goes now, behind this stack's Analyze calls; the next stack evaluates while
                // the pack works through them.
                const snapshot = builder.finish(evaluation.resources, evaluation.ids);
                const perResource = Promise.all(
                    analyses.map(({ request, analysis }) =>
                        analysis.then((answer) => {
                            if ("deferred" in answer) throw new Error("Analyze deferred without a policy at remediate");
                            return resourceViolations(request, answer.diagnostics);
                        }),
                    ),
                );
                verdict = judged(perResource, snapshot);
            }
            // This stack's pack is done once it has answered (the engine stops it with the operation); a shared one lives on.
            verdicts.push(options.pack || shared ? verdict : verdict.finally(() => pack.close()));
            verdict.catch(() => undefined);
        }
        await Promise.all(verdicts);
        const { pack, info } = lastReady ?? (await packFor(0).ready);
        return {
            policyPack: {
                name: info.name,
                version: info.version,
                dir: relative(projectDir, packDir),
                policies: info.policies,
            },
            stacks,
            packStartupMs: pack.startupMs,
            packProcesses: startedPacks.length,
            totalMs: Date.now() - started,
            notes: [...warnings, ...policyConfigs.warnings],
        };
    } finally {
        await rejections.dispose();
        await Promise.all([...packs.values()].map((p) => p.ready.catch(() => undefined)));
        await Promise.allSettled(verdicts);
        await Promise.all(startedPacks.map((p) => p.close()));
    }
}

/** A pack started and configured for one stack. */
interface ReadyPack {
    pack: PolicyPack;
    info: AnalyzerInfo;
    warnings: string[];
    readyAt: number;
    remediating: boolean;
}
