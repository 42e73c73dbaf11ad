// pulumi-policy's own integration scenarios (see NOTICE.md), each run through the offline check
// as upstream's Go test runs it through the CLI: `pulumi up --yes --policy-pack policy-pack`, which
// is a preview and then, if the preview passed, the update. The check's outcome is rendered as the
// CLI prints it, and every string upstream expects must be in it.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderError, renderPolicies } from "../../tools/check/engine-display";
import { exitCodeOf } from "../../tools/check/results";
import { runCheck } from "../../tools/check/run";
import { GROUPS, Scenario, ScenarioGroup } from "./scenarios";

/** The compiled tree (dist/) and the source folder the scenarios live in. */
const DIST_ROOT = path.resolve(__dirname, "..", "..");
const REPO_ROOT = path.resolve(DIST_ROOT, "..");
const SUITE = path.join(REPO_ROOT, "tests", "conformance");

interface Outcome {
    /** Whether `pulumi up` would have exited non-zero. */
    failed: boolean;
    /** What the CLI would have printed about policies and errors. */
    output: string;
}

/** `pulumi up --yes`: a preview, then (if it passed) the update, each a run of its own. */
async function pulumiUp(
    group: ScenarioGroup,
    number: number,
    scenario: Scenario,
    stack: string,
    configDir: string,
): Promise<Outcome> {
    const config = [`scenario=${number}`, ...Object.entries(group.initialConfig ?? {}).map(([k, v]) => `${k}=${v}`)];
    let policyConfig: string | undefined;
    if (scenario.policyPackConfig) {
        policyConfig = path.join(configDir, `scenario_${number}.json`);
        fs.writeFileSync(policyConfig, JSON.stringify(scenario.policyPackConfig, null, 4));
    }
    let output = "";
    for (const preview of [true, false]) {
        try {
            const result = await runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                program: path.join(SUITE, group.dir, "program"),
                policyPack: path.join(SUITE, group.dir, "policy-pack"),
                policyConfig,
                stacks: [stack],
                config,
                preview,
            });
            output += renderPolicies(result);
            if (exitCodeOf(result) !== 0) return { failed: true, output };
        } catch (err) {
            output += renderError(err as Error);
            return { failed: true, output };
        }
    }
    return { failed: false, output };
}

/**
 * Provider SDKs a scenario's program pins to an exact version that differs from the one installed
 * where it would resolve them (upstream installs each program's own dependencies).
 */
function missingPinnedDependencies(programDir: string): string[] {
    const file = path.join(programDir, "package.json");
    if (!fs.existsSync(file)) return [];
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    return Object.entries<string>(manifest.dependencies ?? {})
        .filter(([name, range]) => name !== "@pulumi/pulumi" && /^\d+\.\d+\.\d+$/.test(range))
        .filter(([name, range]) => {
            try {
                return (
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    String(require(require.resolve(`${name}/package.json`, { paths: [programDir] })).version).replace(
                        /^v/,
                        "",
                    ) !== range
                );
            } catch {
                return true;
            }
        })
        .map(([name, range]) => `${name}@${range}`);
}

describe("pulumi-policy's integration scenarios through the offline check", function () {
    // Two pack processes per scenario, as the CLI starts one for the preview and one for the update.
    this.timeout(60000);
    let configDir: string;
    const saved = { project: process.env.PULUMI_TEST_PROJECT, stack: process.env.PULUMI_TEST_STACK };
    before(() => {
        configDir = fs.mkdtempSync(path.join(os.tmpdir(), "conformance-"));
    });
    after(() => {
        fs.rmSync(configDir, { recursive: true, force: true });
        process.env.PULUMI_TEST_PROJECT = saved.project;
        process.env.PULUMI_TEST_STACK = saved.stack;
        if (saved.project === undefined) delete process.env.PULUMI_TEST_PROJECT;
        if (saved.stack === undefined) delete process.env.PULUMI_TEST_STACK;
    });

    for (const group of GROUPS) {
        describe(group.dir, () => {
            const stack = `${group.dir}-conformance`;
            group.scenarios.forEach((scenario, index) => {
                const number = index + 1;
                const expected = !scenario.wantErrors?.length
                    ? "succeeds"
                    : scenario.advisory
                      ? "succeeds with advisory violations"
                      : "fails";
                it(`scenario ${number} ${expected}, as upstream states`, async function () {
                    const missing = missingPinnedDependencies(path.join(SUITE, group.dir, "program"));
                    if (missing.length > 0) {
                        // Its outcome depends on the exact SDK version the program pins (the default
                        // provider's name and version come from it); see the README.
                        console.log(
                            `      (${group.dir}: needs ${missing.join(", ")} installed in its program folder: npm install --prefix tests/conformance/${group.dir}/program)`,
                        );
                        this.skip();
                    }
                    // What upstream's runner sets for the packs to compare against.
                    process.env.PULUMI_TEST_PROJECT = group.dir;
                    process.env.PULUMI_TEST_STACK = stack;
                    const outcome = await pulumiUp(group, number, scenario, stack, configDir);
                    const shouldFail = !!scenario.wantErrors?.length && !scenario.advisory;
                    assert.strictEqual(
                        outcome.failed,
                        shouldFail,
                        `expected the run to ${shouldFail ? "fail" : "succeed"}:\n${outcome.output}`,
                    );
                    for (const want of scenario.wantErrors ?? []) {
                        assert.ok(
                            outcome.output.includes(want),
                            `missing ${JSON.stringify(want)} in:\n${outcome.output}`,
                        );
                    }
                });
            });
        });
    }
});
