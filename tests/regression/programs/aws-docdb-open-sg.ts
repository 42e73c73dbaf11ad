// DocumentDB in private subnets, but its security group written with an inline rule open to
// the world "because the subnets are private anyway".
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("docs");
    const group = new aws.ec2.SecurityGroup("docdb-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 27017, toPort: 27017, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const subnets = new aws.docdb.SubnetGroup("docdb-subnets", {
        name: "docdb-private",
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.docdb.Cluster("docdb", {
        masterUsername: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [group.id],
        storageEncrypted: true,
    });
}
