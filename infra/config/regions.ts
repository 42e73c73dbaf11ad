import { Cloud } from "./types";

/**
 * Regions webtier can deploy to, per cloud. A region must offer everything the stack
 * needs: a load balancer, managed MySQL/Postgres, a managed Redis-compatible cache and
 * object storage. DigitalOcean lists only regions with Spaces and managed databases.
 */
export const REGIONS: Record<Cloud, readonly string[]> = {
    aws: [
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "ca-central-1",
        "ca-west-1",
        "sa-east-1",
        "mx-central-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "ap-south-1",
        "ap-south-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-7",
        "ap-east-1",
        "me-south-1",
        "me-central-1",
        "il-central-1",
        "af-south-1",
    ],
    digitalocean: ["nyc3", "sfo2", "sfo3", "ams3", "fra1", "lon1", "sgp1", "syd1", "tor1", "blr1", "atl1"],
};

/** An example region per cloud, for error messages. */
export const EXAMPLE_REGION: Record<Cloud, string> = { aws: "eu-west-1", digitalocean: "ams3" };

/** The S3-compatible endpoint of object storage in a region. */
export function storageEndpoint(cloud: Cloud, region: string): string {
    return cloud === "aws" ? `https://s3.${region}.amazonaws.com` : `https://${region}.digitaloceanspaces.com`;
}
