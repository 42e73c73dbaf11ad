/**
 * DigitalOcean in the policy pack: the resource types the rules read, their names in messages,
 * and how other resources refer to them. Registered with the rest of the cloud's pack in
 * policies/lib/clouds.ts; shared code reaches these through the registry, never by name.
 */

export const DO = {
    spacesBucketPolicies: ["digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy"],
    tags: ["digitalocean:index/tag:Tag"],
    loadBalancers: ["digitalocean:index/loadBalancer:LoadBalancer"],
    droplets: ["digitalocean:index/droplet:Droplet"],
    /**
     * Droplet autoscale pools: droplets DigitalOcean starts from `dropletTemplate` (its tags, size,
     * region, image, user data) and stops between `config.minInstances` and `maxInstances`, or
     * keeps at `targetNumberInstances`. App servers like a droplet, reached only through the
     * template's tags: the program never learns their ids.
     */
    dropletAutoscalePools: ["digitalocean:index/dropletAutoscale:DropletAutoscale"],
    apps: ["digitalocean:index/app:App"],
    kubernetesClusters: ["digitalocean:index/kubernetesCluster:KubernetesCluster"],
    firewalls: ["digitalocean:index/firewall:Firewall"],
    databaseClusters: ["digitalocean:index/databaseCluster:DatabaseCluster"],
    databaseFirewalls: ["digitalocean:index/databaseFirewall:DatabaseFirewall"],
    spacesBuckets: ["digitalocean:index/spacesBucket:SpacesBucket"],
    vpcs: ["digitalocean:index/vpc:Vpc"],
} as const;

/** Readable names for the resource types the rules talk about. */
export const DIGITALOCEAN_LABELS: Readonly<Record<string, string>> = {
    "digitalocean:index/firewall:Firewall": "firewall",
    "digitalocean:index/databaseFirewall:DatabaseFirewall": "database firewall",
    "digitalocean:index/databaseCluster:DatabaseCluster": "database cluster",
    "digitalocean:index/vpc:Vpc": "VPC",
    "digitalocean:index/volume:Volume": "volume",
    "digitalocean:index/kubernetesNodePool:KubernetesNodePool": "Kubernetes node pool",
    "digitalocean:index/loadBalancer:LoadBalancer": "load balancer",
    "digitalocean:index/spacesBucket:SpacesBucket": "Spaces bucket",
    "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy": "Spaces bucket policy",
    "digitalocean:index/droplet:Droplet": "droplet",
    "digitalocean:index/dropletAutoscale:DropletAutoscale": "droplet autoscale pool",
    "digitalocean:index/spacesBucketObject:SpacesBucketObject": "Spaces object",
    "digitalocean:index/app:App": "App Platform app",
    "digitalocean:index/kubernetesCluster:KubernetesCluster": "Kubernetes cluster",
    "digitalocean:index/volumeAttachment:VolumeAttachment": "volume attachment",
    "digitalocean:index/dnsRecord:DnsRecord": "DNS record",
};

/** Properties besides `id` that other resources use to refer to a resource of this type. */
export const DIGITALOCEAN_IDENTITY_KEYS: Readonly<Record<string, readonly string[]>> = {
    "digitalocean:index/tag:Tag": ["name"],
    "digitalocean:index/spacesBucket:SpacesBucket": ["name"],
};
