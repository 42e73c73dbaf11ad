// The analytics side of a tier, written with the serverless forms of the services the corpus
// already holds as clusters: a Redshift Serverless workgroup made publicly accessible in the
// public subnets "so the BI tool can reach it", and an MSK Serverless cluster for the app's
// events whose group admits Kafka's IAM port from anywhere. Both are databases as their cluster
// forms are: reachable only from the app servers, in private subnets.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("analytics");
    const warehouseGroup = new aws.ec2.SecurityGroup("analytics-warehouse-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const namespace = new aws.redshiftserverless.Namespace("analytics-ns", {
        namespaceName: "analytics",
        adminUsername: "admin",
        manageAdminPassword: true,
    });
    new aws.redshiftserverless.Workgroup("analytics-warehouse", {
        namespaceName: namespace.namespaceName,
        workgroupName: "analytics",
        publiclyAccessible: true,
        subnetIds: net.publicSubnets.map((s) => s.id),
        securityGroupIds: [warehouseGroup.id],
    });
    const eventsGroup = new aws.ec2.SecurityGroup("analytics-events-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 9098, toPort: 9098, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.msk.ServerlessCluster("analytics-events", {
        clusterName: "analytics-events",
        vpcConfigs: [
            { subnetIds: net.privateSubnets.map((s) => s.id), securityGroupIds: [eventsGroup.id] },
        ],
        clientAuthentication: { sasl: { iam: { enabled: true } } },
    });
};
