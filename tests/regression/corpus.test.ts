// The regression corpus: programs written the ways people really write web tiers on AWS and
// DigitalOcean, insecure and sound, each run through the real offline check (`tools/check`:
// evaluated under mocks, the policy pack started as the engine starts it, every resource sent
// over its gRPC protocol) as `pulumi up` and as `--preview` evaluate them. Each program's
// mandatory violations must be exactly the [policy, resource] pairs verdicts.json lists: a
// missed exposure and a false alarm on a sound design both fail.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PolicyPack } from "../../tools/check/pack";
import { defaultPolicyPack, runCheck, startPolicyPack } from "../../tools/check/run";
import { exitCodeOf } from "../../tools/check/results";
import { DIST_ROOT, REPO_ROOT } from "../tools/check/paths";

interface Verdict {
    /** The mandatory violations, as [policy, resource name]; empty when the program must pass. */
    mandatory: [string, string][];
    /** A policy config file (relative to the repository), as for --policy-config. */
    policyConfig?: string;
}

const CORPUS = path.join(REPO_ROOT, "tests", "regression");
const verdicts: Record<string, Verdict> = JSON.parse(
    fs.readFileSync(path.join(CORPUS, "verdicts.json"), "utf8"),
).programs;
const pair = ([policy, resource]: [string, string]) => `${policy} on ${resource}`;

describe("the regression corpus through the offline check", () => {
    it("has a verdict for every program and a program for every verdict, at least 20 of them", () => {
        const programs = fs
            .readdirSync(path.join(CORPUS, "programs"))
            .filter((f) => f.endsWith(".ts") && f !== "network.ts")
            .sort();
        assert.deepStrictEqual(programs, Object.keys(verdicts).sort());
        assert.ok(programs.length >= 20, `${programs.length} programs`);
        assert.ok(
            Object.values(verdicts).some((v) => v.mandatory.length === 0) &&
                Object.values(verdicts).some((v) => v.mandatory.length > 0),
            "sound and insecure programs both",
        );
    });

    for (const preview of [false, true]) {
        describe(preview ? "as `pulumi preview` evaluates them" : "as `pulumi up` evaluates them", () => {
            let pack: PolicyPack;
            before(async () => {
                const ours = defaultPolicyPack(REPO_ROOT, DIST_ROOT);
                pack = await startPolicyPack(ours.dir, "webtier", ours.entry, preview);
            });
            after(async () => {
                await pack?.close();
            });

            for (const [program, verdict] of Object.entries(verdicts)) {
                const expected = verdict.mandatory.map(pair).sort();
                const title =
                    expected.length === 0
                        ? `passes ${program} (a sound design)`
                        : `refuses ${program}: ${expected.join(", ")}`;
                it(title, async () => {
                    const result = await runCheck({
                        distRoot: DIST_ROOT,
                        projectDir: REPO_ROOT,
                        program: path.join(CORPUS, "programs", program),
                        config: ["aws:region=eu-west-1"],
                        policyConfig: verdict.policyConfig,
                        pack,
                        preview,
                    });
                    const [stack] = result.stacks;
                    assert.strictEqual(stack.error, undefined, `${program}: ${stack.error}`);
                    const mandatory = stack.violations.filter((v) => v.level === "mandatory");
                    const found = [...new Set(mandatory.map((v) => pair([v.policy, v.resource])))].sort();
                    const shown =
                        mandatory
                            .map((v) => `  ${v.policy} on ${v.resource}: ${v.message.split("\n").pop()}`)
                            .join("\n") || "  (none)";
                    assert.deepStrictEqual(found, expected, `${program}:\n${shown}`);
                    assert.strictEqual(exitCodeOf(result), expected.length > 0 ? 1 : 0);
                });
            }
        });
    }
});
