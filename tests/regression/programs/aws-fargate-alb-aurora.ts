// Sound: a Fargate service behind an HTTPS ALB, reaching an Aurora cluster that admits only the
// service's security group.
import * as aws from "@pulumi/aws";
import { fargateService, groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("shop");
    const targets = targetGroup("shop-tg", net.vpc, 8080, "ip");
    const { group: albGroup } = httpsAlb("shop", net, targets);
    const service = groupFrom("shop-svc-sg", net.vpc, 8080, albGroup);
    const db = groupFrom("shop-db-sg", net.vpc, 5432, service);
    fargateService(net, targets, service);
    const subnets = new aws.rds.SubnetGroup("shop-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    new aws.rds.Cluster("shop-db", {
        engine: "aurora-postgresql",
        masterUsername: "shop",
        manageMasterUserPassword: true,
        storageEncrypted: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id],
        backupRetentionPeriod: 7,
        deletionProtection: true,
    });
}
