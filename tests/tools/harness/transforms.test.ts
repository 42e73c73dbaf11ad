// Resource transforms run before the pack sees the inputs, as the engine runs them: the resource's
// own, then its ancestors', then the stack's (registerResourceTransform).
import * as assert from "assert";
import { evaluate } from "../../../tools/harness/evaluate";
import { runCheck } from "../../../tools/check/run";
import transforms from "../../fixtures/programs/transforms";
import { DIST_ROOT, REPO_ROOT, program } from "../check/paths";

describe("resource transforms", () => {
    it("applies a resource's transforms, a component's to its children, and the stack's to everything", async () => {
        const evaluation = await evaluate({ program: transforms });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        const bastion = byName("bastion");
        assert.deepStrictEqual(bastion.inputs.ingress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.deepStrictEqual(bastion.wireInputs!.ingress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.strictEqual(bastion.protect, true, "a transform's options apply too");
        assert.strictEqual(byName("tier-app").inputs.description, "from the tier's transform");
        for (const name of ["bastion", "tier-app"]) {
            assert.deepStrictEqual(
                byName(name).inputs.tags,
                { team: "web" },
                `${name} tagged by registerResourceTransform`,
            );
            assert.strictEqual(
                byName(name).inputs.revokeRulesOnDelete,
                true,
                `${name} changed by registerStackTransformation`,
            );
        }
    });

    it("gives webtier's pack the SSH rule the transform opened", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: program("transforms.ts"),
            config: ["cloud=aws", "aws:region=eu-west-1"],
        });
        const stack = result.stacks[0];
        assert.strictEqual(stack.error, undefined, stack.error);
        const ssh = stack.violations.filter((v) => v.policy === "webtier-ssh-allowlist" && v.resource === "bastion");
        assert.ok(
            ssh.some((v) => v.level === "mandatory" && /0\.0\.0\.0\/0/.test(v.message)),
            stack.violations.map((v) => `${v.policy} ${v.resource}: ${v.message}`).join("\n"),
        );
    });
});
