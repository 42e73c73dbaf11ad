/**
 * `npm run bench`: what the offline policy check costs, and where the time goes.
 *
 * 1. The whole check as CI runs it (`node dist/tools/check/cli.js`, every stack, a fresh process).
 * 2. One stack scaled to 2, 10 and 50 app servers (servers.count overridden), checked in this
 *    process with one pack process reused across runs: resources, wall time, time per resource,
 *    split into evaluation, Analyze and AnalyzeStack.
 * 3. Next to each size, the bare cost of registering the same number of trivial custom resources
 *    with @pulumi/pulumi under the same mocks: the floor any mock-based check pays.
 *
 * Options: --stack NAME (default aws-prod), --sizes 2,10,50, --repeat N (best of N, default 3).
 */
import { spawnSync } from "child_process";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../harness/evaluate";
import { PolicyPack } from "./pack";
import { defaultPolicyPack, runCheck, startPolicyPack } from "./run";
import { StackConfig } from "./stack-config";

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

        console.log(`\nStack ${options.stack} scaled by servers.count (best of ${options.repeat}); bare = the same number of trivial CustomResources under mocks`);
        console.log(" servers  resources  check ms  ms/resource  (evaluate  Analyze  AnalyzeStack)   bare ms  bare ms/resource  ratio");
        const rows: { resources: number; ms: number; bareMs: number }[] = [];
        for (const size of options.sizes) {
            const runs = [];
            for (let i = 0; i < options.repeat; i++) {
                const result = await runCheck({ distRoot: DIST_ROOT, stacks: [options.stack], pack, adjustConfig: (s) => withServerCount(s, size) });
                const stack = result.stacks[0];
                if (stack.error) throw new Error(`bench: ${options.stack} with ${size} servers failed: ${stack.error}`);
                runs.push({ ms: stack.durationMs, resources: stack.resources, timings: stack.timings! });
            }
            const run = best(runs);
            const bareRuns = [];
            for (let i = 0; i < options.repeat; i++) bareRuns.push({ ms: await bareRegistration(run.resources) });
            const bareMs = best(bareRuns).ms;
            rows.push({ resources: run.resources, ms: run.ms, bareMs });
            const t = run.timings;
            console.log(
                `${pad(size, 8)} ${pad(run.resources, 10)} ${pad(run.ms, 9)} ${pad((run.ms / run.resources).toFixed(2), 12)}  (${pad(t.evaluateMs, 8)} ${pad(t.analyzeMs, 8)} ${pad(t.analyzeStackMs, 13)})  ${pad(bareMs, 8)} ${pad((bareMs / run.resources).toFixed(2), 17)} ${pad((run.ms / bareMs).toFixed(2), 6)}`,
            );
        }
        if (rows.length >= 2) {
            const [first, last] = [rows[0], rows[rows.length - 1]];
            const extra = last.resources - first.resources;
            const marginal = (last.ms - first.ms) / extra;
            const bareMarginal = (last.bareMs - first.bareMs) / extra;
            console.log(
                `\nMarginal cost per added resource (${first.resources} -> ${last.resources}): check ${marginal.toFixed(2)} ms, bare registration ${bareMarginal.toFixed(2)} ms, ratio ${(marginal / bareMarginal).toFixed(2)}`,
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
