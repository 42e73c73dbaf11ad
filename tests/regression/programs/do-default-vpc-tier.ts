// The smallest DigitalOcean tier people start from: no VPC created at all. The droplets and the
// PostgreSQL cluster both leave their VPC out, so DigitalOcean puts them in the account's default
// VPC of the region, the same one (its API: "If excluded, the cluster will be assigned to your
// account's default VPC for the region"); the database firewall trusts the droplets' tag. Sound.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "fra1";
    const web = new digitalocean.Tag("p-web", { name: "p-web" });
    [1, 2].forEach((i) => new digitalocean.Droplet(`p-web-${i}`, { image: "ubuntu-24-04-x64", region, size: "s-1vcpu-2gb", tags: [web.id] }));
    const lb = new digitalocean.LoadBalancer("p-lb", {
        region, dropletTag: web.name, redirectHttpToHttps: true,
        forwardingRules: [
            { entryProtocol: "https", entryPort: 443, targetProtocol: "http", targetPort: 80, certificateName: "p-cert" },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("p-fw", { tags: [web.name], inboundRules: [
        { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] },
        { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] } ] });
    const db = new digitalocean.DatabaseCluster("p-db", { engine: "pg", version: "17", size: "db-s-1vcpu-2gb", region, nodeCount: 2 });
    new digitalocean.DatabaseFirewall("p-db-fw", { clusterId: db.id, rules: [{ type: "tag", value: web.name }] });
}
