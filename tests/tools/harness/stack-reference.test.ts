// A stack reference's outputs, which the engine reads from the backend: unknown offline unless the
// check was given them, in an update as in a preview, and the program still evaluates
// (mock-state.ts). Given, they read as the engine's read gives them: secrets secret, by name.
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

describe("a stack reference whose outputs the check was given", () => {
    const SIG = "4dabf18193072939515e22adb298388d";
    const SECRET = "1b47061264138c4ac30d75fd1eb44270";
    const given = {
        outputs: { bucketAcl: "private", region: { [SIG]: SECRET, value: "eu-west-1" }, extra: 1 },
        secretOutputNames: ["region"],
    };
    for (const preview of [false, true]) {
        it(`reads them by the name the program gives, secrets secret (${preview ? "preview" : "update"})`, async () => {
            const asked: string[] = [];
            const evaluation = await evaluate({
                program,
                preview,
                stackOutputs: (name) => {
                    asked.push(name);
                    return given;
                },
            });
            assert.deepStrictEqual(asked, ["acme/network/prod"]);
            const bucket = evaluation.resources.find((r) => r.name === "assets")!;
            assert.strictEqual(bucket.wireInputs!.acl, "private");
            // Only the output the engine names secret is: getOutput takes its secretness by name.
            assert.deepStrictEqual(bucket.wireInputs!.region, { [SIG]: SECRET, value: "eu-west-1" });
            assert.deepStrictEqual(bucket.wireInputs!.tags, { [SIG]: SECRET, value: { count: "3" } });
            assert.strictEqual(evaluation.outputs.acl, "private");
        });
    }
});
