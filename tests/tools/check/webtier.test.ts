// The check as CI runs it: webtier's program on every stack in stacks/, webtier's pack.
import * as assert from "assert";
import { listStacks } from "../../../tools/check/stack-config";
import { runCheck } from "../../../tools/check/run";
import { withServerCount } from "../../../tools/check/bench";
import { DIST_ROOT, REPO_ROOT } from "./paths";
import * as path from "path";

describe("the offline check of webtier's own stacks", () => {
    it("evaluates every stack file and runs every webtier policy on it", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT });
        assert.deepStrictEqual(result.stacks.map((s) => s.name), listStacks(path.join(REPO_ROOT, "stacks")));
        for (const stack of result.stacks) {
            assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
            assert.ok(stack.resources > 10, `${stack.name} registered its resources`);
            assert.ok(stack.cloud === "aws" || stack.cloud === "digitalocean");
            assert.ok(stack.notes.some((n) => n.includes("webtier:appKey")), "the appKey placeholder is noted");
            assert.ok(stack.source.startsWith("stacks/Pulumi."));
        }
        assert.ok(result.policyPack.policies.length > 0);
    });

    it("scales a stack's servers for the bench by overriding servers.count only", () => {
        const stack = { name: "x", config: { "webtier:servers": JSON.stringify({ count: 3, size: "medium" }) }, secretKeys: [], notes: [] };
        assert.deepStrictEqual(JSON.parse(withServerCount(stack, 50).config["webtier:servers"]), { count: 50, size: "medium" });
    });
});
