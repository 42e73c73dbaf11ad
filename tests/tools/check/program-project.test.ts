// A --program runs as `pulumi up` runs it in its own project: the nearest Pulumi.yaml names the
// project, its main and its stack files, and its folder is the working directory.
import * as assert from "assert";
import * as path from "path";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, FIXTURES, REPO_ROOT } from "./paths";

const PROJECT = path.join(FIXTURES, "projects", "reads-beside");

/** What the fixture pack's echo policy saw, per resource name. */
async function echoed(program: string, stacks: string[] = []) {
    const result = await runCheck({
        distRoot: DIST_ROOT,
        projectDir: REPO_ROOT,
        program,
        stacks,
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
