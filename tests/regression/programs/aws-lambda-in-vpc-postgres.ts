// Sound: the app tier is a Lambda function in the VPC; RDS Postgres admits only its group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { groupFrom, network } from "./network";

export = function program() {
    const net = network("fn");
    const fn = new aws.ec2.SecurityGroup("fn-sg", { vpcId: net.vpc.id });
    new aws.lambda.Function("fn-api", {
        role: "arn:aws:iam::123456789012:role/fn",
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({}),
        vpcConfig: { subnetIds: net.privateSubnets.map((s) => s.id), securityGroupIds: [fn.id] },
    });
    const db = groupFrom("fn-db-sg", net.vpc, 5432, fn);
    const subnets = new aws.rds.SubnetGroup("fn-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    new aws.rds.Instance("fn-db", {
        engine: "postgres",
        instanceClass: "db.t4g.small",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id],
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
}
