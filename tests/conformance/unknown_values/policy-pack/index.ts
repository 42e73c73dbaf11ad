// Follows pulumi-policy tests/integration/unknown_values (upstream commit 805bcbc): policies that
// read a property unknown during preview; the policy SDK turns that into an advisory diagnostic.
import {
    PolicyPack,
    remediateResourceOfType,
    validateResourceOfType,
    validateStackResourcesOfType,
} from "@pulumi/policy";
import * as random from "@pulumi/random";

/** Reading the prefix is the whole test: during preview it is unknown. */
const readPrefix = (pet: { prefix?: unknown }) => String(pet.prefix).length;

new PolicyPack("unknown-values-policy", {
    policies: [
        {
            name: "unknown-values-resource-validation",
            description: "Accessing unknown values during preview results in a violation.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(random.RandomPet, (pet) => void readPrefix(pet)),
            remediateResource: remediateResourceOfType(random.RandomPet, (pet) => void readPrefix(pet)),
        },
        {
            name: "unknown-values-stack-validation",
            description: "Accessing unknown values during preview results in a violation.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomPet, (pets) => pets.forEach(readPrefix)),
        },
    ],
});
