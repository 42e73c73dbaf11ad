// Sound: Lambda-style bursts of connections go through an RDS Proxy; the database admits only the
// proxy's group, and the proxy only the app servers' (an auto scaling group's launch template).
import * as aws from "@pulumi/aws";
import { groupFrom, network } from "./network";

export = function program() {
    const net = network("pooled");
    const app = new aws.ec2.SecurityGroup("pooled-app-sg", { vpcId: net.vpc.id });
    const template = new aws.ec2.LaunchTemplate("pooled-lt", {
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        vpcSecurityGroupIds: [app.id],
    });
    new aws.autoscaling.Group("pooled-app", {
        minSize: 2,
        maxSize: 6,
        vpcZoneIdentifiers: net.privateSubnets.map((s) => s.id),
        launchTemplate: { id: template.id, version: "$Latest" },
    });
    const proxyGroup = groupFrom("pooled-proxy-sg", net.vpc, 5432, app);
    const dbGroup = groupFrom("pooled-db-sg", net.vpc, 5432, proxyGroup);
    const subnets = new aws.rds.SubnetGroup("pooled-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    const db = new aws.rds.Instance("pooled-db", {
        engine: "postgres",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
    const proxy = new aws.rds.Proxy("pooled-proxy", {
        engineFamily: "POSTGRESQL",
        roleArn: "arn:aws:iam::123456789012:role/rds-proxy",
        requireTls: true,
        vpcSecurityGroupIds: [proxyGroup.id],
        vpcSubnetIds: net.privateSubnets.map((s) => s.id),
        auths: [
            {
                authScheme: "SECRETS",
                secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
                iamAuth: "REQUIRED",
            },
        ],
    });
    new aws.rds.ProxyDefaultTargetGroup("pooled-proxy-targets", { dbProxyName: proxy.name });
    new aws.rds.ProxyTarget("pooled-proxy-db", {
        dbProxyName: proxy.name,
        targetGroupName: "default",
        dbInstanceIdentifier: db.identifier,
    });
}
