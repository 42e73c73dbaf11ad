// Follows pulumi-policy tests/integration/deserialize (upstream commit 805bcbc): a secret, assets
// and archives as resource inputs, with paths relative to the program's folder.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../../shared/echo";

const here = () => ({
    fileAsset: new pulumi.asset.FileAsset("index.ts"),
    stringAsset: new pulumi.asset.StringAsset("some text"),
    fileArchive: new pulumi.asset.FileArchive("."),
});

new Echo("hello", {
    secret: pulumi.secret("a secret value"),
    ...here(),
    assetArchive: new pulumi.asset.AssetArchive(here()),
});
