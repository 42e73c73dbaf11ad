// A Fargate service on port 3000 behind an ALB; the service's group admits 3000 from the ALB
// and, left over from debugging, from anywhere.
import * as aws from "@pulumi/aws";
import { httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("node");
    const targets = targetGroup("node-tg", net.vpc, 3000, "ip");
    const { group: albGroup } = httpsAlb("node", net, targets);
    const service = new aws.ec2.SecurityGroup("node-svc-sg", {
        vpcId: net.vpc.id,
        ingress: [
            { protocol: "tcp", fromPort: 3000, toPort: 3000, securityGroups: [albGroup.id] },
            { protocol: "tcp", fromPort: 3000, toPort: 3000, cidrBlocks: ["0.0.0.0/0"] },
        ],
    });
    const cluster = new aws.ecs.Cluster("node-cluster", {});
    new aws.ecs.Service("node", {
        cluster: cluster.arn,
        launchType: "FARGATE",
        desiredCount: 2,
        taskDefinition: "node-app:1",
        networkConfiguration: { subnets: net.privateSubnets.map((s) => s.id), securityGroups: [service.id] },
        loadBalancers: [{ targetGroupArn: targets.arn, containerName: "app", containerPort: 3000 }],
    });
}
