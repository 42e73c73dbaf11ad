// The node exporter's port opened for "the monitoring vendor", whose ranges a teammate could not
// pin down, so they were written as quarters of the internet: two in the app group's own rule,
// the other two in a second group both servers also sit in, and the WireGuard port of the same
// servers admitted from every eighth of public IPv6 (2000::/3) in a rule each. No single range is the world; each
// set adds up to all of it, as open as 0.0.0.0/0. A prefix list the stack defines holds the
// world for a third port, as the teams' "trusted sources" list often ends up.
import * as aws from "@pulumi/aws";
import { groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("pieces");
    const targets = targetGroup("pieces-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("pieces", net, targets);
    const appGroup = groupFrom("pieces-app-sg", net.vpc, 80, albGroup);
    new aws.ec2.SecurityGroupRule("pieces-metrics-low", {
        type: "ingress",
        securityGroupId: appGroup.id,
        protocol: "tcp",
        fromPort: 9100,
        toPort: 9100,
        cidrBlocks: ["0.0.0.0/2", "64.0.0.0/2"],
    });
    const vendor = new aws.ec2.SecurityGroup("pieces-vendor-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 9000, toPort: 9200, cidrBlocks: ["128.0.0.0/2", "192.0.0.0/2"] }],
    });
    for (let i = 0; i < 8; i++) {
        new aws.vpc.SecurityGroupIngressRule(`pieces-wg-${i + 1}`, {
            securityGroupId: appGroup.id,
            ipProtocol: "udp",
            fromPort: 51820,
            toPort: 51820,
            cidrIpv6: `${(0x2000 + i * 0x400).toString(16)}::/6`,
        });
    }
    const trusted = new aws.ec2.ManagedPrefixList("pieces-trusted", {
        addressFamily: "IPv4",
        maxEntries: 5,
        entries: [{ cidr: "198.51.100.0/24" }, { cidr: "0.0.0.0/0", description: "temporary" }],
    });
    new aws.vpc.SecurityGroupIngressRule("pieces-admin", {
        securityGroupId: appGroup.id,
        ipProtocol: "tcp",
        fromPort: 8443,
        toPort: 8443,
        prefixListId: trusted.id,
    });
    for (let i = 0; i < 2; i++) {
        const server = new aws.ec2.Instance(`pieces-app-${i + 1}`, {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            subnetId: net.privateSubnets[i].id,
            vpcSecurityGroupIds: [appGroup.id, vendor.id],
        });
        new aws.lb.TargetGroupAttachment(`pieces-app-tg-${i + 1}`, {
            targetGroupArn: targets.arn,
            targetId: server.id,
            port: 80,
        });
    }
};
