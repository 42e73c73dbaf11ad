// DigitalOcean: the web tier runs as a droplet autoscale pool behind the balancer (its
// dropletTag, the tag the pool's template puts on every droplet), firewalled by that tag; but a
// second firewall on the same tag opens the metrics exporter (9100) to the world, and the queue
// workers run as a pool of their own whose tag no firewall covers, so SSH and every port of its
// droplets are public. The database firewall trusts both pools' tags.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "fra1";
    const vpc = new digitalocean.Vpc("shop-vpc", { region, ipRange: "10.70.0.0/20" });
    const web = new digitalocean.Tag("shop-web", { name: "shop-web" });
    const workers = new digitalocean.Tag("shop-workers", { name: "shop-workers" });
    const template = {
        image: "ubuntu-24-04-x64",
        region,
        size: "s-1vcpu-2gb",
        sshKeys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"],
        vpcUuid: vpc.id,
        withDropletAgent: true,
    };
    new digitalocean.DropletAutoscale("shop-web", {
        config: { minInstances: 2, maxInstances: 6, targetCpuUtilization: 0.6, cooldownMinutes: 5 },
        dropletTemplate: { ...template, tags: [web.id] },
    });
    new digitalocean.DropletAutoscale("shop-worker", {
        config: { targetNumberInstances: 2 },
        dropletTemplate: { ...template, tags: [workers.id] },
    });
    const lb = new digitalocean.LoadBalancer("shop-lb", {
        region,
        vpcUuid: vpc.id,
        dropletTag: web.id,
        redirectHttpToHttps: true,
        forwardingRules: [
            {
                entryProtocol: "https",
                entryPort: 443,
                targetProtocol: "http",
                targetPort: 80,
                certificateName: "shop-cert",
            },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("shop-web-fw", {
        tags: [web.id],
        inboundRules: [
            { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] },
            { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] },
        ],
        outboundRules: [{ protocol: "tcp", portRange: "1-65535", destinationAddresses: ["0.0.0.0/0", "::/0"] }],
    });
    new digitalocean.Firewall("shop-metrics-fw", {
        tags: [web.id],
        inboundRules: [{ protocol: "tcp", portRange: "9100", sourceAddresses: ["0.0.0.0/0", "::/0"] }],
    });
    const db = new digitalocean.DatabaseCluster("shop-db", {
        engine: "pg",
        version: "17",
        size: "db-s-1vcpu-2gb",
        region,
        nodeCount: 2,
        privateNetworkUuid: vpc.id,
    });
    new digitalocean.DatabaseFirewall("shop-db-fw", {
        clusterId: db.id,
        rules: [
            { type: "tag", value: web.id },
            { type: "tag", value: workers.id },
        ],
    });
}
