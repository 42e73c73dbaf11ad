/**
 * DigitalOcean list prices (USD per month) for what webtier creates. DigitalOcean prices every
 * region alike, so the table has one entry, "*". Droplets and database nodes bill hourly up to
 * the monthly price.
 *
 * To add a size: read the pricing pages below for it, add it here, and update `date`.
 */
import { Category, priced, Pricer, usage } from "../pricing";
import { PriceTable, RegionPrices } from "./types";

export const DIGITALOCEAN_PRICES: PriceTable = {
    cloud: "digitalocean",
    currency: "USD",
    sources: [
        "https://www.digitalocean.com/pricing/droplets",
        "https://www.digitalocean.com/pricing/load-balancers",
        "https://www.digitalocean.com/pricing/managed-databases",
        "https://www.digitalocean.com/pricing/spaces-object-storage",
    ],
    date: "2025-06-01",
    file: "tools/cost/prices/digitalocean.ts",
    regions: {
        "*": {
            // Basic (shared CPU, regular SSD) droplets.
            servers: { "s-1vcpu-2gb": 12, "s-2vcpu-4gb": 24, "s-4vcpu-8gb": 48 },
            // Per node; a standby node bills as a node of the same plan.
            databases: {
                mysql: { "db-s-1vcpu-2gb": 30, "db-s-2vcpu-4gb": 60, "db-s-4vcpu-8gb": 120 },
                pg: { "db-s-1vcpu-2gb": 30, "db-s-2vcpu-4gb": 60, "db-s-4vcpu-8gb": 120 },
            },
            caches: {
                valkey: { "db-s-1vcpu-2gb": 30, "db-s-2vcpu-4gb": 60, "db-s-4vcpu-8gb": 120 },
            },
            items: {
                /** Regional HTTP(S) load balancer, per node (size unit). */
                loadBalancerNode: 12,
                /** The Spaces subscription, once per account whatever the number of buckets: 250 GiB stored and 1 TiB out included, CDN included. */
                spacesSubscription: 5,
            },
            usage: {
                spacesStorage: { price: 0.02, unit: "GiB-month stored beyond the subscription's 250 GiB" },
                spacesTransfer: { price: 0.01, unit: "GiB out beyond the subscription's 1 TiB (CDN traffic included)" },
                dropletTransfer: {
                    price: 0.01,
                    unit: "GiB out beyond the droplets' pooled allowance (2–5 TB a month per droplet at these sizes)",
                },
            },
        },
    },
    free: [
        "digitalocean:index/vpc:Vpc",
        "digitalocean:index/tag:Tag",
        "digitalocean:index/sshKey:SshKey",
        "digitalocean:index/firewall:Firewall",
        "digitalocean:index/databaseFirewall:DatabaseFirewall",
        "digitalocean:index/databaseDb:DatabaseDb",
        "digitalocean:index/databaseUser:DatabaseUser",
        "digitalocean:index/certificate:Certificate",
        "digitalocean:index/dnsRecord:DnsRecord",
        "digitalocean:index/domain:Domain",
        "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",
        "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy",
        // Access logging has no charge of its own; the log files are stored as any object.
        "digitalocean:index/spacesBucketLogging:SpacesBucketLogging",
        "digitalocean:index/spacesKey:SpacesKey",
        // The Spaces CDN is part of the Spaces subscription; its traffic counts against the transfer allowance.
        "digitalocean:index/cdn:Cdn",
        // DigitalOcean Monitoring (metrics and alert policies) is free. Uptime alerts belong to a
        // check; the check itself (digitalocean:index/uptimeCheck:UptimeCheck) is not priced here.
        "digitalocean:index/monitorAlert:MonitorAlert",
        "digitalocean:index/uptimeAlert:UptimeAlert",
    ],
};

/** What each of its resource types costs, read from the table above. */
export const DIGITALOCEAN_PRICERS: Record<string, Pricer> = {
    "digitalocean:index/droplet:Droplet": (r, c) => [
        priced(c, "servers", r.name, `droplet ${r.inputs.size}`, (p) => p.servers[String(r.inputs.size)]),
        usage(c, "servers", r.name, "outbound transfer", "dropletTransfer"),
    ],
    "digitalocean:index/loadBalancer:LoadBalancer": (r, c) => {
        const nodes = Number(r.inputs.sizeUnit ?? 1);
        return [
            priced(c, "balancer", r.name, `load balancer, ${nodes} node(s)`, (p) => p.items.loadBalancerNode, nodes),
        ];
    },
    "digitalocean:index/databaseCluster:DatabaseCluster": (r, c) => {
        const engine = String(r.inputs.engine);
        const size = String(r.inputs.size);
        const nodes = Number(r.inputs.nodeCount ?? 1);
        const isCache = engine === "valkey" || engine === "redis";
        const category: Category = isCache ? "cache" : "database";
        const lookup = (p: RegionPrices) => (isCache ? p.caches : p.databases)[engine]?.[size];
        const lines = [priced(c, category, r.name, `${engine} ${size} primary node`, lookup)];
        if (nodes > 1)
            lines.push(priced(c, category, r.name, `${nodes - 1} standby node(s) (${size})`, lookup, nodes - 1));
        return lines;
    },
    "digitalocean:index/spacesBucket:SpacesBucket": (r, c) => {
        const lines = [
            usage(c, "storage", r.name, "objects stored", "spacesStorage"),
            usage(c, "storage", r.name, "transfer out", "spacesTransfer"),
        ];
        if (!c.once.has("spaces")) {
            c.once.add("spaces");
            lines.unshift(
                priced(
                    c,
                    "storage",
                    r.name,
                    "Spaces subscription (once per account, all buckets and the CDN)",
                    (p) => p.items.spacesSubscription,
                ),
            );
        }
        return lines;
    },
};
