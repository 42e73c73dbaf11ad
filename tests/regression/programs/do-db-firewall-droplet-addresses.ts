// A DigitalOcean tier whose database firewall names the app droplets by their private addresses
// (`ip_addr` rules from each droplet's ipv4AddressPrivate), as people write it when they think of
// a firewall as a list of addresses; the cache's firewall also trusts an address typed in by hand,
// an office NAT, which is no app server. The database is sound; the cache is not.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "ams3";
    const vpc = new digitalocean.Vpc("p-vpc", { region, ipRange: "10.118.0.0/20" });
    const web = new digitalocean.Tag("p-web", { name: "p-web" });
    const droplets = [1, 2].map((i) => new digitalocean.Droplet(`p-web-${i}`, { image: "ubuntu-24-04-x64", region, size: "s-1vcpu-2gb", vpcUuid: vpc.id, tags: [web.id] }));
    const lb = new digitalocean.LoadBalancer("p-lb", {
        region, vpcUuid: vpc.id, dropletTag: web.name, redirectHttpToHttps: true,
        forwardingRules: [
            { entryProtocol: "https", entryPort: 443, targetProtocol: "http", targetPort: 80, certificateName: "p-cert" },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("p-fw", { tags: [web.name], inboundRules: [
        { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] },
        { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] } ] });
    const db = new digitalocean.DatabaseCluster("p-db", { engine: "mysql", version: "8", size: "db-s-1vcpu-2gb", region, nodeCount: 2, privateNetworkUuid: vpc.id });
    new digitalocean.DatabaseFirewall("p-db-fw", {
        clusterId: db.id,
        rules: droplets.map((d) => ({ type: "ip_addr", value: d.ipv4AddressPrivate })),
    });
    const cache = new digitalocean.DatabaseCluster("p-cache", { engine: "valkey", version: "8", size: "db-s-1vcpu-2gb", region, nodeCount: 1, privateNetworkUuid: vpc.id });
    new digitalocean.DatabaseFirewall("p-cache-fw", {
        clusterId: cache.id,
        rules: [...droplets.map((d) => ({ type: "ip_addr", value: d.ipv4AddressPrivate })), { type: "ip_addr", value: "198.51.100.24" }],
    });
}
