import { preflightDatabaseVersions } from "../../../policies/preflight";
import { assertNone, assertViolation } from "../helpers";
import { check } from "./support";

// The tables are read on the real clock: the cases use versions whose dates are years apart from now.
const RDS = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const PARAMS = "aws:rds/parameterGroup:ParameterGroup";
const DO_CLUSTER = "digitalocean:index/databaseCluster:DatabaseCluster";

describe("preflight: database versions and settings the cloud would refuse", () => {
    describe("RDS", () => {
        it("refuses a version past standard support with Extended Support disabled", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, RDS, {
                    engine: "mysql",
                    engineVersion: "8.0.40",
                    engineLifecycleSupport: "open-source-rds-extended-support-disabled",
                }),
                "RDS instance",
                "past RDS standard support",
                "2026-07-31",
                'engineLifecycleSupport "open-source-rds-extended-support"',
            );
        });
        it("accepts it where Extended Support is explicit or RDS's default, and a supported version disabled", async () => {
            assertNone(
                await check(preflightDatabaseVersions, RDS, {
                    engine: "mysql",
                    engineVersion: "8.0",
                    engineLifecycleSupport: "open-source-rds-extended-support",
                }),
            );
            assertNone(await check(preflightDatabaseVersions, RDS, { engine: "mysql", engineVersion: "8.0" }));
            assertNone(
                await check(preflightDatabaseVersions, RDS, {
                    engine: "mysql",
                    engineVersion: "8.4",
                    engineLifecycleSupport: "open-source-rds-extended-support-disabled",
                }),
            );
        });
        it("refuses a major version RDS does not offer, and an unknown lifecycle value", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, RDS, { engine: "postgres", engineVersion: "12.22" }),
                "postgres 12.22",
                "not a major version RDS offers",
            );
            assertViolation(
                await check(preflightDatabaseVersions, RDS_CLUSTER, {
                    engine: "postgres",
                    engineVersion: "17",
                    engineLifecycleSupport: "standard",
                }),
                "RDS cluster",
                '"standard"',
            );
        });
        it("refuses rds.force_ssl applied immediately where it is static (PostgreSQL 14), accepts pending-reboot and later versions", async () => {
            const forceSsl = (applyMethod?: string) => [
                { name: "rds.force_ssl", value: "1", ...(applyMethod ? { applyMethod } : {}) },
            ];
            assertViolation(
                await check(preflightDatabaseVersions, PARAMS, {
                    family: "postgres14",
                    parameters: forceSsl("immediate"),
                }),
                "rds.force_ssl",
                "static on postgres14",
                "pending-reboot",
            );
            assertViolation(
                await check(preflightDatabaseVersions, PARAMS, { family: "postgres14", parameters: forceSsl() }),
                "rds.force_ssl",
            );
            assertNone(
                await check(preflightDatabaseVersions, PARAMS, {
                    family: "postgres14",
                    parameters: forceSsl("pending-reboot"),
                }),
            );
            assertNone(
                await check(preflightDatabaseVersions, PARAMS, {
                    family: "postgres16",
                    parameters: forceSsl("immediate"),
                }),
            );
        });
    });

    describe("DigitalOcean", () => {
        it("refuses MySQL 8.4 (the API offers 8) and accepts 8", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "mysql", version: "8.4" }),
                "database cluster",
                '"8.4"',
                '"8"',
            );
            assertNone(await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "mysql", version: "8" }));
        });
        it("refuses PostgreSQL 14 after its end of availability, accepts 17", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "pg", version: "14" }),
                "2026-05-12",
            );
            assertNone(await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "pg", version: "17" }));
        });
        it("refuses new Redis clusters and engines DigitalOcean does not have", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "redis", version: "7" }),
                "valkey",
            );
            assertViolation(
                await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "postgres", version: "17" }),
                '"postgres" is not a DigitalOcean database engine',
                "pg",
            );
            assertNone(await check(preflightDatabaseVersions, DO_CLUSTER, { engine: "valkey", version: "8" }));
        });
    });
});

describe("advisory: RDS lifecycle chosen explicitly", () => {
    it("flags an RDS MySQL or PostgreSQL database that leaves engineLifecycleSupport to RDS's paid default", async () => {
        const { rdsLifecycleExplicit } = await import("../../../policies/lib/aws/database-versions");
        assertViolation(
            await check(rdsLifecycleExplicit, RDS, { engine: "postgres", engineVersion: "16.4" }),
            "paid Extended Support",
            "2029-02-28",
        );
        assertNone(
            await check(rdsLifecycleExplicit, RDS, {
                engine: "postgres",
                engineVersion: "16.4",
                engineLifecycleSupport: "open-source-rds-extended-support-disabled",
            }),
        );
        assertNone(await check(rdsLifecycleExplicit, RDS, { engine: "aurora-postgresql", engineVersion: "16.4" }));
    });
});
