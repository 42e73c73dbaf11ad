// A small team's second server on Lightsail: two instances behind a Lightsail load balancer with
// the domain's certificate attached, and a managed MySQL. The first instance's firewall was
// written (SSH from the office, nothing else: the balancer reaches it privately); the second,
// added later, was not, so Lightsail's default firewall leaves its SSH and HTTP open to all.
// HTTP on the balancer was never redirected, and the database was put in public mode to run a
// migration from a laptop.
import * as aws from "@pulumi/aws";

export = function program() {
    const servers = [1, 2].map(
        (i) =>
            new aws.lightsail.Instance(`shop-web-${i}`, {
                availabilityZone: "eu-west-2a",
                blueprintId: "ubuntu_24_04",
                bundleId: "medium_3_0",
                keyPairName: "shop-deploy",
            }),
    );
    new aws.lightsail.InstancePublicPorts("shop-web-1-firewall", {
        instanceName: servers[0].name,
        portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.0/24"] }],
    });
    const lb = new aws.lightsail.Lb("shop-lb", { instancePort: 80, healthCheckPath: "/up" });
    servers.forEach((server, i) => new aws.lightsail.LbAttachment(`shop-lb-web-${i + 1}`, { lbName: lb.name, instanceName: server.name }));
    const certificate = new aws.lightsail.LbCertificate("shop-cert", {
        lbName: lb.name,
        domainName: "shop.example.com",
    });
    new aws.lightsail.LbCertificateAttachment("shop-cert-attachment", {
        lbName: lb.name,
        certificateName: certificate.name,
    });
    new aws.lightsail.Database("shop-db", {
        relationalDatabaseName: "shop-db",
        availabilityZone: "eu-west-2a",
        blueprintId: "mysql_8_0",
        bundleId: "micro_2_0",
        masterDatabaseName: "shop",
        masterUsername: "shop",
        masterPassword: "Kq7-vX2m-Lp9r-Tz4w",
        publiclyAccessible: true,
        skipFinalSnapshot: false,
        finalSnapshotName: "shop-db-final",
    });
};
