// Follows pulumi-policy tests/integration/provider (upstream commit 805bcbc): which provider each
// resource reaches the pack with: a default one per package (named after the SDK's version, its
// inputs the package's config; the dynamic one all of the config), or the explicit one.
import * as assert from "assert";
import { PolicyPack, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { DYNAMIC, urnOf } from "../../shared/checks";

function checkProvider(r: ResourceValidationArgs | PolicyResource): void {
    const expectProvider = (type: string, name: string) => {
        assert.ok(r.provider, `${r.name} has a provider`);
        assert.strictEqual(r.provider.type, type);
        assert.strictEqual(r.provider.name, name);
        assert.strictEqual(r.provider.urn, urnOf(type, name));
        return r.provider.props;
    };
    switch (r.type) {
        case "pulumi:pulumi:Stack":
        case "pulumi:providers:pulumi-nodejs":
        case "pulumi:providers:random":
            assert.strictEqual(r.provider, undefined);
            return;
        case DYNAMIC:
            assert.ok(
                "provider:scenario" in expectProvider("pulumi:providers:pulumi-nodejs", "default"),
                "the dynamic provider gets all of the config",
            );
            return;
        case "random:index/randomUuid:RandomUuid":
            assert.strictEqual(expectProvider("pulumi:providers:random", "default_4_0_0").version, "4.0.0");
            return;
        case "random:index/randomString:RandomString":
            assert.strictEqual(expectProvider("pulumi:providers:random", "my-provider").version, "4.0.0");
            return;
        default:
            throw new Error(`unexpected resource type ${r.type}`);
    }
}

new PolicyPack("resource-options-test-policy", {
    policies: [
        {
            name: "validate-resource",
            description: "Validates resource options during `validateResource`.",
            enforcementLevel: "mandatory",
            validateResource: (args) => checkProvider(args),
            remediateResource: (args) => void checkProvider(args),
        },
        {
            name: "validate-stack",
            description: "Validates resource options during `validateStack`.",
            enforcementLevel: "mandatory",
            validateStack: (args) => args.resources.forEach(checkProvider),
        },
    ],
});
