// awsx's ec2 components under the harness: the resources the emulation registers inside them must
// be the ones pulumi-awsx's provider builds (awsx/ec2/vpc.ts, defaultVpc.ts), with the same types,
// names, parents and inputs, in `pulumi up` and in previews alike, and the same errors for bad
// arguments.
import * as assert from "assert";
import type * as awsxSdk from "@pulumi/awsx";
import { DefaultVpc, getDefaultVpc } from "../../../../../tools/harness/aws/awsx/ec2/default-vpc";
import type { VpcArgs } from "../../../../../tools/harness/aws/awsx/ec2/args";
import { Vpc } from "../../../../../tools/harness/aws/awsx/ec2/vpc";
import { evaluate, Evaluation, RegisteredResource } from "../../../../../tools/harness/evaluate";
import { firstFailure } from "../first-failure";

const T = {
    component: "awsx:ec2:Vpc",
    vpc: "aws:ec2/vpc:Vpc",
    igw: "aws:ec2/internetGateway:InternetGateway",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    eip: "aws:ec2/eip:Eip",
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
};

/** The resources of one type, in name order. */
function ofType(e: Evaluation, type: string): RegisteredResource[] {
    return e.resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));
}

function one(e: Evaluation, type: string, name: string): RegisteredResource {
    const found = e.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `one ${type} named ${name}, of ${found.length}`);
    return found[0];
}

/** `name (parent's name)` of each resource of `type`. */
function placed(e: Evaluation, type: string): string[] {
    const nameOf = (urn?: string) => e.resources.find((r) => r.urn === urn)?.name;
    return ofType(e, type).map((r) => `${r.name} (${nameOf(r.parent)})`);
}

async function vpcOf(args: VpcArgs, preview = false): Promise<Evaluation> {
    return evaluate({
        program: () => {
            new Vpc("vpc", args);
        },
        preview,
    });
}

describe("awsx ec2 components under the harness", function () {
    this.timeout(60_000);

    describe("Vpc with no arguments (Legacy subnets, one NAT gateway per zone)", () => {
        let e: Evaluation;
        before(async () => {
            e = await vpcOf({});
        });

        it("builds the VPC inside the component, the gateway and subnets under the VPC", () => {
            const component = one(e, T.component, "vpc");
            const vpc = one(e, T.vpc, "vpc");
            assert.strictEqual(vpc.parent, component.urn);
            assert.strictEqual(vpc.inputs.cidrBlock, "10.0.0.0/16");
            assert.deepStrictEqual(vpc.inputs.tags, { Name: "vpc" });
            assert.deepStrictEqual(placed(e, T.igw), ["vpc (vpc)"]);
            assert.deepStrictEqual(one(e, T.igw, "vpc").inputs.vpcId, vpc.id);
            assert.strictEqual(
                e.resources.length,
                1 + 1 + 1 + 1 + 6 * 4 + 3 * 2,
                "stack, component, VPC, gateway, 6 subnets with table, association, route, 3 EIPs and NATs",
            );
        });

        it("lays out a private /19 and a public /20 in each of the region's first three zones, as the provider's tests expect", () => {
            const subnets = ofType(e, T.subnet).map((s) => [
                s.name,
                s.inputs.cidrBlock,
                s.inputs.availabilityZone,
                s.inputs.mapPublicIpOnLaunch,
                s.inputs.tags.Name,
                s.inputs.tags.SubnetType,
            ]);
            assert.deepStrictEqual(subnets, [
                ["vpc-private-1", "10.0.0.0/19", "us-east-1a", false, "vpc-private-1", "Private"],
                ["vpc-private-2", "10.0.64.0/19", "us-east-1b", false, "vpc-private-2", "Private"],
                ["vpc-private-3", "10.0.128.0/19", "us-east-1c", false, "vpc-private-3", "Private"],
                ["vpc-public-1", "10.0.32.0/20", "us-east-1a", true, "vpc-public-1", "Public"],
                ["vpc-public-2", "10.0.96.0/20", "us-east-1b", true, "vpc-public-2", "Public"],
                ["vpc-public-3", "10.0.160.0/20", "us-east-1c", true, "vpc-public-3", "Public"],
            ]);
            const vpc = one(e, T.vpc, "vpc");
            for (const s of ofType(e, T.subnet)) {
                assert.strictEqual(s.parent, vpc.urn);
                assert.strictEqual(s.inputs.vpcId, vpc.id);
                assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, false);
                assert.ok(s.dependencies.includes(vpc.urn), "dependsOn the VPC");
            }
            assert.deepStrictEqual(
                e.calls.map((c) => [c.token, c.answered]),
                [["aws:index/getAvailabilityZones:getAvailabilityZones", true]],
            );
        });

        it("hangs each subnet's route table off it, the association and route off the table", () => {
            const names = ["private-1", "private-2", "private-3", "public-1", "public-2", "public-3"].map(
                (n) => `vpc-${n}`,
            );
            assert.deepStrictEqual(
                placed(e, T.routeTable),
                names.map((n) => `${n} (${n})`),
            );
            assert.deepStrictEqual(
                placed(e, T.association),
                names.map((n) => `${n} (${n})`),
            );
            assert.deepStrictEqual(
                placed(e, T.route),
                names.map((n) => `${n} (${n})`),
            );
            for (const name of names) {
                const table = one(e, T.routeTable, name);
                const association = one(e, T.association, name);
                assert.strictEqual(association.inputs.routeTableId, table.id);
                assert.strictEqual(association.inputs.subnetId, one(e, T.subnet, name).id);
                assert.deepStrictEqual(table.inputs.tags, {
                    Name: name,
                    SubnetType: name.includes("public") ? "Public" : "Private",
                });
            }
        });

        it("routes public subnets to the internet gateway and private ones to their zone's NAT gateway", () => {
            const igw = one(e, T.igw, "vpc");
            for (const zone of [1, 2, 3]) {
                const publicRoute = one(e, T.route, `vpc-public-${zone}`);
                assert.strictEqual(publicRoute.inputs.gatewayId, igw.id);
                assert.strictEqual(publicRoute.inputs.destinationCidrBlock, "0.0.0.0/0");
                const nat = one(e, T.nat, `vpc-${zone}`);
                const eip = one(e, T.eip, `vpc-${zone}`);
                assert.strictEqual(nat.parent, one(e, T.subnet, `vpc-public-${zone}`).urn);
                assert.strictEqual(nat.inputs.subnetId, one(e, T.subnet, `vpc-public-${zone}`).id);
                assert.strictEqual(nat.inputs.allocationId, eip.id);
                assert.deepStrictEqual(eip.inputs.tags, { Name: `vpc-${zone}` });
                assert.strictEqual(one(e, T.route, `vpc-private-${zone}`).inputs.natGatewayId, nat.id);
            }
        });
    });

    describe("NAT gateway strategies", () => {
        it("Single: one Elastic IP and NAT gateway in the first zone, every private subnet routed to it", async () => {
            const e = await vpcOf({ natGateways: { strategy: "Single" } });
            assert.deepStrictEqual(placed(e, T.eip), ["vpc-1 (vpc-public-1)"]);
            assert.deepStrictEqual(placed(e, T.nat), ["vpc-1 (vpc-public-1)"]);
            const nat = one(e, T.nat, "vpc-1");
            for (const zone of [1, 2, 3])
                assert.strictEqual(one(e, T.route, `vpc-private-${zone}`).inputs.natGatewayId, nat.id);
        });

        it("None: no NAT gateway, and private subnets get no route out", async () => {
            const e = await vpcOf({ natGateways: { strategy: "None" } });
            assert.deepStrictEqual(ofType(e, T.nat), []);
            assert.deepStrictEqual(ofType(e, T.eip), []);
            assert.deepStrictEqual(
                ofType(e, T.route).map((r) => r.name),
                ["vpc-public-1", "vpc-public-2", "vpc-public-3"],
            );
        });

        it("OnePerAz with existing Elastic IPs: no new ones, each NAT gateway takes its zone's", async () => {
            const ids = ["eipalloc-a", "eipalloc-b", "eipalloc-c"];
            const e = await vpcOf({ natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ids } });
            assert.deepStrictEqual(ofType(e, T.eip), []);
            assert.deepStrictEqual(
                ofType(e, T.nat).map((n) => n.inputs.allocationId),
                ids,
            );
        });
    });

    describe("subnet strategies", () => {
        it("Auto: specs in order from the start of each zone's share, sized by cidrMask or size", async () => {
            const e = await vpcOf({
                cidrBlock: "10.1.0.0/16",
                availabilityZoneNames: ["us-east-1a", "us-east-1b"],
                subnetStrategy: "Auto",
                subnetSpecs: [
                    { type: "Public", cidrMask: 24 },
                    { type: "Private", size: 4096 },
                    { type: "Isolated", name: "db", cidrMask: 26 },
                ],
            });
            assert.deepStrictEqual(
                ofType(e, T.subnet).map((s) => `${s.name} ${s.inputs.cidrBlock} ${s.inputs.availabilityZone}`),
                [
                    // A larger block after a smaller one starts at its own next boundary.
                    "vpc-db-1 10.1.32.0/26 us-east-1a",
                    "vpc-db-2 10.1.160.0/26 us-east-1b",
                    "vpc-private-1 10.1.16.0/20 us-east-1a",
                    "vpc-private-2 10.1.144.0/20 us-east-1b",
                    "vpc-public-1 10.1.0.0/24 us-east-1a",
                    "vpc-public-2 10.1.128.0/24 us-east-1b",
                ],
            );
        });

        it("Exact with explicit cidrBlocks: the blocks as given; isolated subnets get a table but no route", async () => {
            const e = await vpcOf({
                cidrBlock: "10.0.0.0/22",
                availabilityZoneNames: ["us-east-1a", "us-east-1b"],
                subnetStrategy: "Exact",
                natGateways: { strategy: "Single" },
                subnetSpecs: [
                    // Exact: the zones' subnets, in order, tile the VPC.
                    { type: "Public", cidrBlocks: ["10.0.0.0/24", "10.0.2.0/24"] },
                    { type: "Isolated", cidrBlocks: ["10.0.1.0/24", "10.0.3.0/24"] },
                ],
            });
            assert.deepStrictEqual(
                ofType(e, T.subnet).map((s) => `${s.name} ${s.inputs.cidrBlock}`),
                [
                    "vpc-isolated-1 10.0.1.0/24",
                    "vpc-isolated-2 10.0.3.0/24",
                    "vpc-public-1 10.0.0.0/24",
                    "vpc-public-2 10.0.2.0/24",
                ],
            );
            assert.deepStrictEqual(
                ofType(e, T.routeTable).map((r) => r.name),
                ["vpc-isolated-1", "vpc-isolated-2", "vpc-public-1", "vpc-public-2"],
            );
            assert.deepStrictEqual(
                ofType(e, T.route).map((r) => r.name),
                ["vpc-public-1", "vpc-public-2"],
            );
            assert.deepStrictEqual(placed(e, T.nat), ["vpc-1 (vpc-public-1)"], "Single still makes its gateway");
        });

        it("AutoMerge: the default private and public subnets, the user's public spec merged in", async () => {
            const e = await vpcOf({
                availabilityZoneNames: ["us-east-1a", "us-east-1b"],
                natGateways: { strategy: "None" },
                subnetStrategy: "AutoMerge",
                subnetSpecs: [{ type: "Public", cidrMask: 20, tags: { "kubernetes.io/role/elb": "1" } }],
            });
            assert.deepStrictEqual(
                ofType(e, T.subnet).map((s) => [s.name, s.inputs.cidrBlock, s.inputs.tags["kubernetes.io/role/elb"]]),
                [
                    ["vpc-private-1", "10.0.0.0/18", undefined],
                    ["vpc-private-2", "10.0.128.0/18", undefined],
                    ["vpc-public-1", "10.0.64.0/20", "1"],
                    ["vpc-public-2", "10.0.192.0/20", "1"],
                ],
            );
        });

        it("numberOfAvailabilityZones takes the region's first zones", async () => {
            const e = await vpcOf({ numberOfAvailabilityZones: 2 });
            assert.deepStrictEqual(
                ofType(e, T.subnet).map((s) => s.inputs.availabilityZone),
                ["us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"],
            );
        });
    });

    describe("tags and names", () => {
        it("tags everything with the VPC's tags and Name, subnets with their spec's tags too", async () => {
            const e = await vpcOf({
                availabilityZoneNames: ["us-east-1a"],
                subnetStrategy: "Legacy",
                tags: { team: "web", shared: "vpc" },
                subnetSpecs: [{ type: "Public", tags: { shared: "subnet" } }, { type: "Private" }],
            });
            assert.deepStrictEqual(one(e, T.vpc, "vpc").inputs.tags, { Name: "vpc", team: "web", shared: "vpc" });
            assert.deepStrictEqual(one(e, T.igw, "vpc").inputs.tags, { Name: "vpc", team: "web", shared: "vpc" });
            assert.deepStrictEqual(one(e, T.subnet, "vpc-public-1").inputs.tags, {
                Name: "vpc-public-1",
                team: "web",
                shared: "subnet",
                SubnetType: "Public",
            });
            assert.deepStrictEqual(one(e, T.routeTable, "vpc-public-1").inputs.tags, {
                Name: "vpc-public-1",
                team: "web",
                shared: "vpc",
                SubnetType: "Public",
            });
            // Elastic IPs and NAT gateways take the user's tags and their own Name.
            assert.deepStrictEqual(one(e, T.eip, "vpc-1").inputs.tags, { team: "web", shared: "vpc", Name: "vpc-1" });
        });

        it('subnetNameTagStrategy "AvailabilityZone" changes the Name tags, never the resource names', async () => {
            const e = await vpcOf({ subnetNameTagStrategy: "AvailabilityZone", natGateways: { strategy: "None" } });
            assert.deepStrictEqual(
                ofType(e, T.subnet).map((s) => `${s.name} ${s.inputs.tags.Name}`),
                [
                    "vpc-private-1 vpc-private-1a",
                    "vpc-private-2 vpc-private-1b",
                    "vpc-private-3 vpc-private-1c",
                    "vpc-public-1 vpc-public-1a",
                    "vpc-public-2 vpc-public-1b",
                    "vpc-public-3 vpc-public-1c",
                ],
            );
            assert.strictEqual(one(e, T.routeTable, "vpc-public-2").inputs.tags.Name, "vpc-public-1b");
        });
    });

    describe("VPC endpoints", () => {
        it('"Auto": an interface endpoint gets the private subnets, private DNS and an HTTPS security group; a gateway one every route table', async () => {
            const e = await vpcOf({
                availabilityZoneNames: ["us-east-1a", "us-east-1b"],
                natGateways: { strategy: "None" },
                vpcEndpointStrategy: "Auto",
                vpcEndpointSpecs: [
                    { serviceName: "com.amazonaws.us-east-1.ssm", vpcEndpointType: "Interface" },
                    { serviceName: "com.amazonaws.us-east-1.s3" },
                ],
            });
            const vpc = one(e, T.vpc, "vpc");
            assert.strictEqual(vpc.inputs.enableDnsHostnames, true, "private DNS needs the VPC's DNS attributes");
            assert.strictEqual(vpc.inputs.enableDnsSupport, true);
            const ssm = one(e, T.endpoint, "com.amazonaws.us-east-1.ssm");
            const sg = one(e, T.sg, "com.amazonaws.us-east-1.ssm-sg");
            assert.strictEqual(ssm.parent, vpc.urn);
            assert.strictEqual(ssm.inputs.privateDnsEnabled, true);
            assert.deepStrictEqual(ssm.inputs.securityGroupIds, [sg.id]);
            assert.deepStrictEqual(ssm.inputs.subnetIds, [
                one(e, T.subnet, "vpc-private-1").id,
                one(e, T.subnet, "vpc-private-2").id,
            ]);
            const rule = one(e, T.sgRule, "com.amazonaws.us-east-1.ssm-ingress");
            assert.deepStrictEqual(
                [rule.inputs.type, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrBlocks],
                ["ingress", 443, 443, ["10.0.0.0/16"]],
            );
            const s3 = one(e, T.endpoint, "com.amazonaws.us-east-1.s3");
            assert.deepStrictEqual(
                [...s3.inputs.routeTableIds].sort(),
                ofType(e, T.routeTable)
                    .map((t) => t.id)
                    .sort(),
            );
        });

        it('"Legacy" (the default): the spec as written, tagged with the VPC\'s tags', async () => {
            const e = await vpcOf({
                availabilityZoneNames: ["us-east-1a"],
                tags: { team: "web" },
                vpcEndpointSpecs: [{ serviceName: "com.amazonaws.us-east-1.s3", routeTableIds: ["rtb-1"] }],
            });
            const s3 = one(e, T.endpoint, "com.amazonaws.us-east-1.s3");
            assert.deepStrictEqual(s3.inputs.routeTableIds, ["rtb-1"]);
            assert.deepStrictEqual(s3.inputs.tags, { Name: "vpc", team: "web" });
            assert.strictEqual(s3.inputs.vpcId, one(e, T.vpc, "vpc").id);
            assert.deepStrictEqual(ofType(e, T.sg), []);
        });
    });

    describe("outputs", () => {
        it("resolve to the children under pulumi up, as the SDK class declares them", async () => {
            let vpc!: Vpc;
            const e = await evaluate({
                program: () => {
                    vpc = new Vpc("vpc", {
                        availabilityZoneNames: ["us-east-1a", "us-east-1b"],
                        subnetStrategy: "Legacy",
                        subnetSpecs: [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
                    });
                    return {
                        vpcId: vpc.vpcId,
                        privateSubnetIds: vpc.privateSubnetIds,
                        publicSubnetIds: vpc.publicSubnetIds,
                        isolatedSubnetIds: vpc.isolatedSubnetIds,
                        igwId: vpc.internetGateway.id,
                        natIds: vpc.natGateways.apply((nats) => nats.map((n) => n.id)),
                        routes: vpc.routes.apply((rs) => rs.length),
                        layout: vpc.subnetLayout,
                    };
                },
            });
            const ids = (type: string, kind: string) =>
                ofType(e, type)
                    .filter((r) => r.name.includes(kind))
                    .map((r) => r.id);
            assert.strictEqual(e.outputs.vpcId, one(e, T.vpc, "vpc").id);
            assert.deepStrictEqual(e.outputs.privateSubnetIds, ids(T.subnet, "private"));
            assert.deepStrictEqual(e.outputs.publicSubnetIds, ids(T.subnet, "public"));
            assert.deepStrictEqual(e.outputs.isolatedSubnetIds, ids(T.subnet, "isolated"));
            assert.strictEqual(e.outputs.igwId, one(e, T.igw, "vpc").id);
            assert.deepStrictEqual(e.outputs.natIds, ids(T.nat, "vpc-"));
            assert.strictEqual(e.outputs.routes, 4, "two public, two private; none for isolated subnets");
            // Legacy's layout, as the Auto specs that reproduce it (the first zone's subnets in order).
            assert.deepStrictEqual(e.outputs.layout, [
                { cidrMask: 19, type: "Private" },
                { cidrMask: 20, type: "Public" },
                { cidrMask: 24, type: "Isolated" },
            ]);
            assert.ok(Vpc.isInstance(vpc));
        });

        it("are the installed SDK's class's, which the harness swaps for the emulation", async () => {
            const e = await evaluate({
                program: () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const awsx = require("@pulumi/awsx") as typeof awsxSdk;
                    const vpc = new awsx.ec2.Vpc("net", { natGateways: { strategy: "Single" } });
                    return { vpcId: vpc.vpcId, isolated: vpc.isolatedSubnetIds };
                },
            });
            assert.strictEqual(e.outputs.vpcId, one(e, T.vpc, "net").id);
            assert.deepStrictEqual(e.outputs.isolated, []);
            assert.strictEqual(ofType(e, T.subnet).length, 6);
        });
    });

    it("registers the same resources, parents and known inputs in a preview as in an update", async () => {
        const args: VpcArgs = {
            subnetStrategy: "Auto",
            natGateways: { strategy: "Single" },
            subnetSpecs: [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
            vpcEndpointStrategy: "Auto",
            vpcEndpointSpecs: [{ serviceName: "com.amazonaws.us-east-1.ecr.api", vpcEndpointType: "Interface" }],
        };
        const summary = (e: Evaluation) => {
            const nameOf = (urn?: string) => e.resources.find((r) => r.urn === urn)?.name;
            return e.resources
                .map((r) => `${r.type} ${r.name} < ${nameOf(r.parent)} ${String(r.inputs.cidrBlock)}`)
                .sort();
        };
        const up = await vpcOf(args);
        const preview = await vpcOf(args, true);
        assert.deepStrictEqual(summary(preview), summary(up));
        assert.ok(
            one(preview, T.subnet, "vpc-public-1").unknownInputs.includes("vpcId"),
            "ids are unknown in a preview",
        );
    });

    describe("errors the provider throws for bad arguments", () => {
        const cases: [string, VpcArgs, string][] = [
            [
                "Elastic IPs with no NAT gateways",
                { natGateways: { strategy: "None", elasticIpAllocationIds: ["eipalloc-1"] } },
                "Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is 'None'.",
            ],
            [
                "both zone names and a zone count",
                { availabilityZoneNames: ["us-east-1a"], numberOfAvailabilityZones: 1 },
                "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified",
            ],
            [
                "more zones than the region has",
                { numberOfAvailabilityZones: 4 },
                "The configured region for this provider does not have at least 4 Availability Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least 4 AZs.",
            ],
            [
                "a NAT gateway with nowhere to live",
                { subnetStrategy: "Auto", subnetSpecs: [{ type: "Private" }] },
                "If NAT Gateway strategy is 'OnePerAz' or 'Single', public subnets must be declared to host the NAT Gateway resource, along with private or isolated subnets to route through it.",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(`fails the run on ${what}, with the provider's message`, async () => {
                const { failure } = await firstFailure(() => {
                    new Vpc("bad", args);
                });
                assert.ok(failure instanceof Error, `the run fails: ${String(failure)}`);
                assert.strictEqual(failure.message, message);
            });
        }

        it("registers nothing inside the component when a known CIDR's layout is refused", async () => {
            const { failure, registered } = await firstFailure(() => {
                new Vpc("bad", {
                    subnetStrategy: "Exact",
                    cidrBlock: "10.0.0.0/16",
                    availabilityZoneNames: ["us-east-1a"],
                    natGateways: { strategy: "None" },
                    subnetSpecs: [{ type: "Public", cidrBlocks: ["10.0.0.0/17"] }],
                });
            });
            assert.strictEqual(
                failure?.message,
                "There are gaps in the subnet ranges. Please fix the following gaps: bad-public-1 (ending 10.0.127.254) ends before VPC ends (at 10.0.255.254})",
            );
            assert.deepStrictEqual(registered, ["pulumi:pulumi:Stack", "awsx:ec2:Vpc"]);
        });
    });

    describe("DefaultVpc and getDefaultVpc", () => {
        it("DefaultVpc creates nothing and looks the default VPC up as the provider does", async () => {
            const e = await evaluate({
                program: () => {
                    const d = new DefaultVpc("default");
                    return { vpcId: d.vpcId, publicSubnetIds: d.publicSubnetIds, privateSubnetIds: d.privateSubnetIds };
                },
            });
            assert.deepStrictEqual(
                e.resources.map((r) => r.type),
                ["pulumi:pulumi:Stack", "awsx:ec2:DefaultVpc"],
            );
            assert.match(e.outputs.vpcId, /^vpc-/);
            assert.deepStrictEqual(
                e.calls.map((c) => [c.token, c.answered]),
                [
                    ["aws:ec2/getVpc:getVpc", true],
                    ["aws:ec2/getSubnets:getSubnets", true],
                    ["aws:ec2/getSubnet:getSubnet", true],
                    ["aws:ec2/getSubnet:getSubnet", true],
                    ["aws:ec2/getSubnet:getSubnet", true],
                ],
            );
            // Default subnets map a public IP on launch: all three are public.
            assert.strictEqual(e.outputs.publicSubnetIds.length, 3, "one default subnet per zone");
            assert.deepStrictEqual(e.outputs.privateSubnetIds, []);
        });

        it("the SDK's getDefaultVpc invoke is answered from the AWS mocks' default VPC", async () => {
            const e = await evaluate({
                program: async () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const awsx = require("@pulumi/awsx") as typeof awsxSdk;
                    return { found: await awsx.ec2.getDefaultVpc() };
                },
            });
            assert.deepStrictEqual(
                e.calls.map((c) => [c.token, c.answered]),
                [["awsx:ec2:getDefaultVpc", true]],
            );
            const found = e.outputs.found as awsxSdk.ec2.GetDefaultVpcResult;
            assert.match(found.vpcId, /^vpc-/);
            assert.strictEqual(found.publicSubnetIds.length, 3);
            assert.deepStrictEqual(found.privateSubnetIds, []);
        });

        it("getDefaultVpc answers from the AWS lookups, and not at all when one goes unanswered", () => {
            const answers: Record<string, (inputs: Record<string, any>) => Record<string, any> | undefined> = {
                "aws:ec2/getVpc:getVpc": (inputs) => (inputs.default === true ? { id: "vpc-d" } : undefined),
                "aws:ec2/getSubnets:getSubnets": (inputs) =>
                    inputs.filters?.[0]?.values?.[0] === "vpc-d" ? { ids: ["subnet-1", "subnet-2"] } : undefined,
                "aws:ec2/getSubnet:getSubnet": (inputs) => ({
                    id: inputs.id,
                    mapPublicIpOnLaunch: inputs.id === "subnet-1",
                }),
            };
            const call = (token: string, inputs: Record<string, any>) => answers[token]?.(inputs);
            assert.deepStrictEqual(getDefaultVpc({}, call), {
                vpcId: "vpc-d",
                publicSubnetIds: ["subnet-1"],
                privateSubnetIds: ["subnet-2"],
            });
            assert.strictEqual(
                getDefaultVpc({}, (token, inputs) => (token.includes("getSubnet:") ? undefined : call(token, inputs))),
                undefined,
            );
        });
    });
});
