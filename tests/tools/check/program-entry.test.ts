// The entry point `pulumi up` runs, resolved as the language host (cmd/run/run.ts) resolves it.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resolveProgramEntry } from "../../../tools/check/program-entry";

const INDEX_BOTH_WARNING =
    "Found a TypeScript project containing an index.js file and no explicit entrypoint in Pulumi.yaml - Pulumi will use index.js";

describe("the program's entry point, as the language host resolves it", () => {
    let root: string;
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-entry-"))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    /** Writes files (path → text; objects are written as JSON) under the test's folder. */
    function tree(files: Record<string, string | object>): void {
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
            fs.writeFileSync(path.join(root, file), typeof text === "string" ? text : JSON.stringify(text));
        }
    }
    const at = (file: string) => path.join(root, file);
    const entry = (program = root, main?: string) => {
        const { file, esm, warnings } = resolveProgramEntry(program, main);
        return { file: path.relative(root, file), esm, warnings };
    };

    it("takes package.json `exports` before `main`, and `.` as default, then require, then import", () => {
        tree({ "package.json": { main: "main.js", exports: "./exported.js" }, "main.js": "", "exported.js": "" });
        assert.strictEqual(entry().file, "exported.js");
        tree({ "package.json": { main: "main.js", exports: { ".": { import: "./esm.js", require: "./cjs.js" } } } });
        tree({ "esm.js": "", "cjs.js": "" });
        assert.strictEqual(entry().file, "cjs.js");
        tree({
            "package.json": { exports: { ".": { import: "./esm.js", require: "./cjs.js", default: "./main.js" } } },
        });
        assert.strictEqual(entry().file, "main.js");
        tree({ "package.json": { main: "main.js" } });
        assert.strictEqual(entry().file, "main.js");
    });

    it("warns and goes on with the folder when the declared entry does not exist", () => {
        tree({ "package.json": { main: "dist/index.js" }, "index.js": "" });
        assert.deepStrictEqual(entry(), {
            file: "index.js",
            esm: false,
            warnings: [`Could not find entry point 'dist/index.js' specified in package.json; using '${root}' instead`],
        });
    });

    it("requires a CommonJS folder as Node does, with .ts after Node's own extensions", () => {
        tree({ "package.json": {}, "index.ts": "" });
        assert.deepStrictEqual(entry(), { file: "index.ts", esm: false, warnings: [] });
        // Under `runtime.options.typescript: false` the host registers no .ts: Node finds no entry.
        assert.throws(() => resolveProgramEntry(root, undefined, false), /Cannot find module/);
        tree({ "index.js": "" });
        assert.deepStrictEqual(entry(), { file: "index.js", esm: false, warnings: [INDEX_BOTH_WARNING] });
        // A `main` without extension, and one naming a folder.
        tree({ "package.json": { main: "lib/app" }, "lib/app.js": "" });
        assert.strictEqual(entry().file, path.join("lib", "app.js"));
        fs.rmSync(at("lib/app.js"));
        tree({ "package.json": { main: "./lib/app" }, "lib/app/index.js": "" });
        assert.strictEqual(entry().file, path.join("lib", "app", "index.js"));
    });

    it("imports a module package's folder through index.js, index.mjs, index.ts, index.mts in that order", () => {
        tree({ "package.json": { type: "module" }, "index.mts": "", "index.ts": "" });
        assert.deepStrictEqual(entry(), { file: "index.ts", esm: true, warnings: [] });
        tree({ "index.mjs": "" });
        assert.strictEqual(entry().file, "index.mjs");
        fs.rmSync(at("index.mjs"));
        fs.rmSync(at("index.ts"));
        fs.rmSync(at("index.mts"));
        assert.throws(() => entry(), new RegExp(`No entrypoint found in ${fs.realpathSync(root)}`));
    });

    it("reads the package root above the program folder, joining its entry to that root", () => {
        tree({
            "package.json": { type: "module", main: "myprogram/main.js" },
            "myprogram/Pulumi.yaml": "name: p\nruntime: nodejs\n",
            "myprogram/main.js": "",
            "myprogram/index.js": "",
        });
        assert.deepStrictEqual(entry(at("myprogram")), {
            file: path.join("myprogram", "main.js"),
            esm: true,
            warnings: [],
        });
        // Without a main, the program folder's own index.
        tree({ "package.json": { type: "module" } });
        assert.strictEqual(entry(at("myprogram")).file, path.join("myprogram", "index.js"));
    });

    it("uses Pulumi.yaml's main as given, without package.json's entry", () => {
        tree({ "package.json": { main: "other.js" }, "other.js": "", "src/index.js": "", "app.js": "" });
        assert.strictEqual(entry(root, at("src")).file, path.join("src", "index.js"));
        assert.strictEqual(entry(root, at("app")).file, "app.js");
    });
});
