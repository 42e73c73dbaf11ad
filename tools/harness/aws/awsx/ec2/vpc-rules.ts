/**
 * The pure rules of pulumi-awsx awsx/ec2/vpc.ts (the functions it exports for its tests): which
 * allocator a strategy picks, the validation of NAT gateways, Elastic IPs and subnet blocks, the
 * order subnets are created in, IPv6 subnet blocks, and the `subnetLayout` output.
 */
import { isIPv6 } from "net";
import type {
    NatGatewayStrategy,
    ResolvedSubnetSpec,
    SubnetAllocationStrategy,
    SubnetSpec,
    SubnetSpecInputs,
    SubnetType,
    VpcArgs,
} from "./args";
import { Address4, Netmask } from "./cidr";
import type { ExplicitSubnetSpecInputs, NormalizedSubnetInputs } from "./subnet-new";

/** Vpc.validateVpcArgs: an IPAM pool needs exactly one of a CIDR and a netmask length. */
export function validateVpcArgs(args: VpcArgs): void {
    if (args.ipv4IpamPoolId === undefined) return;
    if (args.cidrBlock !== undefined && args.ipv4NetmaskLength !== undefined)
        throw new Error("Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed.");
    if (args.ipv4NetmaskLength === undefined && args.cidrBlock === undefined)
        throw new Error("If 'ipv4IpamPoolId' is specified, 'ipv4NetmaskLength' or 'cidrBlock' must also be specified.");
}

/** Vpc.decideCidrBlockVpcInput: the user's CIDR, none when IPAM allocates it, else the historical 10.0.0.0/16. */
export function decideCidrBlock(args: VpcArgs): string | undefined {
    if (args.cidrBlock !== undefined) return args.cidrBlock;
    if (args.ipv4IpamPoolId !== undefined) return undefined;
    return "10.0.0.0/16";
}

/** Vpc.pickSubnetAllocator. */
export function pickSubnetAllocator(
    parsedSpecs: NormalizedSubnetInputs,
    subnetStrategy: SubnetAllocationStrategy,
):
    | { allocator: "LegacyAllocator" | "NewAllocator" }
    | { allocator: "ExplicitAllocator"; specs: ExplicitSubnetSpecInputs[] } {
    if (parsedSpecs === undefined)
        return subnetStrategy === "Auto" || subnetStrategy === "AutoMerge"
            ? { allocator: "NewAllocator" }
            : { allocator: "LegacyAllocator" };
    if (subnetStrategy === "Legacy") return { allocator: "LegacyAllocator" };
    if (parsedSpecs.isExplicitLayout) return { allocator: "ExplicitAllocator", specs: parsedSpecs.normalizedSpecs };
    return { allocator: "NewAllocator" };
}

/**
 * Supplied Elastic IPs must match the NAT strategy exactly. The provider's check for "None" reads
 * `eips?.length ?? 0 !== 0`, which is `eips?.length ?? false`: any non-empty list is refused, as here.
 */
export function validateEips(
    strategy: NatGatewayStrategy,
    eips: unknown[] | undefined,
    availabilityZones: string[] = [],
) {
    switch (strategy.toLowerCase()) {
        case "none":
            if (eips?.length)
                throw new Error(
                    `Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is '${strategy}'.`,
                );
            break;
        case "single":
            if (eips && eips.length > 1)
                throw new Error(`Exactly one Elastic IP may be specified when NAT Gateway strategy is '${strategy}'.`);
            break;
        case "oneperaz":
            if (eips && eips.length > 0 && eips.length !== availabilityZones.length)
                throw new Error(
                    `The number of Elastic IPs, if specified, must match the number of availability zones for the VPC (${availabilityZones.length}) when NAT Gateway strategy is '${strategy}'`,
                );
            break;
        default:
            throw new Error(`Unknown NatGatewayStrategy '${strategy}'`);
    }
}

/** A NAT gateway needs a public subnet to live in and a private or isolated one to serve. */
export function validateNatGatewayStrategy(strategy: NatGatewayStrategy, subnets: Pick<SubnetSpec, "type">[]) {
    switch (strategy.toLowerCase()) {
        case "oneperaz":
        case "single": {
            const hasPublic = subnets.some((x) => x.type.toLowerCase() === "public");
            const hasInner = subnets.some((x) => ["private", "isolated"].includes(x.type.toLowerCase()));
            if (hasPublic && hasInner) return;
            throw new Error(
                "If NAT Gateway strategy is 'OnePerAz' or 'Single', public subnets must be declared to host the NAT Gateway resource, along with private or isolated subnets to route through it.",
            );
        }
        case "none":
            break;
        default:
            throw new Error(`Unknown NAT Gateway strategy '${strategy}'`);
    }
}

/** Whether the public subnet being created in zone `azIndex` gets a NAT gateway. */
export function shouldCreateNatGateway(strategy: NatGatewayStrategy, numGateways: number, azIndex: number): boolean {
    switch (strategy.toLowerCase()) {
        case "none":
            return false;
        case "single":
            return numGateways < 1;
        case "oneperaz":
            return numGateways < azIndex + 1;
        default:
            throw new Error(`Unknown NatGatewayStrategy "${strategy}"`);
    }
}

/** Public subnets first (they host the NAT gateways private routes need), then private, then isolated. */
export function compareSubnetSpecs(spec1: { type: SubnetType }, spec2: { type: SubnetType }): number {
    if (spec1.type === spec2.type) return 0;
    if (spec1.type.toLowerCase() === "public") return -1;
    if (spec1.type.toLowerCase() === "private" && spec2.type.toLowerCase() === "public") return 1;
    if (spec1.type.toLowerCase() === "private" && spec2.type.toLowerCase() === "isolated") return -1;
    return 1;
}

interface NamedBlock {
    cidrBlock: string;
    resourceName: string;
}

/** The subnets that lie within another or contain one (ip-address's isInSubnet, either way). */
export function getOverlappingSubnets<T extends NamedBlock>(specs: T[]): T[] {
    const overlaps = (a: T, b: T) => {
        const ip1 = new Address4(a.cidrBlock);
        const ip2 = new Address4(b.cidrBlock);
        return ip1.isInSubnet(ip2) || ip2.isInSubnet(ip1);
    };
    return specs.filter((x) => specs.some((y) => x !== y && overlaps(x, y)));
}

export function validateSubnets(specs: NamedBlock[]): void {
    const overlapping = getOverlappingSubnets(specs);
    if (overlapping.length === 0) return;
    let msg =
        "The following subnets overlap with at least one other subnet. Make the CIDR for the VPC larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n";
    overlapping.forEach((s, i) => (msg += `${i + 1}. ${s.resourceName}: ${s.cidrBlock}\n`));
    throw new Error(msg);
}

/** "Exact": the subnets must tile the VPC from its first address to its last. */
export function validateNoGaps(vpcCidr: string, subnetSpecs: NamedBlock[]): void {
    const vpcNetmask = new Netmask(vpcCidr);
    const gaps: string[] = [];
    let current: NamedBlock | undefined;
    for (const spec of subnetSpecs) {
        const prev = current;
        current = spec;
        const currentNetmask = new Netmask(spec.cidrBlock);
        if (prev === undefined) {
            if (currentNetmask.base !== vpcNetmask.base)
                gaps.push(
                    `${spec.resourceName} (${spec.cidrBlock}) does not start at the beginning of the VPC (${vpcCidr})`,
                );
            continue;
        }
        if (currentNetmask.base !== new Netmask(prev.cidrBlock).next().base)
            gaps.push(`${prev.resourceName} (${prev.cidrBlock}) <=> ${spec.resourceName} (${spec.cidrBlock})`);
    }
    const lastBlock = new Netmask(current!.cidrBlock);
    if (lastBlock.last !== vpcNetmask.last)
        // The stray "}" is the provider's.
        gaps.push(`${current!.resourceName} (ending ${lastBlock.last}) ends before VPC ends (at ${vpcNetmask.last}})`);
    if (gaps.length === 0) return;
    throw new Error(`There are gaps in the subnet ranges. Please fix the following gaps: ${gaps.join(", ")}`);
}

/** A subnet's /64 in the VPC's Amazon-provided /56: its index in the fourth hextet's low byte. */
export function createIpv6SubnetCidrBlock(vpcCidr: string, index: number): string {
    const [addr, mask] = vpcCidr.split("/");
    if (!addr || !mask) throw new TypeError(`"${vpcCidr}" is not a valid IPv6 CIDR block`);
    if (!isIPv6(addr)) throw new TypeError(`"${addr}" is not a valid IPv6 address`);
    if (mask !== "56") throw new RangeError(`VPC must be a /56 block (got /${mask})`);
    if (!Number.isInteger(index) || index < 0 || index > 0xff)
        throw new RangeError("index must be an integer from 0-255");
    const hextets = addr.split(":");
    if (hextets.length < 4 || hextets[3] === "")
        throw new TypeError(`Vpc ipv6 cidr block was not in an expected form: ${vpcCidr}`);
    const existing = Number.parseInt(hextets[3], 16);
    if (Number.isNaN(existing)) throw new TypeError(`Vpc ipv6 cidr block was not in an expected form: ${vpcCidr}`);
    return `${hextets.slice(0, 3).join(":")}:${((existing & 0xff00) | index).toString(16)}::/64`;
}

/** The blocks that fill the space between two subnets, widest first. */
export function findSubnetGap(a: Netmask, b: Netmask): Netmask[] {
    const [start, end] = a.netLong < b.netLong ? [a, b] : [b, a];
    const gaps: Netmask[] = [];
    let previous = a;
    let next = start.next();
    while (next.netLong < end.netLong) {
        for (;;) {
            const wider = new Netmask(next.base, next.bitmask - 1);
            if (wider.contains(previous.last) || wider.contains(end.first)) break;
            next = wider;
        }
        gaps.push(next);
        previous = next;
        next = next.next();
    }
    return gaps;
}

/**
 * The "Auto" specs that reproduce a laid-out zone (vpc.ts extractSubnetSpecInputFromLegacyLayout):
 * the first zone's subnets in order, with "Unused" specs for the gaps between them.
 */
export function extractSubnetSpecInputFromLegacyLayout(
    subnetSpecs: SubnetSpec[],
    vpcName: string,
    availabilityZones: string[],
): SubnetSpecInputs[] {
    const singleAzLength = subnetSpecs.length / availabilityZones.length;
    const extractName = (resourceName: string, type: SubnetType) => {
        const specName = resourceName.replace(`${vpcName}-`, "").replace(/-\d+$/, "");
        return specName === type.toLowerCase() ? {} : { name: specName };
    };
    const inputs: SubnetSpecInputs[] = [];
    let previous: Netmask | undefined;
    for (const subnet of subnetSpecs.slice(0, singleAzLength)) {
        const netmask = new Netmask(subnet.cidrBlock);
        if (previous !== undefined)
            for (const gap of findSubnetGap(previous, netmask)) inputs.push({ type: "Unused", cidrMask: gap.bitmask });
        inputs.push({
            type: subnet.type,
            ...extractName(subnet.resourceName, subnet.type),
            cidrMask: netmask.bitmask,
            assignIpv6AddressOnCreation: subnet.assignIpv6AddressOnCreation,
            ...(subnet.tags ? { tags: subnet.tags } : {}),
        });
        previous = netmask;
    }
    return inputs;
}

/** vpcConverters.ts: a spec as the `subnetLayout` output gives it (falsy fields left out, in the provider's key order). */
export function toResolvedSubnetSpecs(specs: SubnetSpecInputs[]): ResolvedSubnetSpec[] {
    return specs.map((s) => ({
        ...(s.name ? { name: s.name } : {}),
        ...(s.cidrBlocks ? { cidrBlocks: s.cidrBlocks } : {}),
        ...(s.cidrMask ? { cidrMask: s.cidrMask } : {}),
        ...(s.size ? { size: s.size } : {}),
        type: s.type,
    }));
}
