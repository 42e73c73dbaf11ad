// The harness evaluates a program as the check does (tools/harness/evaluation-settings.ts): no stack
// frames captured while it runs, unless asked for, and the caller's limit as it was afterwards;
// where each resource was declared is recorded all the same.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { EVALUATION_STACK_TRACE_LIMIT } from "../../../tools/harness/evaluation-settings";

class Thing extends pulumi.CustomResource {
    constructor(name: string, args: { value: number }) {
        super("test:index:Thing", name, args);
    }
}

/** A program that notes the limit at its start and after an await, and what an error it makes carries. */
function noting(seen: { limits: number[]; frames: number[] }) {
    return async () => {
        seen.limits.push(Error.stackTraceLimit);
        new Thing("first", { value: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.limits.push(Error.stackTraceLimit);
        seen.frames.push((new Error("probe").stack ?? "").split("\n").length - 1);
        new Thing("second", { value: 2 });
    };
}

describe("the harness's stack trace limit while a program runs", () => {
    const caller = 7;
    let saved: number;
    beforeEach(() => {
        saved = Error.stackTraceLimit;
        Error.stackTraceLimit = caller;
    });
    afterEach(() => (Error.stackTraceLimit = saved));

    it("is the check's by default, the caller's again afterwards, and every resource still knows its line", async () => {
        const seen = { limits: [] as number[], frames: [] as number[] };
        const evaluation = await evaluate({ program: noting(seen) });
        assert.strictEqual(EVALUATION_STACK_TRACE_LIMIT, 0);
        assert.deepStrictEqual(seen.limits, [0, 0]);
        assert.deepStrictEqual(seen.frames, [0], "an error made in the program carries no frame");
        assert.strictEqual(Error.stackTraceLimit, caller);
        const things = evaluation.resources.filter((r) => r.type === "test:index:Thing");
        assert.deepStrictEqual(
            things.map((r) => r.name),
            ["first", "second"],
        );
        for (const resource of things) {
            const here = resource.stackTrace?.find((frame) => frame.uri.endsWith("evaluation-settings.test.js"));
            assert.ok(here && here.line > 0, `${resource.name} was located at its declaration`);
        }
    });

    it("is what the caller asks for, restored even when the program fails", async () => {
        const seen = { limits: [] as number[], frames: [] as number[] };
        await evaluate({ program: noting(seen), stackTraceLimit: 3 });
        assert.deepStrictEqual(seen.limits, [3, 3]);
        assert.deepStrictEqual(seen.frames, [3]);
        await assert.rejects(
            evaluate({
                program: () => {
                    throw new Error("the program's own failure");
                },
            }),
            /the program's own failure/,
        );
        assert.strictEqual(Error.stackTraceLimit, caller);
    });
});
