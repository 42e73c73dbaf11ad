// TypeScript programs load as the language host loads them (cmd/run: ts-node, the program's
// tsconfig, type-checked), fail where `pulumi up` would fail, and report source lines.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { tsNodeOptions } from "../../../tools/check/typescript";
import { readProjectFile } from "../../../tools/check/stack-config";
import { DIST_ROOT, FIXTURE_PACK, FIXTURES, REPO_ROOT } from "./paths";
import { projectWithOwnSdk } from "./own-sdk";
import { scratchProject } from "../../support/scratch";

/** A throwaway project that resolves this repository's packages (as an installed project would its own). */
function project(name: string, index: string, files: Record<string, string> = {}): string {
    const dir = scratchProject(`check-${name}-`);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "index.ts"), index);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    return dir;
}

const check = (dir: string) =>
    runCheck({
        distRoot: DIST_ROOT,
        projectDir: REPO_ROOT,
        program: dir,
        policyPack: FIXTURE_PACK,
        config: ["owner=me"],
    });

describe("TypeScript programs as the language host loads them", () => {
    it("takes cmd/run's ts-node options: its defaults under the program's tsconfig, type-checked unless told otherwise", () => {
        const dir = project("options", "export {};\n", {
            "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022" } }),
        });
        const { options } = tsNodeOptions(dir, {});
        assert.strictEqual(options.skipProject, false);
        assert.strictEqual(options.transpileOnly, undefined, "ts-node's default: type-check");
        assert.deepStrictEqual(options.compilerOptions, {
            target: "ES2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            sourceMap: "true",
            strict: true,
        });
        assert.strictEqual(tsNodeOptions(dir, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }).options.transpileOnly, true);
        assert.match(String(options.tsnodeRequire), /ts-node/);
        // Pulumi.yaml's runtime.options.tsconfig names another file; its noCheck makes ts-node transpile only.
        fs.writeFileSync(
            path.join(dir, "tsconfig.pulumi.json"),
            JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noCheck: true } }),
        );
        assert.strictEqual(tsNodeOptions(dir, {}, "tsconfig.pulumi.json").options.transpileOnly, true);
    });

    it("reads the runtime options the language host acts on from Pulumi.yaml", () => {
        const dir = project("runtime-options", "export {};\n");
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            "name: runtime-options\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n    tsconfig: tsconfig.pulumi.json\n",
        );
        assert.deepStrictEqual(readProjectFile(dir).runtimeOptions, {
            typescript: true,
            tsconfig: "tsconfig.pulumi.json",
        });
    });

    it("fails a program that does not type-check, at its source line, with the language host's words", async function () {
        this.timeout(180000);
        const dir = project(
            "type-error",
            'import * as pulumi from "@pulumi/pulumi";\n\nconst servers: number = "2";\nexport const count = pulumi.output(servers);\n',
        );
        const stack = (await check(dir)).stacks[0];
        assert.ok(stack.error, "the program must fail");
        assert.match(stack.error, /^Running program '.*index\.ts' failed with an unhandled exception:/);
        assert.match(stack.error, /index\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'/);
    });

    it("reports a runtime error at the TypeScript source line", async function () {
        this.timeout(180000);
        const stack = (await check(path.join(FIXTURES, "projects", "throws"))).stacks[0];
        assert.ok(stack.error, "the program must fail");
        assert.match(stack.error, /Error: servers must be at least 2, got 0/);
        assert.match(stack.error, /throws[\\/]index\.ts:9:\d+/);
    });

    it("compiles the TypeScript a program requires after loading (in its function, after an await, in an apply), as ts-node stays registered under cmd/run", async function () {
        this.timeout(180000);
        const resource = (name: string) =>
            `import * as pulumi from "@pulumi/pulumi";\nclass Thing extends pulumi.CustomResource {\n    constructor(name: string) { super("test:index:Thing", name, {}); }\n}\nexport function make() { return new Thing("${name}"); }\n`;
        const dir = project(
            "deferred-require",
            [
                'import * as pulumi from "@pulumi/pulumi";',
                "export = async () => {",
                '    require("./first").make();',
                "    await new Promise((resolve) => setTimeout(resolve, 5));",
                '    require("./second").make();',
                '    pulumi.output("x").apply(() => require("./third").make());',
                "};",
                "",
            ].join("\n"),
            { "first.ts": resource("first"), "second.ts": resource("second"), "third.ts": resource("third") },
        );
        const stack = (await check(dir)).stacks[0];
        assert.strictEqual(stack.error, undefined, stack.error);
        // The stack and the three things.
        assert.strictEqual(stack.resources, 4);
    });

    it("loads a project's TypeScript with the ts-node and compiler its own SDK finds, as cmd/run requires them from inside the SDK", async function () {
        this.timeout(180000);
        // ts-node 10 installed beside the project's own @pulumi/pulumi, as a project that installs ts-node has it.
        const dir = projectWithOwnSdk(
            "own-ts-node",
            {
                "index.ts":
                    'import * as pulumi from "@pulumi/pulumi";\n\nexport const greeting = pulumi.output("hello");\n',
            },
            { "ts-node": "ts-node-10" },
        );
        const { options } = tsNodeOptions(dir, {});
        // The project's ts-node (10.9.2 here), not a name left for the check's own folder to resolve.
        assert.ok(path.isAbsolute(String(options.tsnodeRequire)), String(options.tsnodeRequire));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual(require(String(options.tsnodeRequire)).VERSION, "10.9.2");
        assert.ok(path.isAbsolute(String(options.compiler)), String(options.compiler));
        const stack = (await check(dir)).stacks[0];
        assert.strictEqual(stack.error, undefined, stack.error);
    });
});
