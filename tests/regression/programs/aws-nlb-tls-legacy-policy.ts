// A network load balancer ending TLS, copied from an old example: ELBSecurityPolicy-2016-08
// still negotiates TLS 1.0 and 1.1.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("legacy");
    const nlb = new aws.lb.LoadBalancer("legacy-nlb", {
        loadBalancerType: "network",
        subnets: net.publicSubnets.map((s) => s.id),
    });
    const targets = new aws.lb.TargetGroup("legacy-tg", {
        vpcId: net.vpc.id,
        port: 80,
        protocol: "TCP",
        healthCheck: { protocol: "HTTP", path: "/up" },
    });
    new aws.lb.Listener("legacy-tls", {
        loadBalancerArn: nlb.arn,
        port: 443,
        protocol: "TLS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
        sslPolicy: "ELBSecurityPolicy-2016-08",
        defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
}
