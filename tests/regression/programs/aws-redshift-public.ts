// A Redshift cluster for reporting, in private subnets and its own group, but publicly accessible
// so a BI tool outside AWS can reach it.
import * as aws from "@pulumi/aws";
import { groupFrom, network } from "./network";

export = function program() {
    const net = network("bi");
    const app = new aws.ec2.SecurityGroup("bi-app-sg", { vpcId: net.vpc.id });
    new aws.ec2.Instance("bi-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    const group = groupFrom("warehouse-sg", net.vpc, 5439, app);
    const subnets = new aws.redshift.SubnetGroup("warehouse-subnets", {
        name: "warehouse-private",
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.redshift.Cluster("warehouse", {
        clusterIdentifier: "warehouse",
        nodeType: "ra3.xlplus",
        masterUsername: "app",
        manageMasterPassword: true,
        clusterSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [group.id],
        publiclyAccessible: true,
        encrypted: "true",
    });
}
