import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CLOUDS } from "../../../infra/clouds";
import { listStacks } from "../../../tools/check/stack-config";
import { previewMatrix } from "../../../tools/ci/preview-matrix";
import { TOOL_CLOUDS } from "../../../tools/clouds";
import { REPO_ROOT } from "../check/paths";
import { scratchDir } from "../../support/scratch";

/** A project with the given stack files (name -> YAML). */
function project(stacks: Record<string, string>): string {
    const dir = scratchDir("webtier-matrix-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: webtier\nruntime: nodejs\nstackConfigDir: stacks\n");
    fs.mkdirSync(path.join(dir, "stacks"));
    for (const [name, yaml] of Object.entries(stacks))
        fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${name}.yaml`), yaml);
    return dir;
}

describe("the preview matrix CI builds from the stack files and the tools registry", () => {
    it("has one entry per stack file in stacks/, with its cloud, environment and that cloud's credentials", () => {
        const { include } = previewMatrix(REPO_ROOT);
        assert.deepStrictEqual(
            include.map((entry) => entry.stack),
            listStacks(path.join(REPO_ROOT, "stacks")),
        );
        assert.ok(include.length >= CLOUDS.length, `every cloud has a stack to preview: ${include.length}`);
        for (const entry of include) {
            const cloud = entry.cloud as keyof typeof TOOL_CLOUDS;
            assert.strictEqual(entry.required, TOOL_CLOUDS[cloud].credentials.required.join(" "), entry.stack);
            assert.strictEqual(entry.optional, TOOL_CLOUDS[cloud].credentials.optional.join(" "), entry.stack);
            assert.ok(
                fs.existsSync(path.join(REPO_ROOT, "policies", "config", `${entry.environment}.json`)),
                entry.stack,
            );
        }
        assert.deepStrictEqual(new Set(include.map((entry) => entry.cloud)), new Set(CLOUDS));
    });

    it("reads the cloud and environment from each stack file", () => {
        const dir = project({
            "x-dev": "config:\n  webtier:cloud: digitalocean\n  webtier:environment: dev\n",
            "y-prod": "config:\n  webtier:cloud: aws\n  webtier:environment: prod\n",
        });
        assert.deepStrictEqual(
            previewMatrix(dir).include.map(({ stack, cloud, environment }) => [stack, cloud, environment]),
            [
                ["x-dev", "digitalocean", "dev"],
                ["y-prod", "aws", "prod"],
            ],
        );
    });

    it("refuses a stack file whose cloud is not registered, naming the file and the clouds there are", () => {
        const dir = project({ "z-dev": "config:\n  webtier:cloud: hetzner\n  webtier:environment: dev\n" });
        assert.throws(
            () => previewMatrix(dir),
            /stacks\/Pulumi\.z-dev\.yaml: webtier:cloud is "hetzner", not a cloud registered in infra\/clouds\.ts \(aws, digitalocean\)/,
        );
    });

    it("the workflow previews what the matrix lists, and lists no stack or cloud itself", () => {
        const workflow = fs.readFileSync(path.join(REPO_ROOT, ".github", "workflows", "pull-request.yml"), "utf8");
        assert.match(workflow, /node dist\/tools\/ci\/preview-matrix\.js/);
        assert.match(workflow, /matrix: \$\{\{ fromJSON\(needs\.stacks\.outputs\.matrix\) \}\}/);
        for (const stack of listStacks(path.join(REPO_ROOT, "stacks")))
            assert.doesNotMatch(workflow, new RegExp(`\\b${stack}\\b`));
    });
});
