// Follows pulumi-policy tests/integration/enforcementlevel (upstream commit 805bcbc): scenarios 1
// to 16 are every pair of (pack level, policy level) over advisory, disabled, mandatory and "not
// set", pack level first. Both policies always report a violation; a disabled policy must not run.
import * as pulumi from "@pulumi/pulumi";
import { EnforcementLevel, PolicyPack } from "@pulumi/policy";

const LEVELS: (EnforcementLevel | undefined)[] = ["advisory", "disabled", "mandatory", undefined];
const scenario = new pulumi.Config().requireNumber("scenario");
if (scenario < 1 || scenario > LEVELS.length * LEVELS.length) throw new Error(`no scenario ${scenario}`);
const packLevel = LEVELS[Math.floor((scenario - 1) / LEVELS.length)];
const policyLevel = LEVELS[(scenario - 1) % LEVELS.length];

// A policy is disabled by its own level, or by the pack's when it sets none.
const disabled = policyLevel === "disabled" || (policyLevel === undefined && packLevel === "disabled");
function violate(what: "resource" | "stack") {
    return (_args: unknown, report: (message: string) => void) => {
        if (disabled) throw new Error(`validate-${what} should never be called.`);
        report(`validate-${what}-violation-message`);
    };
}

const level = policyLevel ? { enforcementLevel: policyLevel } : {};
new PolicyPack(`enforcementlevel-${packLevel ?? "none"}${policyLevel ? `-${policyLevel}` : ""}-test-policy`, {
    ...(packLevel ? { enforcementLevel: packLevel } : {}),
    policies: [
        {
            ...level,
            name: "validate-resource",
            description: "Always reports a resource violation.",
            validateResource: violate("resource"),
        },
        {
            ...level,
            name: "validate-stack",
            description: "Always reports a stack violation.",
            validateStack: violate("stack"),
        },
    ],
});
