// Sound: a network load balancer ending TLS with a modern policy, forwarding TCP to the servers'
// port 80; the servers admit 80 only from the NLB's group.
import * as aws from "@pulumi/aws";
import { groupFrom, network } from "./network";

export = function program() {
    const net = network("edge");
    const nlbGroup = new aws.ec2.SecurityGroup("edge-nlb-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const nlb = new aws.lb.LoadBalancer("edge-nlb", {
        loadBalancerType: "network",
        securityGroups: [nlbGroup.id],
        subnets: net.publicSubnets.map((s) => s.id),
    });
    const targets = new aws.lb.TargetGroup("edge-tg", {
        vpcId: net.vpc.id,
        port: 80,
        protocol: "TCP",
        healthCheck: { protocol: "HTTP", path: "/up" },
    });
    new aws.lb.Listener("edge-tls", {
        loadBalancerArn: nlb.arn,
        port: 443,
        protocol: "TLS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        alpnPolicy: "HTTP2Preferred",
        defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
    const app = groupFrom("edge-app-sg", net.vpc, 80, nlbGroup);
    const server = new aws.ec2.Instance("edge-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    new aws.lb.TargetGroupAttachment("edge-app-tg", { targetGroupArn: targets.arn, targetId: server.id, port: 80 });
}
