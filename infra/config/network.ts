/**
 * The VPC range of a stack: a default that differs per stack where the cloud refuses overlapping
 * networks, and the ranges a cloud keeps for itself. Pure functions, unit-tested.
 *
 * DigitalOcean refuses a VPC whose range overlaps any other network of the same account, in any
 * region ("Network ranges cannot overlap with other networks in the same account", `ip_range` of
 * vpc_create in DigitalOcean's OpenAPI specification, specification/resources/vpcs/models/vpc.yml),
 * so two stacks with the same default could not be created side by side. AWS allows overlapping
 * VPCs in one account (they only cannot be peered), so AWS keeps one fixed default: changing it
 * would replace the network of every existing AWS stack.
 */
import { Cidr, cidrOverlaps, parseCidr } from "../../policies/lib/cidr";
import { cloudProfile } from "../clouds";

import type { Cloud } from "./types";

/** AWS's default VPC range (and DigitalOcean's before ranges were derived per stack); AWS's profile states it. */
export const FIXED_DEFAULT_VPC_CIDR = "10.20.0.0/16";

/**
 * Second octets a derived DigitalOcean range may take (10.X.0.0/16). Left out:
 * - 10.0-10.15: the ranges most often used on office and VPN networks an operator may peer with;
 * - 10.20: the fixed default of earlier releases, so a stack pinned to it never meets a derived one;
 * - 10.96-10.143: the block DigitalOcean has used for the default VPC it creates in each region
 *   and for the private networks of accounts older than VPCs (nyc3's 10.132.0.0/16, for example);
 *   DigitalOcean picks those ranges itself, so a derived range keeps out of the whole block;
 * - 10.229 and 10.244-10.246: DigitalOcean's reserved ranges (above); 10.255: broadcast-looking.
 */
export const DERIVED_SECOND_OCTETS: readonly number[] = Array.from({ length: 256 }, (_, i) => i).filter(
    (x) => x >= 16 && x !== 20 && !(x >= 96 && x <= 143) && x !== 229 && !(x >= 244 && x <= 246) && x !== 255,
);

/** FNV-1a, 32 bits: a stable hash that needs no crypto module (the pack may load this file too). */
function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
}

/**
 * The VPC range a stack gets when `vpcCidr` is not set. Frozen: a change to this function or to
 * `DERIVED_SECOND_OCTETS` would move every DigitalOcean stack that relies on the default to a new
 * range, and a VPC's range cannot change without replacing the VPC and everything in it.
 * DigitalOcean: a /16 derived from the stack
 * name, the same on every run, distinct for most pairs of names (1 in ~170 collide; the stack-file
 * check in the tests and `overlappingStacks` catch those). AWS: the fixed default.
 */
export function defaultVpcCidr(cloud: Cloud, stack: string): string {
    const range = cloudProfile(cloud).network.defaultRange;
    if (range.kind === "fixed") return range.cidr;
    const octet = DERIVED_SECOND_OCTETS[fnv1a(stack) % DERIVED_SECOND_OCTETS.length];
    return `10.${octet}.0.0/16`;
}

/** What makes a range unusable on a cloud in a region beyond being a private /16-/20 (checked in parse.ts), or undefined. */
export function reservedRangeProblem(cloud: Cloud, cidr: Cidr, region: string): string | undefined {
    const profile = cloudProfile(cloud);
    for (const reserved of profile.network.reserved) {
        if (reserved.regions && !reserved.regions.includes(region)) continue;
        const range = parseCidr(reserved.cidr) as Cidr;
        if (cidrOverlaps(range, cidr)) {
            return `overlaps ${reserved.cidr}, ${reserved.why}; ${profile.label} refuses a VPC there`;
        }
    }
    return undefined;
}

/** One stack file's effective network, for the account-wide overlap check. */
export interface StackNetwork {
    stack: string;
    cloud: Cloud;
    vpcCidr: string;
}

/**
 * Pairs of stacks of a cloud that refuses overlapping networks (DigitalOcean) whose ranges
 * overlap: they cannot be created side by side in one account. Pairs on a cloud that allows
 * overlap (AWS) are never reported.
 */
export function overlappingStacks(stacks: readonly StackNetwork[]): [StackNetwork, StackNetwork][] {
    const pairs: [StackNetwork, StackNetwork][] = [];
    const relevant = stacks.filter((s) => cloudProfile(s.cloud).network.refusesOverlap);
    for (let i = 0; i < relevant.length; i++) {
        for (let j = i + 1; j < relevant.length; j++) {
            const a = parseCidr(relevant[i].vpcCidr);
            const b = parseCidr(relevant[j].vpcCidr);
            if (a && b && cidrOverlaps(a, b)) pairs.push([relevant[i], relevant[j]]);
        }
    }
    return pairs;
}
