import * as assert from "assert";
import { dataEncrypted } from "../../../policies/rules/data-encrypted";
import { UNKNOWN_STRING, assertNone, assertViolation, validateResource } from "../helpers";

const check = (type: string, props: Record<string, unknown>) => validateResource(dataEncrypted, type, props);

describe("webtier-data-encrypted", () => {
    describe("RDS and Aurora", () => {
        it("refuses an instance without storageEncrypted (RDS's default is unencrypted) or with it false", async () => {
            const base = { engine: "mysql", instanceClass: "db.t4g.small", allocatedStorage: 20 };
            assertViolation(
                await check("aws:rds/instance:Instance", base),
                "has no storageEncrypted",
                "storageEncrypted to true",
            );
            assertViolation(
                await check("aws:rds/instance:Instance", { ...base, storageEncrypted: false }),
                "storageEncrypted false",
            );
            assertNone(await check("aws:rds/instance:Instance", { ...base, storageEncrypted: true }));
            assertViolation(
                await check("aws:rds/instance:Instance", { ...base, storageEncrypted: UNKNOWN_STRING }),
                "unknown during preview",
            );
        });

        it("judges a read replica at its source, and does not take a snapshot's encryption on trust", async () => {
            assertNone(
                await check("aws:rds/instance:Instance", {
                    instanceClass: "db.t4g.small",
                    replicateSourceDb: "shop-db",
                }),
            );
            assertViolation(
                await check("aws:rds/instance:Instance", {
                    instanceClass: "db.t4g.small",
                    snapshotIdentifier: "shop-2026-11-30",
                }),
                "restored from a snapshot",
                "may be stored unencrypted",
            );
        });

        it("reads an Aurora cluster's default from its engine mode", async () => {
            assertViolation(
                await check("aws:rds/cluster:Cluster", { engine: "aurora-mysql" }),
                "unless engineMode is serverless",
            );
            assertViolation(
                await check("aws:rds/cluster:Cluster", { engine: "aurora-postgresql", engineMode: "provisioned" }),
                "has no storageEncrypted",
            );
            assertNone(await check("aws:rds/cluster:Cluster", { engine: "aurora-mysql", engineMode: "serverless" }));
            assertNone(await check("aws:rds/cluster:Cluster", { engine: "aurora-mysql", storageEncrypted: true }));
            assertNone(
                await check("aws:rds/cluster:Cluster", {
                    engine: "aurora-mysql",
                    globalClusterIdentifier: "shop-global",
                }),
            );
        });

        it("refuses DocumentDB and Neptune clusters left at their default", async () => {
            assertViolation(await check("aws:docdb/cluster:Cluster", {}), "DocumentDB's default");
            assertViolation(
                await check("aws:neptune/cluster:Cluster", { storageEncrypted: false }),
                "storageEncrypted false",
            );
            assertNone(await check("aws:docdb/cluster:Cluster", { storageEncrypted: true }));
        });
    });

    describe("caches", () => {
        it("reads a replication group's default from its engine: Valkey encrypts, Redis OSS does not", async () => {
            const group = "aws:elasticache/replicationGroup:ReplicationGroup";
            assertViolation(await check(group, { description: "sessions" }), "Redis OSS engine, the default");
            assertViolation(await check(group, { engine: "redis" }), "has no atRestEncryptionEnabled");
            assertNone(await check(group, { engine: "valkey" }));
            assertViolation(
                await check(group, { engine: "valkey", atRestEncryptionEnabled: false }),
                "atRestEncryptionEnabled false",
            );
            assertNone(await check(group, { engine: "redis", atRestEncryptionEnabled: true }));
            assertViolation(await check(group, { engine: UNKNOWN_STRING }), "engine unknown during preview");
            assertNone(await check(group, { engine: "redis", globalReplicationGroupId: "ldgnf-shop-sessions" }));
        });

        it("refuses a node-based cluster outside a replication group, and leaves a member to its group", async () => {
            assertViolation(
                await check("aws:elasticache/cluster:Cluster", {
                    engine: "redis",
                    nodeType: "cache.t4g.micro",
                    numCacheNodes: 1,
                }),
                "cannot encrypt at rest",
                "ReplicationGroup",
            );
            assertNone(await check("aws:elasticache/cluster:Cluster", { replicationGroupId: "shop-cache" }));
        });

        it("refuses DAX without server-side encryption, and passes Redshift unless it is turned off", async () => {
            assertViolation(
                await check("aws:dax/cluster:Cluster", { nodeType: "dax.t3.small" }),
                "serverSideEncryption",
            );
            assertNone(await check("aws:dax/cluster:Cluster", { serverSideEncryption: { enabled: true } }));
            assertNone(await check("aws:redshift/cluster:Cluster", { nodeType: "ra3.xlplus" }));
            assertViolation(await check("aws:redshift/cluster:Cluster", { encrypted: "false" }), "encrypted false");
        });

        it("refuses an EFS file system (uploads shared between servers) left unencrypted", async () => {
            assertViolation(
                await check("aws:efs/fileSystem:FileSystem", { creationToken: "uploads" }),
                "EFS's default",
            );
            assertNone(await check("aws:efs/fileSystem:FileSystem", { creationToken: "uploads", encrypted: true }));
        });
    });

    it("leaves stores that always encrypt, and DigitalOcean's, alone", async () => {
        assertNone(await check("aws:elasticache/serverlessCache:ServerlessCache", { engine: "redis" }));
        assertNone(await check("aws:memorydb/cluster:Cluster", { nodeType: "db.t4g.small" }));
        assertNone(await check("digitalocean:index/databaseCluster:DatabaseCluster", { engine: "mysql" }));
    });

    it("is mandatory", () => {
        assert.strictEqual(dataEncrypted.enforcementLevel, "mandatory");
    });
});
