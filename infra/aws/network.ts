import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { applyTransform, Transform } from "../components";
import { WebtierConfig } from "../config/types";
import { ipv6SubnetCidr, natGatewayCount, natGatewayForZone, planSubnets } from "../network-plan";
import { SecurityGroupRole } from "./rule-plan";
import { nameTag } from "./tags";

export interface NetworkArgs {
    /** The validated stack config; reads `vpcCidr`, `zones` and `environment`. */
    config: WebtierConfig;
    /** Escape hatches for the network's children. */
    transform?: {
        vpc?: Transform<aws.ec2.VpcArgs>;
        /** Called for every public and private subnet. */
        subnet?: Transform<aws.ec2.SubnetArgs>;
        natGateway?: Transform<aws.ec2.NatGatewayArgs>;
        /** Called for each of the four security groups. */
        securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
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
 * The VPC of the tier: a public and a private subnet in each of `config.zones` availability
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
        super("webtier:aws:Network", name, {}, opts);
        const { config } = args;
        const t = args.transform ?? {};
        const parent = { parent: this };
        const plan = planSubnets(config.vpcCidr, config.zones);

        this.vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            applyTransform(
                {
                    cidrBlock: config.vpcCidr,
                    enableDnsSupport: true,
                    // RDS and ElastiCache endpoints are DNS names; the servers must resolve them.
                    enableDnsHostnames: true,
                    assignGeneratedIpv6CidrBlock: true,
                    tags: nameTag(`${name}-vpc`),
                },
                t.vpc,
            ),
            parent,
        );

        // Skip Local Zones and Wavelength zones: they lack RDS and ElastiCache.
        const zones = aws.getAvailabilityZonesOutput(
            {
                state: "available",
                filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
            },
            parent,
        );
        this.zoneNames = plan.map(({ zoneIndex }) =>
            zones.names.apply((names) => {
                if (names.length <= zoneIndex) {
                    throw new Error(
                        `webtier:zones is ${config.zones} but region ${config.region} offers only ${names.length} availability zone(s); lower webtier:zones.`,
                    );
                }
                return names[zoneIndex];
            }),
        );

        this.internetGateway = new aws.ec2.InternetGateway(
            `${name}-igw`,
            { vpcId: this.vpc.id, tags: nameTag(`${name}-igw`) },
            parent,
        );

        this.publicSubnets = plan.map(({ zoneIndex, publicCidr }) => {
            const subnetName = `${name}-public-${zoneIndex + 1}`;
            return new aws.ec2.Subnet(
                subnetName,
                applyTransform<aws.ec2.SubnetArgs>(
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
                    t.subnet,
                ),
                parent,
            );
        });
        this.privateSubnets = plan.map(({ zoneIndex, privateCidr }) => {
            const subnetName = `${name}-private-${zoneIndex + 1}`;
            return new aws.ec2.Subnet(
                subnetName,
                applyTransform<aws.ec2.SubnetArgs>(
                    {
                        vpcId: this.vpc.id,
                        availabilityZone: this.zoneNames[zoneIndex],
                        cidrBlock: privateCidr,
                        mapPublicIpOnLaunch: false,
                        tags: { ...nameTag(subnetName), "webtier:tier": "private" },
                    },
                    t.subnet,
                ),
                parent,
            );
        });

        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public-rt`,
            { vpcId: this.vpc.id, tags: nameTag(`${name}-public-rt`) },
            parent,
        );
        new aws.ec2.Route(
            `${name}-public-default-ipv4`,
            {
                routeTableId: publicRoutes.id,
                destinationCidrBlock: "0.0.0.0/0",
                gatewayId: this.internetGateway.id,
            },
            parent,
        );
        new aws.ec2.Route(
            `${name}-public-default-ipv6`,
            {
                routeTableId: publicRoutes.id,
                destinationIpv6CidrBlock: "::/0",
                gatewayId: this.internetGateway.id,
            },
            parent,
        );
        this.publicSubnets.forEach((subnet, index) => {
            new aws.ec2.RouteTableAssociation(
                `${name}-public-rta-${index + 1}`,
                { subnetId: subnet.id, routeTableId: publicRoutes.id },
                parent,
            );
        });

        const natCount = natGatewayCount(config.environment, config.zones);
        this.natGateways = [];
        for (let index = 0; index < natCount; index += 1) {
            const eip = new aws.ec2.Eip(
                `${name}-nat-eip-${index + 1}`,
                { domain: "vpc", tags: nameTag(`${name}-nat-eip-${index + 1}`) },
                parent,
            );
            this.natGateways.push(
                new aws.ec2.NatGateway(
                    `${name}-nat-${index + 1}`,
                    applyTransform<aws.ec2.NatGatewayArgs>(
                        {
                            allocationId: eip.id,
                            subnetId: this.publicSubnets[index].id,
                            connectivityType: "public",
                            tags: nameTag(`${name}-nat-${index + 1}`),
                        },
                        t.natGateway,
                    ),
                    { parent: this, dependsOn: [this.internetGateway] },
                ),
            );
        }
        // One route table per zone even with a shared gateway, so moving to a gateway per
        // zone (prod) changes one route per table instead of re-associating subnets.
        this.privateSubnets.forEach((subnet, index) => {
            const tableName = `${name}-private-rt-${index + 1}`;
            const table = new aws.ec2.RouteTable(tableName, { vpcId: this.vpc.id, tags: nameTag(tableName) }, parent);
            new aws.ec2.Route(
                `${name}-private-default-${index + 1}`,
                {
                    routeTableId: table.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    natGatewayId: this.natGateways[natGatewayForZone(index, natCount)].id,
                },
                parent,
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-private-rta-${index + 1}`,
                { subnetId: subnet.id, routeTableId: table.id },
                parent,
            );
        });

        const group = (role: SecurityGroupRole) => {
            const groupName = `${name}-${SECURITY_GROUP_SUFFIX[role]}`;
            return new aws.ec2.SecurityGroup(
                groupName,
                applyTransform<aws.ec2.SecurityGroupArgs>(
                    {
                        vpcId: this.vpc.id,
                        description: SECURITY_GROUP_DESCRIPTIONS[role],
                        // No inline ingress/egress: the provider then also removes AWS's default
                        // allow-all egress, so a group admits exactly what rules.ts adds.
                        revokeRulesOnDelete: true,
                        tags: nameTag(groupName),
                    },
                    t.securityGroup,
                ),
                parent,
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
