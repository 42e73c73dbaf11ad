// awsx's load balancers under the harness: the resources the awsx provider's Construct builds
// (pulumi-awsx awsx/lb/*.ts), registered inside the component with its names and inputs.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApplicationLoadBalancer } from "../../../../../tools/harness/aws/awsx/lb/applicationLoadBalancer";
import { getDefaultProtocol, getListenerProtocol } from "../../../../../tools/harness/aws/awsx/lb/listenerDefaults";
import { NetworkLoadBalancer } from "../../../../../tools/harness/aws/awsx/lb/networkLoadBalancer";
import { TargetGroupAttachment } from "../../../../../tools/harness/aws/awsx/lb/targetGroupAttachment";
import { onTheWire } from "../../../../../tools/harness/component-args";
import { evaluate } from "../../../../../tools/harness/evaluate";
import { only, childrenOf } from "../registered";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";
const SG = "aws:ec2/securityGroup:SecurityGroup";

describe("awsx.lb.ApplicationLoadBalancer under the harness", () => {
    it("builds the balancer, an open security group, an ip target group and an HTTP :80 listener by default", async () => {
        const e = await evaluate({ program: () => void new ApplicationLoadBalancer("web", {}) });
        const component = only(e, "awsx:lb:ApplicationLoadBalancer", "web");
        assert.deepStrictEqual(
            childrenOf(e, component).sort(),
            [`${SG}::web`, `${LB}::web`, `${LISTENER}::web-0`, `${TG}::web`].sort(),
        );
        const sg = only(e, SG, "web");
        assert.deepStrictEqual(
            sg.inputs.ingress.map((r: any) => [r.protocol, r.fromPort, r.toPort, r.cidrBlocks, r.ipv6CidrBlocks]),
            [["-1", 0, 0, ["0.0.0.0/0"], ["::/0"]]],
        );
        assert.deepStrictEqual(
            sg.inputs.egress.map((r: any) => [r.protocol, r.fromPort, r.toPort, r.cidrBlocks, r.ipv6CidrBlocks]),
            [["tcp", 0, 65535, ["0.0.0.0/0"], ["::/0"]]],
        );
        const lb = only(e, LB, "web");
        assert.strictEqual(lb.inputs.loadBalancerType, "application");
        assert.deepStrictEqual(lb.inputs.securityGroups, [sg.id]);
        const tg = only(e, TG, "web");
        assert.deepStrictEqual([tg.inputs.port, tg.inputs.protocol, tg.inputs.targetType], [80, "HTTP", "ip"]);
        const listener = only(e, LISTENER, "web-0");
        assert.deepStrictEqual([listener.inputs.port, listener.inputs.protocol], [80, "HTTP"]);
        assert.strictEqual(listener.inputs.loadBalancerArn, lb.state.arn);
        assert.deepStrictEqual(listener.inputs.defaultActions, [{ type: "forward", targetGroupArn: tg.state.arn }]);
    });

    it("goes in the default VPC, with the subnets getDefaultVpc finds public, looked up as the provider does", async () => {
        const e = await evaluate({ program: () => void new ApplicationLoadBalancer("web", {}) });
        const tg = only(e, TG, "web");
        const sg = only(e, SG, "web");
        assert.strictEqual(tg.inputs.vpcId, "vpc-0d0d0d0d0d0d0d0d0");
        assert.strictEqual(sg.inputs.vpcId, "vpc-0d0d0d0d0d0d0d0d0");
        const calls = e.calls.map((c) => c.token);
        assert.deepStrictEqual(calls.slice(0, 2), ["aws:ec2/getVpc:getVpc", "aws:ec2/getSubnets:getSubnets"]);
        assert.deepStrictEqual(e.calls[1].inputs.filters, [{ name: "vpc-id", values: ["vpc-0d0d0d0d0d0d0d0d0"] }]);
        const lookups = e.calls.filter((c) => c.token === "aws:ec2/getSubnet:getSubnet").map((c) => c.inputs.id);
        assert.deepStrictEqual(
            lookups,
            ["a", "b", "c"].map((z) => `subnet-0d0d0d0d0d0d0d0d${z}`),
        );
        // Every default subnet maps public IPs on launch (the AWS mocks answer each lookup so), so
        // the balancer is in all three.
        const lb = only(e, LB, "web");
        assert.ok(e.calls.filter((c) => c.token === "aws:ec2/getSubnet:getSubnet").every((c) => c.answered));
        assert.deepStrictEqual(lb.inputs.subnets, lookups);
    });

    it("makes a listener with a certificate HTTPS :443 and gives the target group the same port and protocol", async () => {
        const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
        const e = await evaluate({
            program: () =>
                void new ApplicationLoadBalancer("web", {
                    listener: { port: 443, certificateArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
                }),
        });
        const listener = only(e, LISTENER, "web-0");
        assert.deepStrictEqual(
            [listener.inputs.port, listener.inputs.protocol, listener.inputs.certificateArn, listener.inputs.sslPolicy],
            [443, "HTTPS", certificateArn, "ELBSecurityPolicy-TLS13-1-2-2021-06"],
        );
        const tg = only(e, TG, "web");
        assert.deepStrictEqual([tg.inputs.port, tg.inputs.protocol], [443, "HTTPS"]);
    });

    it("makes one listener per entry of `listeners`, each with its own defaults, forwarding to the default group", async () => {
        const e = await evaluate({
            program: () =>
                void new ApplicationLoadBalancer("web", {
                    listeners: [
                        { port: 80, protocol: undefined },
                        { protocol: "HTTPS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" },
                    ],
                    defaultSecurityGroup: { securityGroupId: "sg-given" },
                }),
        });
        const listeners = e.resources.filter((r) => r.type === LISTENER).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepStrictEqual(
            listeners.map((l) => [l.name, l.inputs.port, l.inputs.protocol]),
            [
                ["web-0", 80, "HTTP"],
                ["web-1", 443, "HTTPS"],
            ],
        );
        assert.strictEqual(e.resources.filter((r) => r.type === SG).length, 0, "the given group, none made");
        assert.deepStrictEqual(only(e, LB, "web").inputs.securityGroups, ["sg-given"]);
        // With two listeners, the group takes the first's port and protocol.
        assert.deepStrictEqual([only(e, TG).inputs.port, only(e, TG).inputs.protocol], [80, "HTTP"]);
    });

    it("takes port and protocol defaults as the source does, a single-entry `listeners` giving the group none", () => {
        assert.deepStrictEqual(getDefaultProtocol({}), { port: 80, protocol: "HTTP" });
        assert.deepStrictEqual(getDefaultProtocol({ defaultTargetGroupPort: 8080 }), { port: 8080, protocol: "HTTP" });
        assert.strictEqual(getDefaultProtocol({ listeners: [{ port: 443 }] }), undefined);
        assert.deepStrictEqual(getListenerProtocol({ port: 8443, protocol: "HTTPS" }), {
            port: 8443,
            protocol: "HTTPS",
        });
    });

    it("places the balancer in the given subnets and their VPC, and refuses two ways of placing it", async () => {
        let vpcId: string | undefined;
        const e = await evaluate({
            program: () => {
                const vpc = new aws.ec2.Vpc("net", { cidrBlock: "10.0.0.0/16" });
                const subnets = ["a", "b"].map(
                    (z, i) =>
                        new aws.ec2.Subnet(`net-${z}`, {
                            vpcId: vpc.id,
                            cidrBlock: `10.0.${i}.0/24`,
                            availabilityZone: `us-east-1${z}`,
                        }),
                );
                const alb = new ApplicationLoadBalancer("web", { subnets });
                alb.vpcId.apply((id) => (vpcId = id));
            },
        });
        const vpc = only(e, "aws:ec2/vpc:Vpc");
        const subnetIds = e.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").map((s) => s.id);
        assert.deepStrictEqual(only(e, LB).inputs.subnets, subnetIds);
        assert.strictEqual(only(e, TG).inputs.vpcId, vpc.id);
        assert.strictEqual(vpcId, vpc.id);
        await assert.rejects(
            evaluate({
                program: () => void new ApplicationLoadBalancer("web", { subnetIds: ["s-1"], subnetMappings: [] }),
            }),
            /Only one of \[subnets\], \[subnetIds\] or \[subnetMappings\] can be specified/,
        );
    });

    it("builds the same resources in a preview, and exposes the SDK's outputs as resources", async () => {
        let outputs: { lb?: unknown; listeners?: unknown[]; sg?: unknown } = {};
        const e = await evaluate({
            preview: true,
            program: () => {
                const alb = new ApplicationLoadBalancer("web", {});
                pulumi
                    .all([alb.loadBalancer, alb.listeners, alb.defaultSecurityGroup])
                    .apply(([lb, listeners, sg]) => (outputs = { lb, listeners, sg }));
                assert.ok(ApplicationLoadBalancer.isInstance(alb));
            },
        });
        const names = e.resources.filter((r) => r.custom).map((r) => `${r.type}::${r.name}`);
        assert.deepStrictEqual(names.sort(), [`${SG}::web`, `${LB}::web`, `${LISTENER}::web-0`, `${TG}::web`].sort());
        assert.ok(outputs.lb instanceof aws.lb.LoadBalancer);
        assert.ok(outputs.listeners?.[0] instanceof aws.lb.Listener);
        assert.ok(outputs.sg instanceof aws.ec2.SecurityGroup);
    });

    it("is what the installed SDK's class builds", async () => {
        const e = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const awsx = require("@pulumi/awsx");
                new awsx.lb.ApplicationLoadBalancer("web", {});
            },
        });
        const component = only(e, "awsx:lb:ApplicationLoadBalancer", "web");
        assert.strictEqual(component.remote, undefined);
        assert.strictEqual(childrenOf(e, component).length, 4);
    });
});

describe("awsx.lb.NetworkLoadBalancer under the harness", () => {
    it("builds a network balancer, a TCP :80 target group and a TCP :80 listener, and no security group", async () => {
        const e = await evaluate({ program: () => void new NetworkLoadBalancer("nlb", { idleTimeout: 60 }) });
        const component = only(e, "awsx:lb:NetworkLoadBalancer", "nlb");
        assert.deepStrictEqual(
            childrenOf(e, component).sort(),
            [`${LB}::nlb`, `${LISTENER}::nlb-0`, `${TG}::nlb`].sort(),
        );
        const lb = only(e, LB, "nlb");
        assert.deepStrictEqual(
            [lb.inputs.loadBalancerType, lb.inputs.enableHttp2, lb.inputs.idleTimeout],
            ["network", false, 0],
        );
        const tg = only(e, TG, "nlb");
        assert.deepStrictEqual(
            [tg.inputs.port, tg.inputs.protocol, tg.inputs.vpcId],
            [80, "TCP", "vpc-0d0d0d0d0d0d0d0d0"],
        );
        const listener = only(e, LISTENER, "nlb-0");
        assert.deepStrictEqual([listener.inputs.port, listener.inputs.protocol], [80, "TCP"]);
    });

    it("refuses both a default target group and its port, with the provider's message", async () => {
        await assert.rejects(
            evaluate({
                program: () =>
                    void new NetworkLoadBalancer("nlb", { defaultTargetGroup: {}, defaultTargetGroupPort: 81 }),
            }),
            /Only one of `defaultTargetGroup` or `defaultTargetGroupPort` can be provided\./,
        );
    });
});

describe("awsx.lb.TargetGroupAttachment under the harness", () => {
    it("attaches an instance by id to an instance target group, with its zone", async () => {
        const e = await evaluate({
            program: () => {
                const group = new aws.lb.TargetGroup("tg", {
                    port: 80,
                    protocol: "HTTP",
                    targetType: "instance",
                    vpcId: "vpc-1",
                });
                const instance = new aws.ec2.Instance("vm", {
                    ami: "ami-0123456789abcdef0",
                    instanceType: "t3.micro",
                    availabilityZone: "us-east-1b",
                });
                new TargetGroupAttachment("att", { targetGroup: group, instance });
            },
        });
        const component = only(e, "awsx:lb:TargetGroupAttachment", "att");
        const attachment = only(e, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "att");
        assert.strictEqual(attachment.parent, component.urn);
        assert.strictEqual(attachment.inputs.targetId, only(e, "aws:ec2/instance:Instance").id);
        assert.strictEqual(attachment.inputs.availabilityZone, "us-east-1b");
        assert.strictEqual(attachment.inputs.targetGroupArn, only(e, TG).state.arn);
        assert.strictEqual(e.resources.filter((r) => r.type === "aws:lambda/permission:Permission").length, 0);
    });

    it("attaches an instance by private IP to an ip target group", async () => {
        const e = await evaluate({
            program: () => {
                const group = new aws.lb.TargetGroup("tg", {
                    port: 80,
                    protocol: "HTTP",
                    targetType: "ip",
                    vpcId: "v",
                });
                const instance = new aws.ec2.Instance("vm", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
                new TargetGroupAttachment("att", { targetGroup: group, instance });
            },
        });
        const attachment = only(e, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "att");
        assert.strictEqual(attachment.inputs.targetId, only(e, "aws:ec2/instance:Instance").state.privateIp);
    });

    it("attaches a function by ARN after a permission for Elastic Load Balancing to invoke it", async () => {
        const lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:hello";
        const e = await evaluate({
            program: () => {
                const group = new aws.lb.TargetGroup("tg", { targetType: "lambda" });
                new TargetGroupAttachment("att", { targetGroup: group, lambdaArn });
            },
        });
        const permission = only(e, "aws:lambda/permission:Permission", "att");
        const tgArn = only(e, TG).state.arn;
        assert.deepStrictEqual(
            [
                permission.inputs.action,
                permission.inputs.function,
                permission.inputs.principal,
                permission.inputs.sourceArn,
            ],
            ["lambda:InvokeFunction", lambdaArn, "elasticloadbalancing.amazonaws.com", tgArn],
        );
        const attachment = only(e, "aws:lb/targetGroupAttachment:TargetGroupAttachment", "att");
        assert.strictEqual(attachment.inputs.targetId, lambdaArn);
        assert.ok(attachment.dependencies.includes(permission.urn), "after the permission");
    });

    it("refuses two targets with the provider's message", async () => {
        await assert.rejects(
            evaluate({
                program: () =>
                    void new TargetGroupAttachment("att", {
                        targetGroupArn: "arn:tg",
                        instanceId: "i-1",
                        lambdaArn: "arn:l",
                    }),
            }),
            /Exactly 1 of \[instance\], \[instanceId\], \[lambda\] or \[lambdaArn\] must be provided\./,
        );
    });
});

describe("awsx component arguments on the wire", () => {
    it("drop undefined properties at every depth, keeping resources and outputs as they are", () => {
        const output = pulumi.output(1);
        const wire = onTheWire({ a: undefined, b: { c: undefined, d: 1 }, e: [{ f: undefined }], o: output });
        assert.deepStrictEqual(Object.keys(wire), ["b", "e", "o"]);
        assert.deepStrictEqual(wire.b, { d: 1 });
        assert.deepStrictEqual(wire.e, [{}]);
        assert.strictEqual(wire.o, output);
    });
});
