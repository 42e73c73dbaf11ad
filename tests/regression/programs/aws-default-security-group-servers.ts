// The VPC's default security group, adopted with aws.ec2.DefaultSecurityGroup as the provider's
// docs show (AWS's own rules: everything from its members, everything out), plus an admin
// console on 8443 someone opened on it "for a day". Two servers end up in it without naming it:
// one names no group at all (EC2 puts it in its VPC's default group), the other names it as
// `vpc.defaultSecurityGroupId`. A third, older server names its group by name, as instances in
// the default VPC do, and that group opens the same console. The console is open to the internet
// on all three, and AWS's members-only rule admits the app port from the other servers, not only
// from the balancer.
import * as aws from "@pulumi/aws";
import { groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("dsg");
    const targets = targetGroup("dsg-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("dsg", net, targets);
    const appGroup = groupFrom("dsg-app-sg", net.vpc, 80, albGroup);
    new aws.ec2.DefaultSecurityGroup("dsg-default", {
        vpcId: net.vpc.id,
        ingress: [
            { protocol: "-1", fromPort: 0, toPort: 0, self: true },
            { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] },
        ],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const servers = [
        new aws.ec2.Instance("dsg-app-1", {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            subnetId: net.privateSubnets[0].id,
        }),
        new aws.ec2.Instance("dsg-app-2", {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            subnetId: net.privateSubnets[1].id,
            vpcSecurityGroupIds: [net.vpc.defaultSecurityGroupId, appGroup.id],
        }),
    ];
    const legacy = new aws.ec2.SecurityGroup("dsg-legacy-sg", {
        ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }],
    });
    servers.push(
        new aws.ec2.Instance("dsg-legacy", {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            securityGroups: [legacy.name],
        }),
    );
    servers.forEach(
        (server, i) =>
            new aws.lb.TargetGroupAttachment(`dsg-tg-${i + 1}`, {
                targetGroupArn: targets.arn,
                targetId: server.id,
                port: 80,
            }),
    );
};
