// How the check formats stack traces while it evaluates a program (tools/check/source-maps.ts).
import * as assert from "assert";
import * as vm from "vm";
import { recordCompiledSource, withSourceMappedTraces } from "../../../tools/check/source-maps";

/**
 * A function compiled from `file` whose every position maps to line 10 of its source, and the
 * code that declares it (with the map inline, as the check's compilers write it).
 */
function compiledWithMap(file: string): { code: string; make: () => Error } {
    // One segment at column 0 of line 1: source 0, line 9 (0-based), column 0.
    const map = { version: 3, sources: ["original.ts"], names: [], mappings: "AASA" };
    const code = `(function () { return new Error("mapped"); })\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
    return { code, make: vm.runInThisContext(code, { filename: file }) as () => Error };
}

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

    it("maps a file's frames from the moment it is compiled, also when that is while the program runs", async () => {
        const file = "/virtual/compiled-mid-run.js";
        const { code, make } = compiledWithMap(file);
        // Another file mapped already, so the check's formatter reads this file's frames before it is compiled too.
        recordCompiledSource("/virtual/compiled-before.js", compiledWithMap("/virtual/compiled-before.js").code);
        const [before, after] = await withSourceMappedTraces(async () => {
            const unmapped = make().stack ?? "";
            recordCompiledSource(file, code);
            return [unmapped, make().stack ?? ""];
        }, "all");
        assert.match(before, /compiled-mid-run\.js:1:\d+/);
        assert.match(after, /compiled-mid-run\.js:10:\d+/);
    });

    it("leaves a formatter a library installs while the program runs in place", async () => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was
        const saved = Error.prepareStackTrace;
        const library = () => "a library's formatter";
        try {
            const stack = await withSourceMappedTraces(async () => {
                Error.prepareStackTrace = library;
                // A file compiled after it: the library's formatter still formats.
                recordCompiledSource("/virtual/compiled-after-library.js", compiledWithMap("/virtual/x.js").code);
                return new Error("x").stack;
            }, "all");
            assert.strictEqual(stack, "a library's formatter");
        } finally {
            Error.prepareStackTrace = saved;
        }
    });
});
