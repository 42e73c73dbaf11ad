// Call sites as the harness reads them (tools/harness/call-sites.ts): the SDK's for a named
// frame, and the frames its own parser loses (no function name, a file:// URL) as paths.
import * as assert from "assert";
import * as path from "path";
import { pathToFileURL } from "url";
import * as pulumi from "@pulumi/pulumi";
import { callSites, parseCallSite } from "../../../tools/harness/call-sites";

const FILE = path.resolve("/app/index.js");
const URL_OF_FILE = pathToFileURL(FILE).href;

describe("call sites", () => {
    it("read a named frame as the SDK's own pattern reads it", () => {
        const frame = `    at Object.<anonymous> (${FILE}:12:34)`;
        const sdk = (pulumi.Resource as unknown as { framePositionRegExp: RegExp }).framePositionRegExp.exec(
            frame,
        )!.groups!;
        assert.deepStrictEqual(parseCallSite(frame), {
            file: sdk.file,
            line: Number(sdk.line),
            column: Number(sdk.column),
        });
    });

    it("read a frame with no function name (an ES module's top level) and a file URL, as a path", () => {
        assert.deepStrictEqual(parseCallSite(`    at ${URL_OF_FILE}:3:12`), { file: FILE, line: 3, column: 12 });
        assert.deepStrictEqual(parseCallSite(`    at ${FILE}:3:12`), { file: FILE, line: 3, column: 12 });
        assert.deepStrictEqual(parseCallSite(`    at main (${URL_OF_FILE}:7:1)`), { file: FILE, line: 7, column: 1 });
    });

    it("give nothing for Node's own frames and frames without a position", () => {
        for (const frame of [
            "    at Module._compile (node:internal/modules/cjs/loader:1554:14)",
            "    at node:internal/main/run_main_module:28:49",
            "    at Array.forEach (<anonymous>)",
            "    at new Promise (<anonymous>)",
            "Error",
        ])
            assert.deepStrictEqual(parseCallSite(frame), {}, frame);
    });

    it("list the current stack innermost first, whatever the stack trace limit", () => {
        const saved = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            const [first] = callSites();
            assert.strictEqual(first.file, path.join(__dirname, "..", "..", "..", "tools", "harness", "call-sites.js"));
        } finally {
            Error.stackTraceLimit = saved;
        }
    });
});
