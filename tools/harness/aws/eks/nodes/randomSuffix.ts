/**
 * `eks:index:RandomSuffix`, a custom resource the eks provider implements itself (follows
 * pulumi-eks v4.3.0 nodejs/eks/randomSuffix.ts, kept beside its one user, NodeGroup v1): its
 * `output` is its `input` with `-` and 8 random hexadecimal digits appended (the provider's
 * cmd/provider/randomSuffix.ts), the name of the node group's CloudFormation stack. Registered as
 * the provider registers it: with its package version and the alias of the dynamic resource it
 * once was. What it outputs is the harness's mocks' to answer.
 */
import * as pulumi from "@pulumi/pulumi";
import { eksSdkVersion } from "./options";

class RandomSuffix extends pulumi.CustomResource {
    declare readonly output: pulumi.Output<string>;

    constructor(name: string, input: string, opts?: pulumi.CustomResourceOptions) {
        const version = eksSdkVersion();
        const defaults: pulumi.CustomResourceOptions = {
            ...(version ? { version } : {}),
            // Earlier versions made it a dynamic provider's resource.
            aliases: [{ type: "pulumi-nodejs:dynamic:Resource" }],
        };
        super("eks:index:RandomSuffix", name, { input, output: undefined }, pulumi.mergeOptions(opts, defaults));
    }
}

/** The input with a random suffix, as an output (the provider's `randomSuffix`). */
export function randomSuffix(name: string, input: string, opts?: pulumi.CustomResourceOptions): pulumi.Output<string> {
    return new RandomSuffix(name, input, opts).output;
}
