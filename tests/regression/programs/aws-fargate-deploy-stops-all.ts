// A Fargate service behind an HTTPS ALB whose deployments are told not to run extra tasks
// (deploymentMaximumPercent 100, so deploymentMinimumHealthyPercent 0): ECS stops both tasks
// before it starts their replacements, and every deployment is an outage.
import { fargateService, groupFrom, httpsAlb, network, targetGroup } from "./network";

export = function program() {
    const net = network("shop");
    const targets = targetGroup("shop-tg", net.vpc, 8080, "ip");
    const { group: albGroup } = httpsAlb("shop", net, targets);
    const service = groupFrom("shop-svc-sg", net.vpc, 8080, albGroup);
    fargateService(net, targets, service, { deploymentMinimumHealthyPercent: 0, deploymentMaximumPercent: 100 });
}
