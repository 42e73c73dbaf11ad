// TypeScript in an ES module package, loaded as the language host loads it: through ts-node's ESM
// hooks when the project has a ts-node with them (cmd/run's automatic ESM mode), else by Node
// itself. ts-node is found as cmd/run finds it, from @pulumi/pulumi: here through NODE_PATH, so
// that the repository's own TypeScript keeps loading through the SDK's vendored ts-node.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as util from "util";
import { esmTypeScriptMode, newerThan47 } from "../../../tools/check/esm-typescript";
import { errorText } from "../../../tools/check/run";
import { CLI, DIST_ROOT, FIXTURES, REPO_ROOT } from "./paths";

const PROJECT = path.join(FIXTURES, "projects", "esm-typescript");
const TYPED = path.join(FIXTURES, "projects", "esm-typescript-typed");

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `node ARGS` in the repository, with NODE_PATH set to `nodePath` only. */
function node(args: string[], nodePath?: string): Promise<Run> {
    const env = { ...process.env };
    delete env.NODE_PATH;
    delete env.TS_NODE_TRANSPILE_ONLY;
    if (nodePath) env.NODE_PATH = nodePath;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

/** The check's CLI, as `npm run check` runs it. */
const check = (args: string[], nodePath?: string) => node([CLI, ...args], nodePath);

interface JsonStack {
    name: string;
    resources: number;
    error?: string;
    notes: string[];
    violations: { policy: string; resource: string }[];
}

describe("TypeScript in an ES module package", function () {
    this.timeout(60_000);
    /** A global folder (NODE_PATH) holding ts-node 10, which has `ts-node/esm`. */
    let globalFolder: string;
    before(() => {
        globalFolder = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-ts-node-"));
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "ts-node-10"), path.join(globalFolder, "ts-node"), "dir");
    });
    after(() => fs.rmSync(globalFolder, { recursive: true, force: true }));

    const program = path.relative(REPO_ROOT, PROJECT);

    it("loads through ts-node's ESM hooks when the project has ts-node: ./x.js names x.ts, top-level await works, each stack runs it afresh", async () => {
        const run = await check(
            ["--program", program, "--stack", "ireland", "--stack", "oregon", "--format", "json"],
            globalFolder,
        );
        assert.strictEqual(run.code, 1, run.stderr);
        const stacks = (JSON.parse(run.stdout) as { stacks: JsonStack[] }).stacks;
        // The stack and one open group per admin: 2 by default, 3 in oregon's config.
        assert.deepStrictEqual(
            stacks.map((s) => [s.name, s.error, s.resources]),
            [
                ["ireland", undefined, 3],
                ["oregon", undefined, 4],
            ],
        );
        assert.deepStrictEqual(
            stacks.map((s) => s.violations.filter((v) => v.policy === "webtier-ssh-allowlist").map((v) => v.resource)),
            [
                ["admin-0", "admin-1"],
                ["admin-0", "admin-1", "admin-2"],
            ],
        );
        assert.ok(
            stacks.every((s) => !s.notes.some((n) => n.includes("automatic ESM mode"))),
            stacks.flatMap((s) => s.notes).join("\n"),
        );
    });

    it("locates a finding at its TypeScript line, above which the compiled JavaScript has lost the interface's lines", async () => {
        const run = await check(["--program", program, "--stack", "ireland", "--format", "sarif"], globalFolder);
        assert.strictEqual(run.code, 1, run.stderr);
        const results = (JSON.parse(run.stdout) as { runs: { results: any[] }[] }).runs[0].results;
        const lines = fs.readFileSync(path.join(PROJECT, "network.ts"), "utf8").split("\n");
        const declared = lines.findIndex((line) => line.includes("new aws.ec2.SecurityGroup(")) + 1;
        const located = results
            .filter((r) => r.ruleId === "webtier-ssh-allowlist")
            .map((r) => r.locations[0].physicalLocation);
        assert.strictEqual(located.length, 2);
        for (const location of located)
            assert.deepStrictEqual(
                [location.artifactLocation.uri, location.region.startLine],
                ["tests/fixtures/projects/esm-typescript/network.ts", declared],
            );
    });

    it("without ts-node/esm, Node strips the types itself, does not find ./network.js, and the notes say why", async () => {
        const run = await check(["--program", program, "--stack", "ireland", "--format", "json"]);
        assert.strictEqual(run.code, 2, run.stderr);
        const [stack] = (JSON.parse(run.stdout) as { stacks: JsonStack[] }).stacks;
        assert.match(stack.error ?? "", /Cannot find module '.*network\.js' imported from .*index\.ts/);
        assert.ok(
            stack.notes.some((n) => /no automatic ESM mode \(ts-node\/esm does not resolve/.test(n)),
            stack.notes.join("\n"),
        );
    });

    it("type-checks as ts-node does by default, failing the stack with the compiler's diagnostic", async () => {
        const run = await check(["--program", path.relative(REPO_ROOT, TYPED), "--format", "json"], globalFolder);
        assert.strictEqual(run.code, 2, run.stderr);
        const [stack] = (JSON.parse(run.stdout) as { stacks: JsonStack[] }).stacks;
        assert.match(
            stack.error ?? "",
            /^Running program '.*index\.ts' failed with an unhandled exception:\nindex\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'\./,
        );
    });

    it("in one process, compiles each project's modules with that project's own ts-node service only", async () => {
        // The check runs projects one after another in one process (the tests do), and hooks registered
        // with module.register stay: the transpile-only project must not be compiled by the
        // type-checking one's service, registered after it, nor the other way round.
        const script = `
            const path = require("path");
            const { runCheck } = require(${JSON.stringify(path.join(DIST_ROOT, "tools", "check", "run.js"))});
            (async () => {
                const seen = [];
                for (const program of ${JSON.stringify([program, path.relative(REPO_ROOT, TYPED), program])}) {
                    const [stack] = (await runCheck({ distRoot: ${JSON.stringify(DIST_ROOT)}, projectDir: ${JSON.stringify(REPO_ROOT)}, program })).stacks;
                    seen.push([path.basename(program), stack.resources, (stack.error ?? "").split("\\n")[1] ?? null]);
                }
                console.log(JSON.stringify(seen));
            })();`;
        const run = await node(["-e", script], globalFolder);
        assert.strictEqual(run.code, 0, run.stderr);
        const out = run.stdout;
        assert.deepStrictEqual(JSON.parse(out.trim().split("\n").pop()!), [
            ["esm-typescript", 3, null],
            [
                "esm-typescript-typed",
                0,
                "index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
            ],
            ["esm-typescript", 3, null],
        ]);
    });

    it("imports a .mts main of an ES module package too, and refuses one outside such a package", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-mts-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: mts\nruntime: nodejs\nmain: index.mts\n");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "mts", type: "module" }));
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
            fs.writeFileSync(
                path.join(dir, "index.mts"),
                'import * as pulumi from "@pulumi/pulumi";\nconst acl: string = await Promise.resolve("public-read");\n' +
                    'export const id = new pulumi.CustomResource("fixture:index:Bucket", "assets", { acl }).id;\n',
            );
            const run = await check(["--program", dir, "--format", "json"]);
            const [stack] = (JSON.parse(run.stdout) as { stacks: JsonStack[] }).stacks;
            assert.strictEqual(stack.error, undefined, run.stdout);
            assert.strictEqual(stack.resources, 2);
            // Without the package's "type": "module", the host would require it, which the check refuses.
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "mts" }));
            const cjs = await check(["--program", dir, "--format", "json"]);
            assert.strictEqual(cjs.code, 2);
            assert.match(cjs.stdout + cjs.stderr, /a \.mts or \.cts program is supported in an ES module package/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("takes the ESM mode only as cmd/run does: not when nodeargs name a loader word on its own", () => {
        const withRequire = esmTypeScriptMode(PROJECT, ["--require", "./setup.cjs"], {});
        assert.deepStrictEqual(withRequire, { kind: "node", reason: "nodeargs start node with --require" });
        // cmd/run matches whole words: `--import=x` is not `--import`, so the next condition decides.
        const joined = esmTypeScriptMode(PROJECT, ["--import=./setup.mjs"], {});
        assert.strictEqual(joined.kind, "node");
        assert.match((joined as { reason: string }).reason, /ts-node\/esm does not resolve/);
    });

    it("compares TypeScript's version with 4.7.0 as semver does", () => {
        assert.deepStrictEqual(
            ["4.6.4", "4.7.0", "4.7.0-beta", "4.7.1", "4.8.0-dev.20220601", "5.9.3", "3.8.3", "10.0.0"].map(
                newerThan47,
            ),
            [false, false, false, true, true, true, false, true],
        );
    });

    it("prints an error that only inspects (as one thrown in Node's hooks thread arrives) as cmd/run does", () => {
        const arrived = Object.create(null) as object;
        Object.defineProperty(arrived, util.inspect.custom, { value: () => "index.ts(3,7): error TS2322: nope" });
        assert.strictEqual(
            errorText(arrived, "/p/index.ts"),
            "Running program '/p/index.ts' failed with an unhandled exception:\nindex.ts(3,7): error TS2322: nope",
        );
    });
});
