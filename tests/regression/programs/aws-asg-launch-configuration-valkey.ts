// Sound: an older auto scaling group built from a launch configuration; the Valkey replication
// group admits only the launch configuration's group, with TLS (required) and AUTH.
import * as aws from "@pulumi/aws";
import { groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("legacy-asg");
    const targets = targetGroup("legacy-asg-tg", net.vpc, 80);
    const { group: albGroup } = httpsAlb("legacy-asg", net, targets);
    const app = groupFrom("legacy-asg-app-sg", net.vpc, 80, albGroup);
    const config = new aws.ec2.LaunchConfiguration("legacy-asg-lc", {
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        securityGroups: [app.id],
    });
    new aws.autoscaling.Group("legacy-asg", {
        minSize: 2,
        maxSize: 4,
        launchConfiguration: config.name,
        vpcZoneIdentifiers: net.privateSubnets.map((s) => s.id),
        targetGroupArns: [targets.arn],
    });
    const cache = groupFrom("legacy-asg-cache-sg", net.vpc, 6379, app);
    const subnets = new aws.elasticache.SubnetGroup("legacy-asg-cache-subnets", {
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    new aws.elasticache.ReplicationGroup("legacy-asg-cache", {
        description: "sessions",
        engine: "valkey",
        nodeType: "cache.t4g.small",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: "a-long-random-token-from-secrets-0001",
        subnetGroupName: subnets.name,
        securityGroupIds: [cache.id],
    });
}
