import { Cloud, SizeClass } from "./config/types";

/**
 * What each size class means on each cloud. Classes match by memory so that a stack moved
 * between clouds keeps the same headroom: small = 2 GiB, medium = 4 GiB, large = 8 GiB for
 * servers and databases; caches step alike (ElastiCache's nodes are a little smaller).
 */
export interface SizeTable {
    server: string;
    database: string;
    cache: string;
}

export const SIZES: Record<Cloud, Record<SizeClass, SizeTable>> = {
    aws: {
        small: { server: "t3.small", database: "db.t4g.small", cache: "cache.t4g.small" },
        medium: { server: "t3.medium", database: "db.t4g.medium", cache: "cache.t4g.medium" },
        large: { server: "m6i.large", database: "db.m6g.large", cache: "cache.m6g.large" },
    },
    digitalocean: {
        small: { server: "s-1vcpu-2gb", database: "db-s-1vcpu-2gb", cache: "db-s-1vcpu-2gb" },
        medium: { server: "s-2vcpu-4gb", database: "db-s-2vcpu-4gb", cache: "db-s-2vcpu-4gb" },
        large: { server: "s-4vcpu-8gb", database: "db-s-4vcpu-8gb", cache: "db-s-4vcpu-8gb" },
    },
};

export function serverSize(cloud: Cloud, size: SizeClass): string {
    return SIZES[cloud][size].server;
}

export function databaseSize(cloud: Cloud, size: SizeClass): string {
    return SIZES[cloud][size].database;
}

export function cacheSize(cloud: Cloud, size: SizeClass): string {
    return SIZES[cloud][size].cache;
}
