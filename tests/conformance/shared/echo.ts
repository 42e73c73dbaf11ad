/**
 * The conformance programs' one custom resource: a Node.js dynamic resource, so its type is the
 * engine's `pulumi-nodejs:dynamic:Resource` and its default provider `pulumi:providers:pulumi-nodejs`,
 * as in pulumi-policy's integration programs. What it returns as outputs is chosen per program,
 * because upstream's programs differ there and the packs read outputs in AnalyzeStack.
 */
import * as pulumi from "@pulumi/pulumi";

/** What `create` hands back as outputs: nothing, an empty object, or the inputs themselves. */
export type EchoOutputs = "none" | "empty" | "inputs";

let created = 0;

function providerFor(outputs: EchoOutputs): pulumi.dynamic.ResourceProvider {
    return {
        create: async (inputs: Record<string, unknown>) => {
            created += 1;
            const outs = outputs === "inputs" ? { ...inputs } : outputs === "empty" ? {} : undefined;
            return { id: `echo-${created}`, outs };
        },
    };
}

/** A dynamic resource whose outputs are `outputs` (default: its inputs). */
export class Echo extends pulumi.dynamic.Resource {
    constructor(
        name: string,
        props: pulumi.Inputs = {},
        opts?: pulumi.CustomResourceOptions,
        outputs: EchoOutputs = "inputs",
    ) {
        super(providerFor(outputs), name, props, opts);
    }
}

/** The scenario number the conformance runner sets (`<project>:scenario`), as upstream's runner does. */
export function scenarioNumber(): number {
    return new pulumi.Config().requireNumber("scenario");
}
