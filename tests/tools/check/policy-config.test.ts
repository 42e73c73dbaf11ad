import * as assert from "assert";
import {
    PolicyConfigError,
    PolicyInfo,
    packConfig,
    parsePolicyConfig,
    reconcilePolicyConfig,
    validateJsonSchema,
} from "../../../tools/check/policy-config";

const POLICIES: PolicyInfo[] = [
    {
        name: "ssh-allowlist",
        description: "Port 22 only from the allowlist.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: { allowedCidrs: { type: "array", items: { type: "string" }, default: ["203.0.113.0/24"] } },
            required: [],
        },
    },
    {
        name: "min-servers",
        description: "Enough servers.",
        enforcementLevel: "advisory",
        configSchema: { properties: { minimum: { type: "integer", minimum: 1, default: 2 } }, required: ["minimum"] },
    },
    { name: "bucket-private", description: "Private buckets.", enforcementLevel: "mandatory" },
];

describe("policy config as the engine reconciles it", () => {
    it("parses levels given as strings and as enforcementLevel beside properties", () => {
        const config = parsePolicyConfig(
            JSON.stringify({ all: "advisory", "min-servers": { enforcementLevel: "mandatory", minimum: 3 } }),
        );
        assert.deepStrictEqual(config.all, { enforcementLevel: "advisory" });
        assert.deepStrictEqual(config["min-servers"], { enforcementLevel: "mandatory", properties: { minimum: 3 } });
    });

    it("refuses invalid JSON, bad levels and values that are neither string nor object", () => {
        assert.throws(
            () => parsePolicyConfig("{"),
            (e: Error) => e instanceof PolicyConfigError && /not valid JSON/.test(e.message),
        );
        // The engine's words (pkg/resource/analyzer/config.go), then what to write instead.
        const refuses = (text: string, words: string) =>
            assert.throws(
                () => parsePolicyConfig(text, "c.json"),
                (e: Error) => e instanceof PolicyConfigError && e.message.startsWith(`c.json: ${words}`),
            );
        refuses(
            '{"a": "strict"}',
            'parsing enforcement level for "a": "strict" is not a valid enforcement level (use one of advisory, mandatory, remediate, disabled).',
        );
        refuses(
            '{"a": {"enforcementLevel": "strict"}}',
            'parsing enforcement level for "a": "strict" is not a valid enforcement level (use',
        );
        refuses(
            '{"a": {"enforcementLevel": 1}}',
            'parsing enforcement level for "a": 1 is not a valid enforcement level; must be a string (use',
        );
        refuses('{"a": 3}', 'parsing "a": 3 is not a valid value; must be a string or object (');
        refuses('{"a": [1, "x"]}', 'parsing "a": [1 x] is not a valid value; must be a string or object');
        assert.throws(() => parsePolicyConfig("[]"), /must be a JSON object/);
    });

    it("reads ESC environments as the engine's self-managed backend does: none may be named", () => {
        assert.deepStrictEqual(parsePolicyConfig('{"environments": [], "a": "advisory"}'), {
            a: { enforcementLevel: "advisory" },
        });
        assert.throws(
            () => parsePolicyConfig('{"environments": "team/prod"}'),
            /"environments" must be an array of strings/,
        );
        assert.throws(
            () => parsePolicyConfig('{"environments": ["team/prod"], "a": "advisory"}'),
            /specifies ESC environments \(team\/prod\) but the current backend does not support them/,
        );
    });

    it("starts from each policy's level and schema defaults", () => {
        const { config } = reconcilePolicyConfig(POLICIES, {}, {});
        assert.deepStrictEqual(config["ssh-allowlist"], {
            enforcementLevel: "mandatory",
            properties: { allowedCidrs: ["203.0.113.0/24"] },
        });
        assert.deepStrictEqual(config["min-servers"], { enforcementLevel: "advisory", properties: { minimum: 2 } });
        assert.deepStrictEqual(config["bucket-private"], { enforcementLevel: "mandatory", properties: {} });
    });

    it("applies the pack's initial config, then the user's, then per-policy over all", () => {
        const { config } = reconcilePolicyConfig(
            POLICIES,
            { "min-servers": { enforcementLevel: "mandatory", properties: { minimum: 3 } } },
            {
                all: { enforcementLevel: "advisory" },
                "bucket-private": { enforcementLevel: "disabled" },
                "ssh-allowlist": { properties: { allowedCidrs: ["198.51.100.0/24"] } },
            },
        );
        assert.strictEqual(config["min-servers"].enforcementLevel, "advisory");
        assert.deepStrictEqual(config["min-servers"].properties, { minimum: 3 });
        assert.strictEqual(config["bucket-private"].enforcementLevel, "disabled");
        assert.strictEqual(config["ssh-allowlist"].enforcementLevel, "advisory");
        assert.deepStrictEqual(config["ssh-allowlist"].properties, { allowedCidrs: ["198.51.100.0/24"] });
        // The engine's applyConfig keeps "all" as an entry of its own, sent to the pack with the rest.
        assert.deepStrictEqual(config.all, { enforcementLevel: "advisory", properties: {} });
    });

    it("keeps what it gives for a policy the pack lacks, and refuses it without a level, as the engine's Configure does", () => {
        const pack = {
            name: "fixture-pack",
            version: "0.1.0",
            supportsConfig: true,
            policies: POLICIES,
            initialConfig: {},
        };
        const { config } = packConfig(
            pack,
            { "no-such-policy": { enforcementLevel: "advisory", properties: { a: 1 } } },
            "/p",
        );
        assert.deepStrictEqual(config["no-such-policy"], { enforcementLevel: "advisory", properties: { a: 1 } });
        for (const name of ["no-such-policy", "all"])
            assert.throws(
                () => packConfig(pack, { [name]: { properties: { a: 1 } } }, "/p"),
                (e: Error) =>
                    e instanceof PolicyConfigError &&
                    e.message.startsWith(
                        `configuring policy pack "fixture-pack" at "/p": invalid enforcement level "" (policy config gives "${name}"`,
                    ),
            );
        // A level given before (the pack's initial config) is kept, as the engine keeps it.
        assert.doesNotThrow(() =>
            packConfig(
                { ...pack, initialConfig: { "no-such-policy": { enforcementLevel: "mandatory" } } },
                { "no-such-policy": { properties: { a: 1 } } },
                "/p",
            ),
        );
    });

    it("rejects config that breaks a policy's schema in the engine's words, one sorted line per problem", () => {
        assert.throws(
            () =>
                reconcilePolicyConfig(
                    POLICIES,
                    {},
                    {
                        "ssh-allowlist": { properties: { allowedCidrs: "0.0.0.0/0" } },
                        "min-servers": { properties: { minimum: 0 } },
                    },
                    { name: "fixture-pack", version: "0.1.0" },
                ),
            (e: Error) =>
                e instanceof PolicyConfigError &&
                e.message ===
                    [
                        "validating policy config: fixture-pack 0.1.0  min-servers: minimum: Must be greater than or equal to 1",
                        "validating policy config: fixture-pack 0.1.0  ssh-allowlist: allowedCidrs: Invalid type. Expected: array, given: string",
                    ].join("\n"),
        );
    });

    it("warns about config for a policy the pack does not have", () => {
        const { warnings } = reconcilePolicyConfig(
            POLICIES,
            {},
            { "no-such-policy": { enforcementLevel: "advisory" } },
        );
        assert.match(warnings[0], /"no-such-policy", which the pack does not have/);
    });

    it("words each keyword's problem as gojsonschema does", () => {
        const schema = {
            type: "object",
            required: ["a"],
            additionalProperties: false,
            properties: {
                a: { type: "string", enum: ["x", "y"] },
                b: { type: "array", items: { type: "integer" }, maxItems: 2 },
                c: { const: "bar" },
                d: { type: "string", minLength: 5, maxLength: 6 },
            },
        };
        assert.deepStrictEqual(validateJsonSchema({ a: "x", b: [1, 2] }, schema), []);
        assert.deepStrictEqual(validateJsonSchema({ b: [1, 2.5, 3], e: true }, schema).sort(), [
            "Additional property e is not allowed",
            "a is required",
            "b.1: Invalid type. Expected: integer, given: number",
            "b: Array must have at most 2 items",
        ]);
        assert.deepStrictEqual(validateJsonSchema({ a: "z", c: "baz", d: "abc" }, schema), [
            'a: a must be one of the following: "x", "y"',
            'c: c does not match: "bar"',
            "d: String length must be greater than or equal to 5",
        ]);
        assert.deepStrictEqual(validateJsonSchema({ a: 1, d: "abcdefg" }, schema), [
            "a: Invalid type. Expected: string, given: integer",
            "d: String length must be less than or equal to 6",
        ]);
    });
});
