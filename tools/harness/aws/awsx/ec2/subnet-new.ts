/**
 * The "Auto", "AutoMerge" and "Exact" subnet strategies, following pulumi-awsx
 * awsx/ec2/subnetDistributorNew.ts: each zone gets an equal, aligned share of the VPC, and its
 * subnets are packed in spec order from the start of that share; explicit `cidrBlocks` are taken
 * as given. Also the validation and normalization of subnetSpecs the provider runs first.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SubnetNameTagStrategy, SubnetSpec, SubnetSpecInputs, SubnetSpecPartial } from "./args";
import { Netmask } from "./cidr";
import { subnetNames } from "./subnet-naming";

/** The key of one subnet in the allocation table: index-based, so blocks never depend on naming. */
function subnetAllocationID(vpcName: string, spec: SubnetSpecInputs, azNum: number, specIndex: number): string {
    return `${vpcName}-${spec.name ?? spec.type.toLowerCase()}-${azNum}#${specIndex}`;
}

/**
 * Like `pulumi.output(x).apply(fn)`, but stays a plain value when `x` is one, so a VPC whose CIDR
 * is known lays out (and fails validation) at once; an IPAM-allocated CIDR lays out later.
 */
function inputApply<T, U>(x: pulumi.Input<T>, fn: (value: T) => pulumi.Input<U>): pulumi.Input<U> {
    if (x instanceof Promise || pulumi.Output.isInstance(x))
        return pulumi.output(x).apply((v) => pulumi.output(fn(v as T))) as pulumi.Output<U>;
    return fn(x);
}

/** The subnets of every zone under "Auto" (specs in order; private + public when none are given). */
export function getSubnetSpecs(
    vpcName: string,
    vpcCidr: pulumi.Input<string>,
    azNames: string[],
    subnetInputs: SubnetSpecInputs[] | undefined,
    azCidrMask?: number,
    nameTagStrategy: SubnetNameTagStrategy = "Legacy",
): SubnetSpecPartial[] {
    const allocated = inputApply(vpcCidr, (cidr) =>
        allocateSubnetCidrBlocks(vpcName, cidr, azNames, subnetInputs, azCidrMask),
    );
    return specsPerZone(vpcName, allocated, azNames, subnetInputs ?? defaultSubnetInputsBare(), nameTagStrategy);
}

/** The subnets of every zone under "AutoMerge": the default private + public layout, with the user's specs merged in. */
export function getSubnetSpecsAutoMerge(
    vpcName: string,
    vpcCidr: pulumi.Input<string>,
    azNames: string[],
    userSubnetInputs: SubnetSpecInputs[] | undefined,
    azCidrMask?: number,
    nameTagStrategy: SubnetNameTagStrategy = "Legacy",
): SubnetSpecPartial[] {
    const allocated = inputApply(vpcCidr, (cidr) => {
        const azBitmask = azCidrMask ?? new Netmask(cidr).bitmask + newBits(azNames.length);
        const merged = mergeWithDefaultSubnetSpecs(userSubnetInputs ?? [], defaultSubnetInputs(azBitmask));
        return allocateSubnetCidrBlocks(vpcName, cidr, azNames, merged, azCidrMask);
    });
    const specs = mergeWithDefaultSubnetSpecs(userSubnetInputs ?? [], defaultSubnetInputsBare());
    return specsPerZone(vpcName, allocated, azNames, specs, nameTagStrategy);
}

function specsPerZone(
    vpcName: string,
    allocated: pulumi.Input<Record<string, string>>,
    azNames: string[],
    specs: SubnetSpecInputs[],
    nameTagStrategy: SubnetNameTagStrategy,
): SubnetSpecPartial[] {
    return azNames.flatMap((azName, azIndex) =>
        specs.map((spec, specIndex) => ({
            cidrBlock: inputApply(
                allocated,
                (table) => table[subnetAllocationID(vpcName, spec, azIndex + 1, specIndex)],
            ),
            type: spec.type,
            azName,
            ...subnetNames(vpcName, spec, azIndex + 1, azName, nameTagStrategy),
            assignIpv6AddressOnCreation: spec.assignIpv6AddressOnCreation,
            tags: spec.tags,
        })),
    );
}

/** Each zone's share (`azCidrMask`, else the VPC split by the zone count rounded up to a power of two), packed in spec order. */
function allocateSubnetCidrBlocks(
    vpcName: string,
    vpcCidr: string,
    azNames: string[],
    subnetInputs: SubnetSpecInputs[] | undefined,
    azCidrMask?: number,
): Record<string, string> {
    const allocation: Record<string, string> = {};
    const vpcNetmask = new Netmask(vpcCidr);
    const azBitmask = azCidrMask ?? vpcNetmask.bitmask + newBits(azNames.length);

    const subnetSpecs = subnetInputs ?? defaultSubnetInputs(azBitmask);
    if (subnetSpecs.length === 0) throw new Error("No subnets specified");

    const defaultSubnetBitmask = azBitmask + newBits(subnetSpecs.length);
    const azSize = new Netmask(vpcNetmask.base, azBitmask).size;
    const totalSubnetSize = subnetSpecs.reduce(
        (acc, spec) => acc + new Netmask(vpcNetmask.base, spec.cidrMask ?? defaultSubnetBitmask).size,
        0,
    );
    if (totalSubnetSize > azSize) {
        throw new Error(
            `Subnets are too large for VPC. VPC has ${azSize} addresses, but subnets require ${totalSubnetSize} addresses.`,
        );
    }

    let currentAz = new Netmask(`${vpcNetmask.base}/${azBitmask}`);
    for (let azIndex = 0; azIndex < azNames.length; azIndex++) {
        let current: Netmask | undefined;
        subnetSpecs.forEach((spec, specIndex) => {
            const mask = spec.cidrMask ?? defaultSubnetBitmask;
            current = current === undefined ? new Netmask(currentAz.base, mask) : nextNetmask(current, mask);
            allocation[subnetAllocationID(vpcName, spec, azIndex + 1, specIndex)] = current.toString();
        });
        currentAz = currentAz.next();
    }
    return allocation;
}

/** The default kinds, without sizes. */
function defaultSubnetInputsBare(): SubnetSpecInputs[] {
    return [{ type: "Private" }, { type: "Public" }];
}

/**
 * AutoMerge: the user's unnamed spec of a default type overrides that default (at most one per
 * type); any other spec is added after the defaults.
 */
export function mergeWithDefaultSubnetSpecs(
    userSpecs: SubnetSpecInputs[],
    defaultSpecs: SubnetSpecInputs[] = defaultSubnetInputsBare(),
): SubnetSpecInputs[] {
    const overridesByType = new Map<string, SubnetSpecInputs>();
    const extraSpecs: SubnetSpecInputs[] = [];
    for (const spec of userSpecs) {
        const typeKey = spec.type.toLowerCase();
        const isDefaultType = defaultSpecs.some((candidate) => candidate.type.toLowerCase() === typeKey);
        if (isDefaultType && spec.name === undefined) {
            if (overridesByType.has(typeKey)) {
                throw new Error(
                    `Multiple subnet specs of type "${typeKey}" require unique names. ` +
                        `You can have at most one unnamed subnet per type. All other subnets of the same type must have unique "name" properties to avoid duplicate resource names.`,
                );
            }
            overridesByType.set(typeKey, spec);
            continue;
        }
        extraSpecs.push(spec);
    }
    const mergedDefaults = defaultSpecs.map((spec) => ({ ...spec, ...overridesByType.get(spec.type.toLowerCase()) }));
    return [...mergedDefaults, ...extraSpecs];
}

export function assertAutoMergeCompatibleSubnetSpecs(userSpecs: SubnetSpecInputs[]): void {
    if (userSpecs.some((spec) => spec.cidrBlocks !== undefined)) {
        throw new Error(
            `subnetStrategy="AutoMerge" does not support subnetSpecs with explicit cidrBlocks. ` +
                `Use subnetStrategy="Auto" or "Exact" to fully specify the subnet layout.`,
        );
    }
}

/** The default sizes: private half of the zone's share, public a quarter, within the first /16 at most. */
export function defaultSubnetInputs(azBitmask: number): SubnetSpecInputs[] {
    if (azBitmask > 26) {
        throw new Error(
            `Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /${azBitmask} is available.` +
                `If you do need very small subnets, please specify them explicitly.`,
        );
    }
    const maxBitmask = Math.max(azBitmask, 16);
    return defaultSubnetInputsBare().map((t, i) => ({ type: t.type, cidrMask: maxBitmask + i + 1 }));
}

/** The first block of `nextBitmask` after `previous` (widened first, so a larger block cannot overlap it). */
export function nextNetmask(previous: Netmask, nextBitmask: number): Netmask {
    return new Netmask(previous.last, nextBitmask).next();
}

/** The bits needed to number `count` things. */
export function newBits(count: number): number {
    return count === 0 ? 0 : Math.ceil(Math.log2(count));
}

export type ExplicitSubnetSpecInputs = SubnetSpecInputs & Required<Pick<SubnetSpecInputs, "cidrBlocks">>;

/** Explicit layouts: each spec's i-th block in the i-th zone. */
export function getSubnetSpecsExplicit(
    vpcName: string,
    azNames: string[],
    subnetInputs: ExplicitSubnetSpecInputs[],
    nameTagStrategy: SubnetNameTagStrategy = "Legacy",
): SubnetSpec[] {
    return azNames.flatMap((azName, azIndex) =>
        subnetInputs.map((spec) => ({
            cidrBlock: spec.cidrBlocks[azIndex],
            type: spec.type,
            azName,
            ...subnetNames(vpcName, spec, azIndex + 1, azName, nameTagStrategy),
            assignIpv6AddressOnCreation: spec.assignIpv6AddressOnCreation,
            tags: spec.tags,
        })),
    );
}

export type NormalizedSubnetInputs =
    | { normalizedSpecs: SubnetSpecInputs[]; isExplicitLayout: false }
    | { normalizedSpecs: ExplicitSubnetSpecInputs[]; isExplicitLayout: true }
    | undefined;

/** Checks the specs agree with themselves (names, sizes, masks, blocks) and fills in cidrMask from size and back. */
export function validateAndNormalizeSubnetInputs(
    subnetArgs: SubnetSpecInputs[] | undefined,
    availabilityZoneCount: number,
): NormalizedSubnetInputs {
    if (subnetArgs === undefined) return undefined;
    const issues: string[] = [];

    // At most one unnamed spec per type, and names unique within a type: they name the resources.
    const typeGroups = new Map<string, SubnetSpecInputs[]>();
    for (const spec of subnetArgs) {
        const typeKey = spec.type.toLowerCase();
        typeGroups.set(typeKey, [...(typeGroups.get(typeKey) ?? []), spec]);
    }
    for (const [type, specs] of typeGroups) {
        if (specs.length <= 1) continue;
        const names = specs.map((s) => s.name);
        const named = names.filter((n) => n !== undefined);
        if (names.length - named.length > 1 || new Set(named).size < named.length) {
            issues.push(
                `Multiple subnet specs of type "${type}" require unique names. ` +
                    `You can have at most one unnamed subnet per type. All other subnets of the same type must have unique "name" properties to avoid duplicate resource names.`,
            );
        }
    }

    const invalidSizes = subnetArgs.filter((spec) => spec.size !== undefined && !validSubnetSizes.includes(spec.size));
    if (invalidSizes.length > 0) {
        issues.push(
            `The following subnet sizes are invalid: ${invalidSizes
                .map((spec) => spec.size)
                .join(", ")}. Valid sizes are: ${validSubnetSizes.join(", ")}.`,
        );
    }

    if (subnetArgs.some((subnet) => subnet.cidrBlocks !== undefined)) {
        const explicitSpecs: ExplicitSubnetSpecInputs[] = [];
        subnetArgs.forEach((spec, specIndex) => {
            const cidrBlocks = spec.cidrBlocks;
            if (cidrBlocks === undefined) {
                issues.push("If any subnet spec has explicit cidrBlocks, all subnets must have explicit cidrBlocks.");
                return;
            }
            if (cidrBlocks.length !== availabilityZoneCount) {
                issues.push(
                    `The number of CIDR blocks in subnetSpecs[${specIndex}] must match the number of availability zones (${availabilityZoneCount}).`,
                );
                return;
            }
            const blockMasks = cidrBlocks.map((b) => new Netmask(b));
            if (spec.cidrMask !== undefined && !blockMasks.every((b) => b.bitmask === spec.cidrMask)) {
                issues.push(
                    `The cidrMask in subnetSpecs[${specIndex}] must match all cidrBlocks or be left undefined.`,
                );
                return;
            }
            if (spec.size !== undefined && !blockMasks.every((b) => b.size === spec.size)) {
                issues.push(`The size in subnetSpecs[${specIndex}] must match all cidrBlocks or be left undefined.`);
                return;
            }
            explicitSpecs.push({ ...spec, cidrBlocks });
        });
        if (issues.length === 0) return { normalizedSpecs: explicitSpecs, isExplicitLayout: true };
    } else {
        const normalizedSpecs = subnetArgs.map((spec) => {
            // The provider tests truthiness here: a size of 0 or a /0 counts as unset.
            const cidrMask = spec.cidrMask ?? (spec.size ? validSubnetSizes.indexOf(spec.size) : undefined);
            const expectedSize = cidrMask ? validSubnetSizes[cidrMask] : undefined;
            if (spec.size !== undefined && expectedSize !== undefined && expectedSize !== spec.size) {
                issues.push(
                    `Subnet size ${spec.size} does not match the expected size for a /${cidrMask} subnet (${expectedSize}).`,
                );
            }
            return { ...spec, cidrMask, size: expectedSize };
        });
        if (issues.length === 0) return { normalizedSpecs, isExplicitLayout: false };
    }
    throw new Error(`Invalid subnet specifications:\n - ${issues.join("\n - ")}`);
}

/** The number of addresses of a block, indexed by its prefix length. */
export const validSubnetSizes: readonly number[] = Array.from({ length: 31 }, (_, mask) => 2 ** (32 - mask));

/** Runs `check` on the specs now when every block is known, else once they resolve, before any block does. */
export function validatePartialSubnetSpecs(
    specs: SubnetSpecPartial[],
    check: (specs: SubnetSpec[]) => void,
): SubnetSpecPartial[] {
    // Follows subnetSpecs.ts.
    if (specs.every((s) => typeof s.cidrBlock === "string")) {
        check(specs as SubnetSpec[]);
        return specs;
    }
    const checked = pulumi.output(specs).apply((xs) => {
        check(xs);
        return xs;
    });
    return specs.map((s, index) => ({ ...s, cidrBlock: checked.apply((cs) => cs[index].cidrBlock) }));
}
