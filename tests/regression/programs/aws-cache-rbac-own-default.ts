// Valkey for sessions with RBAC as AWS advises: the group's "default" is a user of the program's
// own, switched off, and the app logs in as a user with a password (added by an association).
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, laravelCacheUser, network, sessionsCache } from "./network";

export = function program() {
    const net = network("rbac");
    const app = appServer("rbac", net);
    const group = groupFrom("rbac-cache-sg", net.vpc, 6379, app);
    const disabledDefault = new aws.elasticache.User("default-off", {
        userId: "laravel-default",
        userName: "default",
        engine: "valkey",
        accessString: "off ~* -@all",
        authenticationMode: { type: "no-password-required" },
    });
    const laravel = laravelCacheUser();
    const users = new aws.elasticache.UserGroup("laravel-users", {
        userGroupId: "laravel-users",
        engine: "valkey",
        userIds: [disabledDefault.userId],
    });
    new aws.elasticache.UserGroupAssociation("laravel-in-users", {
        userGroupId: users.userGroupId,
        userId: laravel.userId,
    });
    sessionsCache("rbac", net, group, users.id);
}
