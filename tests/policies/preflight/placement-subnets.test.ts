import * as assert from "assert";
import { preflightPlacement } from "../../../policies/preflight";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";

const check = (stack: FakeResource[]) => validateStack(preflightPlacement, stack);

const vpc: FakeResource = { type: "aws:ec2/vpc:Vpc", name: "main", props: { id: "vpc-1", cidrBlock: "10.0.0.0/16" } };
const subnet = (name: string, cidrBlock: unknown, zone = "eu-west-1a"): FakeResource => ({
    type: "aws:ec2/subnet:Subnet",
    name,
    props: { id: `subnet-${name}`, vpcId: "vpc-1", cidrBlock, availabilityZone: zone },
});

describe("webtier-preflight-placement: subnets, instances and VPC ranges", () => {
    it("refuses an ALB or a DB subnet group given one subnet, even one outside the stack", async () => {
        assertViolation(
            await check([
                {
                    type: "aws:lb/loadBalancer:LoadBalancer",
                    name: "alb",
                    props: { loadBalancerType: "application", subnets: ["subnet-0123456789abcdef0"] },
                },
            ]),
            "in a single subnet, so a single zone",
        );
        assertViolation(
            await check([
                {
                    type: "aws:rds/subnetGroup:SubnetGroup",
                    name: "db",
                    props: { subnetIds: ["subnet-0123456789abcdef0"] },
                },
            ]),
            "covers a single subnet",
        );
        // Two subnets outside the stack: their zones cannot be told.
        assertNone(
            await check([
                {
                    type: "aws:rds/subnetGroup:SubnetGroup",
                    name: "db",
                    props: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] },
                },
            ]),
        );
    });

    it("refuses a subnet outside its VPC's ranges, counting the ranges the stack adds", async () => {
        assertViolation(
            await check([vpc, subnet("a", "10.1.1.0/24")]),
            'subnet "a": cidrBlock 10.1.1.0/24 is outside its VPC\'s range',
            "InvalidSubnet.Range",
        );
        const added: FakeResource = {
            type: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
            name: "more",
            props: { vpcId: "vpc-1", cidrBlock: "10.1.0.0/16" },
        };
        assertNone(await check([vpc, added, subnet("a", "10.1.1.0/24")]));
        // An added range not known yet, or a VPC ranged by IPAM, is not judged.
        assertNone(
            await check([
                vpc,
                { ...added, props: { vpcId: "vpc-1", cidrBlock: UNKNOWN_STRING } },
                subnet("a", "10.1.1.0/24"),
            ]),
        );
        assertNone(
            await check([
                { ...vpc, props: { ...vpc.props, ipv4IpamPoolId: "ipam-pool-1" } },
                subnet("a", "10.1.1.0/24"),
            ]),
        );
        assertNone(await check([vpc, subnet("a", "10.0.1.0/24"), subnet("b", UNKNOWN_STRING)]));
    });

    it("refuses two overlapping subnets of one VPC, not of two", async () => {
        const found = await check([vpc, subnet("b", "10.0.2.0/24"), subnet("c", "10.0.2.128/25", "eu-west-1b")]);
        assert.deepStrictEqual(
            found.map((v) => v.name),
            ["c"],
        );
        assertViolation(found, 'overlaps subnet "b" (10.0.2.0/24)', "InvalidSubnet.Conflict");
        const other: FakeResource = {
            type: "aws:ec2/vpc:Vpc",
            name: "other",
            props: { id: "vpc-2", cidrBlock: "10.0.0.0/16" },
        };
        assertNone(
            await check([
                vpc,
                other,
                subnet("b", "10.0.2.0/24"),
                { ...subnet("c", "10.0.2.0/24"), props: { ...subnet("c", "10.0.2.0/24").props, vpcId: "vpc-2" } },
            ]),
        );
        assertNone(await check([vpc, subnet("b", "10.0.2.0/24"), subnet("c", "10.0.3.0/24")]));
    });

    it("refuses DigitalOcean VPCs of one stack whose ranges overlap, in any region", async () => {
        const doVpc = (name: string, region: string, ipRange: unknown): FakeResource => ({
            type: "digitalocean:index/vpc:Vpc",
            name,
            props: { id: `vpc-${name}`, name, region, ipRange },
        });
        const found = await check([
            doVpc("v1", "fra1", "10.20.0.0/16"),
            doVpc("v2", "fra1", "10.20.16.0/20"),
            doVpc("v3", "ams3", "10.20.32.0/24"),
        ]);
        assert.deepStrictEqual(found.map((v) => v.name).sort(), ["v2", "v3"]);
        assertViolation(found, 'VPC "v3": ipRange 10.20.32.0/24 overlaps VPC "v1" (10.20.0.0/16)');
        assertNone(
            await check([
                doVpc("v1", "fra1", "10.20.0.0/20"),
                doVpc("v2", "ams3", "10.20.16.0/20"),
                doVpc("v3", "ams3", undefined),
                doVpc("v4", "ams3", UNKNOWN_STRING),
            ]),
        );
    });
});
