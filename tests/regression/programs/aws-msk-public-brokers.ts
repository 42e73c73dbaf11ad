// MSK for the app's events, its brokers given public addresses (connectivityInfo.publicAccess)
// so that a partner can produce directly.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("events");
    const app = appServer("events", net);
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
