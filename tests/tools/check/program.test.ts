import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluate } from "../../../tools/harness/evaluate";
import { ProgramLoadError, cachedTranspile, programFromFile, webtierProgram } from "../../../tools/check/program";
import { readStackFile } from "../../../tools/check/stack-config";
import { SECRET_KEYS } from "../../../infra/config/types";
import { DIST_ROOT, REPO_ROOT, program } from "./paths";

describe("loading the program to check", () => {
    it("compiles a TypeScript program on the fly and calls its default export", async () => {
        const loaded = programFromFile(program("tier.ts"));
        const evaluation = await evaluate({
            program: loaded.run,
            config: { "webtier:owner": "me", "webtier:servers": "3" },
        });
        assert.strictEqual(evaluation.resources.filter((r) => r.type === "fixture:index:Server").length, 3);
        assert.deepStrictEqual(evaluation.outputs.servers, 3);
    });

    it("runs a module-body program again for every stack", async () => {
        const loaded = programFromFile(program("public-bucket.js"));
        for (const stack of ["one", "two"]) {
            const evaluation = await evaluate({ program: loaded.run, stack });
            assert.deepStrictEqual(
                evaluation.resources.map((r) => r.urn.split("::")[0] + "::" + r.name),
                [`urn:pulumi:${stack}::webtier-${stack}`, `urn:pulumi:${stack}::lonely`, `urn:pulumi:${stack}::assets`],
            );
            assert.ok("bucketId" in evaluation.outputs);
        }
    });

    it("refuses a missing file and other languages", () => {
        assert.throws(
            () => programFromFile(program("nope.ts")),
            (e: Error) => e instanceof ProgramLoadError && /does not exist/.test(e.message),
        );
        assert.throws(() => programFromFile(program("../policy-config.json")), /must be a \.ts or \.js file/);
    });
});

describe("the TypeScript hook's transpile cache", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-transpile-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("transpiles a file once per text, compiler version and name, and serves it from disk after", () => {
        const calls: string[] = [];
        const transpile = (label: string) => () => {
            calls.push(label);
            return `// ${label}\n`;
        };
        assert.strictEqual(cachedTranspile("/p/a.ts", "let x = 1;", "5.9.3", transpile("first"), dir), "// first\n");
        assert.strictEqual(cachedTranspile("/p/a.ts", "let x = 1;", "5.9.3", transpile("again"), dir), "// first\n");
        cachedTranspile("/p/a.ts", "let x = 2;", "5.9.3", transpile("changed text"), dir);
        cachedTranspile("/p/a.ts", "let x = 1;", "5.8.0", transpile("other compiler"), dir);
        cachedTranspile("/q/a.ts", "let x = 1;", "5.9.3", transpile("other file"), dir);
        assert.deepStrictEqual(calls, ["first", "changed text", "other compiler", "other file"]);
        assert.strictEqual(fs.readdirSync(dir).length, 4);
    });
});

describe("webtier's own program as the check loads it", () => {
    it("runs the project's main, so what it passes to runWebtier (transforms) is what the check sees", async () => {
        const config = readStackFile(path.join(REPO_ROOT, "stacks", "Pulumi.aws-prod.yaml"), {
            project: "webtier",
            requiredSecrets: SECRET_KEYS,
        });
        const run = async (main: string | undefined) => {
            const evaluation = await evaluate({
                program: webtierProgram(DIST_ROOT, main).run,
                config: config.config,
                secretKeys: config.secretKeys,
                project: "webtier",
                stack: "aws-prod",
            });
            return evaluation.resources.filter((r) => r.type === "aws:rds/instance:Instance");
        };
        const [plain] = await run(undefined);
        const [custom] = await run("examples/custom-tier/index.ts");
        assert.strictEqual(plain.inputs.performanceInsightsEnabled ?? false, false);
        assert.strictEqual(custom.inputs.performanceInsightsEnabled, true);
    });
});
