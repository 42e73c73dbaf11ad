// The HTTP listener redirects, but a listener rule added later for /api forwards plain HTTP to
// the servers: API clients never get TLS.
import * as aws from "@pulumi/aws";
import { network, targetGroup } from "./network";

export = function program() {
    const net = network("api");
    const targets = targetGroup("api-tg", net.vpc, 80);
    const group = new aws.ec2.SecurityGroup("api-alb-sg", { vpcId: net.vpc.id });
    const alb = new aws.lb.LoadBalancer("api-alb", {
        loadBalancerType: "application",
        securityGroups: [group.id],
        subnets: net.publicSubnets.map((s) => s.id),
    });
    new aws.lb.Listener("api-https", {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
    const http = new aws.lb.Listener("api-http", {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    new aws.lb.ListenerRule("api-plain", {
        listenerArn: http.arn,
        priority: 10,
        conditions: [{ pathPattern: { values: ["/api/*"] } }],
        actions: [{ type: "forward", targetGroupArn: targets.arn }],
    });
}
