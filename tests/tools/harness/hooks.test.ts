// Resource and error hooks under mocks: registered with the monitor as the engine registers them
// (one name space for both kinds), never run (the check executes no step), and a program that uses
// them evaluates to its end instead of waiting forever on the SDK's open RPC.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";

class Bucket extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("fixture:index:Bucket", name, props, opts);
    }
}

/** Evaluates with a time limit: before hooks were answered, this never settled. */
function evaluateWithin(program: () => unknown, preview: boolean): Promise<Awaited<ReturnType<typeof evaluate>>> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the evaluation did not end")), 10_000);
    });
    return Promise.race([evaluate({ program, preview }), limit]).finally(() => clearTimeout(timer));
}

describe("resource and error hooks under mocks", () => {
    for (const preview of [false, true]) {
        it(`are registered with their names and options, and not run (${preview ? "preview" : "update"})`, async () => {
            const ran: string[] = [];
            const evaluation = await evaluateWithin(() => {
                const announce = new pulumi.ResourceHook("announce", () => {
                    ran.push("announce");
                });
                const warm = new pulumi.ResourceHook(
                    "warm",
                    () => {
                        ran.push("warm");
                    },
                    { onDryRun: true },
                );
                const retry = new pulumi.ErrorHook("retry", () => {
                    ran.push("retry");
                    return Promise.resolve(false);
                });
                const bucket = new Bucket(
                    "assets",
                    { acl: "private" },
                    { hooks: { beforeCreate: [warm], afterCreate: [announce], onError: [retry] } },
                );
                return { id: bucket.id };
            }, preview);
            assert.deepStrictEqual(
                evaluation.hooks.map((h) => [h.kind, h.name, h.onDryRun]),
                [
                    ["resource", "announce", false],
                    ["resource", "warm", true],
                    ["error", "retry", false],
                ],
            );
            assert.ok(
                evaluation.resources.some((r) => r.name === "assets"),
                "the bucket registered",
            );
            assert.deepStrictEqual(ran, []);
        });
    }
});
