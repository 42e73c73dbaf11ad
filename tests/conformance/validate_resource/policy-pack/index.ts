// Follows pulumi-policy tests/integration/validate_resource (upstream commit 805bcbc): resource
// policies written every way the SDK allows (one function, several, strongly typed, a URN that
// validateResource ignores) over dynamic and random resources.
import {
    PolicyPack,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    validateResourceOfType,
} from "@pulumi/policy";
import * as random from "@pulumi/random";
import { DYNAMIC } from "../../shared/checks";

/** A check that `state` is not `value` on dynamic resources; `urn` is passed on to reportViolation. */
function stateIsNot(value: number, urn?: string) {
    return (args: ResourceValidationArgs, report: ReportViolation) => {
        if (args.type === DYNAMIC && args.props.state === value)
            report(`'state' must not have the value ${value}.`, urn);
    };
}

function stateRule(
    name: string,
    values: string,
    validateResource: ResourceValidationPolicy["validateResource"],
): ResourceValidationPolicy {
    return {
        name,
        description: `Prohibits setting state to ${values} on dynamic resources.`,
        enforcementLevel: "mandatory",
        validateResource,
    };
}

new PolicyPack("validate-resource-test-policy", {
    policies: [
        stateRule("dynamic-no-state-with-value-1", "1", stateIsNot(1)),
        stateRule("dynamic-no-state-with-value-2", "2", stateIsNot(2)),
        stateRule("dynamic-no-state-with-value-3-or-4", "3 or 4", [stateIsNot(3), stateIsNot(4)]),
        {
            name: "randomuuid-no-keepers",
            description: "Prohibits creating a RandomUuid without any 'keepers'.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(random.RandomUuid, (uuid, _args, report) => {
                if (Object.keys(uuid.keepers ?? {}).length === 0)
                    report("RandomUuid must not have an empty 'keepers'.");
            }),
        },
        // The violation belongs to the analyzed resource whatever URN the policy names.
        stateRule("dynamic-no-state-with-value-5", "5", stateIsNot(5, "some-urn")),
        {
            name: "test-type-checks",
            description: "Policy used to test type checks.",
            enforcementLevel: "mandatory",
            validateResource: (args) => {
                if (args.type !== "random:index/randomPassword:RandomPassword") return;
                if (!args.isType(random.RandomPassword))
                    throw new Error("isType(RandomPassword) is false for a RandomPassword");
                const password = args.asType(random.RandomPassword);
                if (password?.length !== 42)
                    throw new Error(`asType(RandomPassword).length is ${password?.length}, not 42`);
            },
        },
        {
            name: "large-resource",
            description: "Ensures that large string properties are set properly.",
            enforcementLevel: "mandatory",
            validateResource: (args) => {
                if (args.type !== DYNAMIC || args.props.state !== 6) return;
                const length = (args.props.longString as string).length;
                if (length !== 5 * 1024 * 1024) throw new Error(`longString arrived with ${length} characters`);
            },
        },
    ],
});
