/**
 * Regions per cloud and the object storage endpoint of each, read from the clouds' profiles
 * (infra/<cloud>/profile.ts). A region must offer everything the stack needs: a load balancer,
 * managed MySQL/Postgres, a managed Redis-compatible cache and object storage.
 */
import { CLOUD_PROFILES, cloudProfile } from "../clouds";
import { Cloud } from "./types";

function byCloud<T>(pick: (cloud: Cloud) => T): Record<Cloud, T> {
    return Object.fromEntries((Object.keys(CLOUD_PROFILES) as Cloud[]).map((cloud) => [cloud, pick(cloud)])) as Record<
        Cloud,
        T
    >;
}

export const REGIONS: Record<Cloud, readonly string[]> = byCloud((cloud) => cloudProfile(cloud).regions);

/** An example region per cloud, for error messages. */
export const EXAMPLE_REGION: Record<Cloud, string> = byCloud((cloud) => cloudProfile(cloud).exampleRegion);

/** The S3-compatible endpoint of object storage in a region. */
export function storageEndpoint(cloud: Cloud, region: string): string {
    return cloudProfile(cloud).storageEndpoint(region);
}
