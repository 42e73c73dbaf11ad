// A stack reference's outputs, which the engine reads from the backend: unknown offline, in an
// update as in a preview, and the program still evaluates (mock-state.ts).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { UNKNOWN } from "../../../tools/check/requests";

class Bucket extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("fixture:index:Bucket", name, props);
    }
}

function program() {
    const network = new pulumi.StackReference("acme/network/prod");
    // A program reads outputs through getOutput, requireOutput or `outputs` itself.
    const acl = network.getOutput("bucketAcl");
    const region = network.requireOutput("region");
    new Bucket("assets", {
        acl,
        region,
        tags: network.outputs.apply((all) => ({ count: String(Object.keys(all).length) })),
    });
    return { acl };
}

describe("a stack reference under mocks", () => {
    for (const preview of [false, true]) {
        it(`has unknown outputs, and the program still evaluates (${preview ? "preview" : "update"})`, async () => {
            const evaluation = await evaluate({ program, preview });
            assert.deepStrictEqual(evaluation.stackReferences, ["acme/network/prod"]);
            const bucket = evaluation.resources.find((r) => r.name === "assets");
            assert.ok(bucket, "the bucket registered");
            for (const key of ["acl", "region", "tags"])
                assert.strictEqual(bucket.wireInputs![key], UNKNOWN, `${key} reaches the engine as unknown`);
        });
    }
});
