// A Laravel tier's database and cache, private and reachable only from the app group, with their
// credentials generated the way the random provider's examples show: the database password with
// its default special characters (which include '@', refused by RDS on the runs that draw one),
// the cache's AUTH token alphanumeric (sound). Nothing is exposed; a first `pulumi up` fails on
// about one run in five.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { appServer, groupFrom, network } from "./network";

export = function program() {
    const net = network("pw");
    const app = appServer("pw", net);
    const password = new random.RandomPassword("pw-db-password", { length: 24 });
    const db = groupFrom("pw-db-sg", net.vpc, 3306, app);
    const subnets = new aws.rds.SubnetGroup("pw-db-subnets", { subnetIds: net.privateSubnets.map((s) => s.id) });
    new aws.rds.Instance("pw-db", {
        engine: "mysql",
        instanceClass: "db.t4g.small",
        allocatedStorage: 20,
        username: "app",
        password: password.result,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [db.id],
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
    const token = new random.RandomPassword("pw-cache-token", { length: 40, special: false });
    const cache = groupFrom("pw-cache-sg", net.vpc, 6379, app);
    const cacheSubnets = new aws.elasticache.SubnetGroup("pw-cache-subnets", {
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.elasticache.ReplicationGroup("pw-cache", {
        description: "sessions and queues",
        engine: "valkey",
        nodeType: "cache.t4g.small",
        numCacheClusters: 2,
        transitEncryptionEnabled: true,
        authToken: token.result,
        subnetGroupName: cacheSubnets.name,
        securityGroupIds: [cache.id],
    });
}
