/**
 * A stack's monthly cost, from the resources its program really registers (sizes, counts,
 * Multi-AZ, standby nodes, NAT gateways, alarms...) and a price table. Pure: the CLI evaluates
 * the stack with the harness and hands the registrations over.
 *
 * Fixed monthly charges are totalled; usage-based charges (traffic, requests, data stored) are
 * listed as unit prices, never guessed. A size, region or resource type the table lacks is
 * listed as unpriced, naming the table to update; it is never counted as 0.
 */
import { HOURS_PER_MONTH, PriceTable, RegionPrices, UsagePrice } from "./prices/types";

export const CATEGORIES = [
    "servers",
    "balancer",
    "database",
    "cache",
    "nat",
    "public-ipv4",
    "storage",
    "cdn",
    "queue",
    "monitoring",
    "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
    servers: "Servers",
    balancer: "Balancer",
    database: "Database",
    cache: "Cache",
    nat: "NAT gateways",
    "public-ipv4": "Public IPv4",
    storage: "Storage",
    cdn: "CDN",
    queue: "Queue",
    monitoring: "Monitoring and alerts",
    other: "Other",
};

/** One line of an estimate. Exactly one of `monthly`, `usage` or `unpriced` is set. */
export interface CostLine {
    category: Category;
    /** The resource's logical name in the stack. */
    resource: string;
    /** What is billed: "t3.medium × 730 h", "Multi-AZ standby". */
    item: string;
    /** USD per month. */
    monthly?: number;
    /** A usage-based price, shown but not totalled. */
    usage?: UsagePrice;
    /** Why there is no price, naming the table to update. */
    unpriced?: string;
}

export interface Estimate {
    cloud: "aws" | "digitalocean";
    region: string;
    /** The sum of every `monthly` line. */
    total: number;
    /** True when some line is unpriced: the total is then a lower bound. */
    incomplete: boolean;
    lines: CostLine[];
    /** The table's sources and date, for the report. */
    prices: { file: string; date: string; sources: string[] };
}

/** What the estimator needs of a registered resource. */
export interface PricedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

type Pricer = (resource: PricedResource, context: Context) => CostLine[];

interface Context {
    region: string;
    prices?: RegionPrices;
    table: PriceTable;
    resources: PricedResource[];
    /** Lines added once per stack (the Spaces subscription). */
    once: Set<string>;
}

/** Secrets arrive wrapped ({ <signature>: ..., value }) in registered inputs: the value inside. */
function reveal(value: any): any {
    if (
        value &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        "value" in value &&
        Object.keys(value).length === 2
    )
        return reveal(value.value);
    return value;
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

/** A line for a priced key, or an unpriced line naming the table and what to add. */
function priced(
    context: Context,
    category: Category,
    resource: string,
    item: string,
    lookup: (prices: RegionPrices) => number | undefined,
    times = 1,
): CostLine {
    if (!context.prices) {
        return {
            category,
            resource,
            item,
            unpriced: `no prices for region ${context.region} in ${context.table.file}; add the region`,
        };
    }
    const price = lookup(context.prices);
    if (price === undefined)
        return {
            category,
            resource,
            item,
            unpriced: `no price for ${item} in ${context.region} in ${context.table.file}; add it`,
        };
    return { category, resource, item, monthly: round(price * times) };
}

function usage(context: Context, category: Category, resource: string, item: string, key: string): CostLine {
    const price = context.prices?.usage[key];
    if (!price)
        return {
            category,
            resource,
            item,
            unpriced: `no usage price "${key}" for ${context.region} in ${context.table.file}; add it`,
        };
    return { category, resource, item, usage: price };
}

const hourly = (price: number | undefined) => (price === undefined ? undefined : price * HOURS_PER_MONTH);

/** How many metrics an alarm reads (metric math pays for each). */
function alarmMetrics(inputs: Record<string, any>): number {
    const queries = Array.isArray(inputs.metricQueries)
        ? inputs.metricQueries.filter((query: any) => query?.metric)
        : [];
    return Math.max(1, queries.length);
}

const AWS_PRICERS: Record<string, Pricer> = {
    "aws:ec2/instance:Instance": (r, c) => {
        const type = String(r.inputs.instanceType);
        const lines = [priced(c, "servers", r.name, `${type} × ${HOURS_PER_MONTH} h`, (p) => hourly(p.servers[type]))];
        const volume = r.inputs.rootBlockDevice?.volumeSize ?? 8;
        lines.push(
            priced(c, "storage", r.name, `root volume ${volume} GiB gp3`, (p) => p.items.ebsGp3PerGbMonth, volume),
        );
        if (r.inputs.monitoring === true)
            lines.push(
                priced(
                    c,
                    "monitoring",
                    r.name,
                    "detailed monitoring (1-minute metrics)",
                    (p) => p.items.ec2DetailedMonitoringMonth,
                ),
            );
        // The CloudWatch agent's metrics: memory, and disk with and without its path dimensions.
        if (
            c.resources.some(
                (other) =>
                    other.type === "aws:ssm/parameter:Parameter" &&
                    /^AmazonCloudWatch-/.test(String(other.inputs.name)),
            )
        ) {
            lines.push(
                priced(
                    c,
                    "monitoring",
                    r.name,
                    "CloudWatch agent: 3 custom metrics",
                    (p) => p.items.cloudwatchCustomMetricMonth,
                    3,
                ),
            );
        }
        return lines;
    },
    "aws:lb/loadBalancer:LoadBalancer": (r, c) => {
        if (r.inputs.loadBalancerType !== undefined && r.inputs.loadBalancerType !== "application") {
            return [
                {
                    category: "balancer",
                    resource: r.name,
                    item: `${r.inputs.loadBalancerType} load balancer`,
                    unpriced: `only application load balancers are priced in ${c.table.file}; add it`,
                },
            ];
        }
        const lines = [
            priced(c, "balancer", r.name, `application load balancer × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.items.albHourly),
            ),
            usage(c, "balancer", r.name, "load balancer capacity units", "albLcu"),
        ];
        if (r.inputs.internal !== true) {
            // An internet-facing balancer holds a public IPv4 address per zone (more under load).
            const zones = Array.isArray(r.inputs.subnets)
                ? r.inputs.subnets.length
                : Array.isArray(r.inputs.subnetMappings)
                  ? r.inputs.subnetMappings.length
                  : 2;
            lines.push(
                priced(
                    c,
                    "public-ipv4",
                    r.name,
                    `${zones} public IPv4 addresses (one per zone, at least)`,
                    (p) => hourly(p.items.publicIpv4Hourly),
                    zones,
                ),
            );
        }
        return lines;
    },
    "aws:ec2/natGateway:NatGateway": (r, c) => [
        priced(c, "nat", r.name, `NAT gateway × ${HOURS_PER_MONTH} h`, (p) => hourly(p.items.natGatewayHourly)),
        usage(c, "nat", r.name, "data through the NAT gateway", "natGatewayData"),
    ],
    "aws:ec2/eip:Eip": (r, c) => [
        priced(c, "public-ipv4", r.name, "public IPv4 address", (p) => hourly(p.items.publicIpv4Hourly)),
    ],
    "aws:rds/instance:Instance": (r, c) => {
        const engine = String(r.inputs.engine);
        const size = String(r.inputs.instanceClass);
        const storage = Number(r.inputs.allocatedStorage ?? 20);
        const lines = [
            priced(c, "database", r.name, `${engine} ${size} × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.databases[engine]?.[size]),
            ),
            priced(c, "database", r.name, `${storage} GiB gp3 storage`, (p) => p.items.rdsGp3PerGbMonth, storage),
        ];
        if (r.inputs.multiAz === true) {
            // Multi-AZ bills the standby instance and its storage like the primary.
            lines.push(
                priced(c, "database", r.name, `Multi-AZ standby (${size})`, (p) => hourly(p.databases[engine]?.[size])),
            );
            lines.push(
                priced(
                    c,
                    "database",
                    r.name,
                    `standby's ${storage} GiB storage`,
                    (p) => p.items.rdsGp3PerGbMonth,
                    storage,
                ),
            );
        }
        lines.push(usage(c, "database", r.name, "backup storage", "rdsBackup"));
        return lines;
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": (r, c) => {
        const engine = String(r.inputs.engine ?? "redis");
        const size = String(r.inputs.nodeType);
        const nodes = Number(r.inputs.numCacheClusters ?? 1);
        const lines = [
            priced(c, "cache", r.name, `${engine} ${size} primary × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.caches[engine]?.[size]),
            ),
        ];
        if (nodes > 1)
            lines.push(
                priced(
                    c,
                    "cache",
                    r.name,
                    `${nodes - 1} replica(s) (${size})`,
                    (p) => hourly(p.caches[engine]?.[size]),
                    nodes - 1,
                ),
            );
        return lines;
    },
    "aws:s3/bucket:Bucket": (r, c) => [
        usage(c, "storage", r.name, "objects stored", "s3Storage"),
        usage(c, "storage", r.name, "requests", "s3Requests"),
    ],
    "aws:s3/bucketV2:BucketV2": (r, c) => [
        usage(c, "storage", r.name, "objects stored", "s3Storage"),
        usage(c, "storage", r.name, "requests", "s3Requests"),
    ],
    "aws:cloudfront/distribution:Distribution": (r, c) => [
        usage(c, "cdn", r.name, "data to viewers", "cloudfrontData"),
        usage(c, "cdn", r.name, "requests", "cloudfrontRequests"),
    ],
    "aws:sqs/queue:Queue": (r, c) => [usage(c, "queue", r.name, "requests", "sqsRequests")],
    "aws:cloudwatch/metricAlarm:MetricAlarm": (r, c) => {
        const metrics = alarmMetrics(r.inputs);
        return [
            priced(
                c,
                "monitoring",
                r.name,
                `alarm (${metrics} metric${metrics > 1 ? "s" : ""})`,
                (p) => p.items.cloudwatchAlarmMetricMonth,
                metrics,
            ),
        ];
    },
    "aws:sns/topic:Topic": (r, c) => [usage(c, "monitoring", r.name, "email notifications", "snsEmail")],
    "aws:kms/key:Key": (r, c) => [
        priced(c, "other", r.name, "KMS key (the servers' secrets)", (p) => p.items.kmsKeyMonth),
    ],
};

const DIGITALOCEAN_PRICERS: Record<string, Pricer> = {
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

/** Types that are not billed resources: providers, components, dynamic resources, random values. */
function isNotBilled(type: string): boolean {
    return (
        type.startsWith("pulumi:") ||
        type.startsWith("webtier:") ||
        type.startsWith("random:") ||
        type.startsWith("pulumi-nodejs:")
    );
}

/** Estimates a stack's monthly cost from its registered resources. */
export function estimate(resources: PricedResource[], table: PriceTable, region: string): Estimate {
    const context: Context = {
        region,
        prices: table.regions[region] ?? table.regions["*"],
        table,
        resources,
        once: new Set(),
    };
    const pricers = table.cloud === "aws" ? AWS_PRICERS : DIGITALOCEAN_PRICERS;
    const lines: CostLine[] = [];
    for (const resource of resources) {
        if (isNotBilled(resource.type) || table.free.includes(resource.type)) continue;
        const pricer = pricers[resource.type];
        const inputs = Object.fromEntries(
            Object.entries(resource.inputs ?? {}).map(([key, value]) => [key, reveal(value)]),
        );
        if (pricer) lines.push(...pricer({ ...resource, inputs }, context));
        else
            lines.push({
                category: "other",
                resource: resource.name,
                item: resource.type,
                unpriced: `${resource.type} is neither priced nor listed as free in ${table.file}; add it`,
            });
    }
    lines.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
    const total = round(lines.reduce((sum, line) => sum + (line.monthly ?? 0), 0));
    return {
        cloud: table.cloud,
        region,
        total,
        incomplete: lines.some((line) => line.unpriced !== undefined),
        lines,
        prices: { file: table.file, date: table.date, sources: table.sources },
    };
}

/** Monthly totals per category (priced lines only). */
export function byCategory(estimate: Estimate): Partial<Record<Category, number>> {
    const totals: Partial<Record<Category, number>> = {};
    for (const line of estimate.lines) {
        if (line.monthly !== undefined) totals[line.category] = round((totals[line.category] ?? 0) + line.monthly);
    }
    return totals;
}
