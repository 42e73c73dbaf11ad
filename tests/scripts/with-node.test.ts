import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..", "..");
const LAUNCHER = path.join(ROOT, "scripts", "with-node.js");

/** Runs the launcher as npm scripts do, with the Node.js that runs the tests. */
function launch(args: string[], env: Record<string, string | undefined> = {}) {
    const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ...env },
    });
    return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe("scripts/with-node.js (the supported Node.js for every npm script)", () => {
    for (const major of ["22", "24"]) {
        it(`runs the command on Node.js ${major} when WEBTIER_NODE=${major}`, () => {
            const run = launch(["node", "-p", "process.versions.node"], { WEBTIER_NODE: major });
            assert.strictEqual(run.status, 0, run.stderr);
            assert.strictEqual(run.stdout.split(".")[0], major);
        });
    }

    it("runs on the machine's own Node.js when it is 22 or later, else on a registry one, when nothing is asked for", () => {
        const run = launch(["node", "-p", "process.execPath + ' ' + process.versions.node"], {
            WEBTIER_NODE: undefined,
        });
        assert.strictEqual(run.status, 0, run.stderr);
        const [execPath, version] = run.stdout.split(" ");
        assert.ok(Number(version.split(".")[0]) >= 22, run.stdout);
        // The tests themselves run on the machine's Node.js unless that one is too old.
        const own = !process.execPath.startsWith(path.join(ROOT, "node_modules") + path.sep);
        if (own) assert.strictEqual(execPath, process.execPath);
        else assert.ok(execPath.startsWith(path.join(ROOT, "node_modules", "node-")), execPath);
    });

    it("refuses a Node.js major the project does not support, naming the variable", () => {
        const run = launch(["node", "--version"], { WEBTIER_NODE: "20" });
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /WEBTIER_NODE=20 is not a supported Node\.js major \(use one of 24, 22\)/);
    });

    it("keeps each appended argument whole (npm run x -- 'a b' \"it's\")", () => {
        const run = launch(["node", "-p", "JSON.stringify(process.argv.slice(1))", "a b", "it's", "$HOME"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), ["a b", "it's", "$HOME"]);
    });

    it("gives the command Node's compile cache under node_modules/.cache, unless one is named", () => {
        const probe = ["node -e 'process.stdout.write(String(require(\"module\").getCompileCacheDir?.()))'"];
        // Node keeps one folder per version inside the one named, and reports that folder.
        const given = launch(probe, { NODE_COMPILE_CACHE: undefined });
        assert.ok(
            given.stdout.startsWith(path.join(ROOT, "node_modules", ".cache", "node-compile-cache") + path.sep),
            given.stdout,
        );
        const named = path.join(ROOT, "node_modules", ".cache", "another-compile-cache");
        const other = launch(probe, { NODE_COMPILE_CACHE: named });
        assert.ok(other.stdout.startsWith(named + path.sep), other.stdout);
        fs.rmSync(named, { recursive: true, force: true });
    });

    it("passes the command's exit code through", () => {
        const run = launch(["node -e 'process.exit(7)'"]);
        assert.strictEqual(run.status, 7);
    });
});
