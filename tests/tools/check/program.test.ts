import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Evaluation, evaluate } from "../../../tools/harness/evaluate";
import { ProgramLoadError, programFromFile, webtierProgram } from "../../../tools/check/program";
import { cachedTranspile, checkCacheDir } from "../../../tools/check/transpile-on-require";
import { readStackFile } from "../../../tools/check/stack-config";
import { SECRET_KEYS } from "../../../infra/config/types";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

describe("loading the program to check", () => {
    it("compiles a TypeScript program on the fly and calls the function it exports", async () => {
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
        assert.throws(
            () => programFromFile(program("../policy-config.json")),
            /must be a \.ts, \.js, \.cjs or \.mjs file/,
        );
    });

    it("does not call a CommonJS module's default export, as the language host does not (pulumi/pulumi#4017)", async () => {
        const evaluation = await evaluate({ program: programFromFile(program("cjs-default")).run });
        assert.deepStrictEqual(
            evaluation.resources.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
    });
});

describe("a CommonJS program whose default export is a function, through the check", () => {
    let pack: PolicyPack;
    before(async () => (pack = await PolicyPack.start(FIXTURE_PACK)));
    after(() => pack.close());

    it("registers what `pulumi up` would (nothing) and says why in the stack's notes", async () => {
        const [stack] = (
            await runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                program: path.relative(REPO_ROOT, program("cjs-default")),
                pack,
            })
        ).stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        assert.strictEqual(stack.resources, 1, "the stack resource only");
        assert.deepStrictEqual(
            stack.violations.filter((v) => v.type === "fixture:index:Bucket"),
            [],
        );
        assert.ok(
            stack.notes.some((n) => /index\.js is a CommonJS module whose default export is a function/.test(n)),
            stack.notes.join("\n"),
        );
    });
});

describe("an ES module program, imported as the language host imports it", () => {
    const names = (evaluation: Evaluation) =>
        evaluation.resources.filter((r) => r.type === "fixture:index:Bucket").map((r) => r.name);

    it("follows package.json `exports`, awaits at the top level and runs the default export", async () => {
        const loaded = programFromFile(program("esm-await"));
        assert.strictEqual(path.relative(program("esm-await"), loaded.file!), path.join("src", "main.mjs"));
        const evaluation = await evaluate({ program: loaded.run, config: { "webtier:replicas": "2" } });
        assert.deepStrictEqual(names(evaluation), ["assets", "replica-1", "replica-2"]);
        assert.strictEqual(evaluation.outputs.replicas, 2);
    });

    it("runs the program's own modules afresh for every stack, its packages once", async () => {
        const loaded = programFromFile(program("esm-await"));
        for (const [stack, replicas] of [
            ["one", 1],
            ["two", 3],
        ] as const) {
            const evaluation = await evaluate({
                program: loaded.run,
                stack,
                config: { "webtier:replicas": String(replicas) },
            });
            // storage.js declares "assets" in its module body: it is there for the second stack too.
            assert.deepStrictEqual(names(evaluation), [
                "assets",
                ...Array.from({ length: replicas }, (_, i) => `replica-${i + 1}`),
            ]);
        }
    });

    it("refuses a module with both a default export and named exports, as the host does", async () => {
        await assert.rejects(
            evaluate({ program: programFromFile(program("esm-both")).run }),
            /expected entrypoint module to have either a default export or named exports but not both/,
        );
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

    it("keeps the check's caches under node_modules/.cache, or under WEBTIER_CHECK_CACHE when set", () => {
        const saved = process.env.WEBTIER_CHECK_CACHE;
        try {
            delete process.env.WEBTIER_CHECK_CACHE;
            assert.strictEqual(
                checkCacheDir("webtier-transpile"),
                path.join(
                    path.dirname(require.resolve("typescript/package.json")),
                    "..",
                    ".cache",
                    "webtier-transpile",
                ),
            );
            process.env.WEBTIER_CHECK_CACHE = "relative-cache";
            assert.strictEqual(
                checkCacheDir("webtier-closure-parse"),
                path.resolve("relative-cache", "webtier-closure-parse"),
            );
        } finally {
            if (saved === undefined) delete process.env.WEBTIER_CHECK_CACHE;
            else process.env.WEBTIER_CHECK_CACHE = saved;
        }
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
