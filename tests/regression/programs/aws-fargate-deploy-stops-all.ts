// A Fargate service behind an HTTPS ALB whose deployments are told not to run extra tasks
// (deploymentMaximumPercent 100, so deploymentMinimumHealthyPercent 0): ECS stops both tasks
// before it starts their replacements, and every deployment is an outage. Aurora is sound.
import * as aws from "@pulumi/aws";
import { groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("shop");
    const targets = targetGroup("shop-tg", net.vpc, 8080, "ip");
    const { group: albGroup } = httpsAlb("shop", net, targets);
    const service = groupFrom("shop-svc-sg", net.vpc, 8080, albGroup);
    const cluster = new aws.ecs.Cluster("shop-cluster", {});
    new aws.ecs.Service("shop", {
        cluster: cluster.arn,
        launchType: "FARGATE",
        desiredCount: 2,
        deploymentMinimumHealthyPercent: 0,
        deploymentMaximumPercent: 100,
        taskDefinition: "shop-app:7",
        networkConfiguration: {
            subnets: net.privateSubnets.map((s) => s.id),
            securityGroups: [service.id],
            assignPublicIp: false,
        },
        loadBalancers: [{ targetGroupArn: targets.arn, containerName: "app", containerPort: 8080 }],
    });
}
