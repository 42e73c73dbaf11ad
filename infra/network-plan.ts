/**
 * Subnet and NAT planning: pure address math, no resources. Cloud-neutral (it only knows
 * CIDRs and zones); today only the AWS network uses it, because DigitalOcean VPCs have no
 * per-zone subnets.
 */
import { Cidr, formatCidr, parseCidr, subnetAt } from "../policies/lib/cidr";
import { Environment } from "./config/types";

/** The most zones a plan can hold: three private quarters plus the public quarter. */
export const MAX_PLANNED_ZONES = 3;

/** The two subnets of one availability zone. */
export interface ZoneSubnets {
    /** 0-based position of the zone (the n-th available zone of the region). */
    zoneIndex: number;
    /** Holds the balancer's nodes and the NAT gateways; small, since little lives there. */
    publicCidr: string;
    /** Holds servers, database and cache; large, since everything that scales lives there. */
    privateCidr: string;
}

/**
 * Splits `vpcCidr` into a public and a private IPv4 subnet per zone.
 *
 * Layout (a /16 as example): the VPC is cut into four quarters (/18). Quarters 0-2 are the
 * private subnets of zones 0-2; quarter 3 is cut into four (/20) and its first blocks are
 * the public subnets. A zone's subnets depend only on its index, never on how many zones
 * there are, so going from 2 to 3 zones adds subnets without renumbering (replacing) any.
 *
 * Throws, naming the value, when the range is not an IPv4 network of /16 to /20 (a /20 still
 * gives /24 public subnets, well above the /27 a load balancer needs) or the zone count is
 * outside 1 to 3.
 */
export function planSubnets(vpcCidr: string, zones: number): ZoneSubnets[] {
    const vpc = parseCidr(vpcCidr);
    if (!vpc || vpc.version !== 4 || !vpcCidr.includes("/")) {
        throw new Error(`planSubnets: "${vpcCidr}" is not an IPv4 CIDR; use a private range such as 10.20.0.0/16.`);
    }
    if (vpc.hadHostBits) {
        throw new Error(
            `planSubnets: "${vpcCidr}" has host bits set; use the network address, for example ${formatCidr(4, vpc.network, vpc.prefix)}.`,
        );
    }
    if (vpc.prefix < 16 || vpc.prefix > 20) {
        throw new Error(`planSubnets: "${vpcCidr}" must be between /16 and /20 so that each zone gets usable subnets.`);
    }
    if (!Number.isInteger(zones) || zones < 1 || zones > MAX_PLANNED_ZONES) {
        throw new Error(`planSubnets: ${zones} zones cannot be planned; use 1 to ${MAX_PLANNED_ZONES}.`);
    }
    const quarterPrefix = vpc.prefix + 2;
    const publicBlock = parseCidr(subnetAt(vpc, quarterPrefix, 3)) as Cidr;
    const publicPrefix = quarterPrefix + 2;
    const plan: ZoneSubnets[] = [];
    for (let zoneIndex = 0; zoneIndex < zones; zoneIndex += 1) {
        plan.push({
            zoneIndex,
            publicCidr: subnetAt(publicBlock, publicPrefix, zoneIndex),
            privateCidr: subnetAt(vpc, quarterPrefix, zoneIndex),
        });
    }
    return plan;
}

/**
 * The `index`-th /64 of an IPv6 block (the /56 AWS assigns to a VPC), in the compressed
 * form AWS reports back (RFC 5952), so the planned value never shows up as a diff.
 */
export function ipv6SubnetCidr(blockCidr: string, index: number): string {
    const block = parseCidr(blockCidr);
    if (!block || block.version !== 6 || block.prefix > 64) {
        throw new Error(`ipv6SubnetCidr: "${blockCidr}" is not an IPv6 block of /64 or larger.`);
    }
    const text = subnetAt(block, 64, index);
    return compressIpv6Cidr(text);
}

/** Writes an IPv6 CIDR in RFC 5952 form: lowercase, no leading zeros, longest zero run as "::". */
export function compressIpv6Cidr(text: string): string {
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 6) throw new Error(`compressIpv6Cidr: "${text}" is not an IPv6 CIDR.`);
    const groups: string[] = [];
    for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((cidr.network >> shift) & 0xffffn).toString(16));
    let bestStart = -1;
    let bestLength = 0;
    for (let start = 0; start < groups.length;) {
        if (groups[start] !== "0") {
            start += 1;
            continue;
        }
        let end = start;
        while (end < groups.length && groups[end] === "0") end += 1;
        if (end - start > bestLength) {
            bestStart = start;
            bestLength = end - start;
        }
        start = end;
    }
    let address: string;
    if (bestLength < 2) {
        address = groups.join(":");
    } else {
        address = `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
    }
    return `${address}/${cidr.prefix}`;
}

/**
 * How many NAT gateways the network gets: one per zone in prod, so that losing a zone never
 * cuts the other zones' servers off from package mirrors and AWS APIs; one shared gateway
 * in dev and staging, where the cost of a gateway per zone buys little.
 */
export function natGatewayCount(environment: Environment, zones: number): number {
    return environment === "prod" ? zones : 1;
}

/** Which NAT gateway the private subnet of `zoneIndex` routes through. */
export function natGatewayForZone(zoneIndex: number, natCount: number): number {
    if (natCount < 1) throw new Error("natGatewayForZone: there must be at least one NAT gateway.");
    return zoneIndex < natCount ? zoneIndex : 0;
}

/** The zone (0-based) that server `index` goes to: round robin, so servers spread evenly. */
export function serverZone(index: number, zones: number): number {
    if (zones < 1) throw new Error("serverZone: there must be at least one zone.");
    return index % zones;
}
