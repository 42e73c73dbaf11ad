// Follows pulumi-policy tests/integration/validate_stack (upstream commit 805bcbc): stack policies
// over the whole stack's outputs, with and without a URN for the violation, strongly typed, and at
// "remediate" (which a stack policy reports as "mandatory").
import {
    PolicyResource,
    PolicyPack,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
    validateStackResourcesOfType,
} from "@pulumi/policy";
import * as random from "@pulumi/random";
import { DYNAMIC } from "../../shared/checks";

/** Dynamic resources with outputs (none during a preview of a new stack). */
function dynamicWithOutputs(args: StackValidationArgs): PolicyResource[] {
    return args.resources.filter((r) => r.type === DYNAMIC && Object.keys(r.props).length > 0);
}

function propRule(
    name: string,
    prop: string,
    value: unknown,
    level: StackValidationPolicy["enforcementLevel"],
    withUrn = false,
): StackValidationPolicy {
    const shown = typeof value === "string" ? `'${value}'` : String(value);
    return {
        name,
        description: `Prohibits setting ${prop} to ${shown} on dynamic resources.`,
        enforcementLevel: level,
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            for (const r of dynamicWithOutputs(args)) {
                if (r.props[prop] === value)
                    report(`'${prop}' must not have the value ${shown}.`, withUrn ? r.urn : undefined);
            }
        },
    };
}

new PolicyPack("validate-stack-test-policy", {
    policies: [
        propRule("dynamic-no-state-with-value-1", "state", 1, "mandatory"),
        propRule("dynamic-no-state-with-value-2", "state", 2, "mandatory"),
        propRule("dynamic-no-state-with-value-3", "state", 3, "mandatory", true),
        {
            name: "randomuuid-no-keepers",
            description: "Prohibits creating a RandomUuid without any 'keepers'.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomUuid, (uuids, _args, report) => {
                for (const uuid of uuids)
                    if (Object.keys(uuid.keepers ?? {}).length === 0)
                        report("RandomUuid must not have an empty 'keepers'.");
            }),
        },
        {
            name: "no-randomstrings",
            description: "Prohibits RandomString resources.",
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                if (args.resources.some((r) => r.isType(random.RandomString)))
                    report("RandomString resources are not allowed.");
            },
        },
        {
            name: "test-type-checks",
            description: "Policy used to test type checks.",
            enforcementLevel: "mandatory",
            validateStack: (args) => {
                for (const r of args.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword")) {
                    if (!r.isType(random.RandomPassword))
                        throw new Error("isType(RandomPassword) is false for a RandomPassword");
                    if (r.asType(random.RandomPassword)?.length !== 42)
                        throw new Error("asType(RandomPassword).length is not 42");
                }
            },
        },
        {
            name: "test-args-filtering",
            description:
                "Policy used to test that `args.resources` is filtered and matches the resources in `resources`.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomInteger, (integers, args) => {
                if (integers.length !== args.resources.length)
                    throw new Error(`${integers.length} typed resources but ${args.resources.length} in args`);
                integers.forEach((integer, i) => {
                    if (integer.id !== args.resources[i].props.id)
                        throw new Error(`resource ${i}: typed id ${integer.id}, args id ${args.resources[i].props.id}`);
                });
            }),
        },
        propRule("dynamic-no-foo-with-value-bar", "foo", "bar", "remediate"),
    ],
});
