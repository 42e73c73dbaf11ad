import * as assert from "assert";
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
