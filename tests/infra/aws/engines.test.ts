import { strict as assert } from "assert";
import {
    cacheSnapshotRetentionDays,
    elastiCacheEngineSettings,
    finalSnapshotIdentifier,
    rdsEngineSettings,
    RDS_PASSWORD_SPECIALS,
} from "../../../infra/aws/engines";

describe("AWS engine settings", () => {
    it("forces TLS on MySQL with require_secure_transport", () => {
        const mysql = rdsEngineSettings("mysql", "8.4");
        assert.deepEqual(mysql.tlsParameter, { name: "require_secure_transport", value: "ON" });
        assert.equal(mysql.family, "mysql8.4");
        assert.equal(mysql.port, 3306);
    });

    it("forces TLS on Postgres with rds.force_ssl", () => {
        const postgres = rdsEngineSettings("postgres", "16");
        assert.deepEqual(postgres.tlsParameter, { name: "rds.force_ssl", value: "1" });
        assert.equal(postgres.family, "postgres16");
        assert.equal(postgres.port, 5432);
    });

    it("never lets the generated password contain a character RDS refuses", () => {
        for (const refused of ["/", "@", '"', " "]) assert.ok(!RDS_PASSWORD_SPECIALS.includes(refused), refused);
    });

    it("maps valkey and redis to ElastiCache engines on port 6379", () => {
        assert.equal(elastiCacheEngineSettings("valkey").engine, "valkey");
        assert.equal(elastiCacheEngineSettings("redis").engine, "redis");
        assert.equal(elastiCacheEngineSettings("valkey").port, 6379);
    });

    it("keeps a week of cache snapshots in prod and one day elsewhere", () => {
        assert.equal(cacheSnapshotRetentionDays("prod"), 7);
        assert.equal(cacheSnapshotRetentionDays("dev"), 1);
    });

    it("names the final snapshot after the stack", () => {
        assert.equal(finalSnapshotIdentifier("prod"), "prod-db-final-snapshot");
    });
});
