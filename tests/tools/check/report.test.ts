// The Markdown summary of the check, from real runs: per stack its resources, its violations by
// policy and resource, where each comes from and what to change.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { renderJson, renderMarkdown, renderText } from "../../../tools/check/report";
import { runCheck } from "../../../tools/check/run";
import { CLI, DIST_ROOT, FIXTURE_PACK, FIXTURE_STACKS, REPO_ROOT, program } from "./paths";
import { scratchDir } from "../../support/scratch";
import { positionOf } from "../../support/source-position";

const PACK = path.relative(REPO_ROOT, FIXTURE_PACK);

const lineOf = (file: string, text: string): number => positionOf(file, text).line;

describe("the Markdown summary", () => {
    it("tables every stack, then each stack's violations by policy with their places and fixes", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("tier.ts")),
            stacksDir: path.relative(REPO_ROOT, FIXTURE_STACKS),
            policyPack: PACK,
        });
        const markdown = renderMarkdown(result);
        assert.match(markdown, /^## Policy check: ❌ mandatory violations/);
        for (const stack of result.stacks) {
            const mandatory = stack.violations.filter((v) => v.level === "mandatory").length;
            assert.ok(
                markdown.includes(
                    `| \`${stack.name}\` | – | ${stack.resources} | ${mandatory} | ${stack.violations.length - mandatory} |`,
                ),
                `a row for ${stack.name}`,
            );
        }
        const bad = markdown.slice(markdown.indexOf("### `bad`"), markdown.indexOf("### `good`"));
        // One section per violated policy, in order, and a row per violation.
        const sections = [...bad.matchAll(/^#### `([\w-]+)` \((\w+)[^)]*\): (\d+) violation/gm)].map(
            (m) => `${m[1]} ${m[2]} ${m[3]}`,
        );
        assert.deepStrictEqual(sections, [
            "bucket-private mandatory 1",
            "min-servers mandatory 1",
            "ssh-allowlist mandatory 1",
        ]);
        const stackFile = path.join(FIXTURE_STACKS, "Pulumi.bad.yaml");
        const sshRow = bad.split("\n").find((l) => l.startsWith("| `web-fw`"))!;
        assert.ok(
            sshRow.includes(
                `\`tests/fixtures/stacks/Pulumi.bad.yaml:${lineOf(stackFile, "- 0.0.0.0/0")}\` (\`webtier:sshFrom: 0.0.0.0/0\`)`,
            ),
            sshRow,
        );
        assert.ok(
            sshRow.includes(
                `\`tests/fixtures/programs/tier.ts:${lineOf(program("tier.ts"), 'new Firewall("web-fw"')}\``,
            ),
            sshRow,
        );
        assert.match(sshRow, /opens port 22 to 0\.0\.0\.0\/0, which is not in allowedCidrs/);
        assert.match(markdown, /### `good`: no violations/);
        // The terminal's text report names the same places.
        const firewall = lineOf(program("tier.ts"), 'new Firewall("web-fw"');
        assert.ok(
            renderText(result).includes(
                `- web-fw (fixture:index:Firewall) at tests/fixtures/stacks/Pulumi.bad.yaml:${lineOf(stackFile, "- 0.0.0.0/0")} (webtier:sshFrom: 0.0.0.0/0), declared at tests/fixtures/programs/tier.ts:${firewall}`,
            ),
        );
        assert.match(markdown, /<summary>Notes<\/summary>[\s\S]*webtier:apiToken is encrypted/);
        // ...and so does the JSON report, for tools that read it.
        const json = JSON.parse(renderJson(result));
        const ssh = json.stacks
            .find((s: { name: string }) => s.name === "bad")
            .violations.find((v: { resource: string }) => v.resource === "web-fw");
        assert.deepStrictEqual(
            [ssh.declaredAt.file, ssh.declaredAt.line],
            ["tests/fixtures/programs/tier.ts", firewall],
        );
        assert.deepStrictEqual(
            [ssh.configAt.file, ssh.configAt.line, ssh.configAt.key, ssh.configAt.value],
            ["tests/fixtures/stacks/Pulumi.bad.yaml", lineOf(stackFile, "- 0.0.0.0/0"), "webtier:sshFrom", "0.0.0.0/0"],
        );
    });

    it("puts mandatory policies first, links files at the commit, and escapes table cells", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("insecure.ts")),
            policyPack: PACK,
        });
        const markdown = renderMarkdown(result, { linkBase: "https://github.example/acme/infra/blob/0123abc/" });
        const order = [...markdown.matchAll(/^#### `([\w-]+)` \((\w+)/gm)].map((m) => m[2]);
        assert.deepStrictEqual(
            order,
            [...order].sort((a, b) => (a === b ? 0 : a === "mandatory" ? -1 : 1)),
            "mandatory before advisory",
        );
        assert.ok(order.includes("advisory"));
        const line = lineOf(program("insecure.ts"), 'new Bucket("public-assets"');
        assert.ok(
            markdown.includes(
                `[\`tests/fixtures/programs/insecure.ts:${line}\`](https://github.example/acme/infra/blob/0123abc/tests/fixtures/programs/insecure.ts#L${line})`,
            ),
        );
        // A message with a pipe or a line break stays in its cell.
        result.stacks[0].violations[0].message = "a | b\nc";
        assert.match(renderMarkdown(result), /\| a \\\| b<br>c \|/);
    });

    it("is a --format of the CLI, and --summary appends it to a file", () => {
        const dir = scratchDir("summary-");
        const summary = path.join(dir, "step-summary.md");
        fs.writeFileSync(summary, "earlier step\n");
        const args = [CLI, "--program", path.relative(REPO_ROOT, program("insecure.ts")), "--policy-pack", PACK];
        const json = spawnSync(process.execPath, [...args, "--format", "json", "--summary", summary], {
            cwd: REPO_ROOT,
            encoding: "utf8",
        });
        assert.strictEqual(json.status, 1, json.stderr);
        assert.ok(JSON.parse(json.stdout).stacks, "the report on stdout is still the JSON one");
        const markdown = spawnSync(process.execPath, [...args, "--format", "markdown"], {
            cwd: REPO_ROOT,
            encoding: "utf8",
        });
        assert.strictEqual(markdown.status, 1, markdown.stderr);
        assert.match(markdown.stdout, /^## Policy check/);
        const written = fs.readFileSync(summary, "utf8");
        assert.ok(written.startsWith("earlier step\n## Policy check: ❌ mandatory violations"), written.slice(0, 80));
        assert.match(written, /#### `ssh-allowlist` \(mandatory, critical severity\): 2 violations/);
    });

    it("says in the summary why the check could not run", () => {
        const summary = path.join(scratchDir("summary-"), "step-summary.md");
        const run = spawnSync(process.execPath, [CLI, "--stack", "nowhere", "--summary", summary], {
            cwd: REPO_ROOT,
            encoding: "utf8",
        });
        assert.strictEqual(run.status, 2, run.stderr);
        assert.match(
            fs.readFileSync(summary, "utf8"),
            /## Policy check: ❌ could not run[\s\S]*there is no stack "nowhere"/,
        );
    });
});
