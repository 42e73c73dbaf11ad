// The native AWS provider under the harness's mocks: the outputs a native program wires its
// resources by (ids, ARNs, full names, version numbers) and the names the provider generates,
// known under `pulumi up` and unknown under `pulumi preview`, as the provider gives them.
import * as assert from "assert";
import * as awsnative from "@pulumi/aws-native";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { evaluate } from "../../../tools/harness/evaluate";
import { autonamedField } from "../../../tools/harness/aws/native";
import { computedProperties } from "../../../tools/harness/sdk-classes";

function program() {
    const vpc = new awsnative.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const group = new awsnative.ec2.SecurityGroup("lb", { groupDescription: "lb", vpcId: vpc.vpcId });
    const lb = new awsnative.elasticloadbalancingv2.LoadBalancer("lb", {
        subnets: ["subnet-a", "subnet-b"],
        securityGroups: [group.groupId],
    });
    new awsnative.elasticloadbalancingv2.Listener("http", {
        loadBalancerArn: lb.loadBalancerArn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "fixed-response", fixedResponseConfig: { statusCode: "404" } }],
    });
    new awsnative.ec2.LaunchTemplate("app", { launchTemplateData: { instanceType: "t3.small" } });
    new awsnative.rds.DbSubnetGroup("db", { dbSubnetGroupDescription: "db", subnetIds: ["subnet-a", "subnet-b"] });
    new awsnative.elasticache.SubnetGroup("cache", { description: "cache", subnetIds: ["subnet-a", "subnet-b"] });
}

describe("the native AWS provider under the mocks", () => {
    it("finds a native type's computed outputs in its SDK's declarations", () => {
        assert.deepStrictEqual([...computedProperties("aws-native:elasticloadbalancingv2:LoadBalancer")].sort(), [
            "canonicalHostedZoneId",
            "dnsName",
            "loadBalancerArn",
            "loadBalancerFullName",
            "loadBalancerName",
        ]);
    });

    it("computes what other resources refer to under pulumi up, and leaves it unknown in a preview", async () => {
        const up = await evaluate({ program });
        const state = (name: string, type: string) =>
            up.resources.find((r) => r.name === name && r.type === type)!.state;
        const group = state("lb", "aws-native:ec2:SecurityGroup");
        assert.match(group.groupId, /^sg-/);
        const lb = state("lb", "aws-native:elasticloadbalancingv2:LoadBalancer");
        assert.deepStrictEqual(lb.securityGroups, [group.groupId]);
        assert.match(lb.loadBalancerArn, /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/lb\//);
        assert.match(lb.loadBalancerFullName, /^app\/lb-[0-9a-f]{7}\//);
        assert.strictEqual(
            state("http", "aws-native:elasticloadbalancingv2:Listener").loadBalancerArn,
            lb.loadBalancerArn,
        );
        const template = state("app", "aws-native:ec2:LaunchTemplate");
        assert.match(template.launchTemplateId, /^lt-/);
        assert.strictEqual(template.latestVersionNumber, "1");
        // The provider's autoname (dbSubnetGroupName); CloudFormation's generated name (cacheSubnetGroupName).
        assert.match(state("db", "aws-native:rds:DbSubnetGroup").dbSubnetGroupName, /^db-[0-9a-f]{7}$/);
        assert.match(state("cache", "aws-native:elasticache:SubnetGroup").cacheSubnetGroupName, /^cache-/);

        const preview = await evaluate({ program, preview: true });
        const planned = preview.resources.find((r) => r.type === "aws-native:elasticloadbalancingv2:LoadBalancer")!;
        const arn = planned.state.loadBalancerArn;
        assert.ok(arn === unknownValue || arn?.__pulumiUnknown === true, `unknown in a preview, not ${arn}`);
    });

    it("names a resource by the property pulumi-aws-native's schema generator picks", () => {
        const inputs =
            (...names: string[]) =>
            (field: string) =>
                names.includes(field);
        assert.strictEqual(autonamedField("LoadBalancer", inputs("name", "loadBalancerName")), "name");
        assert.strictEqual(
            autonamedField("DbSubnetGroup", inputs("dbSubnetGroupName", "subnetIds")),
            "dbSubnetGroupName",
        );
        assert.strictEqual(autonamedField("SecurityGroup", inputs("groupName", "groupDescription")), "groupName");
        assert.strictEqual(autonamedField("ScalingPolicy", inputs("policyName", "policyType")), "policyName");
        // Two candidates: ambiguous, so none (spec.go names none either).
        assert.strictEqual(autonamedField("CacheSubnetGroup", inputs("groupName", "subnetGroupName")), undefined);
        assert.strictEqual(autonamedField("SubnetGroup", inputs("cacheSubnetGroupName")), undefined);
    });
});
