/** Database, cache and uploads on DigitalOcean (sections 2 and 3 of the guide), on the registered resources. */
import * as assert from "assert";
import {
    Built,
    T,
    accessLogsBucket,
    build,
    clusters,
    DEV_CONFIG,
    devTier,
    ofType,
    only,
    prodTier,
    uploadsBucket,
} from "./fixture";
import { defaultVpcCidr } from "../../../infra/config/network";

describe("digitalocean: database", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("keeps the database and the cache in the tier's VPC and region", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const vpc = only(ev, T.vpc);
            for (const cluster of Object.values(clusters(ev))) {
                assert.strictEqual(cluster.inputs.privateNetworkUuid, vpc.id, `${cluster.name} in the VPC`);
                assert.ok(cluster.propertyDependencies.privateNetworkUuid.includes(vpc.urn));
                assert.strictEqual(cluster.inputs.region, "ams3");
            }
        }
    });

    it("creates the VPC with the stack's range in the region (derived from the stack name when not configured)", () => {
        const vpc = only(dev.evaluation, T.vpc);
        assert.deepStrictEqual(
            [vpc.inputs.region, vpc.inputs.ipRange],
            ["ams3", defaultVpcCidr("digitalocean", "do-dev")],
        );
        assert.notStrictEqual(
            only(prod.evaluation, T.vpc).inputs.ipRange,
            vpc.inputs.ipRange,
            "do-dev and do-prod can share an account",
        );
    });

    it("adds a standby node to the database and the cache in prod, none in dev", () => {
        assert.strictEqual(clusters(prod.evaluation).database.inputs.nodeCount, 2);
        assert.strictEqual(clusters(prod.evaluation).cache.inputs.nodeCount, 2);
        assert.strictEqual(clusters(dev.evaluation).database.inputs.nodeCount, 1);
        assert.strictEqual(clusters(dev.evaluation).cache.inputs.nodeCount, 1);
    });

    it("runs MySQL 8 at the size class's DigitalOcean slug", () => {
        const database = clusters(prod.evaluation).database;
        assert.deepStrictEqual(
            [database.inputs.engine, database.inputs.version, database.inputs.size],
            ["mysql", "8", "db-s-2vcpu-4gb"],
        );
        assert.strictEqual(clusters(dev.evaluation).database.inputs.size, "db-s-1vcpu-2gb");
    });

    it("protects the database cluster and the app's database against destroy", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            assert.strictEqual(clusters(ev).database.protect, true);
            assert.strictEqual(only(ev, T.databaseDb).protect, true);
        }
    });

    it("sets a maintenance window on both clusters, at different hours", () => {
        const { database, cache } = clusters(prod.evaluation);
        assert.strictEqual(database.inputs.maintenanceWindows.length, 1);
        assert.strictEqual(cache.inputs.maintenanceWindows.length, 1);
        assert.notDeepStrictEqual(database.inputs.maintenanceWindows, cache.inputs.maintenanceWindows);
    });

    it("gives the app its own database and user with caching_sha2_password, password kept secret", () => {
        const ev = prod.evaluation;
        const database = clusters(ev).database;
        const db = only(ev, T.databaseDb);
        const user = only(ev, T.databaseUser);
        assert.strictEqual(db.inputs.clusterId, database.id);
        assert.strictEqual(user.inputs.clusterId, database.id);
        assert.strictEqual(user.inputs.mysqlAuthPlugin, "caching_sha2_password");
        assert.notStrictEqual(user.inputs.name, "doadmin");
        assert.ok(user.additionalSecretOutputs.includes("password"));
    });

    it("hands the app the private host, its own user and a TLS requirement", () => {
        const ev = prod.evaluation;
        const database = clusters(ev).database;
        const user = only(ev, T.databaseUser);
        const out = ev.outputs.database;
        assert.strictEqual(out.host, database.state.privateHost);
        assert.notStrictEqual(out.host, database.state.host, "never the public host");
        assert.strictEqual(out.port, database.state.port);
        assert.strictEqual(out.name, only(ev, T.databaseDb).inputs.name);
        assert.strictEqual(out.user, user.inputs.name);
        assert.strictEqual(out.password, user.state.password);
        assert.strictEqual(out.requireTls, true);
        assert.ok(ev.outputs.laravelEnv.includes("MYSQL_ATTR_SSL_CA="), "the app verifies the database's certificate");
    });
});

describe("digitalocean: cache", () => {
    let prod: Built;
    before(async () => {
        prod = await prodTier();
    });

    it("runs Valkey that refuses to evict sessions, jobs and locks", () => {
        const cache = clusters(prod.evaluation).cache;
        assert.strictEqual(cache.inputs.engine, "valkey");
        assert.strictEqual(cache.inputs.evictionPolicy, "noeviction");
        assert.strictEqual(cache.inputs.size, "db-s-1vcpu-2gb");
    });

    it("hands the app the private host, the default user, the password as a secret and TLS", () => {
        const ev = prod.evaluation;
        const cache = clusters(ev).cache;
        const out = ev.outputs.cache;
        assert.strictEqual(out.host, cache.state.privateHost);
        assert.strictEqual(out.port, cache.state.port);
        assert.strictEqual(out.user, "default");
        assert.strictEqual(out.password, cache.state.password);
        assert.strictEqual(out.tls, true);
        assert.ok(ev.secretOutputs.includes("probeCachePassword"));
    });
});

describe("digitalocean: uploads storage", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("keeps the bucket private, versioned, protected and never force-destroyed", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const bucket = uploadsBucket(ev);
            assert.strictEqual(bucket.inputs.acl, "private");
            assert.deepStrictEqual(bucket.inputs.versioning, { enabled: true });
            assert.strictEqual(bucket.inputs.forceDestroy, false);
            assert.strictEqual(bucket.protect, true);
            assert.strictEqual(bucket.inputs.region, "ams3");
            assert.strictEqual(bucket.inputs.corsRules, undefined, "CORS through the standalone resource only");
        }
    });

    it("aborts abandoned multipart uploads after a week, and expires no version of any upload by default", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            assert.deepStrictEqual(uploadsBucket(ev).inputs.lifecycleRules, [
                {
                    id: "uploads-lifecycle",
                    enabled: true,
                    abortIncompleteMultipartUploadDays: 7,
                    expiration: { expiredObjectDeleteMarker: true },
                },
            ]);
        }
    });

    it("removes older versions of uploads storage.versionRetentionDays after they stop being current", async () => {
        const kept = await build({ ...DEV_CONFIG, storage: JSON.stringify({ versionRetentionDays: 30 }) }, "do-kept");
        const [rule] = uploadsBucket(kept.evaluation).inputs.lifecycleRules;
        assert.deepStrictEqual(rule.noncurrentVersionExpiration, { days: 30 });
        assert.deepStrictEqual(rule.expiration, { expiredObjectDeleteMarker: true });
    });

    it("scopes the app's Spaces key to read and write this bucket only", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const bucket = uploadsBucket(ev);
            const key = only(ev, T.spacesKey);
            assert.deepStrictEqual(key.inputs.grants, [{ bucket: bucket.state.name, permission: "readwrite" }]);
            assert.ok(key.propertyDependencies.grants.includes(bucket.urn));
        }
    });

    it("hands the app the key, its secret as a Pulumi secret, and the regional endpoint", () => {
        const ev = prod.evaluation;
        const key = only(ev, T.spacesKey);
        assert.strictEqual(ev.outputs.probeSpacesAccessKeyId, key.state.accessKey);
        assert.strictEqual(ev.outputs.probeSpacesSecretKey, key.state.secretKey);
        assert.ok(ev.secretOutputs.includes("probeSpacesSecretKey"));
        assert.strictEqual(ev.outputs.storage.bucket, uploadsBucket(ev).state.name);
        assert.strictEqual(ev.outputs.storage.endpoint, "https://ams3.digitaloceanspaces.com");
    });

    it("allows browser uploads from the configured origins only when there are some", () => {
        const cors = only(prod.evaluation, T.cors);
        assert.strictEqual(cors.inputs.bucket, uploadsBucket(prod.evaluation).state.name);
        assert.deepStrictEqual(
            cors.inputs.corsRules.flatMap((r: any) => r.allowedOrigins),
            ["https://app.example.com"],
        );
        assert.deepStrictEqual(ofType(dev.evaluation, T.cors), []);
    });

    it("puts the Spaces CDN in front of the bucket when asked, and reports its domain", () => {
        const bucket = uploadsBucket(prod.evaluation);
        const cdn = only(prod.evaluation, T.cdn);
        assert.strictEqual(cdn.inputs.origin, bucket.state.bucketDomainName);
        assert.ok(cdn.propertyDependencies.origin.includes(bucket.urn));
        assert.strictEqual(prod.evaluation.outputs.storage.cdnDomain, cdn.state.endpoint);
        assert.deepStrictEqual(ofType(dev.evaluation, T.cdn), []);
        assert.strictEqual(dev.evaluation.outputs.storage.cdnDomain, undefined);
    });
});

describe("digitalocean: uploads access logs", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("logs every request to the uploads bucket into a bucket of its own, in the same region, under spaces/uploads/", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const uploads = uploadsBucket(ev);
            const logs = accessLogsBucket(ev);
            const logging = only(ev, T.bucketLogging);
            assert.strictEqual(logging.inputs.bucket, uploads.state.name);
            assert.strictEqual(logging.inputs.targetBucket, logs.state.name);
            assert.notStrictEqual(
                logs.state.name,
                uploads.state.name,
                "Spaces writes no logs into the bucket they describe",
            );
            assert.strictEqual(logging.inputs.targetPrefix, "spaces/uploads/");
            assert.strictEqual(logging.inputs.region, uploads.inputs.region);
            assert.strictEqual(logs.inputs.region, uploads.inputs.region);
        }
    });

    it("keeps the logs private and versioned, expiring them and their old versions after accessLogDays", () => {
        for (const [{ evaluation: ev }, days, stack] of [
            [dev, 7, "do-dev"],
            [prod, 90, "do-prod"],
        ] as const) {
            const logs = only(ev, T.bucket, `${stack}-access-logs`);
            assert.strictEqual(logs.inputs.acl, "private");
            assert.deepStrictEqual(logs.inputs.versioning, { enabled: true });
            assert.strictEqual(logs.inputs.forceDestroy, false);
            assert.deepStrictEqual(logs.inputs.lifecycleRules, [
                {
                    id: "expire-access-logs",
                    enabled: true,
                    expiration: { days },
                    noncurrentVersionExpiration: { days },
                    abortIncompleteMultipartUploadDays: 1,
                },
                { id: "remove-expired-delete-markers", enabled: true, expiration: { expiredObjectDeleteMarker: true } },
            ]);
        }
    });

    it("protects the log bucket with the data", async () => {
        assert.strictEqual(only(prod.evaluation, T.bucket, "do-prod-access-logs").protect, true);
        const open = await build({ ...DEV_CONFIG, protectData: "false" }, "do-open-logs");
        assert.strictEqual(only(open.evaluation, T.bucket, "do-open-logs-access-logs").protect, false);
    });

    it("tells other programs where the logs are, in the stack outputs (no balancer's: DigitalOcean's write none)", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const logs = accessLogsBucket(ev);
            const { bucket, uploadsPrefix, balancerPrefix } = ev.outputs.accessLogs;
            assert.deepStrictEqual(
                [bucket, uploadsPrefix, balancerPrefix],
                [logs.state.name, "spaces/uploads/", undefined],
            );
        }
    });

    it("keeps no access logs with accessLogDays 0", async () => {
        const none = await build({ ...DEV_CONFIG, accessLogDays: "0" }, "do-no-logs");
        assert.strictEqual(none.evaluation.outputs.accessLogs, undefined);
        assert.deepStrictEqual(
            ofType(none.evaluation, T.bucket).map((b) => b.name),
            ["do-no-logs-uploads"],
        );
        assert.deepStrictEqual(ofType(none.evaluation, T.bucketLogging), []);
    });
});
