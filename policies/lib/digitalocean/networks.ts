/**
 * VPC ranges DigitalOcean would refuse on their own: private (RFC 1918) ranges from /16 to /28
 * outside the ranges it reserves. Overlap with another network of the account cannot be seen from
 * one program; webtier derives distinct defaults (infra/config/network.ts).
 */
import { Cidr, cidrContains, cidrOverlaps, parseCidr } from "../cidr";
import { Res, describe, isUnknown } from "../values";

/** A range DigitalOcean keeps for itself, everywhere or only in the regions named. */
export interface ReservedRange {
    cidr: string;
    why: string;
    /** The regions where it is reserved; absent, every region. */
    regions?: readonly string[];
}

/**
 * Ranges DigitalOcean keeps for itself, which a custom VPC may not use ("How to Plan Your Custom
 * VPC Network", docs.digitalocean.com/products/networking/vpc/concepts/plan-your-network/,
 * "DigitalOcean Reserved IP Addresses and Ranges"). 10.10.0.0/16 only in NYC1: DigitalOcean's
 * own VPC examples use 10.10.10.0/24 in nyc3.
 */
export const DIGITALOCEAN_RESERVED_RANGES: readonly ReservedRange[] = [
    { cidr: "10.244.0.0/16", why: "reserved for DigitalOcean Kubernetes" },
    { cidr: "10.245.0.0/16", why: "reserved for DigitalOcean Kubernetes" },
    { cidr: "10.246.0.0/24", why: "reserved for DigitalOcean Kubernetes" },
    { cidr: "10.229.0.0/16", why: "reserved by DigitalOcean" },
    { cidr: "10.10.0.0/16", why: "reserved in the nyc1 region", regions: ["nyc1"] },
];

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c) as Cidr);

/**
 * Whether a reserved range applies to a VPC in `region` (undefined: not known, as during some
 * previews; a range reserved in some regions only is then not held against it).
 */
export function reservedIn(reserved: ReservedRange, region: string | undefined): boolean {
    return !reserved.regions || (region !== undefined && reserved.regions.includes(region.toLowerCase()));
}

/** What DigitalOcean refuses in a VPC `ipRange` in `region`, or undefined. */
export function digitalOceanRangeProblem(text: string, region?: string): string | undefined {
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4 || !text.includes("/")) return `"${text}" is not an IPv4 CIDR`;
    if (cidr.hadHostBits) return `"${text}" has host bits set; write the network address`;
    if (cidr.prefix < 16 || cidr.prefix > 28) return `"${text}" is a /${cidr.prefix}; DigitalOcean takes /16 to /28`;
    if (!PRIVATE.some((p) => cidrContains(p, cidr))) return `"${text}" is not private (RFC 1918)`;
    for (const reserved of DIGITALOCEAN_RESERVED_RANGES) {
        if (reservedIn(reserved, region) && cidrOverlaps(parseCidr(reserved.cidr) as Cidr, cidr))
            return `"${text}" overlaps ${reserved.cidr}, ${reserved.why}`;
    }
    return undefined;
}

const VPC = "digitalocean:index/vpc:Vpc";

/** What DigitalOcean refuses in a VPC's range. */
export function vpcRangeProblems(res: Res): string[] {
    if (res.type !== VPC) return [];
    const problems: string[] = [];
    const range = res.props.ipRange;
    // Absent: DigitalOcean picks a free /20 itself.
    if (typeof range !== "string" || isUnknown(range)) return problems;
    const region = typeof res.props.region === "string" ? res.props.region : undefined;
    const problem = digitalOceanRangeProblem(range, region);
    if (problem) {
        problems.push(
            `${describe(res)}: ipRange ${problem}. Pick a free private range such as 10.30.0.0/16. Source: DigitalOcean OpenAPI vpc_create ip_range and "How to Plan Your Custom VPC Network" (reserved ranges).`,
        );
    }
    return problems;
}
