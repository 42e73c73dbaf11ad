import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ColdStart, compareColdStarts, configuredTsconfig, measureColdStart } from "../../../tools/check/cold-start";
import { readStackFile } from "../../../tools/check/stack-config";

const ROOT = path.join(__dirname, "..", "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsutils = require("@pulumi/pulumi/tsutils") as {
    loadTypeScriptCompilerOptions(file: string): Record<string, unknown>;
};

const run = (ms: number, maxRssMb: number, transpileOnly = true): ColdStart => ({
    tsconfig: "x",
    transpileOnly,
    ms,
    maxRssMb,
    resources: 98,
});

describe("pulumi up's cold start (the program as the language host loads it)", () => {
    it("is transpile-only with the project's settings: Pulumi.yaml names a tsconfig whose noCheck the language host reads", () => {
        const configured = configuredTsconfig(
            yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { runtime?: unknown },
        );
        assert.strictEqual(configured, "tsconfig.pulumi.json");
        // The SDK's own reader, as cmd/run uses it: it reads the file's own compilerOptions (no extends).
        assert.strictEqual(tsutils.loadTypeScriptCompilerOptions(path.join(ROOT, configured)).noCheck, true);
    });

    it("keeps type-checking in the tests: the tsconfig `npm test` compiles with checks types", () => {
        assert.notStrictEqual(tsutils.loadTypeScriptCompilerOptions(path.join(ROOT, "tsconfig.json")).noCheck, true);
    });

    it("meets the target only within 1.2x of the floor in both time and memory", () => {
        assert.strictEqual(compareColdStarts(run(1150, 250), run(1000, 240), run(5000, 800, false)).met, true);
        assert.strictEqual(compareColdStarts(run(1300, 250), run(1000, 240), run(5000, 800, false)).met, false);
        assert.strictEqual(compareColdStarts(run(1000, 300), run(1000, 240), run(5000, 800, false)).met, false);
    });

    it("loads and runs the whole program through ts-node in a fresh process with the configured tsconfig", function () {
        this.timeout(120_000);
        const stack = readStackFile(path.join(ROOT, "stacks", "Pulumi.do-prod.yaml"), {
            project: "webtier",
            requiredSecrets: ["appKey"],
        });
        const result = measureColdStart(ROOT, "tsconfig.pulumi.json", stack.config, stack.name);
        assert.strictEqual(result.transpileOnly, true);
        assert.ok(result.resources >= 25, `the program registered ${result.resources} resources`);
    });
});
