/**
 * The "Legacy" subnet strategy (the default), following pulumi-awsx
 * awsx/ec2/subnetDistributorLegacy.ts step for step: its blocks keep the host bits its arithmetic
 * leaves in them ("10.0.128.32/17"), and AWS receives them as written, so the arithmetic is
 * reproduced rather than normalized (cidr.ts `Address4`).
 */
import type { SubnetNameTagStrategy, SubnetSpec, SubnetSpecInputs } from "./args";
import { Address4, longToIp } from "./cidr";
import { subnetNames } from "./subnet-naming";

/**
 * The subnets of every zone: the VPC split evenly between the zones, then in each zone the private
 * subnets (/19 by default), the public ones (/20) and the isolated ones (/24), each placed where
 * the legacy arithmetic puts it unless that overlaps the previous one, then right after it.
 */
export function getSubnetSpecsLegacy(
    vpcName: string,
    vpcCidr: string,
    azNames: string[],
    subnetInputs?: SubnetSpecInputs[],
    azCidrMask?: number,
    nameTagStrategy: SubnetNameTagStrategy = "Legacy",
): SubnetSpec[] {
    const newBitsPerAZ =
        azCidrMask !== undefined ? azCidrMask - new Address4(vpcCidr).subnetMask : Math.log2(nextPow2(azNames.length));

    const azBases: string[] = azNames.map((_, i) => cidrSubnetV4(vpcCidr, newBitsPerAZ, i));

    if (subnetInputs === undefined) return generateDefaultSubnets(vpcName, azNames, azBases, nameTagStrategy);

    const baseSubnetMask = new Address4(azBases[0]).subnetMask;
    const ofType = (type: string) => subnetInputs.filter((x) => x.type.toLowerCase() === type);
    const privateIn = ofType("private");
    const publicIn = ofType("public");
    const isolatedIn = ofType("isolated");

    // A single subnet may use the whole zone; otherwise assume at least a private and a public one.
    const newBitsPerSubnet = subnetInputs.length === 1 ? 0 : 1;

    let subnetsOut: SubnetSpec[] = [];
    for (let i = 0; i < azNames.length; i++) {
        const privateOut: SubnetSpec[] = [];
        const publicOut: SubnetSpec[] = [];
        const isolatedOut: SubnetSpec[] = [];
        // One address before the zone's base, so the first subnet never "overlaps" it.
        let current = Address4.fromNumber(new Address4(azBases[i]).start() - 1);

        /** The j-th block of `mask` from `splitBase`, or the next free one when that overlaps the previous subnet. */
        const place = (splitBase: string, baseMask: number, mask: number, j: number): Address4 => {
            let next = new Address4(cidrSubnetV4(splitBase, mask - baseMask, j));
            if (isOverlapping(current, next)) next = nextBlock(current, mask);
            current = next;
            return next;
        };
        const spec = (input: SubnetSpecInputs, type: SubnetSpec["type"], block: Address4): SubnetSpec => ({
            azName: azNames[i],
            cidrBlock: block.address,
            type,
            ...subnetNames(vpcName, input, i + 1, azNames[i], nameTagStrategy),
            assignIpv6AddressOnCreation: input.assignIpv6AddressOnCreation,
            tags: input.tags,
        });

        privateIn.forEach((input, j) => {
            const mask = input.cidrMask ?? Math.max(baseSubnetMask + newBitsPerSubnet, 19);
            privateOut.push(spec(input, "Private", place(azBases[i], baseSubnetMask, mask, j)));
        });

        publicIn.forEach((input, j) => {
            // After the last private subnet, if any, else from the zone's base.
            const baseCidr = privateOut.length > 0 ? privateOut[privateOut.length - 1].cidrBlock : azBases[i];
            const splitBase = privateOut.length > 0 ? cidrSubnetV4(baseCidr, 0, 1) : azBases[i];
            const mask = input.cidrMask ?? Math.max(baseSubnetMask + newBitsPerSubnet, 20);
            publicOut.push(spec(input, "Public", place(splitBase, new Address4(baseCidr).subnetMask, mask, j)));
        });

        isolatedIn.forEach((input, j) => {
            // After the last public subnet, else the last private one, else from the zone's base.
            const last = publicOut[publicOut.length - 1] ?? privateOut[privateOut.length - 1];
            const baseCidr = last ? last.cidrBlock : azBases[i];
            const splitBase = last ? cidrSubnetV4(baseCidr, 0, 1) : azBases[i];
            const mask = input.cidrMask ?? Math.max(baseSubnetMask + newBitsPerSubnet, 24);
            isolatedOut.push(spec(input, "Isolated", place(splitBase, new Address4(baseCidr).subnetMask, mask, j)));
        });

        subnetsOut = subnetsOut.concat(privateOut, publicOut, isolatedOut);
    }
    return subnetsOut;
}

/** No specs: a private subnet in the first half of each zone's block and a public one after it. */
function generateDefaultSubnets(
    vpcName: string,
    azNames: string[],
    azBases: string[],
    nameTagStrategy: SubnetNameTagStrategy,
): SubnetSpec[] {
    const privateSubnets: SubnetSpec[] = azNames.map((azName, i) => ({
        azName,
        cidrBlock: cidrSubnetV4(azBases[i], 1, 0),
        type: "Private",
        ...subnetNames(vpcName, { type: "Private" }, i + 1, azName, nameTagStrategy),
    }));
    const publicSubnets: SubnetSpec[] = azNames.map((azName, i) => ({
        azName,
        cidrBlock: cidrSubnetV4(cidrSubnetV4(privateSubnets[i].cidrBlock, 0, 1), 1, 0),
        type: "Public",
        ...subnetNames(vpcName, { type: "Public" }, i + 1, azName, nameTagStrategy),
    }));
    return [...privateSubnets, ...publicSubnets];
}

/** Terraform's cidrsubnet on the address as written (host bits kept): the netNum-th block of newBits more bits. */
export function cidrSubnetV4(ipRange: string, newBits: number, netNum: number): string {
    const ipv4 = new Address4(ipRange);
    const newSubnetMask = ipv4.subnetMask + newBits;
    if (newSubnetMask > 32)
        throw new Error(`Requested ${newBits} new bits, but only ${32 - ipv4.subnetMask} are available.`);
    return `${longToIp(ipv4.value + 2 ** (32 - newSubnetMask) * netNum)}/${newSubnetMask}`;
}

function isOverlapping(a: Address4, b: Address4): boolean {
    return a.start() <= b.end() && b.start() <= a.end();
}

/** The block of `nextCidrMask` right after `previous` (widened to that size first, so it cannot overlap). */
export function nextBlock(previous: Address4, nextCidrMask: number): Address4 {
    const lastInNewMask = new Address4(`${longToIp(previous.end())}/${nextCidrMask}`);
    return new Address4(`${longToIp(lastInNewMask.end() + 1)}/${nextCidrMask}`);
}

/** The smallest power of two not below n (1 for 0). */
function nextPow2(n: number): number {
    if (n === 0) return 1;
    let p = 1;
    while (p < n) p *= 2;
    return p;
}
