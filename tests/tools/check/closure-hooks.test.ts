import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
// What a program loads: the whole SDK, its dynamic providers and serializer included.
import "@pulumi/pulumi";
import inspector from "inspector";
import * as path from "path";
import { pathToFileURL } from "url";
import { installScriptReplay, loadedBeforeHostHooks } from "../../../tools/check/closure-hooks";

const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const url = (...parts: string[]) => pathToFileURL(path.join(SDK, ...parts)).href;

describe("the closure serializer's script map, as under the language host", () => {
    before(() => installScriptReplay());

    it("leaves out what cmd/run loads before it opens its session, and only that", () => {
        const first = loadedBeforeHostHooks();
        for (const file of [["log", "index.js"], ["runtime", "settings.js"], ["output.js"], ["runtime", "resource.js"]])
            assert.ok(first.has(url(...file)), `${file.join("/")} loads before cmd/run's hooks`);
        for (const file of [["dynamic", "index.js"], ["runtime", "closure", "createClosure.js"], ["index.js"]])
            assert.ok(!first.has(url(...file)), `${file.join("/")} loads after cmd/run's hooks`);
        assert.ok(!first.has(pathToFileURL(__filename).href));
    });

    it("tells a listener attached after Debugger.enable about the scripts loaded before it, as the host's session would know them", () => {
        const session = new inspector.Session();
        session.connect();
        try {
            // As the SDK's v8Hooks does: enable, then listen.
            session.post("Debugger.enable");
            const heard: string[] = [];
            session.addListener("Debugger.scriptParsed", (event: { params: { url: string } }) =>
                heard.push(event.params.url),
            );
            assert.ok(heard.includes(pathToFileURL(__filename).href), "this test's own module");
            assert.ok(heard.includes(url("dynamic", "index.js")), "the SDK's dynamic providers");
            assert.ok(!heard.includes(url("runtime", "settings.js")), "not what cmd/run loads first");
            // A second listener, after a second enable, hears the same.
            const again: string[] = [];
            session.post("Debugger.enable");
            session.on("Debugger.scriptParsed", (event: { params: { url: string } }) => again.push(event.params.url));
            assert.deepStrictEqual(again.length, heard.length);
        } finally {
            session.disconnect();
        }
    });
});

/**
 * A process that serializes a dynamic provider's closure, then one the serializer refuses (it
 * captures a native function), with the hooks as the check installs them or without any. It
 * reports how many times a debugger was really enabled, where the serializer's map says the
 * provider's function is, the serialized text and the error.
 */
const SCRIPT = `
const [hooksModule, sdk, mode] = process.argv.slice(2);
const inspector = require("inspector");
let enables = 0;
const post = inspector.Session.prototype.post;
inspector.Session.prototype.post = function (method, ...rest) {
    if (method === "Debugger.enable") enables++;
    return post.call(this, method, ...rest);
};
// As under ts-node: frames formatted through the SDK's source maps, which name its TypeScript.
if (mode === "mapped") require(require.resolve("source-map-support", { paths: [sdk] })).install();
const hooks = require(hooksModule);
if (mode !== "plain") hooks.installScriptReplay();
const pulumi = require(sdk);
const v8 = require(require("path").join(sdk, "runtime", "closure", "v8.js"));
const table = new Map([["a", 1]]);
const provider = { async create(inputs) { return { id: String(table.get("a")), outs: inputs }; } };
const native = require("fs").readFileSync;
(async () => {
    const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
    const serialized = { enables, file: (await v8.getFunctionLocationAsync(provider.create)).file };
    if (mode === "failed") hooks.enableDeferredScriptMaps();
    let error = "";
    try {
        await pulumi.runtime.serializeFunction(() => native, { allowSecrets: true });
    } catch (err) {
        error = err.message;
    }
    const failed = { enables, file: (await v8.getFunctionLocationAsync(provider.create)).file };
    process.stdout.write(JSON.stringify({ text, serialized, failed, error }));
})();
`;

describe("the closure serializer's debugger, enabled only when an error needs it", function () {
    this.timeout(60_000);
    let dir: string;
    let script: string;
    const HOOKS = path.join(__dirname, "..", "..", "..", "tools", "check", "closure-hooks.js");
    const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-closure-hooks-"));
        script = path.join(dir, "serializes.js");
        fs.writeFileSync(script, SCRIPT);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    type Run = {
        text: string;
        serialized: { enables: number; file: string };
        failed: { enables: number; file: string };
        error: string;
    };
    const run = (mode: "plain" | "deferred" | "mapped" | "failed"): Run => {
        const child = spawnSync(process.execPath, [script, HOOKS, SDK, mode], {
            encoding: "utf8",
            env: { ...process.env, NODE_OPTIONS: "" },
        });
        assert.strictEqual(child.status, 0, child.stderr);
        return JSON.parse(child.stdout) as Run;
    };

    it("serializes as the SDK alone does, without enabling the debugger, and names files once the check enables it", () => {
        const plain = run("plain");
        const deferred = run("deferred");
        const failed = run("failed");
        const here = pathToFileURL(script).href;
        // The SDK alone enables its debugger on its first serialization and maps every later script.
        assert.strictEqual(plain.serialized.enables, 1);
        assert.match(plain.text, /table\.get\("a"\)/);
        // Deferred: the same text, no debugger, no file for any function.
        assert.strictEqual(deferred.text, plain.text);
        assert.deepStrictEqual(deferred.serialized, { enables: 0, file: "" });
        assert.deepStrictEqual(deferred.failed, { enables: 0, file: "" });
        assert.match(deferred.error, /^Error serializing '\(\) => native'\n/);
        // The same when stack traces are formatted through source maps.
        const mapped = run("mapped");
        assert.strictEqual(mapped.text, plain.text);
        assert.deepStrictEqual(mapped.serialized, { enables: 0, file: "" });
        // Enabled before the failing serialization, as the check does before it evaluates a failed
        // stack again: the map knows the scripts loaded before, and the error names their positions.
        assert.strictEqual(failed.text, plain.text);
        assert.deepStrictEqual(failed.serialized, { enables: 0, file: "" });
        assert.deepStrictEqual(failed.failed, { enables: 1, file: here });
        assert.match(failed.error, /^Error serializing '\(\) => native': serializes\.js\(\d+,\d+\)\n/);
        // The same message, positions aside (Node's own modules' included).
        assert.strictEqual(failed.error.replace(/: [\w.:/-]+\(\d+,\d+\)/g, ""), deferred.error);
    });
});
