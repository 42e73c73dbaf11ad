/**
 * The arguments of awsx's ec2 components as the provider receives them (pulumi-awsx
 * awsx/schema-types.ts, matching the installed SDK's ec2/vpc.d.ts and types/input.d.ts), and the
 * subnet specs its distributors produce (awsx/ec2/subnetSpecs.ts).
 */
import type * as pulumi from "@pulumi/pulumi";

export type SubnetType = "Public" | "Private" | "Isolated" | "Unused";
export type NatGatewayStrategy = "None" | "Single" | "OnePerAz";
export type SubnetAllocationStrategy = "Legacy" | "Auto" | "AutoMerge" | "Exact";
export type SubnetNameTagStrategy = "Legacy" | "AvailabilityZone";
export type VpcEndpointStrategy = "Legacy" | "Auto";
export type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

/** One kind of subnet, repeated in every availability zone (`SubnetSpecArgs`). */
export interface SubnetSpecInputs {
    type: SubnetType;
    /** Part of the subnet's name (`<vpc>-<name>-<az>`); the lowercased type when unset. */
    name?: string;
    /** The prefix length of each subnet; the strategy picks one when unset. */
    cidrMask?: number;
    /** The number of addresses of each subnet: another way to give `cidrMask`. */
    size?: number;
    /** One block per availability zone: an explicit layout. */
    cidrBlocks?: string[];
    /** Defaults to the VPC's `assignGeneratedIpv6CidrBlock`. */
    assignIpv6AddressOnCreation?: boolean;
    /** Merged over the VPC's tags on this type's subnets. */
    tags?: Tags;
}

/** `NatGatewayConfigurationArgs`. */
export interface NatGatewayConfigurationInputs {
    strategy: NatGatewayStrategy;
    /** Existing Elastic IPs for the NAT gateways, instead of new ones. */
    elasticIpAllocationIds?: pulumi.Input<string>[];
}

/** `VpcEndpointSpecArgs`: an `aws.ec2.VpcEndpoint`'s arguments, named by its service. */
export interface VpcEndpointSpecInputs {
    serviceName: string;
    autoAccept?: boolean;
    dnsOptions?: pulumi.Input<any>;
    ipAddressType?: pulumi.Input<string>;
    policy?: pulumi.Input<string>;
    privateDnsEnabled?: boolean;
    region?: pulumi.Input<string>;
    resourceConfigurationArn?: pulumi.Input<string>;
    routeTableIds?: pulumi.Input<pulumi.Input<string>[]>;
    securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    serviceNetworkArn?: pulumi.Input<string>;
    serviceRegion?: pulumi.Input<string>;
    subnetConfigurations?: pulumi.Input<pulumi.Input<any>[]>;
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    tags?: Tags;
    /** "Gateway" when unset. */
    vpcEndpointType?: pulumi.Input<string>;
}

/** `awsx.ec2.VpcArgs`. Everything an `aws.ec2.Vpc` takes is passed on to the VPC itself. */
export interface VpcArgs {
    assignGeneratedIpv6CidrBlock?: pulumi.Input<boolean>;
    /** The prefix length of each zone's share of the VPC (Auto, AutoMerge). */
    availabilityZoneCidrMask?: number;
    /** The zones to use; the region's first `numberOfAvailabilityZones` when unset. */
    availabilityZoneNames?: string[];
    /** "10.0.0.0/16" unless an IPAM pool allocates it. */
    cidrBlock?: string;
    enableDnsHostnames?: pulumi.Input<boolean>;
    enableDnsSupport?: pulumi.Input<boolean>;
    enableNetworkAddressUsageMetrics?: pulumi.Input<boolean>;
    instanceTenancy?: pulumi.Input<string>;
    ipv4IpamPoolId?: pulumi.Input<string>;
    ipv4NetmaskLength?: pulumi.Input<number>;
    ipv6CidrBlock?: pulumi.Input<string>;
    ipv6CidrBlockNetworkBorderGroup?: pulumi.Input<string>;
    ipv6IpamPoolId?: pulumi.Input<string>;
    ipv6NetmaskLength?: pulumi.Input<number>;
    /** One NAT gateway per zone (OnePerAz) unless set. */
    natGateways?: NatGatewayConfigurationInputs;
    /** 3 unless set. */
    numberOfAvailabilityZones?: number;
    region?: pulumi.Input<string>;
    /** How the subnets' Name tags end: the zone's index (Legacy) or its suffix ("1a"). */
    subnetNameTagStrategy?: SubnetNameTagStrategy;
    /** Private and public subnets in each zone when unset. */
    subnetSpecs?: SubnetSpecInputs[];
    /** How subnet blocks are laid out: "Legacy" unless set. */
    subnetStrategy?: SubnetAllocationStrategy;
    tags?: Tags;
    vpcEndpointSpecs?: VpcEndpointSpecInputs[];
    /** Whether endpoints get generated subnets, route tables and a security group: "Legacy" (no) unless set. */
    vpcEndpointStrategy?: VpcEndpointStrategy;
}

/** One subnet to create, as a distributor lays it out (subnetSpecs.ts `SubnetSpec`). */
export interface SubnetSpec {
    cidrBlock: string;
    type: SubnetType;
    azName: string;
    /** The Pulumi name of the subnet and of what hangs off it: always the index-based one. */
    resourceName: string;
    /** The AWS Name tag: `resourceName`, or the zone-suffixed name under subnetNameTagStrategy AvailabilityZone. */
    nameTag: string;
    assignIpv6AddressOnCreation?: boolean;
    tags?: Tags;
}

/** A SubnetSpec whose block an IPAM-allocated VPC CIDR decides later (subnetSpecs.ts `SubnetSpecPartial`). */
export type SubnetSpecPartial = Omit<SubnetSpec, "cidrBlock"> & { cidrBlock: pulumi.Input<string> };

/** One entry of the Vpc's `subnetLayout` output (`ResolvedSubnetSpec`). */
export interface ResolvedSubnetSpec {
    type: SubnetType;
    name?: string;
    cidrMask?: number;
    size?: number;
    cidrBlocks?: string[];
}
