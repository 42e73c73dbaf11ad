import * as assert from "assert";
import { USAGE, UsageError, parseArgs } from "../../../tools/check/args";

describe("check CLI arguments", () => {
    it("checks every stack as text when given nothing", () => {
        const args = parseArgs([]);
        assert.deepStrictEqual(args.stacks, []);
        assert.strictEqual(args.format, "text");
        assert.strictEqual(args.program, undefined);
    });

    it("collects repeated --stack and --config in order, with or without =", () => {
        const args = parseArgs([
            "--stack",
            "aws-dev",
            "--stack=do-prod",
            "--config",
            "owner=me",
            "--config=webtier:servers=3",
        ]);
        assert.deepStrictEqual(args.stacks, ["aws-dev", "do-prod"]);
        assert.deepStrictEqual(args.config, ["owner=me", "webtier:servers=3"]);
    });

    it("takes the program, pack, policy config, format and output", () => {
        const args = parseArgs([
            "--program",
            "p.ts",
            "--policy-pack",
            "pack",
            "--policy-config",
            "c.json",
            "--format",
            "sarif",
            "--output",
            "out.sarif",
        ]);
        assert.strictEqual(args.program, "p.ts");
        assert.strictEqual(args.policyPack, "pack");
        assert.deepStrictEqual(args.policyConfig, ["c.json"]);
        assert.strictEqual(args.format, "sarif");
        assert.strictEqual(args.output, "out.sarif");
    });

    it("takes the markdown format and a summary file to append it to", () => {
        const args = parseArgs(["--format", "markdown", "--summary", "/tmp/step-summary.md"]);
        assert.strictEqual(args.format, "markdown");
        assert.strictEqual(args.summary, "/tmp/step-summary.md");
        assert.throws(() => parseArgs(["--summary", "a.md", "--summary=b.md"]), /--summary is given twice/);
        assert.throws(() => parseArgs(["--summary"]), /--summary needs a value/);
    });

    it("takes one shared policy config and any number of per-stack ones", () => {
        const args = parseArgs([
            "--policy-config",
            "all.json",
            "--policy-config",
            "aws-dev=dev.json",
            "--policy-config=do-dev=dev.json",
        ]);
        assert.deepStrictEqual(args.policyConfig, ["all.json", "aws-dev=dev.json", "do-dev=dev.json"]);
        assert.throws(
            () => parseArgs(["--policy-config", "a.json", "--policy-config", "b.json"]),
            /--policy-config FILE is given twice \(a\.json, b\.json\); use STACK=FILE/,
        );
    });

    it("refuses unknown options, formats, missing values and stray arguments", () => {
        assert.throws(
            () => parseArgs(["--stacks", "x"]),
            (e: Error) => e instanceof UsageError && /unknown option --stacks/.test(e.message),
        );
        assert.throws(() => parseArgs(["--format", "xml"]), /not a format; use one of text, json, sarif, markdown/);
        assert.throws(() => parseArgs(["--stack"]), /--stack needs a value/);
        assert.throws(() => parseArgs(["--stack", "--format"]), /--stack needs a value/);
        assert.throws(() => parseArgs(["aws-dev"]), /unexpected argument "aws-dev"/);
        assert.throws(() => parseArgs(["--config", "novalue"]), /must look like KEY=VALUE/);
        assert.throws(() => parseArgs(["--program", "a.ts", "--program", "b.ts"]), /--program is given twice/);
    });

    it("checks as pulumi up unless --preview is given", () => {
        assert.strictEqual(parseArgs([]).preview, false);
        assert.strictEqual(parseArgs(["--preview"]).preview, true);
    });

    it("recognises --help and documents every option and exit code", () => {
        assert.strictEqual(parseArgs(["--help"]).help, true);
        assert.strictEqual(parseArgs(["-h"]).help, true);
        for (const option of [
            "--stack",
            "--program",
            "--config",
            "--policy-pack",
            "--policy-config",
            "--stacks-dir",
            "--preview",
            "--format",
            "--output",
            "--help",
        ]) {
            assert.ok(USAGE.includes(option), `usage mentions ${option}`);
        }
        assert.match(USAGE, /0 no mandatory violation, 1 at least one mandatory violation/);
    });
});
