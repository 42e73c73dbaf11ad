// A tier written with the native provider whose database subnet group was filled with the wrong
// list: the public subnets, routed to the internet gateway by a native route. Everything else is
// sound (its own group, admitting only the app's group; encrypted, Multi-AZ). Until the pack read
// the native provider's subnets, route tables and routes, this passed.
import * as awsnative from "@pulumi/aws-native";
import { nativeGroupFrom, nativeNetwork } from "./network";

export = function program() {
    const net = nativeNetwork("npub");
    const appGroup = new awsnative.ec2.SecurityGroup("npub-app-sg", {
        groupDescription: "app servers",
        vpcId: net.vpc.vpcId,
    });
    new awsnative.ec2.Instance("npub-app", {
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].subnetId,
        securityGroupIds: [appGroup.groupId],
    });
    const dbGroup = nativeGroupFrom("npub-db-sg", net, 3306, appGroup);
    const subnets = new awsnative.rds.DbSubnetGroup("npub-db-subnets", {
        dbSubnetGroupDescription: "database subnets",
        subnetIds: net.publicSubnets.map((s) => s.subnetId),
    });
    new awsnative.rds.DbInstance("npub-db", {
        engine: "mysql",
        engineVersion: "8.0.40",
        dbInstanceClass: "db.t4g.medium",
        allocatedStorage: "50",
        masterUsername: "laravel",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.dbSubnetGroupName,
        vpcSecurityGroups: [dbGroup.groupId],
        storageEncrypted: true,
        multiAz: true,
        deletionProtection: true,
        backupRetentionPeriod: 7,
    });
};
