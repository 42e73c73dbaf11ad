// DigitalOcean: a managed MongoDB in the VPC, but nobody added a database firewall: it accepts
// connections from any address with the password.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const vpc = new digitalocean.Vpc("docs-vpc", { region: "fra1", ipRange: "10.70.0.0/20" });
    new digitalocean.DatabaseCluster("docs-db", {
        engine: "mongodb",
        version: "7",
        size: "db-s-1vcpu-1gb",
        region: "fra1",
        nodeCount: 1,
        privateNetworkUuid: vpc.id,
    });
}
