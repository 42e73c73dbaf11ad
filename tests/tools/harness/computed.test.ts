// Computed outputs a program or a rule reads back, as the provider would give them under
// `pulumi up`, and unknown under `pulumi preview`.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { evaluate } from "../../../tools/harness/evaluate";

function program() {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1b" });
    new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.small", subnetId: subnet.id });
    const eip = new aws.ec2.Eip("bastion", { domain: "vpc" });
    const sg = new aws.ec2.SecurityGroup("ssh", { vpcId: vpc.id });
    new aws.vpc.SecurityGroupIngressRule("from-bastion", {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: eip.publicIp.apply((ip) => `${ip}/32`),
    });
}

describe("computed outputs under mocks", () => {
    it("places an instance in its subnet's zone and gives an Elastic IP an address a rule can read", async () => {
        const evaluation = await evaluate({ program, config: { "aws:region": "eu-west-1" } });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        assert.strictEqual(byName("web").state.availabilityZone, "eu-west-1b");
        const ip = byName("bastion").state.publicIp;
        assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
        assert.strictEqual(byName("from-bastion").inputs.cidrIpv4, `${ip}/32`);
    });

    it("leaves them unknown in a preview", async () => {
        const evaluation = await evaluate({ program, preview: true, config: { "aws:region": "eu-west-1" } });
        const rule = evaluation.resources.find((r) => r.name === "from-bastion")!;
        assert.ok(rule.unknownInputs.includes("cidrIpv4"), `cidrIpv4 is ${rule.inputs.cidrIpv4}`);
    });
});
