import * as assert from "assert";
import { preflightPlacement } from "../../../policies/preflight";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";

const VPC = "digitalocean:index/vpc:Vpc";
const DROPLET = "digitalocean:index/droplet:Droplet";
const LB = "digitalocean:index/loadBalancer:LoadBalancer";
const DB = "digitalocean:index/databaseCluster:DatabaseCluster";

const vpc = (name: string, region: string): FakeResource => ({
    type: VPC,
    name,
    props: { id: `vpc-${name}`, name, region, ipRange: "10.20.0.0/20" },
});
const droplet = (name: string, region: string, vpcName?: string, id = "301"): FakeResource => ({
    type: DROPLET,
    name,
    props: {
        id,
        region,
        image: "ubuntu-24-04-x64",
        size: "s-1vcpu-2gb",
        ...(vpcName ? { vpcUuid: `vpc-${vpcName}` } : {}),
    },
});
const check = (stack: FakeResource[]) => validateStack(preflightPlacement, stack);

describe("webtier-preflight-placement", () => {
    it("refuses a droplet, a load balancer or a database in a VPC of another region", async () => {
        const found = await check([
            vpc("shop", "ams3"),
            droplet("web-1", "ams3", "shop", "301"),
            droplet("web-2", "fra1", "shop", "302"),
            { type: LB, name: "lb", props: { region: "ams3", vpcUuid: "vpc-shop", dropletIds: [301] } },
            { type: DB, name: "db", props: { region: "lon1", engine: "mysql", privateNetworkUuid: "vpc-shop" } },
        ]);
        assert.deepStrictEqual(found.map((v) => v.name).sort(), ["db", "web-2"]);
        assertViolation(found, 'droplet "web-2" is in region fra1 but its vpcUuid names VPC "shop" in ams3');
        assertViolation(found, 'database cluster "db" is in region lon1', "privateNetworkUuid");
    });

    it("refuses a regional load balancer balancing a droplet of another region, not a global one", async () => {
        const stack = [droplet("web-1", "ams3", undefined, "301"), droplet("web-2", "nyc3", undefined, "302")];
        assertViolation(
            await check([...stack, { type: LB, name: "lb", props: { region: "ams3", dropletIds: [301, 302] } }]),
            'balances droplet "web-2" in nyc3',
        );
        assertNone(
            await check([...stack, { type: LB, name: "lb", props: { type: "GLOBAL", dropletIds: [301, 302] } }]),
        );
    });

    it("refuses a volume attached to a droplet of another region", async () => {
        assertViolation(
            await check([
                droplet("web-1", "ams3", undefined, "301"),
                {
                    type: "digitalocean:index/volume:Volume",
                    name: "uploads",
                    props: { id: "vol-1", region: "fra1", size: 10 },
                },
                {
                    type: "digitalocean:index/volumeAttachment:VolumeAttachment",
                    name: "uploads-web-1",
                    props: { volumeId: "vol-1", dropletId: 301 },
                },
            ]),
            'attaches volume "uploads" in fra1 to droplet "web-1" in ams3',
        );
    });

    it("passes one region (in any case), and regions or VPCs it cannot tell", async () => {
        assertNone(await check([vpc("shop", "ams3"), droplet("web-1", "AMS3", "shop")]));
        assertNone(await check([vpc("shop", UNKNOWN_STRING), droplet("web-1", "ams3", "shop")]));
        // A VPC outside the stack.
        assertNone(await check([droplet("web-1", "ams3", "elsewhere")]));
    });

    describe("AWS Availability Zones", () => {
        const subnet = (name: string, zone: unknown): FakeResource => ({
            type: "aws:ec2/subnet:Subnet",
            name,
            props: { id: `subnet-${name}`, vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: zone },
        });
        const alb = (subnets: string[], props: Record<string, unknown> = {}): FakeResource => ({
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "web-alb",
            props: { loadBalancerType: "application", subnets: subnets.map((s) => `subnet-${s}`), ...props },
        });
        const zones = [subnet("a", "eu-west-1a"), subnet("a2", "eu-west-1a"), subnet("b", "eu-west-1b")];

        it("refuses an application load balancer whose subnets are all in one zone, not a network one", async () => {
            assertViolation(
                await check([...zones, alb(["a", "a2"])]),
                'load balancer "web-alb" is an application load balancer in subnets of only eu-west-1a',
                "two different Availability Zones",
            );
            assertViolation(await check([...zones, alb(["a"], { loadBalancerType: undefined })]), "only eu-west-1a");
            assertNone(await check([...zones, alb(["a", "b"])]));
            assertNone(await check([...zones, alb(["a"], { loadBalancerType: "network" })]));
            assertViolation(
                await check([
                    ...zones,
                    alb([], {
                        subnets: undefined,
                        subnetMappings: [{ subnetId: "subnet-a" }, { subnetId: "subnet-a2" }],
                    }),
                ]),
                "only eu-west-1a",
            );
        });

        it("refuses a DB subnet group covering one zone (RDS, DocumentDB, Neptune)", async () => {
            for (const type of ["aws:rds/subnetGroup:SubnetGroup", "aws:docdb/subnetGroup:SubnetGroup"]) {
                assertViolation(
                    await check([
                        ...zones,
                        { type, name: "db-subnets", props: { subnetIds: ["subnet-a", "subnet-a2"] } },
                    ]),
                    "covers only eu-west-1a",
                    "DBSubnetGroupDoesNotCoverEnoughAZs",
                );
            }
            assertNone(
                await check([
                    ...zones,
                    {
                        type: "aws:rds/subnetGroup:SubnetGroup",
                        name: "db-subnets",
                        props: { subnetIds: ["subnet-a", "subnet-b"] },
                    },
                ]),
            );
        });

        it("reads subnet ids unknown during preview through the subnets they come from", async () => {
            const preview = (names: string[]): FakeResource => ({
                ...alb([]),
                props: { loadBalancerType: "application", subnets: names.map(() => UNKNOWN_STRING) },
                deps: { subnets: names },
            });
            assertViolation(await check([...zones, preview(["a", "a2"])]), "only eu-west-1a");
            assertNone(await check([...zones, preview(["a", "b"])]));
        });

        it("counts zones by id where only the id is known (a preview of subnets placed by zone id)", async () => {
            const byId = (name: string, id: string): FakeResource => ({
                ...subnet(name, UNKNOWN_STRING),
                props: { ...subnet(name, UNKNOWN_STRING).props, availabilityZoneId: id },
            });
            assertViolation(
                await check([byId("x", "euw1-az1"), byId("y", "euw1-az1"), alb(["x", "y"])]),
                "only euw1-az1",
            );
            assertNone(await check([byId("x", "euw1-az1"), byId("y", "euw1-az2"), alb(["x", "y"])]));
        });

        it("does not judge subnets outside the stack, nor two or more whose zones are not known", async () => {
            assertNone(await check([...zones, alb(["a", "elsewhere"])]));
            assertNone(await check([subnet("x", UNKNOWN_STRING), subnet("y", UNKNOWN_STRING), alb(["x", "y"])]));
            assertNone(await check([subnet("x", undefined), subnet("y", undefined), alb(["x", "y"])]));
            assertNone(await check([subnet("a", "eu-west-1a"), subnet("y", undefined), alb(["a", "y"])]));
        });

        it("refuses a single subnet whatever its zone: one AWS picks, or one unknown in a preview", async () => {
            for (const zone of [undefined, UNKNOWN_STRING]) {
                assertViolation(
                    await check([
                        subnet("x", zone),
                        {
                            type: "aws:rds/subnetGroup:SubnetGroup",
                            name: "db-subnets",
                            props: { subnetIds: ["subnet-x"] },
                        },
                    ]),
                    "covers a single subnet, so a single zone",
                    "DBSubnetGroupDoesNotCoverEnoughAZs",
                );
                assertViolation(
                    await check([subnet("x", zone), alb(["x", "x"])]),
                    "in a single subnet, so a single zone",
                );
            }
        });
    });
});
