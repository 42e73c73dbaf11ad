// The variables the language host and cmd/run put in a program's environment, as pure logic.
import * as assert from "assert";
import { languageHostEnvironment, legacyConfigKey } from "../../../tools/check/language-host-env";

const RUN = {
    organization: "organization",
    project: "shop",
    stack: "prod",
    rootDirectory: "/srv/shop",
    dryRun: false,
    config: { "aws:region": "eu-west-1", "shop:config:legacy": "x" },
    secretKeys: ["shop:dbPassword"],
    parallel: 8,
    typescript: true,
};

describe("the language host's environment for a program", () => {
    it("writes config keys in the <namespace>:config:<name> form constructConfig gives them", () => {
        assert.strictEqual(legacyConfigKey("aws:region"), "aws:config:region");
        assert.strictEqual(legacyConfigKey("shop:config:legacy"), "shop:config:legacy");
        assert.strictEqual(
            languageHostEnvironment(RUN).PULUMI_CONFIG,
            '{"aws:config:region":"eu-west-1","shop:config:legacy":"x"}',
        );
        assert.strictEqual(languageHostEnvironment(RUN).PULUMI_CONFIG_SECRET_KEYS, '["shop:dbPassword"]');
    });

    it("sets the TypeScript switches only as Pulumi.yaml asks, and the dry run only in a preview", () => {
        const plain = languageHostEnvironment({ ...RUN, typescript: false });
        assert.strictEqual(plain.PULUMI_NODEJS_TYPESCRIPT, undefined);
        assert.strictEqual(plain.PULUMI_NODEJS_TSCONFIG_PATH, undefined);
        assert.strictEqual(plain.PULUMI_NODEJS_DRY_RUN, undefined);
        const preview = languageHostEnvironment({ ...RUN, tsconfig: "tsconfig.pulumi.json", dryRun: true });
        assert.strictEqual(preview.PULUMI_NODEJS_TYPESCRIPT, "true");
        assert.strictEqual(preview.PULUMI_NODEJS_TSCONFIG_PATH, "tsconfig.pulumi.json");
        assert.strictEqual(preview.PULUMI_NODEJS_DRY_RUN, "true");
        assert.deepStrictEqual(
            [preview.PULUMI_NODEJS_ORGANIZATION, preview.PULUMI_NODEJS_PROJECT, preview.PULUMI_NODEJS_STACK],
            ["organization", "shop", "prod"],
        );
        assert.strictEqual(preview.PULUMI_NODEJS_ROOT_DIRECTORY, "/srv/shop");
        assert.strictEqual(preview.PULUMI_NODEJS_PARALLEL, "8");
        assert.strictEqual(preview.PULUMI_NODEJS_MONITOR, undefined);
    });
});
