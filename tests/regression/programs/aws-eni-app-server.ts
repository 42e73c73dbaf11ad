// An app server launched on a network interface of its own (a fixed private address the team's
// VPN allowlists), its security groups on the interface rather than on the instance, as EC2
// reads them then; a second group, for a metrics exporter, is attached to the interface later
// with a NetworkInterfaceSecurityGroupAttachment and opens 9100 to the whole internet. The
// database admits the app's group, which only the interface carries: that part is sound.
import * as aws from "@pulumi/aws";
import { groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("eni");
    const targets = targetGroup("eni-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("eni", net, targets);
    const appGroup = groupFrom("eni-app-sg", net.vpc, 80, albGroup);
    const nic = new aws.ec2.NetworkInterface("eni-app-nic", {
        subnetId: net.privateSubnets[0].id,
        privateIps: ["10.40.10.20"],
        securityGroups: [appGroup.id],
    });
    const server = new aws.ec2.Instance("eni-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        primaryNetworkInterface: { networkInterfaceId: nic.id },
    });
    new aws.lb.TargetGroupAttachment("eni-app-tg", { targetGroupArn: targets.arn, targetId: server.id, port: 80 });
    const exporter = new aws.ec2.SecurityGroup("eni-exporter-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.ec2.NetworkInterfaceSecurityGroupAttachment("eni-exporter", {
        networkInterfaceId: server.primaryNetworkInterfaceId,
        securityGroupId: exporter.id,
    });
    const dbGroup = groupFrom("eni-db-sg", net.vpc, 3306, appGroup);
    const subnets = new aws.rds.SubnetGroup("eni-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    new aws.rds.Instance("eni-db", {
        engine: "mysql",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 50,
        username: "laravel",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        storageEncrypted: true,
        multiAz: true,
        deletionProtection: true,
        backupRetentionPeriod: 7,
    });
};
