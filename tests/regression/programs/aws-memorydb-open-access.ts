// MemoryDB for sessions, private and TLS, but with the built-in "open-access" ACL: no password.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("mem");
    const app = appServer("mem", net);
    const group = groupFrom("sessions-sg", net.vpc, 6379, app);
    const subnets = new aws.memorydb.SubnetGroup("sessions-subnets", {
        name: "sessions-private",
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.memorydb.Cluster("sessions", {
        aclName: "open-access",
        nodeType: "db.t4g.small",
        subnetGroupName: subnets.name,
        securityGroupIds: [group.id],
    });
}
