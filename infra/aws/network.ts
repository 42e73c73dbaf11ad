import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { ipv6SubnetCidr, natGatewayForZone, planSubnets } from "../network-plan";
import { transform, Transform } from "../transform";
import { SecurityGroupRole } from "./rule-plan";
import { nameTag } from "./tags";

/** Escape hatches for the network's children, by role. */
export interface NetworkTransform {
    vpc?: Transform<aws.ec2.VpcArgs>;
    internetGateway?: Transform<aws.ec2.InternetGatewayArgs>;
    /** Called for every public and private subnet (`${name}-public-1`, `${name}-private-1`, ...). */
    subnet?: Transform<aws.ec2.SubnetArgs>;
    /** Called for the public route table and each zone's private one. */
    routeTable?: Transform<aws.ec2.RouteTableArgs>;
    /** Called for every default route (IPv4 and IPv6 to the internet gateway, IPv4 to a NAT gateway). */
    route?: Transform<aws.ec2.RouteArgs>;
    /** Called for every subnet's route table association. */
    routeTableAssociation?: Transform<aws.ec2.RouteTableAssociationArgs>;
    /** Called for each NAT gateway's elastic IP. */
    natIp?: Transform<aws.ec2.EipArgs>;
    natGateway?: Transform<aws.ec2.NatGatewayArgs>;
    /** Called for each of the four security groups. */
    securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
}

export interface NetworkArgs {
    /** The AWS region, for messages (the provider places the resources). Required. */
    region: string;
    /**
     * The VPC's private IPv4 range, /16 to /20. Required: the platform passes `webtier:vpcCidr`
     * (its default is parseConfig's `DEFAULTS.vpcCidr`), so a range is chosen per stack, never here.
     */
    ipRange: string;
    /**
     * Availability zones to spread subnets over, 2 or 3. Required: `webtier:zones` (default
     * `DEFAULTS.zones`). The database and cache need subnets in at least two zones.
     */
    zones: number;
    /**
     * NAT gateways for the private subnets' egress, 1 to `zones`. Required: the platform passes
     * `natGatewayCount(environment, zones)` (infra/network-plan.ts): one per zone in prod, so a zone
     * outage does not cut the other zones' servers off; one shared elsewhere, since each costs money.
     */
    natGateways: number;
    /** Escape hatches for the children. Default: none. */
    transform?: NetworkTransform;
}

/** The security groups' descriptions say what each one is for; AWS shows them in every console list. */
const SECURITY_GROUP_DESCRIPTIONS: Record<SecurityGroupRole, string> = {
    balancer: "webtier load balancer: the only public entry point",
    app: "webtier app servers: web traffic from the balancer only",
    database: "webtier database: reachable from the app servers only",
    cache: "webtier cache: reachable from the app servers only",
};

const SECURITY_GROUP_SUFFIX: Record<SecurityGroupRole, string> = {
    balancer: "lb-sg",
    app: "app-sg",
    database: "db-sg",
    cache: "cache-sg",
};

/**
 * The VPC of the tier: a public and a private subnet in each of `zones` availability
 * zones, an internet gateway for the public subnets, NAT egress for the private ones, and
 * the four security groups as bare identities (their rules are `rules.ts`'s job).
 *
 * The VPC also gets an Amazon-provided IPv6 block; only the public subnets use it, so the
 * balancer can answer over IPv6. Servers, database and cache stay IPv4-only and private.
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpc: aws.ec2.Vpc;
    /** One per zone, in zone order. */
    public readonly publicSubnets: aws.ec2.Subnet[];
    /** One per zone, in zone order. */
    public readonly privateSubnets: aws.ec2.Subnet[];
    /** The availability zone names, in zone order. */
    public readonly zoneNames: pulumi.Output<string>[];
    public readonly internetGateway: aws.ec2.InternetGateway;
    public readonly natGateways: aws.ec2.NatGateway[];
    public readonly securityGroups: Record<SecurityGroupRole, aws.ec2.SecurityGroup>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Refused before anything is registered.
        if (!Number.isInteger(args.natGateways) || args.natGateways < 1 || args.natGateways > args.zones) {
            throw new Error(
                `webtier: ${name}: natGateways must be a whole number from 1 to zones (${args.zones}), got ${args.natGateways}.`,
            );
        }
        super("webtier:aws:Network", name, {}, opts);
        const t = args.transform ?? {};
        const plan = planSubnets(args.ipRange, args.zones);

        const vpcName = childName(name, "vpc");
        this.vpc = new aws.ec2.Vpc(
            ...transform(
                t.vpc,
                vpcName,
                {
                    cidrBlock: args.ipRange,
                    enableDnsSupport: true,
                    // RDS and ElastiCache endpoints are DNS names; the servers must resolve them.
                    enableDnsHostnames: true,
                    assignGeneratedIpv6CidrBlock: true,
                    tags: nameTag(vpcName),
                },
                { parent: this },
            ),
        );

        // Skip Local Zones and Wavelength zones: they lack RDS and ElastiCache.
        const zones = aws.getAvailabilityZonesOutput(
            {
                state: "available",
                filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
            },
            { parent: this },
        );
        this.zoneNames = plan.map(({ zoneIndex }) =>
            zones.names.apply((names) => {
                if (names.length <= zoneIndex) {
                    throw new Error(
                        `webtier:zones is ${args.zones} but region ${args.region} offers only ${names.length} availability zone(s); lower webtier:zones.`,
                    );
                }
                return names[zoneIndex];
            }),
        );

        const gatewayName = childName(name, "igw");
        this.internetGateway = new aws.ec2.InternetGateway(
            ...transform(
                t.internetGateway,
                gatewayName,
                { vpcId: this.vpc.id, tags: nameTag(gatewayName) },
                { parent: this },
            ),
        );

        this.publicSubnets = plan.map(({ zoneIndex, publicCidr }) => {
            const subnetName = childName(name, `public-${zoneIndex + 1}`);
            return new aws.ec2.Subnet(
                ...transform(
                    t.subnet,
                    subnetName,
                    {
                        vpcId: this.vpc.id,
                        availabilityZone: this.zoneNames[zoneIndex],
                        cidrBlock: publicCidr,
                        ipv6CidrBlock: this.vpc.ipv6CidrBlock.apply((block) =>
                            block ? ipv6SubnetCidr(block, zoneIndex) : undefined,
                        ),
                        // Nothing launched here gets a public address by accident: the balancer and NAT bring their own.
                        mapPublicIpOnLaunch: false,
                        tags: { ...nameTag(subnetName), "webtier:tier": "public" },
                    },
                    { parent: this },
                ),
            );
        });
        this.privateSubnets = plan.map(({ zoneIndex, privateCidr }) => {
            const subnetName = childName(name, `private-${zoneIndex + 1}`);
            return new aws.ec2.Subnet(
                ...transform(
                    t.subnet,
                    subnetName,
                    {
                        vpcId: this.vpc.id,
                        availabilityZone: this.zoneNames[zoneIndex],
                        cidrBlock: privateCidr,
                        mapPublicIpOnLaunch: false,
                        tags: { ...nameTag(subnetName), "webtier:tier": "private" },
                    },
                    { parent: this },
                ),
            );
        });

        const publicTableName = childName(name, "public-rt");
        const publicRoutes = new aws.ec2.RouteTable(
            ...transform(
                t.routeTable,
                publicTableName,
                { vpcId: this.vpc.id, tags: nameTag(publicTableName) },
                { parent: this },
            ),
        );
        new aws.ec2.Route(
            ...transform(
                t.route,
                childName(name, "public-default-ipv4"),
                {
                    routeTableId: publicRoutes.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    gatewayId: this.internetGateway.id,
                },
                { parent: this },
            ),
        );
        new aws.ec2.Route(
            ...transform(
                t.route,
                childName(name, "public-default-ipv6"),
                {
                    routeTableId: publicRoutes.id,
                    destinationIpv6CidrBlock: "::/0",
                    gatewayId: this.internetGateway.id,
                },
                { parent: this },
            ),
        );
        this.publicSubnets.forEach((subnet, index) => {
            new aws.ec2.RouteTableAssociation(
                ...transform(
                    t.routeTableAssociation,
                    childName(name, `public-rta-${index + 1}`),
                    { subnetId: subnet.id, routeTableId: publicRoutes.id },
                    { parent: this },
                ),
            );
        });

        this.natGateways = [];
        for (let index = 0; index < args.natGateways; index += 1) {
            const ipName = childName(name, `nat-eip-${index + 1}`);
            const eip = new aws.ec2.Eip(
                ...transform(t.natIp, ipName, { domain: "vpc", tags: nameTag(ipName) }, { parent: this }),
            );
            const natName = childName(name, `nat-${index + 1}`);
            this.natGateways.push(
                new aws.ec2.NatGateway(
                    ...transform(
                        t.natGateway,
                        natName,
                        {
                            allocationId: eip.id,
                            subnetId: this.publicSubnets[index].id,
                            connectivityType: "public",
                            tags: nameTag(natName),
                        },
                        { parent: this, dependsOn: [this.internetGateway] },
                    ),
                ),
            );
        }
        // One route table per zone even with a shared gateway, so moving to a gateway per
        // zone (prod) changes one route per table instead of re-associating subnets.
        this.privateSubnets.forEach((subnet, index) => {
            const tableName = childName(name, `private-rt-${index + 1}`);
            const table = new aws.ec2.RouteTable(
                ...transform(
                    t.routeTable,
                    tableName,
                    { vpcId: this.vpc.id, tags: nameTag(tableName) },
                    { parent: this },
                ),
            );
            new aws.ec2.Route(
                ...transform(
                    t.route,
                    childName(name, `private-default-${index + 1}`),
                    {
                        routeTableId: table.id,
                        destinationCidrBlock: "0.0.0.0/0",
                        natGatewayId: this.natGateways[natGatewayForZone(index, args.natGateways)].id,
                    },
                    { parent: this },
                ),
            );
            new aws.ec2.RouteTableAssociation(
                ...transform(
                    t.routeTableAssociation,
                    childName(name, `private-rta-${index + 1}`),
                    { subnetId: subnet.id, routeTableId: table.id },
                    { parent: this },
                ),
            );
        });

        const group = (role: SecurityGroupRole) => {
            const groupName = childName(name, SECURITY_GROUP_SUFFIX[role]);
            return new aws.ec2.SecurityGroup(
                ...transform(
                    t.securityGroup,
                    groupName,
                    {
                        vpcId: this.vpc.id,
                        description: SECURITY_GROUP_DESCRIPTIONS[role],
                        // No inline ingress/egress: the provider then also removes AWS's default
                        // allow-all egress, so a group admits exactly what rules.ts adds.
                        revokeRulesOnDelete: true,
                        tags: nameTag(groupName),
                    },
                    { parent: this },
                ),
            );
        };
        this.securityGroups = {
            balancer: group("balancer"),
            app: group("app"),
            database: group("database"),
            cache: group("cache"),
        };

        this.registerOutputs({ vpcId: this.vpc.id });
    }
}
