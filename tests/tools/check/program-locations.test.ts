// Where a finding points in the program: the line that declared the resource, also when the
// program is written as ES modules, whose top-level frames the SDK's own parser loses.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";
import { projectWithOwnSdk } from "./own-sdk";

describe("a program's findings located at its lines", () => {
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(FIXTURE_PACK);
    });
    after(() => pack.close());

    it("points at the line an ES module declares the resource on", async () => {
        const dir = program("esm");
        const [stack] = (
            await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, program: path.relative(REPO_ROOT, dir), pack })
        ).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        const violation = stack.violations.find((v) => v.policy === "bucket-private" && v.resource === "assets");
        assert.ok(violation, "the public bucket is reported");
        const lines = fs.readFileSync(path.join(dir, "index.js"), "utf8").split("\n");
        const declared = lines.findIndex((line) => line.includes('new Bucket("assets"')) + 1;
        assert.deepStrictEqual(
            [violation.declaredAt?.file, violation.declaredAt?.line],
            ["tests/fixtures/programs/esm/index.js", declared],
        );
    });

    it("points at the line an ES module declares the resource on when the project loads its own @pulumi/pulumi", async () => {
        // Installed projects build their resources with their own copy of the SDK, whose parser is not the check's.
        const dir = projectWithOwnSdk("esm-own-sdk", program("esm"));
        const [stack] = (await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, program: dir, pack })).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        const violation = stack.violations.find((v) => v.policy === "bucket-private" && v.resource === "assets");
        assert.ok(violation, "the public bucket is reported");
        const lines = fs.readFileSync(path.join(dir, "index.js"), "utf8").split("\n");
        const declared = lines.findIndex((line) => line.includes('new Bucket("assets"')) + 1;
        assert.ok(violation.declaredAt, "the finding is located");
        assert.strictEqual(path.resolve(REPO_ROOT, violation.declaredAt.file), path.join(dir, "index.js"));
        assert.strictEqual(violation.declaredAt.line, declared);
    });

    it("points at the line of an imported module, in a program imported afresh for each stack", async () => {
        const dir = program("esm-await");
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, dir),
            pack,
        });
        const [stack] = result.stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        const violation = stack.violations.find((v) => v.policy === "bucket-private" && v.resource === "assets");
        assert.ok(violation, "the public bucket declared in storage.js is reported");
        const lines = fs.readFileSync(path.join(dir, "src", "storage.js"), "utf8").split("\n");
        const declared = lines.findIndex((line) => line.includes('new Bucket("assets"')) + 1;
        assert.deepStrictEqual(
            [violation.declaredAt?.file, violation.declaredAt?.line],
            ["tests/fixtures/programs/esm-await/src/storage.js", declared],
        );
    });
});
