// The pull-request workflow as GitHub would run it: pinned actions, a check step whose options the
// check accepts, its SARIF file the one uploaded, and only npm scripts that exist.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { parseArgs } from "../../../tools/check/args";
import { checkCacheDir } from "../../../tools/check/transpile-on-require";
import { REPO_ROOT } from "./paths";

const FILE = path.join(REPO_ROOT, ".github", "workflows", "pull-request.yml");
const text = fs.readFileSync(FILE, "utf8");
const workflow = yaml.load(text) as any;
const steps = (job: string): any[] => workflow.jobs[job].steps;

/** Splits a shell line into words, honouring double quotes (enough for the workflow's commands). */
function words(line: string): string[] {
    return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

describe("the pull-request workflow", () => {
    it("pins every action by full commit, with its release in a comment", () => {
        const uses = text.split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
        assert.ok(uses.length >= 4);
        for (const line of uses) {
            assert.match(line, /uses: [\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/, line.trim());
        }
        const sarif = uses.find((l) => l.includes("github/codeql-action/upload-sarif@"));
        assert.ok(sarif, "SARIF is uploaded to code scanning");
        assert.ok(Number(/# v(\d+)\./.exec(sarif)![1]) >= 4, "upload-sarif v3 is deprecated");
        // The SARIF tests validate against the schema of the upload-sarif release pinned here.
        const pinned = /# (v\d+\.\d+\.\d+)/.exec(sarif)![1];
        const schemaReadme = fs.readFileSync(path.join(REPO_ROOT, "tests", "fixtures", "sarif", "README.md"), "utf8");
        assert.ok(
            schemaReadme.includes(`tag \`${pinned}\``),
            `tests/fixtures/sarif holds upload-sarif ${pinned}'s schema`,
        );
    });

    it("runs the check once for SARIF and the step summary, uploads that file and fails afterwards", () => {
        const job = workflow.jobs["policy-check"];
        assert.strictEqual(job.permissions["security-events"], "write");
        const all = steps("policy-check");
        const checkIndex = all.findIndex((s) => typeof s.run === "string" && s.run.includes("npm run --silent check"));
        const command = all[checkIndex].run.split("\n").find((l: string) => l.includes("npm run --silent check"));
        const args = parseArgs(words(command).slice(words(command).indexOf("--") + 1));
        assert.strictEqual(args.format, "sarif");
        assert.strictEqual(args.summary, "$GITHUB_STEP_SUMMARY");
        const uploadIndex = all.findIndex((s) => String(s.uses).startsWith("github/codeql-action/upload-sarif@"));
        assert.ok(uploadIndex > checkIndex);
        assert.strictEqual(all[uploadIndex].with.sarif_file, args.output);
        assert.match(all[uploadIndex].if, /always\(\)/, "uploaded even when the check found violations");
        const fail = all.slice(uploadIndex + 1).find((s) => /steps\.check\.outputs\.exit/.test(String(s.if)));
        assert.ok(fail, "the job fails after the upload on a non-zero exit");
    });

    it("keeps Node's compile cache and the check's own from run to run, restored after npm ci empties node_modules", () => {
        // Where the npm scripts keep it (scripts/with-node.js), asked of the launcher itself.
        const env = { ...process.env };
        delete env.NODE_COMPILE_CACHE;
        const launched = spawnSync(
            process.execPath,
            [path.join(REPO_ROOT, "scripts", "with-node.js"), "node", "-p", "process.env.NODE_COMPILE_CACHE"],
            { cwd: REPO_ROOT, encoding: "utf8", env },
        );
        assert.strictEqual(launched.status, 0, launched.stderr);
        const relative = (dir: string) => path.relative(REPO_ROOT, dir).split(path.sep).join("/");
        // ...and where the check keeps its own (tools/check/transpile-on-require.ts).
        const folders = [
            relative(launched.stdout.trim()),
            ...["webtier-transpile", "webtier-closure-parse"].map((name) => relative(checkCacheDir(name)!)),
        ];
        // ...and, for the tests, where the type-check keeps its incremental record (scripts/run-tests.js).
        const runTests = fs.readFileSync(path.join(REPO_ROOT, "scripts", "run-tests.js"), "utf8");
        const typecheck = "node_modules/.cache/webtier-typecheck";
        assert.ok(
            runTests.includes(`path.join(ROOT, "node_modules", ".cache", "webtier-typecheck", "tsbuildinfo")`),
            "run-tests.js keeps tsc's record in the folder CI restores",
        );
        for (const [job, command, own] of [
            ["test", "npm test", [typecheck]],
            ["policy-check", "npm run --silent check", []],
        ] as const) {
            const all = steps(job);
            const at = (found: (step: any) => boolean) => {
                const index = all.findIndex(found);
                assert.ok(index >= 0, `${job}: step not found`);
                return index;
            };
            const install = at((step) => step.run === "npm ci");
            const cache = at((step) => String(step.uses).startsWith("actions/cache@"));
            const run = at((step) => typeof step.run === "string" && step.run.includes(command));
            assert.ok(install < cache && cache < run, `${job}: restored after npm ci, before ${command}`);
            assert.deepStrictEqual(String(all[cache].with.path).trim().split("\n").sort(), [...folders, ...own].sort());
            assert.ok(String(all[cache].with.key).includes("github.sha"), `${job}: saved again by every run`);
        }
    });

    it("runs only npm scripts that package.json defines", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts;
        const used = [...text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
        assert.ok(used.includes("check"));
        for (const script of used) assert.ok(script in scripts, `npm run ${script} exists`);
    });
});
