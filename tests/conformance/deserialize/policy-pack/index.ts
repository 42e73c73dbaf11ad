// Follows pulumi-policy tests/integration/deserialize (upstream commit 805bcbc): the pack gets a
// secret as its plain value and assets and archives as the SDK's own classes.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPack, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { DYNAMIC } from "../../shared/checks";

function checkValues(r: PolicyResource | ResourceValidationArgs): void {
    if (r.type !== DYNAMIC) return;
    // Props are typed loosely: these are whatever the SDK deserialized them into.
    const { secret, fileAsset, stringAsset, fileArchive, assetArchive } = r.props;
    assert.strictEqual(secret, "a secret value");
    // An asset's fields are promises behind the policy SDK's read-only proxies, whose values cannot
    // be awaited from a policy (upstream's deep comparison with Promise.resolve(...) only ever
    // held because Node compared promises by their own keys): they are checked to be promises.
    for (const field of [fileAsset.path, stringAsset.text, fileArchive.path, assetArchive.assets])
        assert.ok(field instanceof Promise);
    assert.ok(pulumi.asset.FileAsset.isInstance(fileAsset), "a FileAsset");
    assert.ok(pulumi.asset.StringAsset.isInstance(stringAsset), "a StringAsset");
    assert.ok(pulumi.asset.FileArchive.isInstance(fileArchive), "a FileArchive");
    assert.ok(pulumi.asset.AssetArchive.isInstance(assetArchive), "an AssetArchive");
}

new PolicyPack("deserialize-policy", {
    enforcementLevel: "mandatory",
    policies: [
        {
            name: "resource-validation",
            description: "Verifies deserialized properties during resource validation.",
            enforcementLevel: "remediate",
            validateResource: (args) => checkValues(args),
            remediateResource: (args) => void checkValues(args),
        },
        {
            name: "stack-validation",
            description: "Verifies deserialized properties during stack validation.",
            validateStack: (args) => args.resources.forEach(checkValues),
        },
    ],
});
