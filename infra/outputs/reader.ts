import * as pulumi from "@pulumi/pulumi";
import { WebtierOutputs } from "./contract";
import { parseWebtierOutputs } from "./validate";

/**
 * Reads a webtier stack's outputs from another Pulumi program, validated against the
 * contract. The result is a secret Output (it holds passwords and the app's environment);
 * take the plain fields you need with `.apply`.
 *
 *     const web = readWebtierOutputs(new pulumi.StackReference("acme/webtier/aws-prod"));
 *     const url = web.apply((o) => o.loadBalancer.url);
 */
export function readWebtierOutputs(reference: pulumi.StackReference): pulumi.Output<WebtierOutputs> {
    return pulumi
        .all([reference.name, reference.outputs])
        .apply(([name, outputs]) => parseWebtierOutputs(outputs, `stack reference "${name}"`));
}
