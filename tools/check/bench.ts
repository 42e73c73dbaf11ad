/**
 * `npm run bench`: what the offline policy check costs, and where the time goes.
 *
 * 1. The whole check as CI runs it (`node dist/tools/check/cli.js`, every stack, a fresh process).
 * 2. One stack scaled to 2, 10 and 50 app servers (servers.count overridden), checked in this
 *    process with one pack process reused across runs: resources, wall time, time per resource,
 *    split into evaluation, Analyze and AnalyzeStack.
 * 3. Next to each size, the program alone (evaluated as the check does, no policies), and the
 *    bare cost of registering the same number of trivial custom resources with @pulumi/pulumi
 *    under the same mocks: the floor any mock-based check pays.
 *
 * Options: --stack NAME (default aws-prod), --sizes 2,10,50, --repeat N (best of N, default 3).
 */
import { spawnSync } from "child_process";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../harness/evaluate";
import { PolicyPack } from "./pack";
import { EVALUATION_STACK_TRACE_LIMIT, defaultPolicyPack, runCheck, startPolicyPack } from "./run";
import { StackConfig, readProjectFile, readStackFile, stackFilePath } from "./stack-config";

const DIST_ROOT = path.resolve(__dirname, "..", "..");

interface Options {
    stack: string;
    sizes: number[];
    repeat: number;
}

function parse(argv: string[]): Options {
    const options: Options = { stack: "aws-prod", sizes: [2, 10, 50], repeat: 3 };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split("=", 2);
        const value = () => inline ?? argv[++i];
        if (flag === "--stack") options.stack = value();
        else if (flag === "--sizes") options.sizes = value().split(",").map(Number);
        else if (flag === "--repeat") options.repeat = Number(value());
        else throw new Error(`bench: unknown option ${flag} (use --stack NAME, --sizes 2,10,50, --repeat N)`);
    }
    return options;
}

/** The stack's config with servers.count set to `count`. */
export function withServerCount(stack: StackConfig, count: number, project = "webtier"): StackConfig {
    const key = `${project}:servers`;
    const servers = stack.config[key] ? JSON.parse(stack.config[key]) : {};
    return { ...stack, config: { ...stack.config, [key]: JSON.stringify({ ...servers, count }) } };
}

/** The most trivial custom resource there is. */
class BenchThing extends pulumi.CustomResource {
    constructor(name: string, args: Record<string, unknown>) {
        super("bench:index:Thing", name, args);
    }
}

/** Registers `count` trivial custom resources under the same mocks: the SDK's own floor. */
async function bareRegistration(count: number): Promise<number> {
    const evaluation = await evaluate({
        program: () => {
            for (let i = 0; i < count; i++) new BenchThing(`thing-${i}`, { index: i, name: `thing-${i}` });
        },
    });
    return evaluation.durationMs;
}

/** The stack's program alone, evaluated as the check evaluates it, without any policy work. */
async function programOnly(stackName: string, size: number): Promise<number> {
    const project = readProjectFile(process.cwd());
    const file = stackFilePath(project.stackConfigDir, stackName)!;
    const stack = withServerCount(readStackFile(file, { project: project.name, requiredSecrets: ["appKey"] }), size);
    const { runWebtier } = require(path.join(DIST_ROOT, "infra", "program.js"));
    const saved = Error.stackTraceLimit;
    Error.stackTraceLimit = EVALUATION_STACK_TRACE_LIMIT;
    const quiet = console.warn;
    console.warn = () => undefined;
    try {
        const evaluation = await evaluate({ program: runWebtier, config: stack.config, secretKeys: stack.secretKeys, project: project.name, stack: stack.name });
        return evaluation.durationMs;
    } finally {
        Error.stackTraceLimit = saved;
        console.warn = quiet;
    }
}

function best<T extends { ms: number }>(runs: T[]): T {
    return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

async function main(): Promise<void> {
    const options = parse(process.argv.slice(2));
    const projectDir = process.cwd();

    // 1. The whole check, as CI runs it.
    const started = Date.now();
    const cli = spawnSync(process.execPath, [path.join(__dirname, "cli.js"), "--format", "json"], { cwd: projectDir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wholeMs = Date.now() - started;
    if (cli.status === 2 || !cli.stdout) throw new Error(`bench: the check itself failed (exit ${cli.status}):\n${cli.stderr}`);
    const whole = JSON.parse(cli.stdout);
    console.log(`Whole check, every stack, fresh process (node dist/tools/check/cli.js): ${wholeMs} ms wall, exit ${cli.status}`);
    console.log(`  pack start ${whole.policyPack.startupMs} ms (overlaps the first evaluation); check ${whole.totalMs} ms after module loading`);
    for (const s of whole.stacks) {
        const t = s.timings ?? {};
        console.log(`  ${s.name.padEnd(10)} ${pad(s.resources, 4)} resources ${pad(s.durationMs, 6)} ms  (evaluate ${t.evaluateMs}, Analyze ${t.analyzeMs}, AnalyzeStack ${t.analyzeStackMs}${t.packWaitMs ? `, waited for pack ${t.packWaitMs}` : ""})`);
    }

    // 2 and 3. One stack at several sizes, the pack started once.
    const packStarted = Date.now();
    const ours = defaultPolicyPack(projectDir, DIST_ROOT);
    const pack: PolicyPack = await startPolicyPack(ours.dir, "webtier", ours.entry);
    console.log(`\nPack started once for the scaled runs: ${Date.now() - packStarted} ms`);
    try {
        // Warm up: module loading and JIT belong to neither side of the comparison.
        await runCheck({ distRoot: DIST_ROOT, stacks: [options.stack], pack, adjustConfig: (s) => withServerCount(s, options.sizes[0]) });
        await bareRegistration(50);
        await programOnly(options.stack, options.sizes[0]);

        console.log(`\nStack ${options.stack} scaled by servers.count, best of ${options.repeat} (runs interleaved):`);
        console.log("  check    the whole offline check of the stack (pack already running)");
        console.log("  program  the same program evaluated under the same mocks and settings, no policies");
        console.log("  bare     as many trivial CustomResources registered under the same mocks (SDK defaults)");
        console.log(" servers  resources  check ms  ms/res  (evaluate  Analyze  AnalyzeStack)  program ms  bare ms  bare ms/res  check/bare  check/program");
        const rows: { resources: number; ms: number; programMs: number; bareMs: number }[] = [];
        for (const size of options.sizes) {
            const checks = [];
            const programs = [];
            const bares = [];
            for (let i = 0; i < options.repeat; i++) {
                const result = await runCheck({ distRoot: DIST_ROOT, stacks: [options.stack], pack, adjustConfig: (s) => withServerCount(s, size) });
                const stack = result.stacks[0];
                if (stack.error) throw new Error(`bench: ${options.stack} with ${size} servers failed: ${stack.error}`);
                checks.push({ ms: stack.durationMs, resources: stack.resources, timings: stack.timings! });
                programs.push({ ms: await programOnly(options.stack, size) });
                bares.push({ ms: await bareRegistration(stack.resources) });
            }
            const run = best(checks);
            const programMs = best(programs).ms;
            const bareMs = best(bares).ms;
            rows.push({ resources: run.resources, ms: run.ms, programMs, bareMs });
            const t = run.timings;
            console.log(
                `${pad(size, 8)} ${pad(run.resources, 10)} ${pad(run.ms, 9)} ${pad((run.ms / run.resources).toFixed(2), 7)}  (${pad(t.evaluateMs, 8)} ${pad(t.analyzeMs, 8)} ${pad(t.analyzeStackMs, 13)})  ${pad(programMs, 10)} ${pad(bareMs, 8)} ${pad((bareMs / run.resources).toFixed(2), 12)} ${pad((run.ms / bareMs).toFixed(2), 11)} ${pad((run.ms / programMs).toFixed(2), 14)}`,
            );
        }
        if (rows.length >= 2) {
            const [first, last] = [rows[0], rows[rows.length - 1]];
            const extra = last.resources - first.resources;
            const per = (a: number, b: number) => ((a - b) / extra).toFixed(2);
            console.log(
                `\nPer added resource (${first.resources} -> ${last.resources}): check ${per(last.ms, first.ms)} ms, program alone ${per(last.programMs, first.programMs)} ms, bare registration ${per(last.bareMs, first.bareMs)} ms`,
            );
        }
    } finally {
        await pack.close();
    }
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err instanceof Error ? err.message : err);
        process.exitCode = 2;
    });
}
