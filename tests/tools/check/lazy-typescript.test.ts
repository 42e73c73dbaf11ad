// Pack processes load TypeScript only when something uses it (tools/check/lazy-typescript.ts).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { DIST_ROOT, REPO_ROOT } from "./paths";

const HOOK = path.join(DIST_ROOT, "tools", "check", "lazy-typescript.js");

/** Runs `script` in a fresh Node.js process from the repository, with or without the hook; its JSON output. */
function run(script: string, hooked: boolean): any {
    const result = spawnSync(process.execPath, [...(hooked ? ["-r", HOOK] : []), "-e", script], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    assert.strictEqual(result.status, 0, result.stderr);
    return JSON.parse(result.stdout);
}

const LOADED = `Object.keys(require.cache).some((f) => f.endsWith(require("path").join("typescript", "lib", "typescript.js")))`;

describe("TypeScript in a pack process", () => {
    it("is not loaded with @pulumi/policy and @pulumi/pulumi, as it is without the hook", () => {
        const script = `require("@pulumi/policy"); process.stdout.write(JSON.stringify(${LOADED}));`;
        assert.strictEqual(run(script, false), true, "without the hook, loading the policy SDK loads TypeScript");
        assert.strictEqual(run(script, true), false);
    });

    it("is the real compiler once something uses it through the SDK's shim", () => {
        const script = `
            require("@pulumi/pulumi");
            const shim = require("@pulumi/pulumi/typescript-shim");
            const before = ${LOADED};
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

    it("still serializes a closure, which parses the function with TypeScript", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const greeting = "hello";
            pulumi.runtime.serializeFunction(() => greeting).then((f) => process.stdout.write(JSON.stringify(f.text.includes('"hello"'))));`;
        assert.strictEqual(run(script, true), true);
    });
});
