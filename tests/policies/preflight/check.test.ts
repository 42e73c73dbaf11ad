// The preflight through the real offline check: webtier's shipped stacks and the longest stack
// name pass on both clouds; another program's refused resources are reported, one rule each.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { preflightPolicies } from "../../../policies/preflight";
import { MAX_STACK_NAME } from "../../../infra/config/parse";

const DIST_ROOT = path.resolve(__dirname, "..", "..", "..");
const REPO_ROOT = path.resolve(DIST_ROOT, "..");
const PREFLIGHT = new Set(preflightPolicies.map((p) => p.name));

function preflightViolations(result: Awaited<ReturnType<typeof runCheck>>) {
    return result.stacks.flatMap((s) =>
        s.violations
            .filter((v) => PREFLIGHT.has(v.policy))
            .map((v) => `${s.name}: ${v.policy} ${v.resource}: ${v.message}`),
    );
}

describe("preflight through the offline check", function () {
    this.timeout(300000);

    it("runs every preflight policy in the pack and passes the shipped stacks", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT });
        const registered = new Set(result.policyPack.policies.map((p: any) => p.name ?? p));
        for (const name of PREFLIGHT)
            assert.ok(registered.has(name), `${name} is registered in the pack: ${[...registered].join(", ")}`);
        for (const stack of result.stacks) assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
        assert.deepStrictEqual(preflightViolations(result), []);
    });

    it("passes the shipped stacks under preview evaluation too (computed values unknown)", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, preview: true });
        for (const stack of result.stacks) assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
        assert.deepStrictEqual(preflightViolations(result), []);
    });

    it(`passes stacks with the longest stack name allowed (${MAX_STACK_NAME} characters) on both clouds`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-preflight-"));
        try {
            const longest = { aws: "aws-prod", digitalocean: "do-prod" };
            const names: string[] = [];
            for (const [cloud, source] of Object.entries(longest)) {
                const name = `${cloud === "aws" ? "a" : "d"}${"x".repeat(MAX_STACK_NAME - 1)}`;
                assert.strictEqual(name.length, MAX_STACK_NAME);
                fs.copyFileSync(
                    path.join(REPO_ROOT, "stacks", `Pulumi.${source}.yaml`),
                    path.join(dir, `Pulumi.${name}.yaml`),
                );
                names.push(name);
            }
            const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, stacksDir: dir });
            assert.deepStrictEqual(result.stacks.map((s) => s.name).sort(), names.sort());
            for (const stack of result.stacks) {
                assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
                assert.ok(stack.resources > 30, `${stack.name} registered the whole tier`);
            }
            assert.deepStrictEqual(preflightViolations(result), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("passes prod stacks with long but typical values: 20-character stack name, 64-character domain and app name", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-preflight-"));
        try {
            const names = { aws: "aws-customer-portal1", digitalocean: "do-customer-portal-1" };
            for (const [cloud, name] of Object.entries(names)) {
                assert.strictEqual(name.length, MAX_STACK_NAME);
                fs.copyFileSync(
                    path.join(REPO_ROOT, "stacks", `Pulumi.${cloud === "aws" ? "aws" : "do"}-prod.yaml`),
                    path.join(dir, `Pulumi.${name}.yaml`),
                );
            }
            const domain = `${"portal".repeat(6)}-eu-12.customers.example.com`;
            assert.strictEqual(domain.length, 64);
            const result = await runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                stacksDir: dir,
                config: [
                    `webtier:domain=${domain}`,
                    "webtier:dnsZone=example.com",
                    `webtier:app=${JSON.stringify({ name: "Customer Portal ".repeat(4).trim(), repository: "https://github.com/example-organisation/customer-portal-application.git", branch: "release/2026-12" })}`,
                    `webtier:servers=${JSON.stringify({ count: 3, size: "medium", allowSshFrom: ["203.0.113.0/24"], sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHJmZXN0b2Z0aGVrZXlpc2hlcmVmb3J0ZXN0cw== ops@example.com" })}`,
                ],
            });
            for (const stack of result.stacks)
                assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
            assert.deepStrictEqual(preflightViolations(result), []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reports what the clouds would refuse in another program, each by the rule meant for it", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.join(REPO_ROOT, "tests", "policies", "preflight", "fixtures", "refused-program.ts"),
        });
        assert.strictEqual(result.stacks[0].error, undefined, String(result.stacks[0].error));
        const found = result.stacks[0].violations
            .filter((v) => PREFLIGHT.has(v.policy))
            .map((v) => `${v.policy} ${v.resource}`)
            .sort();
        assert.deepStrictEqual(found, [
            "webtier-preflight-certificates cert",
            "webtier-preflight-database-versions db",
            "webtier-preflight-names an-application-load-balancer",
            "webtier-preflight-names sg-web",
            "webtier-preflight-tags worker",
            "webtier-preflight-user-data web",
            "webtier-preflight-user-data worker",
        ]);
        assert.ok(
            result.stacks[0].violations.every((v) => !PREFLIGHT.has(v.policy) || v.level === "mandatory"),
            "preflight rules are mandatory by default",
        );
    });
});
