// The CLI end to end: a real process per case, fixture programs and the fixture pack.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CLI, FIXTURE_PACK, FIXTURE_STACKS, FIXTURES, REPO_ROOT, program } from "./paths";
import { scratchDir } from "../../support/scratch";

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

function check(...args: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

const PACK = ["--policy-pack", path.relative(REPO_ROOT, FIXTURE_PACK)];
const STACKS = [
    "--program",
    path.relative(REPO_ROOT, program("tier.ts")),
    "--stacks-dir",
    path.relative(REPO_ROOT, FIXTURE_STACKS),
    ...PACK,
];

describe("check CLI", () => {
    it("exits 0 when no policy is violated, and says so", async () => {
        const run = await check("--program", program("tier.ts"), "--config", "owner=me", ...PACK);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /stack offline: 5 resources, \d+ ms: no violations/);
        assert.match(run.stdout, /\(exit 0\)/);
    });

    it("exits 1 on a mandatory violation and prints the JSON report in its documented shape", async () => {
        const run = await check(...STACKS, "--format", "json");
        assert.strictEqual(run.code, 1, run.stderr);
        const doc = JSON.parse(run.stdout);
        assert.deepStrictEqual(
            doc.stacks.map((s: any) => s.name),
            ["bad", "good"],
        );
        for (const stack of doc.stacks) {
            for (const key of ["name", "cloud", "resources", "durationMs", "violations"])
                assert.ok(key in stack, `stack has ${key}`);
            assert.strictEqual(typeof stack.resources, "number");
            assert.strictEqual(typeof stack.durationMs, "number");
            for (const v of stack.violations) {
                // The places are there when known: the program line, the stack file's value.
                const places = Object.keys(v).filter((key) => key === "declaredAt" || key === "configAt");
                assert.deepStrictEqual(Object.keys(v), [
                    "policy",
                    "level",
                    "resource",
                    "type",
                    "urn",
                    "message",
                    ...places,
                ]);
                for (const place of places)
                    assert.deepStrictEqual(
                        Object.keys(v[place]).slice(0, 3),
                        ["file", "line", "column"],
                        `${place} of ${v.resource}`,
                    );
            }
        }
        const [bad, good] = doc.stacks;
        assert.strictEqual(bad.cloud, null);
        assert.deepStrictEqual(bad.violations.map((v: any) => v.policy).sort(), [
            "bucket-private",
            "min-servers",
            "ssh-allowlist",
        ]);
        const ssh = bad.violations.find((v: any) => v.policy === "ssh-allowlist");
        assert.deepStrictEqual([ssh.level, ssh.resource, ssh.type], ["mandatory", "web-fw", "fixture:index:Firewall"]);
        assert.match(ssh.urn, /^urn:pulumi:bad::webtier::.*fixture:index:Firewall::web-fw$/);
        assert.match(ssh.message, /opens port 22 to 0\.0\.0\.0\/0/);
        assert.deepStrictEqual(good.violations, []);
        assert.ok(good.notes.some((n: string) => /webtier:apiToken is encrypted \(secure:\)/.test(n)));
    });

    it("lets --policy-config change a rule's result", async () => {
        const config = path.join(FIXTURES, "policy-config.json");
        const run = await check(...STACKS, "--stack", "good", "--policy-config", config, "--format", "json");
        assert.strictEqual(run.code, 1, run.stderr);
        const [good] = JSON.parse(run.stdout).stacks;
        assert.deepStrictEqual(
            good.violations.map((v: any) => v.policy),
            ["ssh-allowlist"],
        );
        assert.match(good.violations[0].message, /not in allowedCidrs \(198\.51\.100\.0\/24\)/);
    });

    it("applies a stack's own policy config to that stack only", async () => {
        const config = path.join(FIXTURES, "policy-config.json");
        const run = await check(...STACKS, "--policy-config", `good=${config}`, "--format", "json");
        assert.strictEqual(run.code, 1, run.stderr);
        const [bad, good] = JSON.parse(run.stdout).stacks;
        assert.match(
            good.violations.find((v: any) => v.policy === "ssh-allowlist").message,
            /203\.0\.113\.0\/24, which is not in allowedCidrs \(198\.51\.100\.0\/24\)/,
        );
        assert.match(
            bad.violations.find((v: any) => v.policy === "ssh-allowlist").message,
            /0\.0\.0\.0\/0, which is not in allowedCidrs \(203\.0\.113\.0\/24\)/,
        );
    });

    it("exits 2 on a policy config that breaks a policy's schema", async () => {
        const file = path.join(scratchDir("check-"), "bad.json");
        fs.writeFileSync(file, JSON.stringify({ "min-servers": { minimum: 0 } }));
        const run = await check(...STACKS, "--policy-config", file);
        assert.strictEqual(run.code, 2);
        assert.match(
            run.stderr,
            /^check: validating policy config: fixture-pack 0\.1\.0 {2}min-servers: minimum: Must be greater than or equal to 1$/m,
        );
    });

    it("writes SARIF 2.1.0 with a rule per policy and results located at the stack file value that causes them", async () => {
        const out = path.join(scratchDir("check-"), "check.sarif");
        const run = await check(...STACKS, "--format", "sarif", "--output", out);
        assert.strictEqual(run.code, 1, run.stderr);
        assert.match(run.stderr, /stack bad: 4 resources/, "a short text summary still reaches the terminal");
        const sarif = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.strictEqual(sarif.version, "2.1.0");
        assert.match(sarif.$schema, /sarif-2\.1\.0/);
        const [runDoc] = sarif.runs;
        const rules = runDoc.tool.driver.rules;
        assert.strictEqual(rules.length, 8);
        assert.deepStrictEqual(rules.find((r: any) => r.id === "server-owner-tag").defaultConfiguration, {
            level: "warning",
        });
        assert.strictEqual(runDoc.results.length, 3);
        // Where the bad stack file sets what each policy objects to; the stack-wide result at config:.
        const stackFile = fs.readFileSync(path.join(FIXTURE_STACKS, "Pulumi.bad.yaml"), "utf8").split("\n");
        const lineOf = (pattern: RegExp) => stackFile.findIndex((l) => pattern.test(l)) + 1;
        const expected: Record<string, number> = {
            "ssh-allowlist": lineOf(/^\s+- 0\.0\.0\.0\/0/),
            "bucket-private": lineOf(/webtier:bucketAcl: public-read/),
            "min-servers": lineOf(/^config:/),
        };
        for (const result of runDoc.results) {
            assert.strictEqual(result.level, "error");
            assert.strictEqual(rules[result.ruleIndex].id, result.ruleId);
            const location = result.locations[0].physicalLocation;
            assert.strictEqual(location.artifactLocation.uri, "tests/fixtures/stacks/Pulumi.bad.yaml");
            assert.strictEqual(location.region.startLine, expected[result.ruleId], result.ruleId);
            assert.match(result.locations[0].logicalLocations[0].fullyQualifiedName, /^urn:pulumi:bad::/);
        }
        const ssh = runDoc.results.find((r: any) => r.ruleId === "ssh-allowlist");
        assert.match(ssh.message.text, /\(webtier:sshFrom: 0\.0\.0\.0\/0\)/);
        const declared = ssh.relatedLocations[0].physicalLocation;
        assert.strictEqual(declared.artifactLocation.uri, "tests/fixtures/programs/tier.ts");
        const programLines = fs.readFileSync(program("tier.ts"), "utf8").split("\n");
        assert.strictEqual(
            declared.region.startLine,
            programLines.findIndex((l) => l.includes('new Firewall("web-fw"')) + 1,
        );
        const fingerprints = runDoc.results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
        assert.strictEqual(new Set(fingerprints).size, fingerprints.length);
    });

    it("evaluates a JavaScript program whose module body is the program", async () => {
        const run = await check("--program", program("public-bucket.js"), ...PACK, "--format", "json");
        assert.strictEqual(run.code, 1, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        const found = stack.violations.map((v: any) => `${v.level} ${v.policy} ${v.resource}`).sort();
        assert.deepStrictEqual(found, [
            "advisory server-owner-tag lonely",
            "mandatory bucket-private assets",
            "mandatory firewall-covers-servers lonely",
            "mandatory min-servers webtier-offline",
        ]);
    });

    it("checks with every value known by default, and as a preview with --preview", async () => {
        const up = await check(
            "--program",
            program("computed.ts"),
            ...PACK,
            "--policy-config",
            path.join(FIXTURES, "one-server.json"),
            "--format",
            "json",
        );
        assert.strictEqual(up.code, 0, up.stderr);
        assert.deepStrictEqual(JSON.parse(up.stdout).stacks[0].violations, []);
        const preview = await check(
            "--program",
            program("computed.ts"),
            ...PACK,
            "--policy-config",
            path.join(FIXTURES, "one-server.json"),
            "--format",
            "json",
            "--preview",
        );
        assert.strictEqual(preview.code, 0, preview.stderr);
        const [violation] = JSON.parse(preview.stdout).stacks[0].violations;
        assert.deepStrictEqual(
            [violation.policy, violation.level, violation.resource],
            ["bucket-private", "advisory", "b"],
        );
        assert.match(
            violation.message,
            /can't run policy 'bucket-private'.*during preview: string value at \.acl can't be known during preview/,
        );
    });

    it("runs remediations before Analyze, as the engine does, when a policy is set to remediate", async () => {
        const file = path.join(scratchDir("check-"), "remediate.json");
        fs.writeFileSync(file, JSON.stringify({ "bucket-acl-remediation": "remediate" }));
        const run = await check(
            "--program",
            program("public-bucket.js"),
            ...PACK,
            "--policy-config",
            file,
            "--format",
            "json",
        );
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.ok(
            !stack.violations.some((v: any) => v.policy === "bucket-private"),
            "the bucket was private by the time Analyze ran",
        );
        assert.ok(stack.notes.some((n: string) => /policy bucket-acl-remediation remediated assets/.test(n)));
        assert.ok(
            stack.violations.some((v: any) => v.policy === "firewall-covers-servers"),
            "other policies still apply",
        );
    });

    it("exits 2 and prints the program's error when it fails to evaluate", async () => {
        const run = await check("--program", program("failing.ts"), ...PACK, "--format", "json");
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /webtier:region: is required/);
        assert.match(JSON.parse(run.stdout).stacks[0].error, /config problem\(s\)/);
    });

    it("exits 2 when a required config value is missing, naming the key", async () => {
        const run = await check("--program", program("tier.ts"), ...PACK);
        assert.strictEqual(run.code, 2);
        assert.match(run.stdout, /Missing required configuration variable 'webtier:owner'/);
    });

    it("exits 2 on bad usage, with the usage text", async () => {
        const run = await check("--format", "xml");
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /--format "xml" is not a format/);
        assert.match(run.stderr, /Usage: npm run check/);
    });

    it("exits 2 for a stack that does not exist, listing the stacks there are", async () => {
        const run = await check(...STACKS, "--stack", "staging");
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /there is no stack "staging".*stacks: bad, good/);
    });

    it("prints the usage with --help and exits 0", async () => {
        const run = await check("--help");
        assert.strictEqual(run.code, 0);
        assert.match(run.stdout, /--policy-config \[STACK=\]FILE/);
    });
});
