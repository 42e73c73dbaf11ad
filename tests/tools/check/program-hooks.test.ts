// A program with resource and error hooks, through the check: judged as any other (before the
// monitor answered hook registrations, its evaluation never ended), its hooks named in the notes
// as registered and not run, and a name used twice refused as the engine refuses it.
import * as assert from "assert";
import * as path from "path";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

describe("a program with resource and error hooks", function () {
    // Before the fixes these never ended: fail well before mocha's own limit.
    this.timeout(20_000);
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(FIXTURE_PACK);
    });
    after(() => pack.close());

    const check = (file: string, preview: boolean) =>
        runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program(file)),
            preview,
            pack,
        });

    for (const preview of [false, true]) {
        it(`is judged, and its notes name the hooks the check did not run (${preview ? "preview" : "update"})`, async () => {
            const [stack] = (await check("hooks.js", preview)).stacks;
            assert.strictEqual(stack.error, undefined, stack.error);
            assert.ok(
                stack.violations.some((v) => v.policy === "bucket-private" && v.resource === "assets"),
                JSON.stringify(stack.violations),
            );
            const note = stack.notes.find((n) => n.startsWith("hooks "));
            assert.ok(note, stack.notes.join("\n"));
            // In the order they were created; the SDK names a plain function hook after the resource's
            // type and name, the binding and its place in it.
            assert.match(
                note,
                /^hooks "announce", "warm", "retry", "fixture:index:Bucket_assets_afterCreate_1" were registered and not run/,
            );
            if (preview) assert.match(note, /in a preview only the resource hooks marked onDryRun: "warm"\)/);
            else assert.doesNotMatch(note, /onDryRun/);
        });
    }

    it("fails when two hooks share a name, with the engine's message", async () => {
        const [stack] = (await check("hooks-duplicate.js", false)).stacks;
        assert.match(stack.error ?? "", /resource hook already registered for name "notify"/);
    });
});
