// Ids during a preview, as the engine answers them: every resource the check evaluates is new, and
// a preview creates nothing, so a resource's id is unknown (and so is every input taken from it,
// and nothing runs in an apply on it), a new provider's id is the engine's UnknownID, and a
// resource read by id keeps that id and the rest of what the read returns (reads run in previews).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { Evaluation, RegisteredResource, evaluate } from "../../../tools/harness/evaluate";

const byName = (evaluation: Evaluation, name: string): RegisteredResource => {
    const found = evaluation.resources.find((r) => r.name === name);
    assert.ok(found, `${name} is registered`);
    return found;
};

describe("ids during a preview", () => {
    let sharedId: string | undefined;
    const program = () => {
        const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
        new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
        vpc.id.apply((id) => new aws.s3.Bucket(`logs-for-${id}`));
        const eu = new aws.Provider("eu", { region: "eu-west-1" });
        const us = new aws.Provider("us", { region: "us-west-2" });
        new aws.sqs.Queue("eu-jobs", {}, { provider: eu });
        new aws.sqs.Queue("us-jobs", {}, { provider: us });
        const shared = aws.ec2.Vpc.get("shared", "vpc-0123456789abcdef0");
        shared.id.apply((id) => (sharedId = id));
        // What a read returns is the cloud's, read in a preview too (step.go ReadStep).
        shared.arn.apply(
            (arn) => new aws.ec2.SecurityGroup("in-shared", { vpcId: shared.id, description: `in ${arn}` }),
        );
        return {};
    };

    it("are unknown for new resources, and so is what the program takes from them", async () => {
        const evaluation = await evaluate({ program, preview: true });
        assert.strictEqual(byName(evaluation, "vpc").id, undefined);
        assert.deepStrictEqual(byName(evaluation, "subnet").unknownInputs, ["vpcId"]);
        assert.ok(
            !evaluation.resources.some((r) => r.name.startsWith("logs-for-")),
            "an apply on an unknown id does not run",
        );
        assert.strictEqual(sharedId, "vpc-0123456789abcdef0", "a read resource keeps its id");
        const inShared = byName(evaluation, "in-shared");
        assert.match(String(inShared.inputs.description), /^in arn:aws:ec2:[a-z0-9-]+:\d+:vpc\/vpc-/);
        assert.strictEqual(inShared.inputs.vpcId, "vpc-0123456789abcdef0");
    });

    it("give new providers the engine's UnknownID, each still its own provider", async () => {
        const evaluation = await evaluate({ program, preview: true });
        const eu = byName(evaluation, "eu-jobs");
        const us = byName(evaluation, "us-jobs");
        assert.ok(eu.provider?.endsWith(`::eu::${unknownValue}`), eu.provider);
        assert.ok(us.provider?.endsWith(`::us::${unknownValue}`), us.provider);
        assert.strictEqual(eu.state.region, "eu-west-1");
        assert.strictEqual(us.state.region, "us-west-2");
    });

    it("come with what the provider computes unknown, and what it plans known", async () => {
        const evaluation = await evaluate({
            program: () => {
                new aws.sqs.Queue("jobs", { tags: { team: "web" } });
                return {};
            },
            config: { "aws:region": "eu-west-1" },
            preview: true,
        });
        const queue = byName(evaluation, "jobs");
        assert.deepStrictEqual(
            [queue.wireState?.arn, queue.wireState?.url],
            [unknownValue, unknownValue],
            "the ARN and URL are the provider's to compute",
        );
        assert.deepStrictEqual(queue.state.tagsAll, { team: "web" });
        assert.strictEqual(queue.state.region, "eu-west-1");
        // Optional and computed: left out, the provider's to plan; set, the program's.
        const groups = await evaluate({
            program: () => {
                new aws.ec2.SecurityGroup("separate-rules", { vpcId: "vpc-1" });
                new aws.ec2.SecurityGroup("inline-rules", {
                    vpcId: "vpc-1",
                    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
                });
                return {};
            },
            preview: true,
        });
        assert.strictEqual(byName(groups, "separate-rules").wireState?.ingress, unknownValue);
        assert.strictEqual(byName(groups, "inline-rules").state.ingress[0].fromPort, 443);
        const updated = byName(await evaluate({ program: () => (new aws.sqs.Queue("jobs"), {}) }), "jobs");
        assert.match(updated.state.arn, /^arn:aws:sqs:/);
    });

    it("are known in an update, where the apply on one runs", async () => {
        const evaluation = await evaluate({ program });
        const vpc = byName(evaluation, "vpc");
        assert.ok(vpc.id, "the vpc has an id");
        assert.strictEqual(byName(evaluation, "subnet").inputs.vpcId, vpc.id);
        assert.ok(byName(evaluation, `logs-for-${vpc.id}`));
        assert.strictEqual(sharedId, "vpc-0123456789abcdef0");
    });
});
