// Aurora written the usual way: the cluster private, but its writer instance made publicly
// accessible "to connect from a laptop". The instance is what gets the public endpoint.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("aurora");
    const app = new aws.ec2.SecurityGroup("aurora-app-sg", { vpcId: net.vpc.id });
    const db = new aws.ec2.SecurityGroup("aurora-db-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [app.id] }],
    });
    new aws.ec2.Instance("aurora-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    const subnets = new aws.rds.SubnetGroup("aurora-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    const cluster = new aws.rds.Cluster("aurora", {
        engine: "aurora-postgresql",
        masterUsername: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id],
        storageEncrypted: true,
    });
    new aws.rds.ClusterInstance("aurora-writer", {
        clusterIdentifier: cluster.id,
        instanceClass: "db.r6g.large",
        engine: "aurora-postgresql",
        publiclyAccessible: true,
        dbSubnetGroupName: subnets.name,
    });
}
