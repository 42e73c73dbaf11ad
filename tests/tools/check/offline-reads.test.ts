// What the engine reads or runs and the offline check cannot: another stack's outputs (from the
// backend), data sources its mocks do not answer and resources read or imported by id (from the
// cloud), the program's resource and error hooks (around the steps it executes). The program
// still evaluates, and each stack's notes say what could not be read or run. Before the monitor
// answered hook registrations, a program with hooks never finished evaluating: a limit below
// mocha's own makes that a failure rather than a wait.
import * as assert from "assert";
import * as path from "path";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

describe("what the engine reads or runs and the offline check cannot", function () {
    this.timeout(20_000);
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(FIXTURE_PACK);
    });
    after(() => pack.close());

    const check = (preview: boolean, file = "stack-reference.js") =>
        runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program(file)),
            preview,
            pack,
        });

    it("a stack reference: evaluates the program and says its outputs could not be read (update)", async () => {
        const [stack] = (await check(false)).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        assert.ok(
            stack.notes.some((n) =>
                /^stack reference "acme\/shared\/prod": its outputs cannot be read offline \(.*in a preview as in an update\).*an apply on them.*is not checked/.test(
                    n,
                ),
            ),
            stack.notes.join("; "),
        );
    });

    it("a stack reference: judges what the program took from it as unknown (preview)", async () => {
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

    it("data sources: names each one the mocks do not answer, and none they do", async () => {
        const [stack] = (await check(false, "data-sources.js")).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        const notes = stack.notes.filter((n) => n.startsWith("data sources the check has no answer for"));
        assert.strictEqual(notes.length, 1, stack.notes.join("; "));
        assert.match(
            notes[0],
            /returned nothing \(the engine reads them from the cloud\): fixture:index:getBucketDefaults\./,
        );
        assert.doesNotMatch(notes[0], /getAvailabilityZones/);
    });

    for (const preview of [false, true]) {
        it(`a read and an import: the notes name them; the read is not one of the stack's resources (${preview ? "preview" : "update"})`, async () => {
            const [stack] = (await check(preview, "reads.js")).stacks;
            assert.strictEqual(stack.error, undefined, stack.error);
            // The stack and the imported bucket; the engine keeps a read out of the stack's resources.
            assert.strictEqual(stack.resources, 2);
            const note = stack.notes.find((n) =>
                n.startsWith("the engine reads these resources' state from the cloud"),
            );
            assert.ok(note, stack.notes.join("; "));
            assert.match(
                note,
                /fixture:index:Bucket "existing" \(read, id bucket-123\), fixture:index:Bucket "legacy" \(imported, id legacy-1\)/,
            );
        });
    }

    for (const preview of [false, true]) {
        it(`hooks: the program is judged, and the notes name the hooks the check did not run (${preview ? "preview" : "update"})`, async () => {
            const [stack] = (await check(preview, "hooks.js")).stacks;
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

    it("hooks: two that share a name fail the stack, with the engine's message", async () => {
        const [stack] = (await check(false, "hooks-duplicate.js")).stacks;
        assert.match(stack.error ?? "", /resource hook already registered for name "notify"/);
    });
});
