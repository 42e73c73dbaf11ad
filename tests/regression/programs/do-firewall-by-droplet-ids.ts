// Sound (DigitalOcean): no tags at all; the firewall, the balancer and the database firewall all
// name the droplets by id.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const vpc = new digitalocean.Vpc("ids-vpc", { region: "nyc3", ipRange: "10.80.0.0/20" });
    const droplets = [1, 2].map(
        (i) =>
            new digitalocean.Droplet(`ids-web-${i}`, {
                image: "ubuntu-24-04-x64",
                region: "nyc3",
                size: "s-1vcpu-2gb",
                vpcUuid: vpc.id,
            }),
    );
    const ids = droplets.map((d) => d.id.apply(Number));
    const lb = new digitalocean.LoadBalancer("ids-lb", {
        region: "nyc3",
        vpcUuid: vpc.id,
        dropletIds: ids,
        redirectHttpToHttps: true,
        forwardingRules: [
            {
                entryProtocol: "https",
                entryPort: 443,
                targetProtocol: "http",
                targetPort: 8080,
                certificateName: "ids-cert",
            },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 8080 },
        ],
        healthcheck: { protocol: "http", port: 8080, path: "/up" },
    });
    new digitalocean.Firewall("ids-fw", {
        dropletIds: ids,
        inboundRules: [
            { protocol: "tcp", portRange: "8080", sourceLoadBalancerUids: [lb.id] },
            { protocol: "tcp", portRange: "22", sourceAddresses: ["198.51.100.0/28"] },
        ],
    });
    const db = new digitalocean.DatabaseCluster("ids-db", {
        engine: "pg",
        version: "16",
        // A standby node needs at least db-s-1vcpu-2gb: DigitalOcean refuses db-s-1vcpu-1gb with 2 nodes.
        size: "db-s-1vcpu-2gb",
        region: "nyc3",
        nodeCount: 2,
        privateNetworkUuid: vpc.id,
    });
    new digitalocean.DatabaseFirewall("ids-db-fw", {
        clusterId: db.id,
        rules: droplets.map((d) => ({ type: "droplet", value: d.id })),
    });
}
