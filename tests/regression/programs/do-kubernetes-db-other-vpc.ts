// Laravel on DigitalOcean Kubernetes: the cluster in one VPC, PostgreSQL in another (a "data" VPC
// someone made for the databases), each database's firewall trusting the Kubernetes cluster. The
// nodes reach PostgreSQL only over its public address; the Valkey cluster, in the cluster's VPC, is
// sound.
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const region = "fra1";
    const vpc = new digitalocean.Vpc("k8s", { region, ipRange: "10.120.0.0/20" });
    const cluster = new digitalocean.KubernetesCluster("laravel", {
        region, version: "1.31.1-do.5", vpcUuid: vpc.id, ha: true, autoUpgrade: true,
        nodePool: { name: "default", size: "s-2vcpu-4gb", autoScale: true, minNodes: 2, maxNodes: 5 },
    });
    const data = new digitalocean.Vpc("data", { region, ipRange: "10.130.0.0/20" });
    const pg = new digitalocean.DatabaseCluster("pg", { engine: "pg", version: "17", size: "db-s-1vcpu-2gb", region, nodeCount: 2, privateNetworkUuid: data.id });
    new digitalocean.DatabaseFirewall("pg-fw", { clusterId: pg.id, rules: [{ type: "k8s", value: cluster.id }] });
    const valkey = new digitalocean.DatabaseCluster("valkey", { engine: "valkey", version: "8", size: "db-s-1vcpu-2gb", region, nodeCount: 2, privateNetworkUuid: vpc.id });
    new digitalocean.DatabaseFirewall("valkey-fw", { clusterId: valkey.id, rules: [{ type: "k8s", value: cluster.id }] });
}
