// Follows pulumi-policy tests/integration/resource_options (upstream commit 805bcbc): the options
// each resource reaches the pack with, in Analyze and in AnalyzeStack.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPack, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { DYNAMIC, optionsWith, urnOf } from "../../shared/checks";

const timeouts = (create: number, update: number, del: number) => ({
    customTimeouts: { createSeconds: create, updateSeconds: update, deleteSeconds: del },
});

/** What each dynamic resource's options must be, beyond the defaults. */
const DYNAMIC_OPTIONS: Record<string, () => Record<string, unknown>> = {
    empty: () => optionsWith(),
    protect: () => optionsWith({ protect: true }),
    ignoreChanges: () => optionsWith({ ignoreChanges: ["foo", "bar"] }),
    deleteBeforeReplaceNotSet: () => optionsWith(),
    deleteBeforeReplaceTrue: () => optionsWith({ deleteBeforeReplace: true }),
    deleteBeforeReplaceFalse: () => optionsWith({ deleteBeforeReplace: false }),
    // The engine keeps only an alias that matched a resource of the last deployment: none here.
    aliased: () => optionsWith(),
    timeouts: () => optionsWith(timeouts(60, 120, 180)),
    "timeouts-create": () => optionsWith(timeouts(240, 0, 0)),
    "timeouts-update": () => optionsWith(timeouts(0, 300, 0)),
    "timeouts-delete": () => optionsWith(timeouts(0, 0, 360)),
    secrets: () => optionsWith({ additionalSecretOutputs: ["foo"] }),
    "parent-res": () => optionsWith(),
    "child-res": () => optionsWith({ parent: urnOf(DYNAMIC, "parent-res") }),
};

function checkOptions(r: ResourceValidationArgs | PolicyResource): void {
    // Only scenario 1 is the test; upstream's scenario 2 prepares the stack's destruction.
    if (new pulumi.Config().requireNumber("scenario") !== 1) return;
    if (["pulumi:pulumi:Stack", "pulumi:providers:pulumi-nodejs", "pulumi:providers:random"].includes(r.type)) {
        assert.deepStrictEqual(r.opts, optionsWith({}, null));
    } else if (r.type === "random:index/randomUuid:RandomUuid") {
        assert.deepStrictEqual(r.opts, optionsWith());
    } else if (r.type === DYNAMIC) {
        const expected = DYNAMIC_OPTIONS[r.name];
        if (!expected) throw new Error(`unexpected resource ${r.name}`);
        assert.deepStrictEqual(r.opts, expected());
    } else {
        throw new Error(`unexpected resource type ${r.type}`);
    }
}

new PolicyPack("resource-options-test-policy", {
    policies: [
        {
            name: "validate-resource",
            description: "Validates resource options during `validateResource`.",
            enforcementLevel: "mandatory",
            validateResource: (args) => checkOptions(args),
            remediateResource: (args) => void checkOptions(args),
        },
        {
            name: "validate-stack",
            description: "Validates resource options during `validateStack`.",
            enforcementLevel: "mandatory",
            validateStack: (args) => args.resources.forEach(checkOptions),
        },
    ],
});
