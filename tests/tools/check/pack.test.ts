// The gRPC driver end to end against the fixture pack, a published-style JS pack.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../../../tools/harness/evaluate";
import { PolicyPack, PolicyPackError, describePackDir } from "../../../tools/check/pack";
import { reconcilePolicyConfig } from "../../../tools/check/policy-config";
import { buildSnapshot } from "../../../tools/check/requests";
import tier from "../../fixtures/programs/tier";
import { PACK_V8_FLAGS, defaultPolicyPack, launchPolicyPack, runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURES, FIXTURE_PACK, REPO_ROOT, program } from "./paths";
import { scratchDir } from "../../support/scratch";

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

describe("policy pack driver over gRPC", () => {
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(FIXTURE_PACK);
    });
    after(async () => {
        await pack?.close();
    });

    async function analyzeTier(config: Record<string, string>) {
        const evaluation = await evaluate({ program: tier, project: "webtier", stack: "dev", config });
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, {
            project: "webtier",
            stack: "dev",
            config,
            secretKeys: [],
        });
        await pack.configureStack({ project: "webtier", stack: "dev", dryRun: true, config, secretKeys: [] });
        const resource = (await Promise.all(snapshot.analyze.map((r) => pack.analyze(r)))).flat();
        const stack = await pack.analyzeStack(snapshot.stack);
        return { resource, stack };
    }

    it("reads the pack's name, version, policies, levels and config schemas", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.strictEqual(info.name, "fixture-pack");
        assert.strictEqual(info.version, "0.1.0");
        const ssh = info.policies.find((p) => p.name === "ssh-allowlist")!;
        assert.strictEqual(ssh.enforcementLevel, "mandatory");
        assert.deepStrictEqual(ssh.configSchema!.properties.allowedCidrs.default, ["203.0.113.0/24"]);
        assert.strictEqual(info.policies.find((p) => p.name === "echo-received")!.enforcementLevel, "disabled");
        assert.strictEqual(info.policies.length, 8);
    });

    it("reports no violation for a compliant stack", async () => {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(reconcilePolicyConfig(info.policies, info.initialConfig, {}).config);
        const { resource, stack } = await analyzeTier({ "webtier:owner": "me" });
        assert.deepStrictEqual([...resource, ...stack], []);
    });

    it("reports resource violations from Analyze with their level and message", async () => {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(reconcilePolicyConfig(info.policies, info.initialConfig, {}).config);
        const { resource } = await analyzeTier({ "webtier:owner": "me", "webtier:bucketAcl": "public-read" });
        assert.strictEqual(resource.length, 1);
        assert.strictEqual(resource[0].policyName, "bucket-private");
        assert.strictEqual(resource[0].enforcementLevel, "mandatory");
        assert.match(resource[0].message, /bucket uploads has acl "public-read"/);
    });

    it("reports stack violations from AnalyzeStack, which sees every resource", async () => {
        const info = await pack.getAnalyzerInfo();
        await pack.configure(reconcilePolicyConfig(info.policies, info.initialConfig, {}).config);
        const { stack } = await analyzeTier({ "webtier:owner": "me", "webtier:servers": "1" });
        assert.deepStrictEqual(
            stack.map((d) => d.policyName),
            ["min-servers"],
        );
        assert.match(stack[0].message, /the stack has 1 server\(s\); at least 2 are required/);
    });

    it("applies Configure: new properties change a rule's result, a new level its severity", async () => {
        const info = await pack.getAnalyzerInfo();
        const { config } = reconcilePolicyConfig(info.policies, info.initialConfig, {
            "ssh-allowlist": { enforcementLevel: "advisory", properties: { allowedCidrs: ["198.51.100.0/24"] } },
        });
        await pack.configure(config);
        const { resource } = await analyzeTier({ "webtier:owner": "me" });
        assert.deepStrictEqual(
            resource.map((d) => [d.policyName, d.enforcementLevel]),
            [["ssh-allowlist", "advisory"]],
        );
        assert.match(
            resource[0].message,
            /opens port 22 to 203\.0\.113\.0\/24, which is not in allowedCidrs \(198\.51\.100\.0\/24\)/,
        );
    });

    it("loads only what the engine would: PulumiPolicy.yaml for nodejs, package.json, an entry point", () => {
        const dir = scratchDir("pack-");
        assert.throws(() => describePackDir(`${FIXTURES}/no-such-pack`), /does not exist/);
        assert.throws(
            () => describePackDir(dir),
            (e: Error) => e instanceof PolicyPackError && /has no PulumiPolicy\.yaml/.test(e.message),
        );
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: python\n");
        assert.throws(
            () => describePackDir(dir),
            /declares runtime "python"; the offline check runs Node\.js packs only/,
        );
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        assert.throws(() => describePackDir(dir), /has no package\.json/);
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: "p", version: "1.0.0", main: "bin/index.js" }),
        );
        assert.throws(() => describePackDir(dir), /has no entry point/);
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "bin", "index.js"), "");
        assert.strictEqual(describePackDir(dir).entry, path.join(dir, "bin", "index.js"));
        assert.strictEqual(describePackDir(FIXTURE_PACK).entry, path.join(FIXTURE_PACK, "index.js"));
        assert.strictEqual(describePackDir(FIXTURE_PACK).version, undefined, "no version in its PulumiPolicy.yaml");
    });

    it("reports a pack that dies before listening, with its stderr", async () => {
        await assert.rejects(
            PolicyPack.start(FIXTURE_PACK, { nodeArgs: ["-e", "console.error('boom: no policies'); process.exit(3)"] }),
            (e: Error) =>
                e instanceof PolicyPackError &&
                /exited \(code 3\) before it listened/.test(e.message) &&
                /boom: no policies/.test(e.message),
        );
    });

    it("stops the pack process on close", async () => {
        const other = await PolicyPack.start(FIXTURE_PACK);
        const pid = other.pid!;
        assert.ok(alive(pid));
        await other.close();
        assert.strictEqual(alive(pid), false);
        await assert.rejects(other.getAnalyzerInfo(), /is closed/);
    });
});

describe("a pack that predates ConfigureStack, AnalyzeStack and Remediate", () => {
    const judged = async (policyConfig?: string) => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("public-bucket.js")),
            policyPack: path.relative(REPO_ROOT, path.join(FIXTURES, "old-pack")),
            policyConfig,
        });
        const [stack] = result.stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        // PulumiPolicy.yaml's version, as the engine reports it, over the pack's own (package.json's 0.1.0).
        assert.strictEqual(result.policyPack.version, "1.0");
        return stack.violations.map((v) => [v.policy, v.resource, v.level]);
    };

    it("is judged as the engine judges it: its Unimplemented answers are accepted, Analyze goes on", async () => {
        assert.deepStrictEqual(await judged(), [["bucket-private", "assets", "mandatory"]]);
    });

    it("is judged the same with a policy at remediate, which asks it for remediations first", async () => {
        const scratch = scratchDir("webtier-old-pack-");
        try {
            const config = path.join(scratch, "remediate.json");
            fs.writeFileSync(config, JSON.stringify({ "bucket-private": "remediate" }));
            // A violation at "remediate" is reported as mandatory, as the policy SDK reports it.
            assert.deepStrictEqual(await judged(config), [["bucket-private", "assets", "mandatory"]]);
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });
});

describe("a pack that takes no policy config", () => {
    const check = (policyConfig?: string) =>
        runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("public-bucket.js")),
            policyPack: path.relative(REPO_ROOT, path.join(FIXTURES, "configless-pack")),
            policyConfig,
        });

    it("is sent no Configure, as the engine sends none, and runs its policies at their own levels", async () => {
        const [stack] = (await check()).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        assert.deepStrictEqual(
            stack.violations.map((v) => [v.policy, v.resource, v.level]),
            [["bucket-private", "assets", "mandatory"]],
        );
    });

    it("refuses a policy config file for it, in the engine's words", async () => {
        const scratch = scratchDir("webtier-configless-");
        try {
            const config = path.join(scratch, "config.json");
            fs.writeFileSync(config, JSON.stringify({ "bucket-private": "advisory" }));
            await assert.rejects(check(config), (err: Error) => {
                assert.strictEqual(err.name, "PolicyConfigError");
                assert.match(
                    err.message,
                    /^policy pack "configless-pack" at ".*configless-pack" does not support config$/,
                );
                return true;
            });
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });
});

describe("the pack process the check starts", () => {
    it("runs with the check's V8 settings for packs, on the command line Node reads them from", async function () {
        if (process.platform !== "linux") this.skip();
        const ours = defaultPolicyPack(REPO_ROOT, DIST_ROOT);
        const pack = launchPolicyPack(ours.dir, "webtier", ours.entry);
        try {
            await pack.listening();
            const cmdline = fs.readFileSync(`/proc/${pack.pid}/cmdline`, "utf8").split("\0");
            for (const flag of PACK_V8_FLAGS) assert.ok(cmdline.includes(flag), `${flag} in ${cmdline.join(" ")}`);
            assert.ok(PACK_V8_FLAGS.length > 0);
        } finally {
            await pack.close();
        }
    });
});
