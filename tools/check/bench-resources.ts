/**
 * `node dist/tools/check/bench-resources.js <file> <stack>...`: evaluates each stack's program as
 * the check does (no policies) and writes what it registered to `<file>`, for the bench's floor
 * process (bare-floor.ts). Prints `{"resources": N}`.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate, RegisteredResource } from "../harness/evaluate";
import type { FloorStack } from "./bare-floor";
import { EVALUATION_STACK_TRACE_LIMIT } from "../harness/evaluation-settings";
import { webtierProgram } from "./program";
import { readProjectFile, readStackFile, stackFilePath } from "./stack-config";

const DIST_ROOT = path.resolve(__dirname, "..", "..");

/** What the floor needs of a registration, in JSON (inputs as the program set them, outputs on the wire). */
function portable(resource: RegisteredResource): RegisteredResource {
    return JSON.parse(JSON.stringify(resource)) as RegisteredResource;
}

async function main(): Promise<void> {
    const [file, ...names] = process.argv.slice(2);
    if (!file || names.length === 0) throw new Error("usage: node bench-resources.js <file> <stack>...");
    const project = readProjectFile(process.cwd());
    // The project's main, loaded as the check loads it, so the floor registers what the check evaluates.
    const program = webtierProgram(DIST_ROOT, project.main ? path.relative(project.dir, project.main) : undefined);
    const stacks: FloorStack[] = [];
    console.warn = () => undefined;
    Error.stackTraceLimit = EVALUATION_STACK_TRACE_LIMIT;
    for (const name of names) {
        const stack = readStackFile(stackFilePath(project.stackConfigDir, name)!, {
            project: project.name,
            requiredSecrets: ["appKey"],
        });
        const evaluation = await evaluate({
            program: program.run,
            config: stack.config,
            secretKeys: stack.secretKeys,
            project: project.name,
            stack: stack.name,
        });
        stacks.push({
            project: project.name,
            stack: name,
            config: stack.config,
            secretKeys: stack.secretKeys,
            resources: evaluation.resources.map(portable),
        });
    }
    fs.writeFileSync(file, JSON.stringify(stacks));
    process.stdout.write(`${JSON.stringify({ resources: stacks.reduce((n, s) => n + s.resources.length, 0) })}\n`);
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
