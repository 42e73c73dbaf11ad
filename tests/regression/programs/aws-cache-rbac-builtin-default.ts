// Valkey for sessions with RBAC instead of a token: the app's user has a password, but the user
// group also lists "default", AWS's built-in user, which needs no password and may run anything.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("rbac");
    const app = appServer("rbac", net);
    const group = groupFrom("rbac-cache-sg", net.vpc, 6379, app);
    const subnets = new aws.elasticache.SubnetGroup("rbac-cache-subnets", {
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    const password = new random.RandomPassword("laravel-cache-password", { length: 32, special: false });
    const laravel = new aws.elasticache.User("laravel", {
        userId: "laravel",
        userName: "laravel",
        engine: "valkey",
        accessString: "on ~* +@all",
        authenticationMode: { type: "password", passwords: [password.result] },
    });
    const users = new aws.elasticache.UserGroup("laravel-users", {
        userGroupId: "laravel-users",
        engine: "valkey",
        userIds: ["default", laravel.userId],
    });
    new aws.elasticache.ReplicationGroup("sessions", {
        description: "Laravel sessions and queues",
        engine: "valkey",
        nodeType: "cache.t4g.small",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: true,
        subnetGroupName: subnets.name,
        securityGroupIds: [group.id],
        userGroupIds: [users.id],
    });
}
