// A program loaded afresh for each stack leaves nothing of the previous load reachable through
// Node's module records (tools/check/forget-modules.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as v8 from "v8";
import * as vm from "vm";
import { forgetModules } from "../../../tools/check/forget-modules";
import { programFromFile } from "../../../tools/check/program";

/** Every record of `file`'s module in a cached module's `children`. */
function childRecords(file: string): NodeJS.Module[] {
    return Object.values(require.cache).flatMap((m) => (m?.children ?? []).filter((child) => child.filename === file));
}

/** A full collection (mocha runs without --expose-gc). */
function collect(): void {
    v8.setFlagsFromString("--expose-gc");
    (vm.runInNewContext("gc") as () => void)();
}

describe("forgetting a program's modules between stacks", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-forget-"));
        // A main module that requires a helper of its own, both loaded afresh for each stack.
        fs.writeFileSync(path.join(dir, "helper.js"), "exports.big = new Array(1000).fill('x');\n");
        fs.writeFileSync(
            path.join(dir, "index.js"),
            "const helper = require('./helper');\nmodule.exports = () => ({ size: helper.big.length, at: Date.now() });\n",
        );
    });
    afterEach(() => {
        forgetModules([path.join(dir, "index.js"), path.join(dir, "helper.js")]);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("drops a module from require.cache and from the children of every cached module", () => {
        const main = path.join(dir, "index.js");
        const helper = path.join(dir, "helper.js");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(main);
        assert.strictEqual(childRecords(main).length, 1, "this spec's module lists it once");
        assert.strictEqual(childRecords(helper).length, 1, "the main module lists its helper");
        forgetModules([main, helper]);
        assert.strictEqual(require.cache[main], undefined);
        assert.strictEqual(require.cache[helper], undefined);
        assert.deepStrictEqual(childRecords(main), []);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(main);
        assert.strictEqual(childRecords(main).length, 1, "loaded again: one record, the new module");
        assert.strictEqual(childRecords(main)[0], require.cache[main]);
    });

    it("keeps no earlier load of a program alive once it has run again", async () => {
        const loaded = programFromFile(path.join(dir, "index.js"));
        let first: WeakRef<object> | undefined;
        for (let run = 0; run < 3; run++) {
            const outputs = (await loaded.run()) as { size: number };
            assert.strictEqual(outputs.size, 1000);
            if (run === 0) first = new WeakRef(require.cache[path.join(dir, "helper.js")]!.exports);
        }
        assert.strictEqual(childRecords(path.join(dir, "index.js")).length, 1);
        assert.strictEqual(childRecords(path.join(dir, "helper.js")).length, 1);
        // A WeakRef holds its target until the job that made it ends.
        await new Promise((resolve) => setImmediate(resolve));
        collect();
        assert.strictEqual(first!.deref(), undefined, "the first run's helper module was collected");
    });
});
