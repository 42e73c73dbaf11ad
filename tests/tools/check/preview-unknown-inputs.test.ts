// A value the program sets from a data source whose arguments are unknown in a preview reaches the
// pack as an unknown with no dependencies, as a value the provider computes does (the SDK's
// invoke answers so); the pack tells them apart by the resource's inputs under Analyze, which
// hold the program's unknown and never the provider's. Run through webtier's own pack, as the
// engine runs it.
import * as assert from "assert";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import type { StackResult } from "../../../tools/check/results";
import { DIST_ROOT, REPO_ROOT, program } from "./paths";

describe("a preview of values read through data sources over the program's own resources", function () {
    this.timeout(60_000);
    const check = async (preview: boolean): Promise<StackResult> => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("invoke-unknown-args.ts")),
            config: ["aws:region=eu-west-1"],
            preview,
        });
        const [stack] = result.stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        return stack;
    };
    const mandatory = (stack: StackResult) =>
        stack.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} ${v.resource}: ${v.message}`);

    it("refuses SSH from a range it cannot know yet, and a bucket policy it cannot read without a public access block", async () => {
        const found = mandatory(await check(true));
        assert.ok(
            found.some((v) =>
                /^webtier-ssh-allowlist ssh-inside: .*admits SSH \(port 22\) from a source unknown during preview/s.test(
                    v,
                ),
            ),
            found.join("\n"),
        );
        assert.ok(
            found.some((v) =>
                /^webtier-private-versioned-storage assets: .*policy document unknown during preview/s.test(v),
            ),
            found.join("\n"),
        );
    });

    it("judges the values themselves under `pulumi up`: the VPC's own range may reach SSH, the policy is public", async () => {
        const found = mandatory(await check(false));
        assert.ok(!found.some((v) => v.startsWith("webtier-ssh-allowlist")), found.join("\n"));
        assert.ok(
            found.some((v) =>
                /^webtier-storage-not-public assets: .*allows Principal "\*" without a condition/s.test(v),
            ),
            found.join("\n"),
        );
    });
});
