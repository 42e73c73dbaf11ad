import * as assert from "assert";
import {
    PROGRAM_RUNTIME_VARIABLES,
    analyzerEnvironment,
    goJsonStringMap,
    packProcessEnvironment,
} from "../../../tools/check/analyzer-env";

const IDENTITY = {
    organization: "organization",
    project: "runtime_data",
    stack: "dev",
    dryRun: true,
    config: { "runtime_data:aConfigValue": "a <b> & c", "aws:region": "us-west-2" },
};

describe("the environment the engine gives a policy pack (constructEnv)", () => {
    it("passes the stack's config as Go's JSON of the map: keys sorted, <, > and & escaped", () => {
        assert.strictEqual(
            goJsonStringMap(IDENTITY.config),
            '{"aws:region":"us-west-2","runtime_data:aConfigValue":"a \\u003cb\\u003e \\u0026 c"}',
        );
        assert.deepStrictEqual(JSON.parse(analyzerEnvironment(IDENTITY).PULUMI_CONFIG), IDENTITY.config);
    });

    it("names organization, project, stack and dry-run in both the PULUMI_NODEJS_ and the PULUMI_ family for a Node.js pack", () => {
        const env = analyzerEnvironment(IDENTITY);
        for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
            assert.strictEqual(env[`${prefix}ORGANIZATION`], "organization");
            assert.strictEqual(env[`${prefix}PROJECT`], "runtime_data");
            assert.strictEqual(env[`${prefix}STACK`], "dev");
            assert.strictEqual(env[`${prefix}DRY_RUN`], "true");
        }
        assert.strictEqual(analyzerEnvironment({ ...IDENTITY, dryRun: false }).PULUMI_DRY_RUN, "false");
        assert.ok(!("PULUMI_NODEJS_STACK" in analyzerEnvironment(IDENTITY, "python")));
    });

    it("leaves out empty values, as maybeAppendEnv does", () => {
        const env = analyzerEnvironment({ ...IDENTITY, organization: "" });
        assert.ok(!("PULUMI_ORGANIZATION" in env) && !("PULUMI_NODEJS_ORGANIZATION" in env));
        assert.strictEqual(analyzerEnvironment({ ...IDENTITY, config: {} }).PULUMI_CONFIG, "{}");
    });

    it("drops a program's runtime settings the check's own process may carry, keeps the rest", () => {
        const env = packProcessEnvironment(
            { PATH: "/bin", PULUMI_CONFIG: '{"other:key":"x"}', PULUMI_NODEJS_MONITOR: "127.0.0.1:1" },
            IDENTITY,
        );
        assert.strictEqual(env.PATH, "/bin");
        assert.ok(!("PULUMI_NODEJS_MONITOR" in env));
        assert.deepStrictEqual(JSON.parse(env.PULUMI_CONFIG!), IDENTITY.config);
        assert.ok(PROGRAM_RUNTIME_VARIABLES.includes("PULUMI_CONFIG_SECRET_KEYS"));
    });
});
