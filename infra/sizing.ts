import { cloudProfile } from "./clouds";
import { Cloud, SizeClass } from "./config/types";

export type { SizeTable } from "./config/cloud-profile";

/**
 * What each size class means on each cloud, from the clouds' profiles (infra/<cloud>/profile.ts).
 * Classes match by memory so that a stack moved between clouds keeps the same headroom:
 * small = 2 GiB, medium = 4 GiB, large = 8 GiB for servers and databases; caches step alike
 * (ElastiCache's nodes are a little smaller).
 */
export function serverSize(cloud: Cloud, size: SizeClass): string {
    return cloudProfile(cloud).sizes[size].server;
}

export function databaseSize(cloud: Cloud, size: SizeClass): string {
    return cloudProfile(cloud).sizes[size].database;
}

export function cacheSize(cloud: Cloud, size: SizeClass): string {
    return cloudProfile(cloud).sizes[size].cache;
}
