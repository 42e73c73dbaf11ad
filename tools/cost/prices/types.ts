/**
 * The shape of a price table: list prices of one cloud, per region, for the sizes webtier uses.
 * Every table names where its figures come from and when they were read, so that a reader can
 * check them and whoever updates them knows what to compare against.
 */
import type { Cloud } from "../../../infra/clouds";

/** A price per unit of usage, which the estimate shows but cannot total (it depends on traffic). */
export interface UsagePrice {
    /** USD per `unit`. */
    price: number;
    /** For example "GB transferred out", "1M requests". */
    unit: string;
}

export interface PriceTable {
    cloud: Cloud;
    currency: "USD";
    /** The pages the figures were read from. */
    sources: string[];
    /** When they were read (YYYY-MM-DD); list prices change, so treat older tables with care. */
    date: string;
    /** The file to update, for messages ("no price ... add it to <file>"). */
    file: string;
    /**
     * Prices by region. DigitalOcean prices every region alike: its table has one entry, "*".
     * A region missing here is reported as unpriced, never as free.
     */
    regions: Record<string, RegionPrices>;
    /**
     * Resource types that cost nothing by themselves (networks, rules, IAM, DNS records of an
     * existing zone, ...). A type neither priced nor listed here is reported as unpriced.
     */
    free: string[];
}

/** Monthly prices are USD per month; hourly ones are USD per hour (a month is 730 hours). */
export interface RegionPrices {
    /** Server sizes (EC2 instance types, droplet slugs): hourly (AWS) or monthly (DigitalOcean). */
    servers: Record<string, number>;
    /** Database node sizes by engine ("mysql", "postgres"): hourly per instance (AWS) or monthly per node (DigitalOcean). */
    databases: Record<string, Record<string, number>>;
    /** Cache node sizes by engine ("valkey", "redis"): hourly per node (AWS) or monthly per node (DigitalOcean). */
    caches: Record<string, Record<string, number>>;
    /** Everything else the estimator knows, by name (see each table). */
    items: Record<string, number>;
    /** Usage-based prices, by name (see each table). */
    usage: Record<string, UsagePrice>;
}

/** Hours AWS bills in an average month (24 × 365 / 12). */
export const HOURS_PER_MONTH = 730;
