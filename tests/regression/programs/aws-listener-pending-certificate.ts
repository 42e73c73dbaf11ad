// HTTPS on the balancer with a DNS-validated certificate, written as the provider's docs show the
// pieces one at a time: the certificate, its validation record and the CertificateValidation,
// but the listener given the certificate's own ARN. The engine creates the listener as soon as
// the certificate exists, while it is still pending validation, and AWS refuses it
// (UnsupportedCertificate) on the first `pulumi up`. The second listener, on the validation's
// ARN, waits and is fine.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("pc");
    const zone = new aws.route53.Zone("pc-zone", { name: "shop.example.com" });
    const certificate = new aws.acm.Certificate("pc-cert", { domainName: "shop.example.com", validationMethod: "DNS" });
    const record = new aws.route53.Record("pc-cert-record", {
        zoneId: zone.zoneId,
        name: certificate.domainValidationOptions[0].resourceRecordName,
        type: certificate.domainValidationOptions[0].resourceRecordType,
        records: [certificate.domainValidationOptions[0].resourceRecordValue],
        ttl: 60,
    });
    const validation = new aws.acm.CertificateValidation("pc-cert-validation", {
        certificateArn: certificate.arn,
        validationRecordFqdns: [record.fqdn],
    });
    const lbGroup = new aws.ec2.SecurityGroup("pc-lb-sg", { vpcId: net.vpc.id });
    const lb = new aws.lb.LoadBalancer("pc-alb", {
        loadBalancerType: "application",
        subnets: net.publicSubnets.map((s) => s.id),
        securityGroups: [lbGroup.id],
    });
    const group = new aws.lb.TargetGroup("pc-tg", {
        vpcId: net.vpc.id,
        port: 80,
        protocol: "HTTP",
        healthCheck: { path: "/up", protocol: "HTTP" },
    });
    const listener = (name: string, certificateArn: aws.lb.ListenerArgs["certificateArn"], port: number) =>
        new aws.lb.Listener(name, {
            loadBalancerArn: lb.arn,
            port,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificateArn,
            defaultActions: [{ type: "forward", targetGroupArn: group.arn }],
        });
    listener("pc-https-early", certificate.arn, 443);
    listener("pc-https-waits", validation.certificateArn, 8443);
    new aws.lb.Listener("pc-http", {
        loadBalancerArn: lb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
};
