import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { positionOf } from "../support/source-position";

const ROOT = path.join(__dirname, "..", "..", "..");
/** Inside the repository, so the transpiled code finds node_modules as dist/ does (ignored: dist*). */
const OUT = path.join(ROOT, "dist-transpile-test");
/** The same sources as TypeScript itself emits them, beside it. */
const EMITTED = path.join(ROOT, "dist-typescript-test");

/**
 * What `pulumi up` runs: the language host's ts-node hands each file to TypeScript's
 * `transpileModule` under the project's compiler options (webtier's Pulumi.yaml asks for
 * transpile-only, tsconfig.pulumi.json), so this writes the check's sources as that would.
 */
function emitWithTypeScript(out: string): void {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, "tsconfig.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
                throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
            },
        },
    );
    if (!parsed) throw new Error("tsconfig.json does not parse");
    for (const file of parsed.fileNames) {
        const relative = path.relative(ROOT, file);
        if (!/^(index\.ts$|infra[\\/]|policies[\\/]|tools[\\/])/.test(relative)) continue;
        const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
            compilerOptions: { ...parsed.options, sourceMap: false },
            fileName: file,
        });
        const target = path.join(out, relative.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, outputText);
    }
    // The JSON files are data, not compiled: the same as in the check's build.
    for (const json of filesUnder(OUT).filter((file) => file.endsWith(".json"))) {
        fs.mkdirSync(path.dirname(path.join(out, json)), { recursive: true });
        fs.copyFileSync(path.join(OUT, json), path.join(out, json));
    }
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

interface Report {
    stacks: Array<{
        name: string;
        resources: number;
        violations: Array<{ policy: string; level: string; resource: string; message: string }>;
    }>;
}

function check(cliRoot: string, args: string[]): { status: number | null; report: Report; stderr: string } {
    const run = spawnSync(
        process.execPath,
        [path.join(cliRoot, "tools", "check", "cli.js"), "--format", "json", ...args],
        {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        },
    );
    return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** What a verdict consists of, without timings. */
function verdicts(report: Report) {
    return report.stacks.map((stack) => ({
        name: stack.name,
        resources: stack.resources,
        violations: stack.violations.map((v) => `${v.level} ${v.policy} ${v.resource}: ${v.message}`).sort(),
    }));
}

describe("scripts/transpile.js (what npm run check runs instead of type-checking)", function () {
    this.timeout(120_000);
    after(() => {
        fs.rmSync(OUT, { recursive: true, force: true });
        fs.rmSync(EMITTED, { recursive: true, force: true });
    });

    it("writes dist/'s layout, JSON included, with no test in it", () => {
        // What tsc's incremental build left there: the next `tsc -p .` must not take these files for its own.
        fs.mkdirSync(OUT, { recursive: true });
        fs.writeFileSync(path.join(OUT, ".tsbuildinfo"), "{}");
        const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "transpile.js")], {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, WEBTIER_TRANSPILE_OUT: OUT },
        });
        assert.strictEqual(run.status, 0, run.stderr);
        for (const file of [
            "index.js",
            "tools/check/cli.js",
            "policies/index.js",
            "infra/outputs/webtier-outputs.schema.json",
        ]) {
            assert.ok(fs.existsSync(path.join(OUT, file)), `${file} is missing`);
        }
        assert.ok(!fs.existsSync(path.join(OUT, "tests")), "tests are not the check's to build");
        assert.ok(!fs.existsSync(path.join(OUT, ".tsbuildinfo")), "tsc's incremental record is dropped");
    });

    it("writes the tests too with --all, as npm test runs them", () => {
        const out = path.join(ROOT, "dist-transpile-all-test");
        try {
            const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "transpile.js"), "--all"], {
                cwd: ROOT,
                encoding: "utf8",
                env: { ...process.env, WEBTIER_TRANSPILE_OUT: out },
                timeout: 60_000,
            });
            assert.strictEqual(run.status, 0, run.stderr);
            assert.ok(fs.existsSync(path.join(out, "tests", "scripts", "transpile.test.js")));
            assert.ok(fs.existsSync(path.join(out, "examples", "uptime-monitor", "index.js")));
            // The TypeScript projects the tests run as they are (tsconfig excludes them) are not written.
            assert.ok(!fs.existsSync(path.join(out, "tests", "fixtures", "projects", "esm-typescript")));
            // A dynamic import is a require, as in tsc's CommonJS: it finds a module without its extension.
            const compiled = fs.readFileSync(path.join(out, "examples", "uptime-monitor", "monitor.js"), "utf8");
            assert.doesNotMatch(compiled, /\bimport\(/);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("gives the check the same verdicts as TypeScript's own output of the same sources, on compliant stacks and on one under another's rules", () => {
        // aws-dev under prod's rules fails, so the comparison covers violations as well as passes.
        const args = [
            "--stack",
            "aws-prod",
            "--stack",
            "do-prod",
            "--stack",
            "aws-dev",
            "--policy-config",
            "aws-dev=policies/config/prod.json",
        ];
        // The check's build is the one the first case wrote (OUT).
        emitWithTypeScript(EMITTED);
        const typeChecked = check(EMITTED, args);
        const transpiled = check(OUT, args);
        assert.strictEqual(typeChecked.status, 1, typeChecked.stderr);
        assert.strictEqual(transpiled.status, typeChecked.status, transpiled.stderr);
        assert.deepStrictEqual(verdicts(transpiled.report), verdicts(typeChecked.report));
        assert.strictEqual(transpiled.report.stacks.length, 3);
        assert.ok(
            transpiled.report.stacks.every((stack) => stack.resources > 20),
            "each stack evaluated its resources",
        );
    });

    it("locates webtier's violations in SARIF at their TypeScript declarations", () => {
        const run = spawnSync(
            process.execPath,
            [path.join(OUT, "tools", "check", "cli.js"), "--stack", "aws-dev", "--format", "sarif"],
            { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        assert.strictEqual(run.status, 0, run.stderr);
        const [sarif] = JSON.parse(run.stdout).runs;
        const declaration = positionOf(path.join(ROOT, "infra", "aws", "database.ts"), "new aws.rds.Instance(");
        const db = sarif.results.filter((r: any) => r.locations[0].logicalLocations[0].name === "aws-dev-db");
        assert.ok(db.length >= 2);
        for (const result of db) {
            const { artifactLocation, region } = result.locations[0].physicalLocation;
            assert.deepStrictEqual(
                [artifactLocation.uri, region.startLine],
                ["infra/aws/database.ts", declaration.line],
            );
        }
    });

    it("keeps the health gates' serialized providers small in the transpiled program the check runs", async () => {
        // esbuild's CommonJS reaches another module's exports through getters, which Pulumi's closure
        // serializer follows into that module's whole scope: a gate that imported a module importing
        // @pulumi/pulumi carried the SDK's classes (over 100 KB) in the check, not under `pulumi up`.
        for (const [file, name] of [
            ["infra/aws/health-gate.js", "awsHealthGateProvider"],
            ["infra/digitalocean/health-gate.js", "digitalOceanHealthGateProvider"],
        ]) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the transpiled copy, as the check loads it
            const provider = require(path.join(OUT, file))[name];
            const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
            assert.doesNotMatch(text, /cannot be called at runtime/, `${file}: no @pulumi/pulumi class serialized`);
            assert.ok(text.length <= 32_000, `${file}: ${text.length} characters (at most 32000)`);
        }
    });
});
