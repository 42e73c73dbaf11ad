import { strict as assert } from "assert";
import { build, named, ofType, owner, T } from "./fixture";

describe("AWS database (registered resources)", function () {
    this.timeout(120000);

    it("is not publicly accessible and lives in the private subnets", async () => {
        const built = await build("prod");
        const db = named(built, "prod-db");
        assert.equal(db.inputs.publiclyAccessible, false);
        const subnetGroup = ofType(built, T.dbSubnetGroup)[0];
        assert.ok(subnetGroup.state.name, "the subnet group has no name");
        assert.equal(db.inputs.dbSubnetGroupName, subnetGroup.state.name);
        for (const id of subnetGroup.inputs.subnetIds)
            assert.equal(owner(built, id)?.inputs.tags["webtier:tier"], "private");
        assert.equal(subnetGroup.inputs.subnetIds.length, 3);
    });

    it("uses only the database security group", async () => {
        const built = await build("prod");
        const groups = named(built, "prod-db").inputs.vpcSecurityGroupIds.map((id: string) => owner(built, id)?.name);
        assert.deepEqual(groups, ["prod-db-sg"]);
    });

    it("encrypts storage and keeps backups, with a final snapshot on delete", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const db = named(await build(stack), `${stack}-db`);
            assert.equal(db.inputs.storageEncrypted, true);
            assert.ok(db.inputs.backupRetentionPeriod >= 1);
            assert.equal(db.inputs.skipFinalSnapshot, false);
            assert.equal(db.inputs.finalSnapshotIdentifier, `${stack}-db-final-snapshot`);
            assert.equal(db.inputs.copyTagsToSnapshot, true);
        }
    });

    it("is Multi-AZ, deletion-protected and keeps 14 days of backups in prod", async () => {
        const db = named(await build("prod"), "prod-db");
        assert.equal(db.inputs.multiAz, true);
        assert.equal(db.inputs.deletionProtection, true);
        assert.equal(db.inputs.backupRetentionPeriod, 14);
    });

    it("is single-AZ without deletion protection in dev", async () => {
        const db = named(await build("dev"), "dev-db");
        assert.equal(db.inputs.multiAz, false);
        assert.equal(db.inputs.deletionProtection, false);
        assert.equal(db.inputs.backupRetentionPeriod, 1);
    });

    it("is protected from pulumi destroy exactly when protectData is on", async () => {
        assert.equal(named(await build("prod"), "prod-db").protect, true);
        assert.equal(named(await build("dev"), "dev-db").protect, false);
    });

    it("forces TLS through its parameter group (Postgres in prod, MySQL in dev)", async () => {
        for (const [stack, family, parameter, value] of [
            ["prod", "postgres16", "rds.force_ssl", "1"],
            ["dev", "mysql8.4", "require_secure_transport", "ON"],
        ] as const) {
            const built = await build(stack);
            const db = named(built, `${stack}-db`);
            const group = ofType(built, T.dbParameterGroup)[0];
            assert.ok(group.state.name, "the parameter group has no name");
            assert.equal(
                db.inputs.parameterGroupName,
                group.state.name,
                "instance does not use the TLS parameter group",
            );
            assert.equal(group.inputs.family, family);
            assert.deepEqual(
                group.inputs.parameters.map((p: any) => [p.name, p.value]),
                [[parameter, value]],
            );
        }
    });

    it("takes its password from a generated secret and keeps it secret in state", async () => {
        const built = await build("prod");
        const db = named(built, "prod-db");
        assert.equal(db.propertyDependencies.password?.[0], named(built, "prod-db-password").urn);
        assert.ok(db.additionalSecretOutputs.includes("password"));
        const password = named(built, "prod-db-password");
        for (const refused of ["/", "@", '"', " "])
            assert.ok(!password.inputs.overrideSpecial.includes(refused), refused);
    });

    it("tells the servers to verify TLS against the RDS CA bundle", async () => {
        const { tier } = await build("prod");
        assert.equal(tier.endpoints.database.requireTls, true);
        assert.match(
            tier.endpoints.database.caCertificateUrl ?? "",
            /^https:\/\/truststore\.pki\.rds\.amazonaws\.com\//,
        );
    });
});
