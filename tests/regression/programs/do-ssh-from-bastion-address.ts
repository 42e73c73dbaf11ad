// SSH into the web droplets admitted from the bastion's public address, written as the droplet's
// own output (`bastion.ipv4Address` + "/32"), the way a team narrows "SSH from the bastion only".
// The bastion's address is a DigitalOcean public address, outside the office allowlist: the rule
// refuses it under `pulumi up` (where the address is known) as it does in a preview (unknown).
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "fra1";
    const vpc = new digitalocean.Vpc("p-vpc", { region, ipRange: "10.40.0.0/20" });
    const web = new digitalocean.Tag("p-web", { name: "p-web" });
    [1, 2].map(
        (i) =>
            new digitalocean.Droplet(`p-web-${i}`, {
                image: "ubuntu-24-04-x64", region, size: "s-1vcpu-2gb", vpcUuid: vpc.id, tags: [web.id], 
            }),
    );
    const lb = new digitalocean.LoadBalancer("p-lb", {
        region, vpcUuid: vpc.id, dropletTag: web.name, redirectHttpToHttps: true,
        forwardingRules: [
            { entryProtocol: "https", entryPort: 443, targetProtocol: "http", targetPort: 80, certificateName: "p-cert" },
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ],
        healthcheck: { protocol: "http", port: 80, path: "/up" },
    });
    const bastion = new digitalocean.Droplet("p-bastion", { image: "ubuntu-24-04-x64", region, size: "s-1vcpu-1gb", vpcUuid: vpc.id });
    new digitalocean.Firewall("p-bastion-fw", { dropletIds: [bastion.id.apply(Number)], inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] }] });
    new digitalocean.Firewall("p-fw", { tags: [web.name], inboundRules: [
        { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: [lb.id] },
        { protocol: "tcp", portRange: "22", sourceAddresses: [bastion.ipv4Address.apply((ip) => `${ip}/32`)] } ] });
    
}
