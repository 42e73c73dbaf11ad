// Pulumi.yaml's `config:` applied to a stack as the CLI applies it (pkg/workspace/config.go).
import * as assert from "assert";
import * as path from "path";
import { applyProjectConfig, parseProjectConfig } from "../../../tools/check/project-config";
import { runCheck } from "../../../tools/check/run";
import { StackConfig, StackFileError } from "../../../tools/check/stack-config";
import { DIST_ROOT, FIXTURES, FIXTURE_PACK } from "./paths";

/** A stack whose values the file wrote as scalars, but for those that read as JSON lists or maps. */
const stack = (config: Record<string, string>, secretKeys: string[] = [], text: string[] = []): StackConfig => ({
    name: "dev",
    config,
    secretKeys,
    objectKeys: Object.keys(config).filter((key) => /^[[{]/.test(config[key]) && !text.includes(key)),
    notes: [],
});

describe("project config from Pulumi.yaml", () => {
    const declared = parseProjectConfig(
        {
            "aws:region": "us-west-2",
            size: "small",
            "app:zones": 2,
            replicas: { type: "integer", default: 3 },
            debug: { type: "boolean" },
            owner: { type: "string" },
            cidrs: { type: "array", items: { type: "string" } },
            limits: { type: "object", value: { cpu: 2 } },
            token: { type: "string", secret: true },
        },
        "app",
        "Pulumi.yaml",
    );

    it("reads the shorthand as the CLI does: a default in the project's namespace, a value elsewhere", () => {
        assert.deepStrictEqual(declared["aws:region"], { value: "us-west-2" });
        assert.deepStrictEqual(declared.size, { default: "small" });
        assert.deepStrictEqual(declared["app:zones"], { default: 2 });
        assert.throws(
            () => parseProjectConfig({ k: { default: 1, value: 2 } }, "app", "Pulumi.yaml"),
            /'k' cannot have both a 'default' and 'value'/,
        );
    });

    it("refuses the entries the CLI refuses", () => {
        const refused = (section: Record<string, unknown>) => () => parseProjectConfig(section, "app", "Pulumi.yaml");
        assert.throws(refused({ list: { type: "array" } }), /'list' declares an array but does not specify/);
        assert.throws(
            refused({ n: { type: "integer", default: "x" } }),
            /default value .* 'n' is not of the expected type 'integer'/,
        );
        assert.throws(
            refused({ "aws:region": { type: "string", value: "x" } }),
            /'aws:region' is not namespaced by the project and should not define a type/,
        );
        assert.throws(refused({ "aws:region": { default: "x" } }), /Did you mean to use the 'value' attribute/);
        assert.throws(
            refused({ "aws:region": {} }),
            /'aws:region' is namespaced and must provide an attribute 'value'/,
        );
        assert.doesNotThrow(refused({ n: { type: "integer", default: 3 }, "aws:region": { value: "x" } }));
    });

    it("fills in what the stack leaves out, and leaves what it sets", () => {
        const applied = applyProjectConfig(
            stack(
                {
                    "app:owner": "me",
                    "app:size": "large",
                    "app:debug": "false",
                    "app:cidrs": "[]",
                    "app:token": "placeholder",
                },
                ["app:token"],
            ),
            declared,
            "app",
        );
        assert.deepStrictEqual(applied.config, {
            "aws:region": "us-west-2",
            "app:size": "large",
            "app:zones": "2",
            "app:replicas": "3",
            "app:owner": "me",
            "app:debug": "false",
            "app:cidrs": "[]",
            "app:limits": '{"cpu":2}',
            "app:token": "placeholder",
        });
    });

    it("fails on the project's keys the stack leaves without a default, naming them", () => {
        assert.throws(
            () => applyProjectConfig(stack({ "app:token": "x" }, ["app:token"]), declared, "app"),
            (err: Error) =>
                err instanceof StackFileError &&
                /Stack 'dev' is missing configuration values 'cidrs', 'debug' and 'owner'/.test(err.message) &&
                /default in Pulumi\.yaml/.test(err.message),
        );
    });

    it("checks the stack's values against the declared types, and secrets against encryption", () => {
        const base = { "app:owner": "me", "app:debug": "true", "app:cidrs": '["10.0.0.0/8"]', "app:token": "x" };
        const secure = ["app:token"];
        assert.doesNotThrow(() => applyProjectConfig(stack({ ...base, "app:replicas": "4" }, secure), declared, "app"));
        assert.throws(
            () => applyProjectConfig(stack({ ...base, "app:replicas": "many" }, secure), declared, "app"),
            /configuration key 'replicas' must be of type 'integer'/,
        );
        assert.throws(
            () => applyProjectConfig(stack({ ...base, "app:debug": "yes" }, secure), declared, "app"),
            /'debug' must be of type 'boolean'/,
        );
        assert.throws(
            () => applyProjectConfig(stack({ ...base, "app:cidrs": "[1]" }, secure), declared, "app"),
            /'cidrs' must be of type 'array<string>'/,
        );
        assert.throws(
            () => applyProjectConfig(stack(base, []), declared, "app"),
            /'token' must be encrypted as it's secret/,
        );
        // How the value was written decides, not how it reads: a quoted '["a"]' is text, not a list,
        // and a mapping is no string; integers are Go's strconv.Atoi (no blanks, within int64).
        assert.throws(
            () => applyProjectConfig(stack(base, secure, ["app:cidrs"]), declared, "app"),
            /'cidrs' must be of type 'array<string>'.* as text/,
        );
        assert.throws(
            () => applyProjectConfig(stack({ ...base, "app:owner": '{"a":1}' }, secure), declared, "app"),
            /'owner' must be of type 'string'/,
        );
        assert.doesNotThrow(() =>
            applyProjectConfig(stack({ ...base, "app:owner": '{"a":1}' }, secure, ["app:owner"]), declared, "app"),
        );
        for (const replicas of [" 42", "9223372036854775808", "4.0"])
            assert.throws(
                () => applyProjectConfig(stack({ ...base, "app:replicas": replicas }, secure), declared, "app"),
                /'replicas' must be of type 'integer'/,
                replicas,
            );
        assert.doesNotThrow(() =>
            applyProjectConfig(stack({ ...base, "app:replicas": "-9223372036854775808" }, secure), declared, "app"),
        );
    });

    it("refuses a secret key whose only value is Pulumi.yaml's default, written into the stack in plain text", () => {
        const withDefault = parseProjectConfig(
            { pw: { type: "string", secret: true, default: "hunter2" } },
            "app",
            "Pulumi.yaml",
        );
        assert.throws(
            () => applyProjectConfig(stack({}), withDefault, "app"),
            /Stack 'dev' with configuration key 'pw' must be encrypted as it's secret/,
        );
        assert.doesNotThrow(() => applyProjectConfig(stack({ "app:pw": "x" }, ["app:pw"]), withDefault, "app"));
    });

    describe("through the check, on a project that declares config", () => {
        const dir = path.join(FIXTURES, "projects", "project-config");
        const check = (name: string) =>
            runCheck({ distRoot: DIST_ROOT, projectDir: dir, program: ".", stacks: [name], policyPack: FIXTURE_PACK });

        it("runs the program with the project's defaults and values", async () => {
            const [dev] = (await check("dev")).stacks;
            assert.strictEqual(dev.error, undefined, dev.error);
            assert.strictEqual(dev.resources, 3, "the stack, and the default 2 replicas");
        });

        it("refuses a stack that leaves a required key out, or sets one of the wrong type", async () => {
            await assert.rejects(check("bare"), /Stack 'bare' is missing configuration value 'owner'/);
            await assert.rejects(check("bad"), /'replicas' must be of type 'integer'/);
        });
    });
});
