// DAX in front of DynamoDB, private and admitting only the app, but its endpoint left at the
// default encryption type NONE: item data crosses the network in clear text.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("dax");
    const app = appServer("dax", net);
    const group = groupFrom("dax-sg", net.vpc, 8111, app);
    const subnets = new aws.dax.SubnetGroup("dax-subnets", {
        name: "dax-private",
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.dax.Cluster("item-cache", {
        clusterName: "item-cache",
        nodeType: "dax.t3.small",
        replicationFactor: 1,
        iamRoleArn: "arn:aws:iam::123456789012:role/dax",
        subnetGroupName: subnets.name,
        securityGroupIds: [group.id],
        serverSideEncryption: { enabled: true },
    });
}
