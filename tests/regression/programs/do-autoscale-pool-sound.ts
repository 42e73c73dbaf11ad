// Sound (DigitalOcean): the app runs as a droplet autoscale pool (two to five droplets, user data
// in its template) behind the balancer by its template's tag; one firewall on that tag admits the
// app port only from the balancer and SSH only from the office; the database and the Valkey cache
// trust the tag, the only name the pool's droplets have (their ids are DigitalOcean's, made as the
// pool scales); a droplet alert policy on the tag watches them.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "ams3";
    const vpc = new digitalocean.Vpc("pool-vpc", { region, ipRange: "10.90.0.0/20" });
    const app = new digitalocean.Tag("pool-app", { name: "pool-app" });
    new digitalocean.DropletAutoscale("pool-web", {
        config: {
            minInstances: 2,
            maxInstances: 5,
            targetCpuUtilization: 0.6,
            targetMemoryUtilization: 0.7,
            cooldownMinutes: 5,
        },
        dropletTemplate: {
            image: "ubuntu-24-04-x64",
            region,
            size: "s-2vcpu-4gb",
            sshKeys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"],
            tags: [app.id],
            vpcUuid: vpc.id,
            withDropletAgent: true,
            userData: "#cloud-config\nruncmd:\n  - systemctl enable --now nginx\n",
        },
    });
    const lb = new digitalocean.LoadBalancer("pool-lb", {
        region,
        vpcUuid: vpc.id,
        dropletTag: app.id,
        redirectHttpToHttps: true,
        forwardingRules: [
            {
                entryProtocol: "https",
                entryPort: 443,
                targetProtocol: "http",
                targetPort: 80,
                certificateName: "pool-cert",
            },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("pool-fw", {
        tags: [app.id],
        inboundRules: [
            { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] },
            { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] },
        ],
        outboundRules: [{ protocol: "tcp", portRange: "1-65535", destinationAddresses: ["0.0.0.0/0", "::/0"] }],
    });
    const db = new digitalocean.DatabaseCluster("pool-db", {
        engine: "pg",
        version: "17",
        size: "db-s-1vcpu-2gb",
        region,
        nodeCount: 2,
        privateNetworkUuid: vpc.id,
    });
    new digitalocean.DatabaseFirewall("pool-db-fw", { clusterId: db.id, rules: [{ type: "tag", value: app.id }] });
    const cache = new digitalocean.DatabaseCluster("pool-cache", {
        engine: "valkey",
        version: "8",
        size: "db-s-1vcpu-1gb",
        region,
        nodeCount: 1,
        privateNetworkUuid: vpc.id,
    });
    new digitalocean.DatabaseFirewall("pool-cache-fw", {
        clusterId: cache.id,
        rules: [{ type: "tag", value: app.id }],
    });
    new digitalocean.MonitorAlert("pool-cpu", {
        type: "v1/insights/droplet/cpu",
        compare: "GreaterThan",
        value: 85,
        window: "5m",
        tags: [app.id],
        description: "Web pool CPU above 85%",
        alerts: { emails: ["ops@example.com"] },
    });
}
