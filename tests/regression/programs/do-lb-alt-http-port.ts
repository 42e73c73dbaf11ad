// DigitalOcean: HTTPS on 443 with the redirect, and an extra plain-http entry on 8080 for an
// internal tool; redirectHttpToHttps only redirects port 80, so 8080 serves clear text.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const tag = new digitalocean.Tag("tools-app", { name: "tools-app" });
    [1, 2].forEach(
        (i) =>
            new digitalocean.Droplet(`tools-${i}`, {
                image: "ubuntu-24-04-x64",
                region: "lon1",
                size: "s-1vcpu-2gb",
                tags: [tag.name],
            }),
    );
    const lb = new digitalocean.LoadBalancer("tools-lb", {
        region: "lon1",
        dropletTag: tag.name,
        redirectHttpToHttps: true,
        forwardingRules: [
            {
                entryProtocol: "https",
                entryPort: 443,
                targetProtocol: "http",
                targetPort: 80,
                certificateName: "tools-cert",
            },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
            { entryProtocol: "http", entryPort: 8080, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    new digitalocean.Firewall("tools-fw", {
        tags: [tag.name],
        inboundRules: [{ protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] }],
    });
}
