// Follows pulumi-policy tests/integration/invalid_policy (upstream commit 805bcbc): each scenario
// builds a pack the policy SDK must refuse while it loads, before it listens.
import * as pulumi from "@pulumi/pulumi";
import { PolicyConfigSchema, PolicyPack } from "@pulumi/policy";

const neverRuns = () => {
    throw new Error("an invalid pack must not analyze anything");
};

/** Per scenario: the policy's name and config schema that the SDK rejects. */
const invalid: Record<number, { name: string; configSchema?: PolicyConfigSchema }> = {
    // "all" is the policy config's name for every policy.
    1: { name: "all" },
    // The enforcement level is not a config property...
    2: { name: "foo", configSchema: { properties: { enforcementLevel: { type: "string" } } } },
    // ...nor a required one.
    3: { name: "foo", configSchema: { properties: { foo: { type: "string" } }, required: ["enforcementLevel"] } },
};

const scenario = new pulumi.Config().requireNumber("scenario");
new PolicyPack("invalid-policy", {
    policies: [
        {
            ...invalid[scenario],
            description: `Invalid in scenario ${scenario}.`,
            enforcementLevel: "mandatory",
            validateResource: neverRuns,
            remediateResource: neverRuns,
        },
    ],
});
