// Follows pulumi-policy tests/integration/config (upstream commit 805bcbc): per scenario, the
// policies' config schema, the pack's initial config, and the config the policies must then see
// (scenarios without an expectation are ones the engine must refuse, or that test defaults only).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PolicyConfigSchema, PolicyPack, PolicyPackConfig } from "@pulumi/policy";

interface Case {
    /** The schema of `foo` (and, where given, other properties). */
    properties: PolicyConfigSchema["properties"];
    required?: string[];
    initial?: unknown;
    /** What `foo` must be when the policies run. */
    expect?: { foo: unknown };
}

const foo = (schema: Record<string, unknown>) => ({ foo: schema });

const CASES: Record<number, Case> = {
    1: { properties: foo({ type: "string" }), expect: { foo: "bar" } },
    2: { properties: foo({ type: "string", default: "bar" }), expect: { foo: "bar" } },
    3: { properties: foo({ type: "number", default: 42 }), expect: { foo: 42 } },
    4: { properties: foo({ type: "string", default: "bar" }), expect: { foo: "overridden" } },
    5: { properties: foo({ type: "string", default: "bar" }), required: ["foo"], expect: { foo: "bar" } },
    6: { properties: foo({ type: "string" }), required: ["foo"] },
    7: { properties: foo({ type: "string", default: 1 }) },
    8: { properties: foo({ type: "string", maxLength: 3, default: "this value is too long" }) },
    9: { properties: foo({ type: "string", minLength: 50, default: "this value is too short" }) },
    10: { properties: foo({ type: "string", enum: ["bar", "baz"], default: "blah" }) },
    11: { properties: foo({ const: "bar", default: "blah" }) },
    12: { properties: foo({ type: "string" }) },
    13: { properties: foo({ type: "string", enum: ["bar", "baz"] }) },
    14: { properties: foo({ const: "bar" }) },
    15: { properties: { foo: { type: "string", maxLength: 3 }, bar: { type: "integer" } } },
    16: { properties: foo({ type: "number" }), expect: { foo: 42 } },
    17: { properties: foo({ type: "number" }), expect: { foo: 3.14 } },
    18: { properties: foo({ type: "integer" }), expect: { foo: 42 } },
    19: { properties: foo({ type: "boolean" }), expect: { foo: true } },
    20: { properties: foo({ type: "boolean" }), expect: { foo: false } },
    21: { properties: foo({ type: "object" }), expect: { foo: { bar: "baz" } } },
    22: { properties: foo({ type: "array" }), expect: { foo: ["a", "b", "c"] } },
    23: { properties: foo({ type: "null" }), expect: { foo: null } },
    24: { properties: foo({ type: "string" }), initial: "hello world", expect: { foo: "hello world" } },
    25: { properties: foo({ type: "string" }), initial: "hello world", expect: { foo: "overridden" } },
};

const scenario = new pulumi.Config().requireNumber("scenario");
const current = CASES[scenario];
if (!current) throw new Error(`no scenario ${scenario}`);
const configSchema: PolicyConfigSchema = {
    properties: current.properties,
    ...(current.required ? { required: current.required } : {}),
};
const check = (args: { getConfig<T extends object>(): T }) => {
    if (current.expect) assert.deepStrictEqual(args.getConfig<{ foo: unknown }>().foo, current.expect.foo);
};
const initialConfig: PolicyPackConfig | undefined =
    current.initial === undefined
        ? undefined
        : { "resource-validation": { foo: current.initial }, "stack-validation": { foo: current.initial } };

new PolicyPack(
    "config-policy",
    {
        policies: [
            {
                name: "resource-validation",
                description: "Verifies policy config during resource validation.",
                enforcementLevel: "remediate",
                configSchema,
                validateResource: (args) => check(args),
                remediateResource: (args) => void check(args),
            },
            {
                name: "stack-validation",
                description: "Verifies policy config during stack validation.",
                enforcementLevel: "mandatory",
                configSchema,
                validateStack: (args) => check(args),
            },
        ],
    },
    initialConfig,
);
