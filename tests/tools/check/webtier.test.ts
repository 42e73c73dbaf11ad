// The check as CI runs it: webtier's program on every stack in stacks/, webtier's pack.
import * as assert from "assert";
import { listStacks } from "../../../tools/check/stack-config";
import { runCheck } from "../../../tools/check/run";
import { withServerCount } from "../../../tools/check/bench";
import { exitCodeOf } from "../../../tools/check/results";
import { DIST_ROOT, REPO_ROOT } from "./paths";
import * as path from "path";

describe("the offline check of webtier's own stacks", () => {
    it("evaluates every stack file and runs every webtier policy on it", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT });
        assert.deepStrictEqual(
            result.stacks.map((s) => s.name),
            listStacks(path.join(REPO_ROOT, "stacks")),
        );
        for (const stack of result.stacks) {
            assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
            assert.ok(stack.resources > 10, `${stack.name} registered its resources`);
            assert.ok(stack.cloud === "aws" || stack.cloud === "digitalocean");
            assert.ok(
                stack.notes.some((n) => n.includes("webtier:appKey")),
                "the appKey placeholder is noted",
            );
            assert.ok(stack.source.startsWith("stacks/Pulumi."));
        }
        assert.ok(result.policyPack.policies.length > 0);
    });

    it("passes every stack with no mandatory violation, each under its environment's policy config", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT });
        for (const stack of result.stacks) {
            const environment = stack.name.endsWith("prod") ? "prod" : "dev";
            assert.ok(
                stack.notes.some((n) => n.startsWith(`policy config: policies/config/${environment}.json`)),
                `${stack.name}: ${stack.notes.join("; ")}`,
            );
            const mandatory = stack.violations.filter((v) => v.level === "mandatory");
            assert.deepStrictEqual(mandatory, [], `${stack.name} has mandatory violations`);
        }
        assert.strictEqual(exitCodeOf(result), 0);
    });

    it("judges every stack in one pack process exactly as with a process per stack, as the engine runs it", async () => {
        // Stacks under different policy configs, one of them failing, then stacks that pass: state
        // a shared pack carried from one stack to the next would show as a difference.
        const options = {
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            stacks: ["aws-dev", "do-prod", "aws-prod", "do-dev"],
            policyConfig: ["aws-dev=policies/config/prod.json", "do-prod=policies/config/prod.json"],
        };
        const verdicts = (result: Awaited<ReturnType<typeof runCheck>>) =>
            result.stacks.map((s) => ({
                stack: s.name,
                error: s.error,
                resources: s.resources,
                violations: s.violations.map((v) => `${v.level} ${v.policy} ${v.urn ?? ""} ${v.message}`).sort(),
            }));
        const shared = await runCheck(options);
        const perStack = await runCheck({ ...options, packPerStack: true });
        assert.strictEqual(shared.packProcesses, 1);
        assert.strictEqual(perStack.packProcesses, 4);
        assert.ok(
            shared.stacks[0].violations.some((v) => v.level === "mandatory"),
            "aws-dev fails under prod's config",
        );
        assert.deepStrictEqual(verdicts(shared), verdicts(perStack));
    });

    it("holds a dev stack to prod's rules when given prod's policy config, and fails it", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            stacks: ["aws-dev"],
            policyConfig: ["policies/config/prod.json"],
        });
        const policies = new Set(
            result.stacks[0].violations.filter((v) => v.level === "mandatory").map((v) => v.policy),
        );
        assert.ok(
            policies.has("webtier-tls-at-balancer"),
            `HTTP-only is refused without allowHttpOnly: ${[...policies].join(", ")}`,
        );
        assert.ok(
            policies.has("webtier-reliability"),
            `one server is refused where reliability is mandatory: ${[...policies].join(", ")}`,
        );
        assert.strictEqual(exitCodeOf(result), 1);
    });

    it("scales a stack's servers for the bench by overriding servers.count only", () => {
        const stack = {
            name: "x",
            config: { "webtier:servers": JSON.stringify({ count: 3, size: "medium" }) },
            secretKeys: [],
            notes: [],
        };
        assert.deepStrictEqual(JSON.parse(withServerCount(stack, 50).config["webtier:servers"]), {
            count: 50,
            size: "medium",
        });
    });
});
