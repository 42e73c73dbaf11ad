/**
 * The SDK's floor for the whole check, run by `npm run bench` as a fresh process:
 * `node dist/tools/check/bare-floor.js <file>` registers, stack after stack, the resources every
 * stack's program registered (`<file>`: JSON written by the bench) with @pulumi/pulumi under plain
 * mocks (tools/harness/replay.ts), each class reached through its package's entry point as a program
 * imports it (`require("@pulumi/aws").ec2.Instance`), then exits. Its wall time, start-up included, is what a
 * mock-based check of these stacks cannot go below in one Node.js process without doing any work
 * of its own; the whole check is measured against it in the same bench run.
 *
 * It runs with the check's own `Error.stackTraceLimit` (lower than Node's default, so the floor is
 * the faster for it) and whatever compile cache the environment names (the bench runs it both
 * without one and with the check's).
 */
import * as fs from "fs";
import type { RegisteredResource } from "../harness/evaluate";
import { publicSdkClassFor, registerBare } from "../harness/replay";
import { EVALUATION_STACK_TRACE_LIMIT } from "./evaluation-settings";

/** One stack's registrations, as the bench writes them. */
export interface FloorStack {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    resources: RegisteredResource[];
}

async function main(): Promise<void> {
    const file = process.argv[2];
    if (!file) throw new Error("usage: node bare-floor.js <stacks.json>");
    const stacks = JSON.parse(fs.readFileSync(file, "utf8")) as FloorStack[];
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
