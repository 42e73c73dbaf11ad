/**
 * `awsx.ec2.Vpc`, built in this process as the awsx provider's Construct builds it: pulumi-awsx
 * awsx/ec2/vpc.ts (`Vpc.initialize` and the methods it calls), with the subnet layout from
 * subnet-legacy.ts / subnet-new.ts and the rules from vpc-rules.ts.
 *
 * Inside the component: the `aws.ec2.Vpc` (named as the component); under it the internet gateway
 * (same name), the subnets (`<vpc>-<type or spec name>-<zone index>`) and the endpoints; under each
 * subnet its route table, and an Elastic IP and NAT gateway (`<vpc>-<zone index>`) where the NAT
 * strategy puts one; under each route table its association and default route (to the internet
 * gateway from public subnets, to the zone's or the single NAT gateway from private ones, none
 * from isolated ones).
 *
 * The work runs in an async function, as the provider's `initialize` does: a zone lookup
 * (`aws.getAvailabilityZones`, which the harness's mocks answer in previews too) comes before the
 * children, and an invalid argument rejects every output, which fails the run as the provider's
 * Construct error fails it under the engine.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type {
    NatGatewayStrategy,
    ResolvedSubnetSpec,
    SubnetAllocationStrategy,
    SubnetSpec,
    SubnetSpecPartial,
    VpcArgs,
    VpcEndpointStrategy,
} from "./args";
import { escapeFailure } from "../../../component-args";
import { getSubnetSpecsLegacy } from "./subnet-legacy";
import { validateAzSuffixes } from "./subnet-naming";
import {
    assertAutoMergeCompatibleSubnetSpecs,
    getSubnetSpecs,
    getSubnetSpecsAutoMerge,
    getSubnetSpecsExplicit,
    NormalizedSubnetInputs,
    validateAndNormalizeSubnetInputs,
    validatePartialSubnetSpecs,
} from "./subnet-new";
import { createVpcEndpoints, GeneratedSubnet, getVpcEndpointDnsDefaults, getVpcEndpointType } from "./vpc-endpoints";
import {
    compareSubnetSpecs,
    createIpv6SubnetCidrBlock,
    decideCidrBlock,
    extractSubnetSpecInputFromLegacyLayout,
    pickSubnetAllocator,
    shouldCreateNatGateway,
    toResolvedSubnetSpecs,
    validateEips,
    validateNatGatewayStrategy,
    validateNoGaps,
    validateSubnets,
    validateVpcArgs,
} from "./vpc-rules";

/** What the provider's `initialize` hands back, from which the component's outputs are read. */
interface VpcData {
    vpc: aws.ec2.Vpc;
    subnets: aws.ec2.Subnet[];
    publicSubnets: aws.ec2.Subnet[];
    privateSubnets: aws.ec2.Subnet[];
    isolatedSubnets: aws.ec2.Subnet[];
    vpcEndpoints: aws.ec2.VpcEndpoint[];
    routeTables: aws.ec2.RouteTable[];
    routes: aws.ec2.Route[];
    routeTableAssociations: aws.ec2.RouteTableAssociation[];
    igw: aws.ec2.InternetGateway;
    natGateways: aws.ec2.NatGateway[];
    eips: aws.ec2.Eip[];
    subnetLayout: pulumi.Output<ResolvedSubnetSpec[]>;
    publicSubnetIds: pulumi.Output<string>[];
    privateSubnetIds: pulumi.Output<string>[];
    isolatedSubnetIds: pulumi.Output<string>[];
    vpcId: pulumi.Output<string>;
}

type SharedTags = Record<string, pulumi.Input<string>>;

export class Vpc extends pulumi.ComponentResource {
    /** The SDK class's type token. */
    static readonly __pulumiType = "awsx:ec2:Vpc";

    /** As the generated SDK class tests it: by type token, so it works across copies of the SDK. */
    static isInstance(obj: any): obj is Vpc {
        if (obj === undefined || obj === null) return false;
        return obj["__pulumiType"] === Vpc.__pulumiType;
    }

    readonly eips: pulumi.Output<aws.ec2.Eip[]>;
    readonly internetGateway: pulumi.Output<aws.ec2.InternetGateway>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnets: pulumi.Output<aws.ec2.Subnet[]>;
    readonly natGateways: pulumi.Output<aws.ec2.NatGateway[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnets: pulumi.Output<aws.ec2.Subnet[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly publicSubnets: pulumi.Output<aws.ec2.Subnet[]>;
    readonly routeTableAssociations: pulumi.Output<aws.ec2.RouteTableAssociation[]>;
    readonly routeTables: pulumi.Output<aws.ec2.RouteTable[]>;
    readonly routes: pulumi.Output<aws.ec2.Route[]>;
    readonly subnetLayout: pulumi.Output<ResolvedSubnetSpec[]>;
    readonly subnets: pulumi.Output<aws.ec2.Subnet[]>;
    readonly vpc: pulumi.Output<aws.ec2.Vpc>;
    readonly vpcEndpoints: pulumi.Output<aws.ec2.VpcEndpoint[]>;
    readonly vpcId: pulumi.Output<string>;

    constructor(name: string, args?: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super(Vpc.__pulumiType, name, {}, opts);
        // Resources pass through `pulumi.output` as they are (it does not unwrap them); the casts
        // only undo the type-level unwrapping.
        const built = escapeFailure(buildVpc(this, name, args ?? {}));
        // Each output depends on the resources its own value comes from (privateSubnetIds on the
        // private subnets), as the provider's Construct reports each output's dependencies and
        // the SDK gives them to the program's outputs; not on every resource of the VPC.
        const pick = (read: (d: VpcData) => unknown): any => pulumi.output(built.then(read));
        this.vpc = pick((d) => d.vpc);
        this.subnets = pick((d) => d.subnets);
        this.publicSubnets = pick((d) => d.publicSubnets);
        this.privateSubnets = pick((d) => d.privateSubnets);
        this.isolatedSubnets = pick((d) => d.isolatedSubnets);
        this.routeTables = pick((d) => d.routeTables);
        this.routes = pick((d) => d.routes);
        this.routeTableAssociations = pick((d) => d.routeTableAssociations);
        this.internetGateway = pick((d) => d.igw);
        this.natGateways = pick((d) => d.natGateways);
        this.eips = pick((d) => d.eips);
        this.subnetLayout = pick((d) => d.subnetLayout);
        this.privateSubnetIds = pick((d) => d.privateSubnetIds);
        this.publicSubnetIds = pick((d) => d.publicSubnetIds);
        this.isolatedSubnetIds = pick((d) => d.isolatedSubnetIds);
        this.vpcEndpoints = pick((d) => d.vpcEndpoints);
        this.vpcId = pick((d) => d.vpcId);
        // The outputs the provider's Construct returns (utils.ts resourceToConstructResult).
        this.registerOutputs({
            eips: this.eips,
            internetGateway: this.internetGateway,
            isolatedSubnetIds: this.isolatedSubnetIds,
            isolatedSubnets: this.isolatedSubnets,
            natGateways: this.natGateways,
            privateSubnetIds: this.privateSubnetIds,
            privateSubnets: this.privateSubnets,
            publicSubnetIds: this.publicSubnetIds,
            publicSubnets: this.publicSubnets,
            routeTableAssociations: this.routeTableAssociations,
            routeTables: this.routeTables,
            routes: this.routes,
            subnetLayout: this.subnetLayout,
            subnets: this.subnets,
            vpc: this.vpc,
            vpcEndpoints: this.vpcEndpoints,
            vpcId: this.vpcId,
        });
    }
}

/** Vpc.initialize. */
async function buildVpc(component: Vpc, name: string, inputArgs: VpcArgs): Promise<VpcData> {
    validateVpcArgs(inputArgs);

    const endpointStrategy: VpcEndpointStrategy = inputArgs.vpcEndpointStrategy ?? "Legacy";
    const endpointSpecs = (inputArgs.vpcEndpointSpecs ?? []).map((spec) => ({
        spec,
        endpointType: getVpcEndpointType(spec, endpointStrategy),
    }));
    const args: VpcArgs = {
        ...inputArgs,
        ...getVpcEndpointDnsDefaults(inputArgs, endpointStrategy, endpointSpecs),
    };

    if (args.availabilityZoneNames && args.numberOfAvailabilityZones)
        throw new Error("Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified");

    const availabilityZones = args.availabilityZoneNames
        ? args.availabilityZoneNames
        : await getDefaultAzs(component, args.numberOfAvailabilityZones, promptRegionForAzLookup(args.region));

    const natGatewayStrategy: NatGatewayStrategy = args.natGateways?.strategy ?? "OnePerAz";
    const allocationIds = args.natGateways?.elasticIpAllocationIds ?? [];
    validateEips(natGatewayStrategy, allocationIds, availabilityZones);

    const subnetStrategy: SubnetAllocationStrategy = args.subnetStrategy ?? "Legacy";
    const assignGeneratedIpv6CidrBlock = args.assignGeneratedIpv6CidrBlock ?? false;
    if ((args.subnetNameTagStrategy ?? "Legacy") === "AvailabilityZone") validateAzSuffixes(availabilityZones);

    // Spread as the provider spreads it (a `tags` Output would not merge there either).
    const sharedTags: SharedTags = { Name: name, ...(args.tags as SharedTags | undefined) };
    const cidrBlock = decideCidrBlock(args);

    const { vpc, subnetSpecs, subnetLayout } = createInnerVpc(
        component,
        name,
        subnetStrategy,
        availabilityZones,
        natGatewayStrategy,
        args,
        cidrBlock,
        sharedTags,
    );

    // Always created, even for isolated-only layouts: AWS does not charge for it (the provider's reasoning).
    const igw = new aws.ec2.InternetGateway(
        name,
        { region: args.region, vpcId: vpc.id, tags: sharedTags },
        { parent: vpc, dependsOn: [vpc] },
    );

    const subnets: aws.ec2.Subnet[] = [];
    const publicSubnets: aws.ec2.Subnet[] = [];
    const privateSubnets: aws.ec2.Subnet[] = [];
    const isolatedSubnets: aws.ec2.Subnet[] = [];
    const routeTables: aws.ec2.RouteTable[] = [];
    const routeTableAssociations: aws.ec2.RouteTableAssociation[] = [];
    const routes: aws.ec2.Route[] = [];
    const natGateways: aws.ec2.NatGateway[] = [];
    const eips: aws.ec2.Eip[] = [];
    const publicSubnetIds: pulumi.Output<string>[] = [];
    const privateSubnetIds: pulumi.Output<string>[] = [];
    const isolatedSubnetIds: pulumi.Output<string>[] = [];
    const generatedSubnets: GeneratedSubnet[] = [];

    for (let i = 0; i < availabilityZones.length; i++) {
        // The IPv6 /64 index: zone index first, then one zone count further per subnet.
        let subnetIndex = i;
        subnetSpecs
            .filter((x) => x.azName === availabilityZones[i] && x.type !== "Unused")
            // Public first, so the NAT gateway a private route needs exists when the route is made.
            .sort(compareSubnetSpecs)
            .forEach((spec) => {
                const type = spec.type.toLowerCase();
                const assignIpv6AddressOnCreation = pulumi
                    .all([spec.assignIpv6AddressOnCreation, assignGeneratedIpv6CidrBlock])
                    .apply(([subnetAssign, vpcAssign]) => subnetAssign ?? vpcAssign ?? false);
                const ipv6CidrBlock = subnetIpv6CidrBlock(vpc.ipv6CidrBlock, assignIpv6AddressOnCreation, subnetIndex);
                // The resource name stays index-based under either subnetNameTagStrategy; only the Name tag follows it.
                const subnet = new aws.ec2.Subnet(
                    spec.resourceName,
                    {
                        region: args.region,
                        vpcId: vpc.id,
                        availabilityZone: spec.azName,
                        mapPublicIpOnLaunch: type === "public",
                        cidrBlock: spec.cidrBlock,
                        assignIpv6AddressOnCreation,
                        ipv6CidrBlock: ipv6CidrBlock.apply((t) => t!),
                        tags: {
                            ...sharedTags,
                            ...(spec.tags as SharedTags | undefined),
                            Name: spec.nameTag,
                            SubnetType: spec.type,
                        },
                    },
                    { parent: vpc, dependsOn: [vpc] },
                );
                subnetIndex += availabilityZones.length;
                subnets.push(subnet);
                if (type === "public") {
                    publicSubnets.push(subnet);
                    publicSubnetIds.push(subnet.id);
                } else if (type === "private") {
                    privateSubnets.push(subnet);
                    privateSubnetIds.push(subnet.id);
                } else {
                    isolatedSubnets.push(subnet);
                    isolatedSubnetIds.push(subnet.id);
                }
                generatedSubnets.push({ id: subnet.id, type: spec.type, azName: spec.azName });

                const routeTable = new aws.ec2.RouteTable(
                    spec.resourceName,
                    {
                        region: args.region,
                        vpcId: vpc.id,
                        tags: { ...sharedTags, Name: spec.nameTag, SubnetType: spec.type },
                    },
                    { parent: subnet, dependsOn: [subnet] },
                );
                routeTables.push(routeTable);

                routeTableAssociations.push(
                    new aws.ec2.RouteTableAssociation(
                        spec.resourceName,
                        { region: args.region, routeTableId: routeTable.id, subnetId: subnet.id },
                        { parent: routeTable, dependsOn: [routeTable] },
                    ),
                );

                if (type === "public" && shouldCreateNatGateway(natGatewayStrategy, natGateways.length, i)) {
                    const createEip = allocationIds.length === 0;
                    if (createEip) {
                        // Named and tagged after the zone's index, without the VPC's Name tag.
                        eips.push(
                            new aws.ec2.Eip(
                                `${name}-${i + 1}`,
                                {
                                    region: args.region,
                                    tags: { ...(args.tags as SharedTags | undefined), Name: `${name}-${i + 1}` },
                                },
                                { parent: subnet, dependsOn: [subnet] },
                            ),
                        );
                    }
                    natGateways.push(
                        new aws.ec2.NatGateway(
                            `${name}-${i + 1}`,
                            {
                                region: args.region,
                                subnetId: subnet.id,
                                allocationId: createEip ? eips[i].allocationId : allocationIds[i],
                                tags: { ...(args.tags as SharedTags | undefined), Name: `${name}-${i + 1}` },
                            },
                            { parent: subnet, dependsOn: [subnet] },
                        ),
                    );
                }

                if (type === "public") {
                    routes.push(
                        new aws.ec2.Route(
                            spec.resourceName,
                            {
                                region: args.region,
                                routeTableId: routeTable.id,
                                gatewayId: igw.id,
                                destinationCidrBlock: "0.0.0.0/0",
                            },
                            { parent: routeTable, dependsOn: [routeTable] },
                        ),
                    );
                } else if (type === "private" && natGatewayStrategy.toLowerCase() !== "none") {
                    const natGatewayId =
                        natGatewayStrategy.toLowerCase() === "single" ? natGateways[0].id : natGateways[i].id;
                    routes.push(
                        new aws.ec2.Route(
                            spec.resourceName,
                            {
                                region: args.region,
                                routeTableId: routeTable.id,
                                natGatewayId,
                                destinationCidrBlock: "0.0.0.0/0",
                            },
                            { parent: routeTable, dependsOn: [routeTable] },
                        ),
                    );
                }
                // Isolated subnets get no route out.
            });
    }

    const vpcEndpoints = await createVpcEndpoints({
        component,
        args,
        strategy: endpointStrategy,
        endpointSpecs,
        vpc,
        sharedTags,
        generatedSubnets,
        routeTables,
        availabilityZones,
    });

    return {
        vpc,
        vpcEndpoints,
        subnets,
        publicSubnets,
        privateSubnets,
        isolatedSubnets,
        igw,
        routeTables,
        routeTableAssociations,
        routes,
        natGateways,
        eips,
        subnetLayout: subnetLayout.apply(toResolvedSubnetSpecs),
        privateSubnetIds,
        publicSubnetIds,
        isolatedSubnetIds,
        vpcId: vpc.id,
    };
}

/** Vpc.getDefaultAzs: the region's first `azCount` (3) zones, looked up through the component's provider. */
async function getDefaultAzs(component: Vpc, azCount?: number, region?: string): Promise<string[]> {
    const desiredCount = azCount ?? 3;
    const result = await aws.getAvailabilityZones(region ? { region } : undefined, { parent: component });
    if (!result.names) {
        throw new Error(
            "Could not fetch default Availability Zones. If this is an opt-in region, please enable the region first. Alternatively, you may specify an explicit list of zones in `availabilityZoneNames`.",
        );
    }
    if (result.names.length < desiredCount) {
        throw new Error(
            `The configured region for this provider does not have at least ${desiredCount} Availability Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least ${desiredCount} AZs.`,
        );
    }
    return result.names.slice(0, desiredCount);
}

function promptRegionForAzLookup(region?: pulumi.Input<string>): string | undefined {
    if (region !== undefined && typeof region !== "string") {
        throw new Error(
            "Vpc.region must be a plain string when availabilityZoneNames is not set. If region is dynamic, specify availabilityZoneNames explicitly.",
        );
    }
    return region;
}

/** vpc.ts handleIpv6Cidr: the subnet's /64 when it assigns IPv6 addresses, else nothing. */
function subnetIpv6CidrBlock(
    vpcIpv6CidrBlock: pulumi.Input<string>,
    assign: pulumi.Input<boolean>,
    subnetIndex: number,
): pulumi.Output<string | undefined> {
    return pulumi.all([vpcIpv6CidrBlock, assign]).apply(([cidrBlock, shouldAssign]) => {
        if (!shouldAssign) return undefined;
        if (!cidrBlock) {
            throw new Error(
                "Subnets with assignIpv6AddressOnCreation=true require the VPC to have an IPv6 CIDR block. Set assignGeneratedIpv6CidrBlock=true or provide ipv6CidrBlock.",
            );
        }
        return createIpv6SubnetCidrBlock(cidrBlock, subnetIndex);
    });
}

/**
 * Vpc.createInnerVpc: with a known CIDR the subnets are laid out and validated before the VPC is
 * registered (a bad layout registers nothing); with an IPAM-allocated one, after, from its output.
 */
function createInnerVpc(
    component: Vpc,
    name: string,
    subnetStrategy: SubnetAllocationStrategy,
    availabilityZones: string[],
    natGatewayStrategy: NatGatewayStrategy,
    args: VpcArgs,
    cidrBlock: string | undefined,
    sharedTags: SharedTags,
): { vpc: aws.ec2.Vpc; subnetSpecs: SubnetSpecPartial[]; subnetLayout: pulumi.Output<ResolvedSubnetSpec[]> } {
    // Every VpcArgs key goes to the VPC; aws.ec2.Vpc keeps the ones it knows.
    const newVpc = () => new aws.ec2.Vpc(name, { ...args, cidrBlock, tags: sharedTags }, { parent: component });
    const decide = (actualCidr: pulumi.Input<string>) =>
        decideAndValidateSubnetSpecs(
            component,
            name,
            subnetStrategy,
            availabilityZones,
            natGatewayStrategy,
            args,
            actualCidr,
        );
    if (cidrBlock) {
        const subnets = decide(cidrBlock);
        return { vpc: newVpc(), ...subnets };
    }
    const vpc = newVpc();
    return { vpc, ...decide(vpc.cidrBlock) };
}

function decideAndValidateSubnetSpecs(
    component: Vpc,
    name: string,
    subnetStrategy: SubnetAllocationStrategy,
    availabilityZones: string[],
    natGatewayStrategy: NatGatewayStrategy,
    args: VpcArgs,
    actualCidrBlock: pulumi.Input<string>,
): { subnetSpecs: SubnetSpecPartial[]; subnetLayout: pulumi.Output<ResolvedSubnetSpec[]> } {
    const decided = decideSubnetSpecs(component, name, actualCidrBlock, subnetStrategy, availabilityZones, args);
    const subnetSpecs = validatePartialSubnetSpecs(decided.subnetSpecs, (specs) => {
        validateSubnets(specs);
        // Only a CIDR known now is checked for gaps (an IPAM one implies ipv4NetmaskLength).
        if (subnetStrategy === "Exact" && typeof actualCidrBlock === "string") validateNoGaps(actualCidrBlock, specs);
        validateNatGatewayStrategy(natGatewayStrategy, specs);
    });
    return { subnetSpecs, subnetLayout: decided.subnetLayout };
}

/** Vpc.decideSubnetSpecs: the specs by allocator, and the layout the `subnetLayout` output reports. */
function decideSubnetSpecs(
    component: Vpc,
    name: string,
    cidrBlock: pulumi.Input<string>,
    subnetStrategy: SubnetAllocationStrategy,
    availabilityZones: string[],
    args: VpcArgs,
): { subnetSpecs: SubnetSpecPartial[]; subnetLayout: pulumi.Output<ResolvedSubnetSpec[]> } {
    const nameTagStrategy = args.subnetNameTagStrategy ?? "Legacy";
    if (subnetStrategy === "AutoMerge" && args.subnetSpecs !== undefined)
        assertAutoMergeCompatibleSubnetSpecs(args.subnetSpecs);
    const parsedSpecs: NormalizedSubnetInputs = validateAndNormalizeSubnetInputs(
        args.subnetSpecs,
        availabilityZones.length,
    );

    let subnetSpecs: SubnetSpecPartial[];
    const allocator = pickSubnetAllocator(parsedSpecs, subnetStrategy);
    switch (allocator.allocator) {
        case "LegacyAllocator":
            if (typeof cidrBlock !== "string") {
                throw new Error(
                    `Dynamically allocated cidrBlock ranges are not supported with subnetStrategy="Legacy". ` +
                        `"Try using subnetStrategy="Auto"`,
                );
            }
            subnetSpecs = getSubnetSpecsLegacy(
                name,
                cidrBlock,
                availabilityZones,
                parsedSpecs?.normalizedSpecs,
                undefined,
                nameTagStrategy,
            );
            break;
        case "ExplicitAllocator":
            subnetSpecs = getSubnetSpecsExplicit(name, availabilityZones, allocator.specs, nameTagStrategy);
            break;
        default:
            subnetSpecs = (subnetStrategy === "AutoMerge" ? getSubnetSpecsAutoMerge : getSubnetSpecs)(
                name,
                cidrBlock,
                availabilityZones,
                parsedSpecs?.normalizedSpecs,
                args.availabilityZoneCidrMask,
                nameTagStrategy,
            );
    }

    const subnetLayout: pulumi.Output<ResolvedSubnetSpec[]> =
        subnetStrategy === "Legacy" || subnetStrategy === "AutoMerge" || parsedSpecs?.normalizedSpecs === undefined
            ? pulumi
                  .output(subnetSpecs)
                  .apply((ss) => extractSubnetSpecInputFromLegacyLayout(ss as SubnetSpec[], name, availabilityZones))
                  .apply(toResolvedSubnetSpecs)
            : pulumi.output(parsedSpecs.normalizedSpecs).apply((specs) => toResolvedSubnetSpecs(specs as any));

    const verifiedSubnetLayout = subnetLayout.apply((layout) => {
        // Only a custom, non-explicit layout with no strategy named is warned about.
        if (args.subnetStrategy === undefined && parsedSpecs !== undefined && !parsedSpecs.isExplicitLayout) {
            void pulumi.log.warn(
                `The default subnetStrategy will change from "Legacy" to "Auto" in the next major version. Please specify the subnetStrategy explicitly. The current subnet layout can be specified via "Auto" as:\n\n${JSON.stringify(layout)}`,
                component,
            );
        }
        return layout;
    });
    return { subnetSpecs, subnetLayout: verifiedSubnetLayout };
}
