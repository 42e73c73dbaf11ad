// An auto scaling group of app servers behind an ALB, admitted on the app port only from the
// balancer and on SSH only from the office, whose launch template's group also opens a metrics
// exporter's port (9100) to the whole IPv6 internet "for the monitoring SaaS": the servers are
// public on a port no balancer serves.
import * as aws from "@pulumi/aws";
import { httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("metrics");
    const targets = targetGroup("metrics-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("metrics", net, targets);
    const app = new aws.ec2.SecurityGroup("metrics-app-sg", { vpcId: net.vpc.id });
    new aws.vpc.SecurityGroupIngressRule("metrics-app-from-alb", {
        securityGroupId: app.id,
        referencedSecurityGroupId: albGroup.id,
        ipProtocol: "tcp",
        fromPort: 80,
        toPort: 80,
    });
    new aws.vpc.SecurityGroupIngressRule("metrics-app-ssh", {
        securityGroupId: app.id,
        cidrIpv4: "203.0.113.0/24",
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
    });
    new aws.vpc.SecurityGroupIngressRule("metrics-node-exporter", {
        securityGroupId: app.id,
        cidrIpv6: "::/0",
        ipProtocol: "tcp",
        fromPort: 9100,
        toPort: 9100,
    });
    const template = new aws.ec2.LaunchTemplate("metrics-lt", {
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        vpcSecurityGroupIds: [app.id],
    });
    new aws.autoscaling.Group("metrics", {
        minSize: 2,
        maxSize: 4,
        vpcZoneIdentifiers: net.privateSubnets.map((s) => s.id),
        launchTemplate: { id: template.id, version: "$Latest" },
        targetGroupArns: [targets.arn],
    });
}
