// A published region check over the region AWS reports for each resource: under the engine the
// provider sets a region-aware resource's `region` to its provider's from the plan on, so the
// check's verdict depends on the stack's `aws:region` (or the explicit provider's), in an update
// and in a preview alike.
import * as assert from "assert";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURES, REPO_ROOT, program } from "./paths";

describe("a region check on what the AWS provider reports", () => {
    async function bucketRegions(region: string, preview: boolean): Promise<string[]> {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("regional-buckets.js")),
            policyPack: path.join(FIXTURES, "region-pack"),
            config: [`aws:region=${region}`],
            preview,
        });
        const [stack] = result.stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        return stack.violations
            .filter((v) => v.policy === "bucket-region")
            .map((v) => `${v.resource}: ${v.message.split("\n").pop()}`);
    }

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`reports a bucket in the stack's aws:region when that is not the approved one, ${mode}`, async () => {
            assert.deepStrictEqual(await bucketRegions("eu-west-1", preview), [
                "assets: bucket assets is in eu-west-1, not us-west-1.",
            ]);
        });
        it(`passes when the stack's aws:region is the approved one, ${mode}`, async () => {
            assert.deepStrictEqual(await bucketRegions("us-west-1", preview), []);
        });
    }
});
