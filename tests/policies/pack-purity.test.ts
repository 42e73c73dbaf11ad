// The offline check runs webtier's pack in one process for every stack (tools/check/run.ts,
// packPerStack), which gives the engine's verdicts only while the pack reads nothing the engine
// sets per stack in the analyzer's environment: the stack's config, its name, project,
// organization or dry-run flag. This test holds the pack to that.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../tools/check/paths";

/** What reads the analyzer's per-stack environment, directly or through the Pulumi SDK. */
const ENVIRONMENT_READS: [RegExp, string][] = [
    [/\bprocess\.env\b/, "process.env"],
    [/\bgetStack\s*\(/, "pulumi.getStack()"],
    [/\bgetProject\s*\(/, "pulumi.getProject()"],
    [/\bgetOrganization\s*\(/, "pulumi.getOrganization()"],
    [/\bnew\s+(pulumi\.)?Config\s*\(/, "new pulumi.Config()"],
    [/\bisDryRun\s*\(/, "pulumi.runtime.isDryRun()"],
    [/\ballConfig\s*\(/, "pulumi.runtime.allConfig()"],
    [/\bgetConfig\s*\(\s*["'`][\w-]+:/, "pulumi.runtime.getConfig(key)"],
];

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
        return /\.ts$/.test(entry.name) ? [full] : [];
    });
}

/** Each read of the per-stack environment in `text`, as "line: what". */
export function environmentReads(text: string): string[] {
    const found: string[] = [];
    text.split("\n").forEach((line, index) => {
        const code = line.replace(/\/\/.*$/, "");
        for (const [pattern, what] of ENVIRONMENT_READS) if (pattern.test(code)) found.push(`${index + 1}: ${what}`);
    });
    return found;
}

describe("webtier's policy pack reads nothing from the analyzer's per-stack environment", () => {
    it("finds such reads when they are there", () => {
        assert.deepStrictEqual(environmentReads('const s = pulumi.getStack();\nconst c = new pulumi.Config("x");'), [
            "1: pulumi.getStack()",
            "2: new pulumi.Config()",
        ]);
        assert.deepStrictEqual(environmentReads("const v = process.env.PULUMI_CONFIG;"), ["1: process.env"]);
        assert.deepStrictEqual(environmentReads("// process.env in a comment"), []);
    });

    it("has none in any of its sources", () => {
        const files = sources(path.join(REPO_ROOT, "policies"));
        assert.ok(files.length > 20, `read the pack's sources (${files.length})`);
        const reads = files.flatMap((file) =>
            environmentReads(fs.readFileSync(file, "utf8")).map((r) => `${path.relative(REPO_ROOT, file)}:${r}`),
        );
        assert.deepStrictEqual(reads, [], "a pack that reads these needs packPerStack in tools/check/run.ts");
    });
});
