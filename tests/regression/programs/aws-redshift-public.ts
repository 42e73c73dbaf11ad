// A Redshift cluster for reporting, in private subnets and its own group, but publicly accessible
// so a BI tool outside AWS can reach it.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("bi");
    const app = appServer("bi", net);
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
