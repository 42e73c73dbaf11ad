// What @pulumi/pulumi loads and a pack or the check does not use loads on first use
// (tools/check/lazy-modules.ts).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { DEFERRED } from "../../../tools/check/lazy-modules";
import { DIST_ROOT, REPO_ROOT } from "./paths";

const HOOK = path.join(DIST_ROOT, "tools", "check", "lazy-modules.js");

/** Runs `script` in a fresh Node.js process from the repository, with or without the hook; its JSON output. */
function run(script: string, hooked: boolean): any {
    const result = spawnSync(process.execPath, [...(hooked ? ["-r", HOOK] : []), "-e", script], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    assert.strictEqual(result.status, 0, result.stderr);
    return JSON.parse(result.stdout);
}

/** An expression: which of the deferred modules' files the process has loaded. */
const LOADED = `(() => {
    const p = require("path");
    const files = Object.keys(require.cache);
    const has = (...parts) => files.some((f) => f.endsWith(p.join(...parts)));
    return {
        typescript: has("typescript", "lib", "typescript.js"),
        automation: has("@pulumi", "pulumi", "automation", "index.js"),
        normalize: has("normalize-package-data", "lib", "normalize.js"),
        telemetry: has("@opentelemetry", "api", "build", "src", "index.js"),
    };
})()`;

describe("modules @pulumi/pulumi loads on first use", () => {
    it("are not loaded with @pulumi/policy and @pulumi/pulumi, as they are without the hook", () => {
        const script = `require("@pulumi/policy"); process.stdout.write(JSON.stringify(${LOADED}));`;
        assert.deepStrictEqual(
            run(script, false),
            { typescript: true, automation: true, normalize: true, telemetry: true },
            "without the hook, loading the policy SDK loads every one",
        );
        assert.deepStrictEqual(run(script, true), {
            typescript: false,
            automation: false,
            normalize: false,
            telemetry: false,
        });
    });

    it("answer the __esModule marker as the installed modules do, without loading them", () => {
        for (const deferred of DEFERRED) {
            const parent = require.resolve(path.join("@pulumi", "pulumi", ...deferred.from.split(path.sep).slice(3)));
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const real = require(require.resolve(deferred.request, { paths: [path.dirname(parent)] }));
            assert.strictEqual(Boolean(real.__esModule), deferred.esModule, deferred.request);
            assert.strictEqual(typeof real, deferred.shape, deferred.request);
        }
    });

    it("are the real TypeScript compiler once something uses it through the SDK's shim", () => {
        const script = `
            require("@pulumi/pulumi");
            const shim = require("@pulumi/pulumi/typescript-shim");
            const before = ${LOADED}.typescript;
            const ts = require("typescript");
            const file = shim.createSourceFile("f.ts", "const a = 1;", shim.ScriptTarget.Latest);
            process.stdout.write(JSON.stringify({
                before,
                version: shim.version === ts.version,
                kind: shim.SyntaxKind.Identifier === ts.SyntaxKind.Identifier,
                parsed: file.statements.length,
                keys: Object.keys(shim).length === Object.keys(ts).length,
                has: "transpileModule" in shim,
            }));`;
        assert.deepStrictEqual(run(script, true), {
            before: false,
            version: true,
            kind: true,
            parsed: 1,
            keys: true,
            has: true,
        });
    });

    it("are the real Automation API once a program uses pulumi.automation", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const before = ${LOADED}.automation;
            const real = require("@pulumi/pulumi/automation");
            const automation = pulumi.automation;
            let thrown;
            try { throw new real.CommandError({ stdout: "", stderr: "", code: 1 }); } catch (e) { thrown = e; }
            automation.marker = 42;
            process.stdout.write(JSON.stringify({
                before,
                same: automation.LocalWorkspace === real.LocalWorkspace,
                instance: thrown instanceof automation.CommandError,
                keys: JSON.stringify(Object.keys(automation)) === JSON.stringify(Object.keys(real)),
                written: real.marker,
                has: "LocalWorkspace" in automation,
                spread: Object.keys({ ...automation }).length === Object.keys(real).length,
            }));`;
        assert.deepStrictEqual(run(script, true), {
            before: false,
            same: true,
            instance: true,
            keys: true,
            written: 42,
            has: true,
            spread: true,
        });
    });

    it("are npm's package.json normalizer, called as the SDK's code paths call it", () => {
        // What codePaths.js gets for its require, asked for as it asks.
        const script = `
            const Module = require("module");
            const filename = require.resolve("@pulumi/pulumi/runtime/closure/codePaths.js");
            const parent = { filename, paths: Module._nodeModulePaths(require("path").dirname(filename)) };
            const normalize = Module._load("normalize-package-data", parent, false);
            const before = ${LOADED}.normalize;
            const data = { name: "x", version: "1.0.0", license: "mit", repository: "github:a/b" };
            normalize(data);
            process.stdout.write(JSON.stringify({ before, typeOf: typeof normalize, data }));`;
        const without = run(script, false);
        assert.deepStrictEqual(run(script, true), { ...without, before: false });
        assert.strictEqual(without.typeOf, "function");
        assert.strictEqual(without.data._id, "x@1.0.0", "the normalizer ran");
    });

    it("still serializes a closure, which parses the function with TypeScript", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const greeting = "hello";
            pulumi.runtime.serializeFunction(() => greeting).then((f) => process.stdout.write(JSON.stringify(f.text.includes('"hello"'))));`;
        assert.strictEqual(run(script, true), true);
    });
});
