// A --program runs as `pulumi up` runs it in its own project: the nearest Pulumi.yaml names the
// project, its main and its stack files, and its folder is the working directory.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, FIXTURES, REPO_ROOT } from "./paths";
import { scratchProject } from "../../support/scratch";

const PROJECT = path.join(FIXTURES, "projects", "reads-beside");

/** What the fixture pack's echo policy saw, per resource name. */
async function echoed(program: string, stacks: string[] = [], preview = false) {
    const result = await runCheck({
        distRoot: DIST_ROOT,
        projectDir: REPO_ROOT,
        program,
        stacks,
        preview,
        policyPack: FIXTURE_PACK,
        config: ["owner=me"],
        policyConfig: path.join(FIXTURES, "echo-all.json"),
    });
    const stack = result.stacks[0];
    assert.strictEqual(stack.error, undefined, stack.error);
    const seen = new Map<string, any>();
    for (const v of stack.violations.filter((v) => v.policy === "echo-received")) {
        const body = JSON.parse(v.message.slice(v.message.indexOf("{")));
        seen.set(body.name, body);
    }
    return { stack, seen };
}

describe("a --program in its own project", () => {
    it("runs in its project's folder, so a file beside it is read by its relative path", async () => {
        const { seen } = await echoed(PROJECT, ["ci"]);
        assert.match(seen.get("deploy").props.publicKey, /^ssh-ed25519 \S*FixtureKey/);
    });

    it("takes the project name and main from its Pulumi.yaml, and its stack config from that project", async () => {
        const { stack, seen } = await echoed(path.join(PROJECT, "src", "main.ts"), ["ci"]);
        assert.match(seen.get("deploy").urn, /^urn:pulumi:ci::reads-beside::aws:ec2\/keyPair:KeyPair::deploy$/);
        // aws:region from Pulumi.ci.yaml reaches the default provider.
        assert.strictEqual(seen.get("deploy").provider.props.region, "eu-west-1");
        assert.strictEqual(stack.source, path.relative(REPO_ROOT, path.join(PROJECT, "Pulumi.ci.yaml")));
    });
});

describe("what the language host gives a program's process", () => {
    /** A project whose bucket's tags show what the program saw of its run. */
    function reporting(): string {
        const dir = scratchProject("check-host-env-");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: host-env\nruntime: nodejs\n");
        fs.writeFileSync(
            path.join(dir, "Pulumi.ci.yaml"),
            'config:\n  aws:region: eu-west-1\n  host-env:motto: "a<b & c"\n',
        );
        fs.writeFileSync(
            path.join(dir, "index.ts"),
            [
                'import * as aws from "@pulumi/aws";',
                'import * as pulumi from "@pulumi/pulumi";',
                'const env = (key: string) => process.env[key] ?? "unset";',
                'new aws.s3.Bucket("seen", {',
                "    tags: {",
                "        organization: pulumi.getOrganization(),",
                "        root: pulumi.getRootDirectory(),",
                '        stack: env("PULUMI_NODEJS_STACK"),',
                '        project: env("PULUMI_NODEJS_PROJECT"),',
                '        organizationVariable: env("PULUMI_NODEJS_ORGANIZATION"),',
                '        rootVariable: env("PULUMI_NODEJS_ROOT_DIRECTORY"),',
                '        config: env("PULUMI_CONFIG"),',
                '        secretKeys: env("PULUMI_CONFIG_SECRET_KEYS"),',
                '        typescript: env("PULUMI_NODEJS_TYPESCRIPT"),',
                '        dryRun: env("PULUMI_NODEJS_DRY_RUN"),',
                '        monitor: env("PULUMI_NODEJS_MONITOR"),',
                "        argv: JSON.stringify(process.argv.slice(1)),",
                "    },",
                "});",
                "",
            ].join("\n"),
        );
        return dir;
    }

    it("has the organization, root directory and the variables the language host and cmd/run set, as `pulumi up` and `preview` set them", async function () {
        this.timeout(180000);
        const dir = reporting();
        const argvBefore = [...process.argv];
        for (const preview of [false, true]) {
            const { seen } = await echoed(dir, ["ci"], preview);
            const tags = seen.get("seen").props.tags;
            assert.strictEqual(tags.organization, "organization", "the DIY backend's organization");
            assert.strictEqual(fs.realpathSync(tags.root), fs.realpathSync(dir));
            assert.strictEqual(tags.rootVariable, tags.root);
            assert.strictEqual(tags.stack, "ci");
            assert.strictEqual(tags.project, "host-env");
            assert.strictEqual(tags.organizationVariable, "organization");
            // Keys in the old <namespace>:config:<name> form, as Go's encoding/json writes them (owner=me is
            // the check's --config).
            assert.strictEqual(
                tags.config,
                '{"aws:config:region":"eu-west-1","host-env:config:motto":"a\\u003cb \\u0026 c","host-env:config:owner":"me"}',
            );
            assert.strictEqual(tags.secretKeys, "[]");
            assert.strictEqual(tags.typescript, "true");
            // cmd/run copies --dry-run only when it is set; no engine address is invented.
            assert.strictEqual(tags.dryRun, preview ? "true" : "unset");
            assert.strictEqual(tags.monitor, "unset");
            // cmd/run's argv: its own entry point, and no program arguments (never the check's flags).
            const argv = JSON.parse(tags.argv);
            assert.strictEqual(argv.length, 1, tags.argv);
            assert.match(argv[0], /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]index\.js$/);
        }
        // None of it stays in the check's own process.
        assert.strictEqual(process.env.PULUMI_NODEJS_STACK, undefined);
        assert.deepStrictEqual(process.argv, argvBefore);
    });
});
