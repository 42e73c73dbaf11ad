// Data sources under mocks: what the mocks can know is answered as the cloud would answer it,
// anything else gets no fields and is recorded as unanswered (run.ts names those in the notes).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";

describe("data sources under mocks", () => {
    it("answer the default VPC as AWS makes it, and leave any other VPC lookup unanswered", async () => {
        let cidr: string | undefined;
        let arn: string | undefined;
        let other: string | undefined;
        const evaluation = await evaluate({
            program: async () => {
                ({ cidrBlock: cidr, arn } = await aws.ec2.getVpc({ default: true }));
                other = (await aws.ec2.getVpc({ tags: { Name: "shared" } })).cidrBlock;
                const partition = await aws.getPartition();
                return { dns: pulumi.output(partition.dnsSuffix) };
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.strictEqual(cidr, "172.31.0.0/16");
        assert.match(arn ?? "", /^arn:aws:ec2:eu-west-1:/, "in the stack's region");
        assert.strictEqual(other, undefined);
        assert.deepStrictEqual(
            evaluation.calls.map((call) => [call.token, call.answered]),
            [
                ["aws:ec2/getVpc:getVpc", true],
                ["aws:ec2/getVpc:getVpc", false],
                ["aws:index/getPartition:getPartition", true],
            ],
        );
        assert.strictEqual(evaluation.outputs.dns, "amazonaws.com");
    });

    it("go through the stack's invoke transforms first, in order: their args and provider are what is answered", async () => {
        const seen: string[] = [];
        let region: string | undefined;
        let vpcCidr: string | undefined;
        const evaluation = await evaluate({
            program: async () => {
                const tokyo = new aws.Provider("tokyo", { region: "ap-northeast-1" });
                // Turns any VPC lookup into the default VPC's, and sends every getRegion to Tokyo.
                pulumi.runtime.registerInvokeTransform((args) => {
                    seen.push(`first ${args.token}`);
                    if (args.token === "aws:ec2/getVpc:getVpc") return { args: { default: true }, opts: args.opts };
                    return undefined;
                });
                pulumi.runtime.registerInvokeTransform((args) => {
                    seen.push(`second ${args.token}`);
                    if (args.token === "aws:index/getRegion:getRegion")
                        return { args: args.args, opts: { ...args.opts, provider: tokyo } };
                    return undefined;
                });
                vpcCidr = (await aws.ec2.getVpc({ tags: { Name: "shared" } })).cidrBlock;
                region = (await aws.getRegion()).region;
                return {};
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.deepStrictEqual(seen, [
            "first aws:ec2/getVpc:getVpc",
            "second aws:ec2/getVpc:getVpc",
            "first aws:index/getRegion:getRegion",
            "second aws:index/getRegion:getRegion",
        ]);
        assert.strictEqual(vpcCidr, "172.31.0.0/16", "answered as the default VPC the transform asked for");
        assert.strictEqual(region, "ap-northeast-1", "answered by the provider the transform chose");
        assert.deepStrictEqual(evaluation.calls[0].inputs, { default: true }, "recorded as transformed");
    });
});
