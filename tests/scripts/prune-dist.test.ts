import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "prune-dist.js");

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
        .sort();
}

describe("scripts/prune-dist.js (what an incremental build leaves behind)", () => {
    let dist: string;
    beforeEach(() => {
        dist = fs.mkdtempSync(path.join(os.tmpdir(), "prune-dist-"));
    });
    afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

    function write(relative: string): void {
        fs.mkdirSync(path.dirname(path.join(dist, relative)), { recursive: true });
        fs.writeFileSync(path.join(dist, relative), "");
    }

    it("removes what was built from a source that is gone, and keeps the rest", () => {
        const kept = [
            ".tsbuildinfo",
            "infra/outputs/webtier-outputs.schema.json",
            "notes.txt",
            "tests/scripts/prune-dist.test.js",
            "tests/scripts/prune-dist.test.js.map",
            "tools/check/run.js",
            "tools/check/run.js.map",
        ];
        const gone = [
            "tests/gone/renamed.test.js",
            "tests/gone/renamed.test.js.map",
            "tools/check/deleted.js",
            "tools/check/deleted.js.map",
            "infra/outputs/old.schema.json",
        ];
        for (const file of [...kept, ...gone]) write(file);
        const run = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8", env: { ...process.env, DIST: dist } });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(files(dist), [...kept].sort());
        assert.ok(!fs.existsSync(path.join(dist, "tests", "gone")), "a folder left empty goes too");
    });
});
