// Two app tiers people run behind one balancer to save money: spot instances (an
// aws.ec2.SpotInstanceRequest starts each one, registered by its spotInstanceId) whose exporter
// port is open to the internet, and a Fargate service with a public IP whose group still opens
// the Node inspector's port 9229 from a debugging session. Both are servers: only the balancer
// is public. The database admits the spot servers' group only, which is sound.
import * as aws from "@pulumi/aws";
import { fargateService, groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("spot");
    const targets = targetGroup("spot-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("spot", net, targets);
    const spotGroup = groupFrom("spot-app-sg", net.vpc, 80, albGroup);
    new aws.vpc.SecurityGroupIngressRule("spot-metrics", {
        securityGroupId: spotGroup.id,
        ipProtocol: "tcp",
        fromPort: 9100,
        toPort: 9100,
        cidrIpv4: "0.0.0.0/0",
    });
    for (let i = 0; i < 2; i++) {
        const spot = new aws.ec2.SpotInstanceRequest(`spot-app-${i + 1}`, {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            spotPrice: "0.01",
            waitForFulfillment: true,
            subnetId: net.privateSubnets[i].id,
            vpcSecurityGroupIds: [spotGroup.id],
        });
        new aws.lb.TargetGroupAttachment(`spot-app-tg-${i + 1}`, {
            targetGroupArn: targets.arn,
            targetId: spot.spotInstanceId,
            port: 80,
        });
    }
    const dbGroup = groupFrom("spot-db-sg", net.vpc, 3306, spotGroup);
    const subnets = new aws.rds.SubnetGroup("spot-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    new aws.rds.Instance("spot-db", {
        engine: "mysql",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 50,
        username: "laravel",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        storageEncrypted: true,
        multiAz: true,
        backupRetentionPeriod: 7,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: "spot-db-final",
    });
    const taskGroup = groupFrom("spot-task-sg", net.vpc, 80, albGroup);
    new aws.vpc.SecurityGroupIngressRule("spot-task-inspector", {
        securityGroupId: taskGroup.id,
        ipProtocol: "tcp",
        fromPort: 9229,
        toPort: 9229,
        cidrIpv4: "0.0.0.0/0",
    });
    fargateService(net, targets, taskGroup);
};
