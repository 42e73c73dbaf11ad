// Valkey for sessions with RBAC instead of a token: the app's user has a password, but the user
// group also lists "default", AWS's built-in user, which needs no password and may run anything.
import * as aws from "@pulumi/aws";
import { appServer, groupFrom, laravelCacheUser, network, sessionsCache } from "./network";

export = function program() {
    const net = network("rbac");
    const app = appServer("rbac", net);
    const group = groupFrom("rbac-cache-sg", net.vpc, 6379, app);
    const laravel = laravelCacheUser();
    const users = new aws.elasticache.UserGroup("laravel-users", {
        userGroupId: "laravel-users",
        engine: "valkey",
        userIds: ["default", laravel.userId],
    });
    sessionsCache("rbac", net, group, users.id);
}
