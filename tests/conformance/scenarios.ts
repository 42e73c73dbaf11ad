/**
 * The expected outcome of each scenario, as upstream's Go test states it
 * (pulumi/pulumi-policy tests/integration/integration_test.go at commit
 * 805bcbcd3a6d826eab5574bd8976301161008acf): for scenario N the runner sets config `scenario` to N
 * and runs `pulumi up --yes --policy-pack policy-pack` (a preview, then the update) with the
 * scenario's policy config, then looks for every `wantErrors` string in the output. With no
 * strings the command must succeed; with strings it must fail, unless `advisory`.
 */

/** Policy config as `--policy-pack-config` takes it: policy name to settings. */
export type PolicyPackConfig = Record<string, Record<string, unknown>>;

export interface Scenario {
    wantErrors?: string[];
    advisory?: boolean;
    policyPackConfig?: PolicyPackConfig;
}

export interface ScenarioGroup {
    /** The folder under tests/conformance (upstream's test directory name). */
    dir: string;
    /** `pulumi config set` before the first scenario (keys without namespace are the project's). */
    initialConfig?: Record<string, string>;
    scenarios: Scenario[];
}

const resourceViolation = (
    policy: string,
    type: string,
    name: string,
    description: string,
    message: string,
    level = "mandatory",
) => [`[${level}]  ${policy}  (${type}: ${name})`, description, message];

const configErrors = (() => {
    const preamble = "error: validating policy config: config-policy 0.0.1  ";
    return (...errors: string[]) =>
        errors.flatMap((e) => [`${preamble}resource-validation: ${e}`, `${preamble}stack-validation: ${e}`]);
})();
const configFor = (c: Record<string, unknown>): PolicyPackConfig => ({
    "resource-validation": c,
    "stack-validation": c,
});

const always = (level: "advisory" | "mandatory") => [
    `[${level}]  validate-resource  (random:index:RandomString: str)`,
    "Always reports a resource violation.",
    "validate-resource-violation-message",
    `[${level}]  validate-stack`,
    "Always reports a stack violation.",
    "validate-stack-violation-message",
];
const advisory: Scenario = { wantErrors: always("advisory"), advisory: true };
const mandatory: Scenario = { wantErrors: always("mandatory") };
const none: Scenario = {};

export const GROUPS: ScenarioGroup[] = [
    {
        dir: "invalid_policy",
        scenarios: [
            { wantErrors: ['Invalid policy name "all". "all" is a reserved name.'] },
            { wantErrors: ["enforcementLevel cannot be explicitly specified in properties."] },
            { wantErrors: ['"enforcementLevel" cannot be specified in required.'] },
        ],
    },
    {
        dir: "validate_resource",
        scenarios: [
            none,
            none,
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-1",
                    "pulumi-nodejs:dynamic:Resource",
                    "a",
                    "Prohibits setting state to 1 on dynamic resources.",
                    "'state' must not have the value 1.",
                ),
            },
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-2",
                    "pulumi-nodejs:dynamic:Resource",
                    "b",
                    "Prohibits setting state to 2 on dynamic resources.",
                    "'state' must not have the value 2.",
                ),
            },
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-3-or-4",
                    "pulumi-nodejs:dynamic:Resource",
                    "c",
                    "Prohibits setting state to 3 or 4 on dynamic resources.",
                    "'state' must not have the value 3.",
                ),
            },
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-3-or-4",
                    "pulumi-nodejs:dynamic:Resource",
                    "d",
                    "Prohibits setting state to 3 or 4 on dynamic resources.",
                    "'state' must not have the value 4.",
                ),
            },
            {
                wantErrors: resourceViolation(
                    "randomuuid-no-keepers",
                    "random:index:RandomUuid",
                    "r1",
                    "Prohibits creating a RandomUuid without any 'keepers'.",
                    "RandomUuid must not have an empty 'keepers'.",
                ),
            },
            none,
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-5",
                    "pulumi-nodejs:dynamic:Resource",
                    "e",
                    "Prohibits setting state to 5 on dynamic resources.",
                    "'state' must not have the value 5.",
                ),
            },
            none,
            // Large gRPC messages (>4 MiB).
            none,
        ],
    },
    {
        dir: "validate_stack",
        scenarios: [
            none,
            none,
            {
                wantErrors: [
                    "[mandatory]  dynamic-no-state-with-value-1",
                    "Prohibits setting state to 1 on dynamic resources.",
                    "'state' must not have the value 1.",
                ],
            },
            {
                wantErrors: [
                    "[mandatory]  dynamic-no-state-with-value-2",
                    "Prohibits setting state to 2 on dynamic resources.",
                    "'state' must not have the value 2.",
                ],
            },
            {
                wantErrors: resourceViolation(
                    "dynamic-no-state-with-value-3",
                    "pulumi-nodejs:dynamic:Resource",
                    "c",
                    "Prohibits setting state to 3 on dynamic resources.",
                    "'state' must not have the value 3.",
                ),
            },
            {
                wantErrors: [
                    "[mandatory]  randomuuid-no-keepers",
                    "Prohibits creating a RandomUuid without any 'keepers'.",
                    "RandomUuid must not have an empty 'keepers'.",
                ],
            },
            {
                wantErrors: [
                    "[mandatory]  no-randomstrings",
                    "Prohibits RandomString resources.",
                    "RandomString resources are not allowed.",
                ],
            },
            none,
            none,
            // A stack policy at "remediate" is treated as "mandatory".
            {
                wantErrors: [
                    "[mandatory]  dynamic-no-foo-with-value-bar",
                    "Prohibits setting foo to 'bar' on dynamic resources.",
                    "'foo' must not have the value 'bar'.",
                ],
            },
        ],
    },
    {
        dir: "unknown_values",
        initialConfig: { "aws:region": "us-west-2" },
        scenarios: [
            {
                wantErrors: [
                    "unknown-values-policy@v0.0.1",
                    "[advisory]  unknown-values-resource-validation  (random:index:RandomPet: pet)",
                    "can't run policy 'unknown-values-resource-validation' from policy pack 'unknown-values-policy@v0.0.1' during preview: string value at .prefix can't be known during preview",
                    "[advisory]  unknown-values-stack-validation",
                    "can't run policy 'unknown-values-stack-validation' from policy pack 'unknown-values-policy@v0.0.1' during preview: string value at .prefix can't be known during preview",
                ],
                advisory: true,
            },
        ],
    },
    {
        dir: "runtime_data",
        initialConfig: { aConfigValue: "this value is a value", "aws:region": "us-west-2" },
        scenarios: [none],
    },
    // Scenario 2 only unprotects the resources before upstream destroys the stack.
    { dir: "resource_options", scenarios: [none, none] },
    { dir: "parent_dependencies", scenarios: [none] },
    { dir: "provider", scenarios: [none] },
    {
        dir: "enforcementlevel",
        // Policy pack level / policy level: advisory, disabled, mandatory, not set (16 combinations).
        scenarios: [
            advisory,
            none,
            mandatory,
            advisory,
            advisory,
            none,
            mandatory,
            none,
            advisory,
            none,
            mandatory,
            mandatory,
            advisory,
            none,
            mandatory,
            advisory,
        ],
    },
    {
        dir: "config",
        scenarios: [
            { policyPackConfig: configFor({ foo: "bar" }) },
            none,
            none,
            { policyPackConfig: configFor({ foo: "overridden" }) },
            none,
            { wantErrors: configErrors("foo is required") },
            { wantErrors: configErrors("foo: Invalid type. Expected: string, given: integer") },
            { wantErrors: configErrors("foo: String length must be less than or equal to 3") },
            { wantErrors: configErrors("foo: String length must be greater than or equal to 50") },
            { wantErrors: configErrors('foo: foo must be one of the following: "bar", "baz"') },
            { wantErrors: configErrors('foo: foo does not match: "bar"') },
            {
                policyPackConfig: configFor({ foo: 1 }),
                wantErrors: configErrors("foo: Invalid type. Expected: string, given: integer"),
            },
            {
                policyPackConfig: configFor({ foo: "blah" }),
                wantErrors: configErrors('foo: foo must be one of the following: "bar", "baz"'),
            },
            {
                policyPackConfig: configFor({ foo: "blah" }),
                wantErrors: configErrors('foo: foo does not match: "bar"'),
            },
            {
                policyPackConfig: configFor({ foo: "this is too long", bar: 3.14 }),
                wantErrors: configErrors(
                    "bar: Invalid type. Expected: integer, given: number",
                    "foo: String length must be less than or equal to 3",
                ),
            },
            { policyPackConfig: configFor({ foo: 42 }) },
            { policyPackConfig: configFor({ foo: 3.14 }) },
            { policyPackConfig: configFor({ foo: 42 }) },
            { policyPackConfig: configFor({ foo: true }) },
            { policyPackConfig: configFor({ foo: false }) },
            { policyPackConfig: configFor({ foo: { bar: "baz" } }) },
            { policyPackConfig: configFor({ foo: ["a", "b", "c"] }) },
            { policyPackConfig: configFor({ foo: null }) },
            none,
            { policyPackConfig: configFor({ foo: "overridden" }) },
        ],
    },
    { dir: "deserialize", scenarios: [none] },
];

/**
 * Upstream's Node.js scenarios this suite leaves out, and why (the README lists them too).
 */
export const LEFT_OUT: Record<string, string> = {
    stack_tags:
        "needs a Pulumi Cloud backend: only the cloud backend stores stack tags (upstream skips it without PULUMI_ACCESS_TOKEN too)",
    remote_component:
        "needs a multi-language component provider (a Go plugin the engine starts and Constructs through), which the offline check does not run",
};
