// DigitalOcean: the web droplets carry the firewalled tag, but the queue worker added later
// was given only a "worker" tag: no firewall covers it, so its SSH and every port are public.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const vpc = new digitalocean.Vpc("jobs-vpc", { region: "ams3", ipRange: "10.60.0.0/20" });
    const web = new digitalocean.Tag("jobs-web", { name: "jobs-web" });
    const droplets = [1, 2].map(
        (i) =>
            new digitalocean.Droplet(`jobs-web-${i}`, {
                image: "ubuntu-24-04-x64",
                region: "ams3",
                size: "s-1vcpu-2gb",
                vpcUuid: vpc.id,
                tags: [web.name],
            }),
    );
    new digitalocean.Droplet("worker", {
        image: "ubuntu-24-04-x64",
        region: "ams3",
        size: "s-1vcpu-2gb",
        vpcUuid: vpc.id,
        tags: ["worker"],
    });
    const lb = new digitalocean.LoadBalancer("jobs-lb", {
        region: "ams3",
        vpcUuid: vpc.id,
        dropletIds: droplets.map((d) => d.id.apply(Number)),
        redirectHttpToHttps: true,
        forwardingRules: [
            {
                entryProtocol: "https",
                entryPort: 443,
                targetProtocol: "http",
                targetPort: 80,
                certificateName: "jobs-cert",
            },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("jobs-web-fw", {
        tags: [web.name],
        inboundRules: [{ protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] }],
        outboundRules: [{ protocol: "tcp", portRange: "1-65535", destinationAddresses: ["0.0.0.0/0", "::/0"] }],
    });
}
