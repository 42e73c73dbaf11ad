// Follows pulumi-policy tests/integration/runtime_data (upstream commit 805bcbc): the pack's
// runtime (config, project, stack, dry run) must match the program's, and what the runner set.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { PolicyPack, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { DYNAMIC } from "../../shared/checks";

function sameRuntime(r: PolicyResource | ResourceValidationArgs): void {
    if (r.type !== DYNAMIC) return;
    const seen = r.props;
    assert.strictEqual(seen.isDryRun, pulumi.runtime.isDryRun(), "dry run differs between program and pack");
    assert.strictEqual(pulumi.getProject(), process.env.PULUMI_TEST_PROJECT, "the pack's project is not the runner's");
    assert.strictEqual(seen.getProject, pulumi.getProject(), "project differs between program and pack");
    assert.strictEqual(pulumi.getStack(), process.env.PULUMI_TEST_STACK, "the pack's stack is not the runner's");
    assert.strictEqual(seen.getStack, pulumi.getStack(), "stack differs between program and pack");
    // Compared as plain key/value maps: the props the policy SDK hands over are proxies (reading an
    // unknown throws), which Node 22+'s deep equality does not treat as plain objects.
    const plain = (config: object) => Object.fromEntries(Object.entries(config));
    assert.deepStrictEqual(
        plain(seen.allConfig as object),
        plain(pulumi.runtime.allConfig()),
        "config differs between program and pack",
    );
    assert.strictEqual(new pulumi.Config().require("aConfigValue"), "this value is a value");
    assert.strictEqual(aws.config.region, "us-west-2", "a provider's config is readable in the pack");
}

new PolicyPack("runtime-data-policy", {
    policies: [
        {
            name: "runtime-data-resource-validation",
            description: "Verifies runtime data during resource validation.",
            enforcementLevel: "mandatory",
            validateResource: (args) => sameRuntime(args),
            remediateResource: (args) => void sameRuntime(args),
        },
        {
            name: "runtime-data-stack-validation",
            description: "Verifies runtime data during stack validation.",
            enforcementLevel: "mandatory",
            validateStack: (args) => args.resources.forEach(sameRuntime),
        },
    ],
});
