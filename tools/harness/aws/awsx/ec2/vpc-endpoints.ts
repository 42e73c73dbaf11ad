/**
 * The VPC's endpoints, following the endpoint half of pulumi-awsx awsx/ec2/vpc.ts: under
 * vpcEndpointStrategy "Legacy" each spec becomes an `aws.ec2.VpcEndpoint` as written (with a
 * warning when it lacks the subnets or route tables its type needs); under "Auto" an interface
 * endpoint gets one generated subnet per zone, private DNS and a security group open to the VPC on
 * 443, and a gateway endpoint gets every generated route table.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { VpcArgs, VpcEndpointSpecInputs, VpcEndpointStrategy } from "./args";

/** A spec and its endpoint type, lowercased, when it is statically known. */
export interface ResolvedVpcEndpointSpec {
    spec: VpcEndpointSpecInputs;
    endpointType: string | undefined;
}

/** A subnet the VPC created, as the Auto strategy picks among them. */
export interface GeneratedSubnet {
    id: pulumi.Output<string>;
    type: string;
    azName: string;
}

/** The endpoint type ("gateway" when unset); Auto cannot work with one only known later. */
export function getVpcEndpointType(spec: VpcEndpointSpecInputs, strategy: VpcEndpointStrategy): string | undefined {
    const endpointType =
        spec.vpcEndpointType === undefined
            ? "gateway"
            : typeof spec.vpcEndpointType === "string"
              ? spec.vpcEndpointType.toLowerCase()
              : undefined;
    if (strategy === "Auto" && endpointType === undefined) {
        throw new Error(
            `vpcEndpointStrategy "Auto" requires vpcEndpointType for endpoint "${spec.serviceName}" to be omitted or a plain string. Use vpcEndpointStrategy "Legacy" for dynamic endpoint types.`,
        );
    }
    return endpointType;
}

/** Auto turns the VPC's DNS attributes on when an interface endpoint wants private DNS, and refuses a literal false. */
export function getVpcEndpointDnsDefaults(
    args: VpcArgs,
    strategy: VpcEndpointStrategy,
    endpointSpecs: ResolvedVpcEndpointSpec[],
): Pick<VpcArgs, "enableDnsHostnames" | "enableDnsSupport"> {
    const unchanged = { enableDnsHostnames: args.enableDnsHostnames, enableDnsSupport: args.enableDnsSupport };
    if (strategy !== "Auto") return unchanged;
    const shouldEnableDns = endpointSpecs.some(
        ({ spec, endpointType }) =>
            endpointType === "interface" && (spec.privateDnsEnabled === undefined || spec.privateDnsEnabled === true),
    );
    if (!shouldEnableDns) return unchanged;
    for (const name of ["enableDnsHostnames", "enableDnsSupport"] as const) {
        if (args[name] === false)
            throw new Error(
                `vpcEndpointStrategy "Auto" requires ${name} to be true when Interface endpoint private DNS is enabled.`,
            );
    }
    return { enableDnsHostnames: args.enableDnsHostnames ?? true, enableDnsSupport: args.enableDnsSupport ?? true };
}

/** The provider's guidance for Legacy specs that leave out the generated IDs their type needs. */
async function warnIncompleteLegacySpec(
    spec: VpcEndpointSpecInputs,
    endpointType: string | undefined,
    resource: pulumi.Resource,
): Promise<void> {
    if (endpointType === undefined) return;
    if (endpointType === "interface" && spec.subnetIds === undefined && spec.subnetConfigurations === undefined) {
        await pulumi.log.warn(
            `VPC endpoint "${spec.serviceName}" is an Interface endpoint without subnetIds or subnetConfigurations. Specify vpcEndpointStrategy: "Auto" to use generated VPC subnets.`,
            resource,
        );
    }
    if (endpointType === "gateway" && spec.routeTableIds === undefined) {
        await pulumi.log.warn(
            `VPC endpoint "${spec.serviceName}" is a Gateway endpoint without routeTableIds. Specify vpcEndpointStrategy: "Auto" to use generated VPC route tables.`,
            resource,
        );
    }
}

/** One generated subnet per zone, private before isolated before public. */
function selectSubnetIds(generated: GeneratedSubnet[], availabilityZones: string[]): pulumi.Output<string>[] {
    const ids: pulumi.Output<string>[] = [];
    for (const azName of availabilityZones) {
        for (const type of ["private", "isolated", "public"]) {
            const subnet = generated.find((s) => s.azName === azName && s.type.toLowerCase() === type);
            if (subnet) {
                ids.push(subnet.id);
                break;
            }
        }
    }
    return ids;
}

/** The security group an Auto interface endpoint gets when it names none: HTTPS in from the VPC's blocks. */
function createSecurityGroupId(
    spec: VpcEndpointSpecInputs,
    region: pulumi.Input<string> | undefined,
    vpc: aws.ec2.Vpc,
    sharedTags: Record<string, pulumi.Input<string>>,
): pulumi.Output<string> {
    const securityGroup = new aws.ec2.SecurityGroup(
        `${spec.serviceName}-sg`,
        { region, vpcId: vpc.id, tags: { ...sharedTags, ...(spec.tags as object) } },
        { parent: vpc, dependsOn: [vpc] },
    );
    const ipAddressType = typeof spec.ipAddressType === "string" ? spec.ipAddressType.toLowerCase() : undefined;
    new aws.ec2.SecurityGroupRule(
        `${spec.serviceName}-ingress`,
        {
            region,
            type: "ingress",
            securityGroupId: securityGroup.id,
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [vpc.cidrBlock],
            ...(ipAddressType === "ipv6" || ipAddressType === "dualstack"
                ? { ipv6CidrBlocks: [vpc.ipv6CidrBlock] }
                : {}),
        },
        { parent: vpc, dependsOn: [securityGroup] },
    );
    return securityGroup.id;
}

/** Creates the endpoints of `endpointSpecs`, children of the VPC, in order. */
export async function createVpcEndpoints(options: {
    component: pulumi.Resource;
    args: VpcArgs;
    strategy: VpcEndpointStrategy;
    endpointSpecs: ResolvedVpcEndpointSpec[];
    vpc: aws.ec2.Vpc;
    sharedTags: Record<string, pulumi.Input<string>>;
    generatedSubnets: GeneratedSubnet[];
    routeTables: aws.ec2.RouteTable[];
    availabilityZones: string[];
}): Promise<aws.ec2.VpcEndpoint[]> {
    const { component, args, strategy, vpc, sharedTags } = options;
    const endpoints: aws.ec2.VpcEndpoint[] = [];
    for (const { spec, endpointType } of options.endpointSpecs) {
        if (strategy === "Legacy") await warnIncompleteLegacySpec(spec, endpointType, component);
        const region = spec.region ?? args.region;
        const isAutoInterface = strategy === "Auto" && endpointType === "interface";
        const isAutoGateway = strategy === "Auto" && endpointType === "gateway";
        const subnetIds =
            isAutoInterface && spec.subnetIds === undefined && spec.subnetConfigurations === undefined
                ? selectSubnetIds(options.generatedSubnets, options.availabilityZones)
                : spec.subnetIds;
        const privateDnsEnabled =
            isAutoInterface && spec.privateDnsEnabled === undefined ? true : spec.privateDnsEnabled;
        const securityGroupIds =
            isAutoInterface && spec.securityGroupIds === undefined
                ? [createSecurityGroupId(spec, region, vpc, sharedTags)]
                : spec.securityGroupIds;
        const routeTableIds =
            isAutoGateway && spec.routeTableIds === undefined
                ? options.routeTables.map((rt) => rt.id)
                : spec.routeTableIds;
        endpoints.push(
            new aws.ec2.VpcEndpoint(
                spec.serviceName,
                {
                    autoAccept: spec.autoAccept,
                    dnsOptions: spec.dnsOptions,
                    ipAddressType: spec.ipAddressType,
                    policy: spec.policy,
                    privateDnsEnabled,
                    region,
                    resourceConfigurationArn: spec.resourceConfigurationArn,
                    routeTableIds,
                    securityGroupIds,
                    serviceName: spec.serviceName,
                    serviceNetworkArn: spec.serviceNetworkArn,
                    serviceRegion: spec.serviceRegion,
                    subnetConfigurations: spec.subnetConfigurations,
                    subnetIds,
                    tags: { ...sharedTags, ...(spec.tags as object) },
                    vpcEndpointType: spec.vpcEndpointType,
                    vpcId: vpc.id,
                },
                { parent: vpc, dependsOn: [vpc] },
            ),
        );
    }
    return endpoints;
}
