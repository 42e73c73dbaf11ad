// How the check formats stack traces while it evaluates a program (tools/check/source-maps.ts).
import * as assert from "assert";
import { withSourceMappedTraces } from "../../../tools/check/source-maps";

describe("stack traces while a program evaluates", () => {
    it("print each frame as its call site prints itself where none is mapped, whichever formatter a library set", async () => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was
        const saved = Error.prepareStackTrace;
        const library = () => "a library's formatter";
        Error.prepareStackTrace = library;
        try {
            for (const which of ["ts-node", "all"] as const) {
                // Two errors made at one position: the same frames.
                const [ours, raw] = [0, 1].map(() => new Error("boom"));
                const inside = await withSourceMappedTraces(async () => {
                    const stack = ours.stack;
                    // The same frames as call sites, printed at the same moment (a frame's method
                    // name is looked up on its receiver when it prints).
                    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back at once
                    const formatter = Error.prepareStackTrace;
                    Error.prepareStackTrace = (_error, sites) => sites;
                    const sites = raw.stack as unknown as NodeJS.CallSite[];
                    Error.prepareStackTrace = formatter;
                    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- V8's CallSite prints itself as a stack frame
                    const expected = ["Error: boom", ...sites.map((site) => `    at ${site.toString()}`)].join("\n");
                    const limit = Error.stackTraceLimit;
                    Error.stackTraceLimit = 0;
                    const frameless = new Error("no frames");
                    Error.stackTraceLimit = limit;
                    return { stack, expected, frames: sites.length, frameless: frameless.stack };
                }, which);
                // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, not called
                assert.strictEqual(Error.prepareStackTrace, library, "the library's formatter is back");
                assert.ok(inside.frames > 2);
                assert.strictEqual(inside.stack, inside.expected, which);
                assert.strictEqual(inside.frameless, "Error: no frames");
            }
        } finally {
            Error.prepareStackTrace = saved;
        }
    });
});
