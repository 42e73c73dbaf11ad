// A private database, reachable only from the app servers, whose manual snapshot (taken before a
// migration and kept for the reporting team's account) is also shared with "all": anyone with an
// AWS account can restore it and read the data.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("snap");
    const app = appServer("snap", net);
    const dbGroup = groupFrom("snap-db-sg", net.vpc, 3306, app);
    const subnets = new aws.rds.SubnetGroup("snap-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    const db = new aws.rds.Instance("snap-db", {
        engine: "mysql",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
    const reporting = "210987654321";
    new aws.rds.Snapshot("snap-before-migration", {
        dbInstanceIdentifier: db.identifier,
        dbSnapshotIdentifier: "before-migration",
        sharedAccounts: [reporting, "all"],
    });
}
