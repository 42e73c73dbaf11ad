// An auto scaling group of app servers listening on 8080 behind an ALB, whose launch template's
// group also admits 8080 from anywhere "for health checks": the app port is public.
import * as aws from "@pulumi/aws";
import { httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("fleet");
    const targets = targetGroup("fleet-tg", net.vpc, 8080);
    const { group: albGroup } = httpsAlb("fleet", net, targets);
    const app = new aws.ec2.SecurityGroup("fleet-app-sg", { vpcId: net.vpc.id });
    new aws.vpc.SecurityGroupIngressRule("fleet-app-from-alb", {
        securityGroupId: app.id,
        referencedSecurityGroupId: albGroup.id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
    });
    new aws.vpc.SecurityGroupIngressRule("fleet-app-health", {
        securityGroupId: app.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
    });
    const template = new aws.ec2.LaunchTemplate("fleet-lt", {
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        vpcSecurityGroupIds: [app.id],
    });
    new aws.autoscaling.Group("fleet", {
        minSize: 2,
        maxSize: 4,
        vpcZoneIdentifiers: net.privateSubnets.map((s) => s.id),
        launchTemplate: { id: template.id, version: "$Latest" },
        targetGroupArns: [targets.arn],
    });
}
