// CloudFront put in front of the tier for caching, as many tutorials set it up: the balancer as a
// custom origin reached "http-only" (no certificate on the balancer to manage), the balancer's
// group admitting HTTP only from CloudFront's origin-facing prefix list. Viewers get HTTPS, but
// every request crosses the internet from the edge to the balancer in clear text.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("cf");
    const edge = aws.ec2.getManagedPrefixListOutput({ name: "com.amazonaws.global.cloudfront.origin-facing" });
    const lbGroup = new aws.ec2.SecurityGroup("cf-lb-sg", {
        vpcId: net.vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, prefixListIds: [edge.id] }],
    });
    const lb = new aws.lb.LoadBalancer("cf-alb", {
        loadBalancerType: "application",
        subnets: net.publicSubnets.map((s) => s.id),
        securityGroups: [lbGroup.id],
    });
    new aws.cloudfront.Distribution("cf-cdn", {
        enabled: true,
        origins: [
            {
                originId: "alb",
                domainName: lb.dnsName,
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "http-only",
                    originSslProtocols: ["TLSv1.2"],
                },
            },
        ],
        defaultCacheBehavior: {
            targetOriginId: "alb",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
            cachedMethods: ["GET", "HEAD"],
            forwardedValues: { queryString: true, cookies: { forward: "all" } },
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
};
