/**
 * The SDK's floor for the whole check, run by `npm run bench` as fresh processes:
 * `node dist/tools/check/bare-floor.js <file> [stack]` registers the resources one stack's program
 * registered (`<file>`: JSON written by the bench; without `stack`, every stack in it, one after
 * another) with @pulumi/pulumi under plain mocks (tools/harness/replay.ts), each class reached
 * through its package's entry point as a program imports it (`require("@pulumi/aws").ec2.Instance`),
 * then exits.
 *
 * The SDK runs one stack per process: its mocks, config and root stack resource are process-wide
 * and cannot be undone (`pulumi.runtime.setMocks`, `runInPulumiStack`), as under the language
 * host. So the SDK's own floor for checking N stacks is N such processes, start-up included; that
 * is what the whole check is measured against (issue #12's 2.2 s for its four stacks). Every stack
 * in one process is possible only by resetting the SDK's internals between stacks, as
 * tools/harness does; the bench shows that figure too, for reference.
 *
 * It runs with the check's own `Error.stackTraceLimit` (lower than Node's default, so the floor is
 * the faster for it) and whatever compile cache the environment names (the bench runs it both
 * without one and with the check's).
 */
import * as fs from "fs";
import type { RegisteredResource } from "../harness/evaluate";
import { publicSdkClassFor, registerBare } from "../harness/replay";
import { EVALUATION_STACK_TRACE_LIMIT } from "../harness/evaluation-settings";

/** One stack's registrations, as the bench writes them. */
export interface FloorStack {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    resources: RegisteredResource[];
}

async function main(): Promise<void> {
    const [file, only] = process.argv.slice(2);
    if (!file) throw new Error("usage: node bare-floor.js <stacks.json> [stack]");
    const stacks = (JSON.parse(fs.readFileSync(file, "utf8")) as FloorStack[]).filter((s) => !only || s.stack === only);
    if (stacks.length === 0) throw new Error(`bare-floor: ${file} has no stack ${only}`);
    Error.stackTraceLimit = EVALUATION_STACK_TRACE_LIMIT;
    let registered = 0;
    for (const s of stacks) {
        const run = await registerBare(s.resources, {
            project: s.project,
            stack: s.stack,
            config: s.config,
            secretKeys: s.secretKeys,
            // Through each package's entry point, as a program imports it.
            classFor: publicSdkClassFor,
        });
        if (run.registered !== s.resources.length)
            throw new Error(`bare-floor: ${s.stack} registered ${run.registered} of ${s.resources.length} resources`);
        registered += run.registered;
    }
    process.stdout.write(`${JSON.stringify({ registered })}\n`);
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
