// Custom timeouts as the engine reads them: Go's time.ParseDuration (source_eval.go
// generateTimeoutInSeconds).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { goDurationSeconds } from "../../../tools/harness/go-duration";
import { durationSeconds } from "../../../tools/check/requests";

class Thing extends pulumi.CustomResource {
    constructor(name: string, opts: pulumi.CustomResourceOptions) {
        super("fixture:index:Thing", name, {}, opts);
    }
}

describe("custom timeouts as Go durations", () => {
    it("reads what Go's ParseDuration reads, and nothing else", () => {
        const parsed: [string, number][] = [
            ["10m", 600],
            ["1h30m", 5400],
            ["1.5h", 5400],
            [".5h", 1800],
            ["5.m", 300],
            ["-5m", -300],
            ["+90s", 90],
            ["0", 0],
            ["1h2m3.5s", 3723.5],
            ["250ms", 0.25],
            ["3µs", 3e-6],
        ];
        for (const [text, seconds] of parsed) assert.strictEqual(goDurationSeconds(text), seconds, text);
        for (const text of ["90", "1d", "", "-", ".h", "1h 30m", "h", "1.5", "10 m", "1H"])
            assert.strictEqual(goDurationSeconds(text), undefined, text);
        assert.strictEqual(durationSeconds(".5h"), 1800, "what the pack's options carry");
        assert.strictEqual(durationSeconds(undefined), 0);
    });

    it("registers timeouts that parse (one that does not fails the program: program-failures.test.ts)", async () => {
        const program = (update: string) => () => {
            new Thing("a", { customTimeouts: { create: "1.5h", update } });
        };
        const done = await evaluate({ program: program("90m") });
        const timeouts = done.resources.find((r) => r.name === "a")?.customTimeouts;
        assert.strictEqual(timeouts?.create, "1.5h");
        assert.strictEqual(timeouts?.update, "90m");
    });
});
