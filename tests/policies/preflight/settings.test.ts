import { preflightSettings } from "../../../policies/preflight";
import { UNKNOWN_BOOLEAN, UNKNOWN_NUMBER, assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("preflight: settings refused together", () => {
    it("refuses Multi-AZ without automatic failover, as the provider's plan does", async () => {
        assertViolation(
            await check(preflightSettings, GROUP, { multiAzEnabled: true, numCacheClusters: 2 }),
            "multiAzEnabled is true without automaticFailoverEnabled",
        );
        assertViolation(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: false,
                numCacheClusters: 2,
            }),
            "Set automaticFailoverEnabled: true",
        );
        assertNone(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: true,
                numCacheClusters: 2,
            }),
        );
        assertNone(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: UNKNOWN_BOOLEAN,
                numCacheClusters: 2,
            }),
        );
    });

    it("refuses automatic failover with a single node, written or left to the default", async () => {
        assertViolation(
            await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, numCacheClusters: 1 }),
            "numCacheClusters 1",
            "at least 2",
        );
        assertViolation(
            await check(preflightSettings, GROUP, { automaticFailoverEnabled: true }),
            "numCacheClusters 1",
        );
        assertNone(await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, numCacheClusters: 3 }));
        assertNone(await check(preflightSettings, GROUP, { numCacheClusters: 1 }));
        // Shards and replicas per shard are another sizing, not judged here.
        assertNone(
            await check(preflightSettings, GROUP, {
                automaticFailoverEnabled: true,
                numNodeGroups: 2,
                replicasPerNodeGroup: 1,
            }),
        );
        assertNone(await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, replicasPerNodeGroup: 1 }));
    });

    describe("RDS instances", () => {
        const RDS = "aws:rds/instance:Instance";
        const db = (props: Record<string, unknown>) =>
            check(preflightSettings, RDS, {
                engine: "mysql",
                instanceClass: "db.t4g.medium",
                allocatedStorage: 100,
                ...props,
            });

        it("refuses a Multi-AZ instance pinned to a zone", async () => {
            assertViolation(
                await db({ multiAz: true, availabilityZone: "eu-west-1a" }),
                "multiAz is true with availabilityZone eu-west-1a",
                "not valid for Multi-AZ instances",
            );
            assertNone(await db({ multiAz: true }));
            assertNone(await db({ multiAz: false, availabilityZone: "eu-west-1a" }));
        });

        it("refuses provisioned IOPS storage without iops, or outside 0.5 to 50 IOPS per GiB", async () => {
            assertViolation(await db({ storageType: "io2" }), "storageType io2 without iops");
            assertViolation(
                await db({ storageType: "io1", iops: 40 }),
                "iops 40 is 0.40 times allocatedStorage 100",
                "between 1000 and 5000",
            );
            assertViolation(await db({ storageType: "io1", iops: 6000 }), "60.00 times");
            assertNone(await db({ storageType: "io1", iops: 3000 }));
            // SQL Server takes at least 1 IOPS per GiB.
            assertViolation(
                await db({ engine: "sqlserver-se", storageType: "io2", iops: 80 }),
                "1 to 50 IOPS per GiB for SQL Server",
            );
            assertNone(await db({ storageType: "io1", iops: UNKNOWN_NUMBER }));
        });

        it("refuses gp3 IOPS or throughput below the size that allows them, by engine", async () => {
            assertViolation(
                await db({ storageType: "gp3", iops: 12000 }),
                "gp3 storage of 100 GiB with iops",
                "only from 400 GiB for mysql",
            );
            assertViolation(
                await db({ engine: "postgres", storageType: "gp3", storageThroughput: 500 }),
                "with storageThroughput",
            );
            assertViolation(
                await db({ engine: "oracle-se2", storageType: "gp3", allocatedStorage: 150, iops: 12000 }),
                "from 200 GiB",
            );
            assertNone(await db({ storageType: "gp3", allocatedStorage: 400, iops: 12000, storageThroughput: 500 }));
            assertNone(await db({ storageType: "gp3" }));
            assertNone(await db({ engine: "oracle-se2", storageType: "gp3", allocatedStorage: 250, iops: 12000 }));
        });
    });

    describe("security group inline rules", () => {
        const SG = "aws:ec2/securityGroup:SecurityGroup";
        const rule = (protocol: unknown, fromPort: unknown, toPort: unknown) => ({
            protocol,
            fromPort,
            toPort,
            cidrBlocks: ["10.0.0.0/16"],
        });

        it("refuses protocol -1 (or all) with a port other than 0, ingress or egress, as the provider does after creating the group", async () => {
            assertViolation(
                await check(preflightSettings, SG, { ingress: [rule("tcp", 80, 80), rule("-1", 0, 65535)] }),
                'ingress[1] has protocol "-1"',
                "fromPort 0 and toPort 65535",
                "must both be 0",
            );
            assertViolation(
                await check(preflightSettings, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {
                    egress: [rule("ALL", 443, 443)],
                }),
                'egress[0] has protocol "ALL"',
            );
        });

        it("accepts protocol -1 with both ports 0, other protocols with ports, unknown ports, and the standalone rule", async () => {
            assertNone(
                await check(preflightSettings, SG, {
                    ingress: [rule("-1", 0, 0), rule("tcp", 0, 65535), rule("-1", UNKNOWN_NUMBER, 0)],
                    egress: [rule("all", 0, 0)],
                }),
            );
            // terraform-provider-aws's SecurityGroupRule drops the ports of an all-protocols rule.
            assertNone(
                await check(preflightSettings, "aws:ec2/securityGroupRule:SecurityGroupRule", {
                    type: "ingress",
                    ...rule("-1", 0, 65535),
                }),
            );
        });
    });
});
