// SARIF for code scanning, through the real check: an insecure program and webtier's own stacks,
// each result located at the line that causes it, one alert per violation, ranked rules.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Validator } from "jsonschema";
import * as ts from "typescript";
import { runCheck } from "../../../tools/check/run";
import { preflightPolicies } from "../../../policies/preflight";
import { policies } from "../../../policies/rules";
import { renderSarif, stableMessage } from "../../../tools/check/sarif";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";
import { positionOf } from "../../support/source-position";

const INSECURE = program("insecure.ts");

/**
 * The SARIF 2.1.0 schema GitHub's upload-sarif validates a file against before it uploads it:
 * src/sarif-schema-2.1.0.json of github/codeql-action at v4.36.2, the version the workflow pins
 * (the same file at its June 2026 head).
 */
const UPLOAD_SCHEMA = path.join(REPO_ROOT, "tests", "fixtures", "sarif", "sarif-schema-2.1.0.json");
/** UPLOAD_SCHEMA, read on first use (113 KB, validated against several times). */
let uploadSchema: any;

/**
 * What upload-sarif refuses a file for (codeql-action v4.36.2 src/upload-lib.ts,
 * postProcessSarifFiles): every error of jsonschema 1.5.0, the validator and version it uses,
 * against UPLOAD_SCHEMA, except an ill-formed URI, which it only logs (validateSarifFileSchema);
 * and two runs of one category, the same tool and automation id (throwIfCombineSarifFilesDisabled,
 * src/sarif/index.ts createRunKey).
 */
function uploadErrors(log: any): string[] {
    uploadSchema ??= JSON.parse(fs.readFileSync(UPLOAD_SCHEMA, "utf8"));
    const warningOnly = ["uri-reference", "uri"];
    const errors = new Validator()
        .validate(log, uploadSchema)
        .errors.filter(
            (e) => !(e.name === "format" && typeof e.argument === "string" && warningOnly.includes(e.argument)),
        )
        .map((e) => e.stack);
    const categories = (log?.runs ?? []).map((run: any) => {
        const driver = run.tool?.driver ?? {};
        const { name, fullName, version, semanticVersion, guid } = driver;
        return JSON.stringify({
            name,
            fullName,
            version,
            semanticVersion,
            guid,
            automationId: run.automationDetails?.id,
        });
    });
    if (new Set(categories).size < categories.length) errors.push("several runs with the same category");
    return errors;
}

/** The check's whole SARIF log for a run, its stacks evaluated (`allowErrors`: or not). */
async function sarifLogOf(options: Parameters<typeof runCheck>[0], allowErrors = false): Promise<any> {
    const result = await runCheck(options);
    if (!allowErrors) for (const stack of result.stacks) assert.strictEqual(stack.error, undefined, stack.error);
    return JSON.parse(renderSarif(result));
}

async function sarifOf(options: Parameters<typeof runCheck>[0]): Promise<any> {
    return (await sarifLogOf(options)).runs[0];
}

function insecureOptions(file = INSECURE): Parameters<typeof runCheck>[0] {
    return {
        distRoot: DIST_ROOT,
        projectDir: REPO_ROOT,
        program: path.relative(REPO_ROOT, file),
        policyPack: path.relative(REPO_ROOT, FIXTURE_PACK),
    };
}

function insecureRun(file = INSECURE) {
    return sarifOf(insecureOptions(file));
}

describe("SARIF for code scanning", () => {
    // One check of the insecure program serves the tests that only read its SARIF.
    let insecureLog: Promise<any>;
    let insecure: Promise<any>;
    before(() => {
        insecureLog = sarifLogOf(insecureOptions());
        insecure = insecureLog.then((log) => log.runs[0]);
    });

    it("writes what GitHub's upload-sarif accepts: violations, a stack that fails, a provider's refusal", async () => {
        const log = await insecureLog;
        assert.ok(log.runs[0].results.length > 0);
        assert.deepStrictEqual(uploadErrors(log), []);
        // A program that throws: the run carries the failure as a tool execution notification.
        const failing = await sarifLogOf(
            { ...insecureOptions(), program: path.relative(REPO_ROOT, program("failing.ts")) },
            true,
        );
        assert.strictEqual(failing.runs[0].invocations[0].executionSuccessful, false);
        assert.ok(failing.runs[0].invocations[0].toolExecutionNotifications.length > 0);
        assert.deepStrictEqual(uploadErrors(failing), []);
        // What a provider's Check refuses fails the run too, located at its resource.
        const refused = await sarifLogOf(
            { ...insecureOptions(), program: path.relative(REPO_ROOT, program("check-refused.js")) },
            true,
        );
        assert.strictEqual(refused.runs[0].invocations[0].executionSuccessful, false);
        for (const notification of refused.runs[0].invocations[0].toolExecutionNotifications) {
            const { artifactLocation, region } = notification.locations[0].physicalLocation;
            assert.strictEqual(artifactLocation.uri, "tests/fixtures/programs/check-refused.js");
            assert.ok(region.startLine > 1, notification.message.text);
        }
        assert.deepStrictEqual(uploadErrors(refused), []);
    });

    it("is held to upload-sarif's schema: a file it would refuse is found out", async () => {
        const log = structuredClone(await insecureLog);
        log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
        delete log.runs[0].tool.driver.name;
        log.runs.push(log.runs[0]);
        const errors = uploadErrors(log);
        assert.ok(
            errors.some((e) => /startLine must be greater than or equal to 1/.test(e)),
            errors.join("\n"),
        );
        assert.ok(
            errors.some((e) => /requires property "name"/.test(e)),
            errors.join("\n"),
        );
    });

    it("locates each result of a TypeScript program at the line that declares its resource", async () => {
        const run = await insecure;
        const found = run.results.map((r: any) => `${r.ruleId} ${r.locations[0].logicalLocations[0].name}`).sort();
        assert.deepStrictEqual(found, [
            "bucket-private public-assets",
            "server-owner-tag web-1",
            "server-owner-tag web-2",
            "ssh-allowlist open-fw",
            "ssh-allowlist open-fw",
        ]);
        // The `new X(` of each resource in the TypeScript source (the servers are declared in a loop).
        const declarations: Record<string, string> = {
            "public-assets": 'new Bucket("public-assets"',
            "web-1": "new Server(`web-",
            "web-2": "new Server(`web-",
            "open-fw": 'new Firewall("open-fw"',
        };
        for (const result of run.results) {
            const name = result.locations[0].logicalLocations[0].name;
            const expected = positionOf(INSECURE, declarations[name]);
            const { artifactLocation, region } = result.locations[0].physicalLocation;
            assert.deepStrictEqual(artifactLocation, {
                uri: "tests/fixtures/programs/insecure.ts",
                uriBaseId: "%SRCROOT%",
            });
            assert.strictEqual(region.startLine, expected.line, `${name} at the line of its declaration`);
            assert.strictEqual(region.startColumn, expected.column, `${name} at its new expression`);
            assert.strictEqual(region.endLine, expected.line);
            assert.ok(region.endColumn > region.startColumn);
        }
    });

    it("makes each violation its own alert, with fingerprints that survive moved lines", async () => {
        const run = await insecure;
        const fingerprints = run.results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
        assert.strictEqual(
            new Set(fingerprints).size,
            run.results.length,
            "two violations of one policy on one resource are two alerts",
        );
        for (const f of fingerprints) assert.match(f, /^[0-9a-f]{16}:1$/);

        // The same program with its lines moved: the same alerts, at the new lines.
        const dir = fs.mkdtempSync(path.join(DIST_ROOT, "sarif-"));
        try {
            fs.copyFileSync(program("resources.ts"), path.join(dir, "resources.ts"));
            const moved = path.join(dir, "insecure.ts");
            fs.writeFileSync(moved, "// moved down\n\n\n" + fs.readFileSync(INSECURE, "utf8"));
            const again = await insecureRun(moved);
            const byFingerprint = new Map(
                again.results.map((r: any) => [r.partialFingerprints.primaryLocationLineHash, r]),
            );
            for (const result of run.results) {
                const same: any = byFingerprint.get(result.partialFingerprints.primaryLocationLineHash);
                assert.ok(same, `${result.message.text} keeps its fingerprint`);
                assert.strictEqual(
                    same.locations[0].physicalLocation.region.startLine,
                    result.locations[0].physicalLocation.region.startLine + 3,
                );
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("maps a compiled JavaScript program back through its inline source map", async () => {
        // The insecure program as tsc would emit it with inlineSourceMap, in another folder.
        const dir = fs.mkdtempSync(path.join(DIST_ROOT, "sarif-js-"));
        try {
            for (const name of ["insecure", "resources"]) {
                const source = program(`${name}.ts`);
                const output = ts.transpileModule(fs.readFileSync(source, "utf8"), {
                    fileName: `${name}.ts`,
                    compilerOptions: {
                        module: ts.ModuleKind.CommonJS,
                        target: ts.ScriptTarget.ES2022,
                        inlineSourceMap: true,
                        sourceRoot: path.dirname(source),
                    },
                });
                fs.writeFileSync(path.join(dir, `${name}.js`), output.outputText);
            }
            const run = await insecureRun(path.join(dir, "insecure.js"));
            const bucket = run.results.find((r: any) => r.ruleId === "bucket-private");
            const { artifactLocation, region } = bucket.locations[0].physicalLocation;
            assert.strictEqual(artifactLocation.uri, "tests/fixtures/programs/insecure.ts");
            assert.strictEqual(region.startLine, positionOf(INSECURE, 'new Bucket("public-assets"').line);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("tags every rule security and ranks it, advisory rules lower", async () => {
        const run = await insecure;
        const rules: any[] = run.tool.driver.rules;
        for (const rule of rules) {
            assert.ok(rule.properties.tags.includes("security"), `${rule.id} is a security rule`);
            const score = Number(rule.properties["security-severity"]);
            assert.ok(score > 0 && score <= 10, `${rule.id}: ${rule.properties["security-severity"]}`);
        }
        const score = (id: string) => Number(rules.find((r) => r.id === id).properties["security-severity"]);
        assert.strictEqual(score("ssh-allowlist"), 9.5, "the fixture pack declares it critical");
        assert.ok(score("server-owner-tag") < 4, "an advisory policy without a severity ranks low");
        assert.ok(score("bucket-private") >= 7, "a mandatory policy without a severity ranks high");
    });

    it("gives the two reliability findings on webtier's dev database two alerts at its declaration", async () => {
        const log = await sarifLogOf({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, stacks: ["aws-dev"] });
        assert.deepStrictEqual(uploadErrors(log), [], "webtier's own stack, as CI uploads it");
        const run = log.runs[0];
        const db = run.results.filter((r: any) => r.locations[0].logicalLocations[0].name === "aws-dev-db");
        const texts = db.map((r: any) => r.message.text).join("\n");
        assert.match(texts, /not Multi-AZ/);
        assert.match(texts, /no deletion protection/);
        const declaration = positionOf(path.join(REPO_ROOT, "infra", "aws", "database.ts"), "new aws.rds.Instance(");
        for (const result of db) {
            const { artifactLocation, region } = result.locations[0].physicalLocation;
            assert.strictEqual(artifactLocation.uri, "infra/aws/database.ts");
            assert.deepStrictEqual([region.startLine, region.startColumn], [declaration.line, declaration.column]);
            // The stack the alert belongs to, as a related location.
            assert.strictEqual(
                result.relatedLocations[0].physicalLocation.artifactLocation.uri,
                "stacks/Pulumi.aws-dev.yaml",
            );
        }
        assert.strictEqual(new Set(db.map((r: any) => r.partialFingerprints.primaryLocationLineHash)).size, db.length);

        const rules: any[] = run.tool.driver.rules;
        const mandatory = rules
            .filter((r) => r.properties.enforcementLevel === "mandatory")
            .map((r) => Number(r.properties["security-severity"]));
        const advisory = rules
            .filter((r) => r.properties.enforcementLevel === "advisory")
            .map((r) => Number(r.properties["security-severity"]));
        assert.ok(advisory.length > 0 && mandatory.length > 0);
        // Every security rule declares its severity, and the SARIF carries it; the preflight rules (what a
        // cloud would refuse, not security) rank by enforcement level.
        for (const policy of policies.filter((p) => !preflightPolicies.includes(p))) {
            const rule = rules.find((r) => r.id === policy.name);
            assert.ok(policy.severity, `${policy.name} declares its severity`);
            assert.strictEqual(rule?.properties.severity, policy.severity, policy.name);
        }
        assert.ok(
            Math.max(...advisory) < Math.min(...mandatory),
            "every advisory rule ranks below every mandatory one",
        );
        assert.ok(
            rules.filter((r) => Number(r.properties["security-severity"]) >= 9).length > 0,
            "critical rules exist",
        );
    });
});

describe("stableMessage", () => {
    it("drops values that change between runs and keeps what tells violations apart", () => {
        const a =
            "security group sg-0000000a (arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0000000a) opens port 22 to 0.0.0.0/0 on web-1a2b3c4";
        const b =
            "security group sg-0000001f (arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0000001f)  opens port 22 to 0.0.0.0/0 on web-9f8e7d6";
        assert.strictEqual(stableMessage(a), stableMessage(b));
        assert.notStrictEqual(stableMessage(a), stableMessage(a.replace("port 22", "port 3306")));
        assert.notStrictEqual(stableMessage(a), stableMessage(a.replace("0.0.0.0/0", "::/0")));
        assert.notStrictEqual(
            stableMessage('RDS instance "db" is not Multi-AZ'),
            stableMessage('RDS instance "db" has no deletion protection'),
        );
        assert.strictEqual(stableMessage("Desc.\nthe rule's own text", "Desc."), "the rule's own text");
    });
});
