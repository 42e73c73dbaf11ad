// The pull-request workflow as GitHub would run it: pinned actions, a check step whose options the
// check accepts, its SARIF file the one uploaded, and only npm scripts that exist.
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { parseArgs } from "../../../tools/check/args";
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

    it("runs only npm scripts that package.json defines", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts;
        const used = [...text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
        assert.ok(used.includes("check"));
        for (const script of used) assert.ok(script in scripts, `npm run ${script} exists`);
    });
});
