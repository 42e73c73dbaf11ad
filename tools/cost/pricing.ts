/**
 * What every cloud's pricers share: the lines of an estimate, the categories they fall in, and the
 * helpers that turn a price table's entry into a line (or an unpriced line naming the table to
 * update, never a 0). Each cloud's pricers live with its price table (`tools/cost/prices/<cloud>.ts`)
 * and are registered in `tools/clouds.ts`; `estimate.ts` runs them.
 */
import type { Cloud } from "../../infra/clouds";
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
    cloud: Cloud;
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

/** The cost lines of one registered resource. */
export type Pricer = (resource: PricedResource, context: Context) => CostLine[];

export interface Context {
    region: string;
    prices?: RegionPrices;
    table: PriceTable;
    resources: PricedResource[];
    /** Lines added once per stack (the Spaces subscription). */
    once: Set<string>;
}

/** Secrets arrive wrapped ({ <signature>: ..., value }) in registered inputs: the value inside. */
export function reveal(value: any): any {
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

export function round(value: number): number {
    return Math.round(value * 100) / 100;
}

/** A line for a priced key, or an unpriced line naming the table and what to add. */
export function priced(
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

/** A usage-based line (shown, not totalled), or an unpriced line naming the table. */
export function usage(context: Context, category: Category, resource: string, item: string, key: string): CostLine {
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

/** An hourly price as a monthly one. */
export const hourly = (price: number | undefined) => (price === undefined ? undefined : price * HOURS_PER_MONTH);

/** How many metrics an alarm reads (metric math pays for each). */
export function alarmMetrics(inputs: Record<string, any>): number {
    const queries = Array.isArray(inputs.metricQueries)
        ? inputs.metricQueries.filter((query: any) => query?.metric)
        : [];
    return Math.max(1, queries.length);
}
