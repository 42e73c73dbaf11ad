// Valkey for sessions with RBAC as AWS advises: the group's "default" is a user of the program's
// own, switched off, and the app logs in as a user with a password (added by an association).
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
    const disabledDefault = new aws.elasticache.User("default-off", {
        userId: "laravel-default",
        userName: "default",
        engine: "valkey",
        accessString: "off ~* -@all",
        authenticationMode: { type: "no-password-required" },
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
        userIds: [disabledDefault.userId],
    });
    new aws.elasticache.UserGroupAssociation("laravel-in-users", {
        userGroupId: users.userGroupId,
        userId: laravel.userId,
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
