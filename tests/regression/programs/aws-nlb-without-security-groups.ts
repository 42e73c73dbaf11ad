// Sound: a network load balancer created without security groups (the pre-2023 way), ending TLS;
// the servers admit the app port from the balancer's own subnets only, its nodes' addresses.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("plain-nlb");
    const nlb = new aws.lb.LoadBalancer("plain-nlb", {
        loadBalancerType: "network",
        subnets: net.publicSubnets.map((s) => s.id),
    });
    const targets = new aws.lb.TargetGroup("plain-nlb-tg", {
        vpcId: net.vpc.id,
        port: 8080,
        protocol: "TCP",
        preserveClientIp: "false",
        healthCheck: { protocol: "HTTP", path: "/up" },
    });
    new aws.lb.Listener("plain-nlb-tls", {
        loadBalancerArn: nlb.arn,
        port: 443,
        protocol: "TLS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
    const app = new aws.ec2.SecurityGroup("plain-nlb-app-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.40.0.0/24", "10.40.1.0/24"] }],
    });
    const server = new aws.ec2.Instance("plain-nlb-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    new aws.lb.TargetGroupAttachment("plain-nlb-app-tg", { targetGroupArn: targets.arn, targetId: server.id });
}
