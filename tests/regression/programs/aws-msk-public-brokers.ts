// MSK for the app's events, its brokers given public addresses (connectivityInfo.publicAccess)
// so that a partner can produce directly.
import * as aws from "@pulumi/aws";
import { groupFrom, network } from "./network";

export = function program() {
    const net = network("events");
    const app = new aws.ec2.SecurityGroup("events-app-sg", { vpcId: net.vpc.id });
    new aws.ec2.Instance("events-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    const group = groupFrom("events-sg", net.vpc, 9098, app);
    new aws.msk.Cluster("events", {
        clusterName: "events",
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 2,
        brokerNodeGroupInfo: {
            instanceType: "kafka.t3.small",
            clientSubnets: net.privateSubnets.map((s) => s.id),
            securityGroups: [group.id],
            connectivityInfo: { publicAccess: { type: "SERVICE_PROVIDED_EIPS" } },
        },
    });
}
