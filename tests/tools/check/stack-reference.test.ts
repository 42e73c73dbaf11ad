// A program that reads another stack's outputs: the engine reads them from the backend, the
// offline check cannot, and says so; values taken from them are judged as unknown in a preview.
import * as assert from "assert";
import * as path from "path";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

describe("a stack reference through the offline check", () => {
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(FIXTURE_PACK);
    });
    after(() => pack.close());

    const check = (preview: boolean) =>
        runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("stack-reference.js")),
            preview,
            pack,
        });

    it("evaluates the program and says its outputs could not be read (update)", async () => {
        const [stack] = (await check(false)).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        assert.ok(
            stack.notes.some((n) =>
                /^stack reference "acme\/shared\/prod": its outputs cannot be read offline.*--preview/.test(n),
            ),
            stack.notes.join("; "),
        );
    });

    it("judges what the program took from it as unknown (preview)", async () => {
        const [stack] = (await check(true)).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        assert.ok(
            stack.notes.some((n) => /^stack reference "acme\/shared\/prod": .*reaches the pack as unknown/.test(n)),
        );
        const bucket = stack.violations.filter((v) => v.resource === "assets");
        assert.ok(
            bucket.some((v) =>
                /can't run policy 'bucket-private'.*\.acl can't be known during preview/.test(v.message),
            ),
            JSON.stringify(bucket),
        );
    });
});
