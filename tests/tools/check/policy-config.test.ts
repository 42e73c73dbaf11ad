import * as assert from "assert";
import { PolicyConfigError, PolicyInfo, parsePolicyConfig, reconcilePolicyConfig, validateJsonSchema } from "../../../tools/check/policy-config";

const POLICIES: PolicyInfo[] = [
    {
        name: "ssh-allowlist",
        description: "Port 22 only from the allowlist.",
        enforcementLevel: "mandatory",
        configSchema: { properties: { allowedCidrs: { type: "array", items: { type: "string" }, default: ["203.0.113.0/24"] } }, required: [] },
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
        const config = parsePolicyConfig(JSON.stringify({ all: "advisory", "min-servers": { enforcementLevel: "mandatory", minimum: 3 } }));
        assert.deepStrictEqual(config.all, { enforcementLevel: "advisory" });
        assert.deepStrictEqual(config["min-servers"], { enforcementLevel: "mandatory", properties: { minimum: 3 } });
    });

    it("refuses invalid JSON, bad levels and values that are neither string nor object", () => {
        assert.throws(() => parsePolicyConfig("{"), (e: Error) => e instanceof PolicyConfigError && /not valid JSON/.test(e.message));
        assert.throws(() => parsePolicyConfig('{"a": "strict"}'), /"strict" is not an enforcement level/);
        assert.throws(() => parsePolicyConfig('{"a": {"enforcementLevel": 1}}'), /is not an enforcement level/);
        assert.throws(() => parsePolicyConfig('{"a": 3}'), /must be an enforcement level string or an object/);
        assert.throws(() => parsePolicyConfig("[]"), /must be a JSON object/);
    });

    it("starts from each policy's level and schema defaults", () => {
        const { config } = reconcilePolicyConfig(POLICIES, {}, {});
        assert.deepStrictEqual(config["ssh-allowlist"], { enforcementLevel: "mandatory", properties: { allowedCidrs: ["203.0.113.0/24"] } });
        assert.deepStrictEqual(config["min-servers"], { enforcementLevel: "advisory", properties: { minimum: 2 } });
        assert.deepStrictEqual(config["bucket-private"], { enforcementLevel: "mandatory", properties: {} });
    });

    it("applies the pack's initial config, then the user's, then per-policy over all", () => {
        const { config } = reconcilePolicyConfig(
            POLICIES,
            { "min-servers": { enforcementLevel: "mandatory", properties: { minimum: 3 } } },
            { all: { enforcementLevel: "advisory" }, "bucket-private": { enforcementLevel: "disabled" }, "ssh-allowlist": { properties: { allowedCidrs: ["198.51.100.0/24"] } } },
        );
        assert.strictEqual(config["min-servers"].enforcementLevel, "advisory");
        assert.deepStrictEqual(config["min-servers"].properties, { minimum: 3 });
        assert.strictEqual(config["bucket-private"].enforcementLevel, "disabled");
        assert.strictEqual(config["ssh-allowlist"].enforcementLevel, "advisory");
        assert.deepStrictEqual(config["ssh-allowlist"].properties, { allowedCidrs: ["198.51.100.0/24"] });
        assert.ok(!("all" in config));
    });

    it("rejects config that breaks a policy's schema, naming the policy and the property", () => {
        assert.throws(
            () => reconcilePolicyConfig(POLICIES, {}, { "ssh-allowlist": { properties: { allowedCidrs: "0.0.0.0/0" } }, "min-servers": { properties: { minimum: 0 } } }),
            (e: Error) => e instanceof PolicyConfigError && /ssh-allowlist: allowedCidrs: expected array/.test(e.message) && /min-servers: minimum: must be at least 1/.test(e.message),
        );
    });

    it("warns about config for a policy the pack does not have", () => {
        const { warnings } = reconcilePolicyConfig(POLICIES, {}, { "no-such-policy": { enforcementLevel: "advisory" } });
        assert.match(warnings[0], /"no-such-policy", which the pack does not have/);
    });

    it("validates types, enums, required keys, items and closed objects", () => {
        const schema = { type: "object", required: ["a"], additionalProperties: false, properties: { a: { type: "string", enum: ["x", "y"] }, b: { type: "array", items: { type: "integer" }, maxItems: 2 } } };
        assert.deepStrictEqual(validateJsonSchema({ a: "x", b: [1, 2] }, schema, ""), []);
        const problems = validateJsonSchema({ b: [1, 2.5, 3], c: true }, schema, "");
        assert.ok(problems.some((p) => p === "a: is required"));
        assert.ok(problems.some((p) => p.startsWith("b[1]: expected integer")));
        assert.ok(problems.some((p) => p === "b: allows at most 2 item(s)"));
        assert.ok(problems.some((p) => p.startsWith("c: is not a setting")));
        assert.ok(validateJsonSchema({ a: "z" }, schema, "")[0].includes('must be one of "x", "y"'));
    });
});
