// Rules over properties a program leaves to the provider get the engine's verdict: the bridge's
// Check hands `Analyze` the truthy Terraform defaults (a trail logs, a repository's tags are
// mutable, a health check is enabled) and leaves falsy ones out, while the plan `AnalyzeStack`
// reads holds them all (a database is not publicly accessible), in an update and in a preview.
import * as assert from "assert";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURES, REPO_ROOT, program } from "./paths";

describe("rules over the provider's Terraform defaults", () => {
    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`reports what the defaults make true and nothing they make false, ${mode}`, async () => {
            const result = await runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                program: path.relative(REPO_ROOT, program("provider-defaults.js")),
                policyPack: path.join(FIXTURES, "defaults-pack"),
                preview,
            });
            const [stack] = result.stacks;
            assert.strictEqual(stack.error, undefined, stack.error);
            assert.deepStrictEqual(
                stack.violations.map((v) => `${v.policy} ${v.resource}: ${v.message.split("\n").pop()}`).sort(),
                [
                    // A falsy default stays out of the Check's inputs: the resource rule cannot see it.
                    "db-private-stated db: publiclyAccessible is not stated in the inputs.",
                    // "MUTABLE" is the default, so an unset mutability is a mutable one.
                    "immutable-image-tags images: image tags are mutable.",
                ],
            );
        });
    }
});
