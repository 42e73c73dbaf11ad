import { strict as assert } from "assert";
import { build, named, ofType, T } from "./fixture";

/** The resources of `type` that configure the bucket whose logical name is `bucketName`. */
function of(built: Awaited<ReturnType<typeof build>>, bucketName: string, type: string) {
    const bucket = named(built, bucketName);
    return ofType(built, type).filter((r) => r.inputs.bucket === bucket.id);
}

describe("AWS balancer access logs (registered resources)", function () {
    this.timeout(120000);

    it("turns the balancer's access logs on, into their own bucket, once ELB may write there", async () => {
        const built = await build("prod");
        const alb = named(built, "prod-alb");
        assert.equal(alb.inputs.accessLogs.enabled, true);
        assert.equal(alb.inputs.accessLogs.prefix, "alb");
        // The bucket's name (its `bucket` output), as the mocks computed it for the access-log bucket.
        const bucket = named(built, "prod-access-logs");
        assert.ok(bucket.state.bucket, "the mock names the bucket");
        assert.equal(alb.inputs.accessLogs.bucket, bucket.state.bucket);
        const [policy] = of(built, "prod-access-logs", T.bucketPolicy);
        // ELB refuses to enable logging before the bucket policy lets it write.
        assert.ok(alb.dependencies.includes(policy.urn), "the balancer does not wait for the bucket policy");
        // ELB's writers: its regional account, or its log delivery service.
        const writers = JSON.parse(policy.inputs.policy).Statement.filter(
            (s: any) =>
                s.Effect === "Allow" &&
                (s.Principal?.AWS !== undefined ||
                    s.Principal?.Service === "logdelivery.elasticloadbalancing.amazonaws.com"),
        );
        assert.equal(writers.length, 2);
        for (const statement of writers) assert.match(statement.Resource, /\/alb\/AWSLogs\/\*$/);
    });

    it("keeps the logs private, versioned and encrypted with S3-managed keys (the only kind ELB writes with)", async () => {
        const built = await build("prod");
        const [block] = of(built, "prod-access-logs", T.publicAccessBlock);
        for (const key of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(block.inputs[key], true, key);
        }
        assert.equal(of(built, "prod-access-logs", T.ownership)[0].inputs.rule.objectOwnership, "BucketOwnerEnforced");
        assert.equal(of(built, "prod-access-logs", T.versioning)[0].inputs.versioningConfiguration.status, "Enabled");
        const [encryption] = of(built, "prod-access-logs", T.encryption);
        assert.deepEqual(encryption.inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    });

    it("expires the logs, and their deleted versions, after the configured days", async () => {
        for (const [stack, days] of [
            ["prod", 90],
            ["dev", 7],
        ] as const) {
            const [lifecycle] = of(await build(stack), `${stack}-access-logs`, T.lifecycle);
            const expiry = lifecycle.inputs.rules.find((r: any) => r.expiration?.days !== undefined);
            assert.equal(expiry.status, "Enabled");
            assert.equal(expiry.expiration.days, days, stack);
            assert.equal(expiry.noncurrentVersionExpiration.noncurrentDays, days, stack);
            assert.ok(
                lifecycle.inputs.rules.some((r: any) => r.expiration?.expiredObjectDeleteMarker === true),
                "expired delete markers are left behind",
            );
        }
    });

    it("protects the log bucket with the data, and never force-destroys it", async () => {
        const prod = named(await build("prod"), "prod-access-logs");
        assert.equal(prod.protect, true);
        assert.equal(prod.inputs.forceDestroy, false);
        assert.equal(named(await build("dev"), "dev-access-logs").protect, false);
    });

    it("logs every request to the uploads bucket into the log bucket, once S3 may write there for that bucket alone", async () => {
        const built = await build("prod");
        const uploads = named(built, "prod-uploads");
        const logs = named(built, "prod-access-logs");
        const [logging] = ofType(built, T.bucketLogging);
        assert.equal(ofType(built, T.bucketLogging).length, 1);
        assert.equal(logging.inputs.bucket, uploads.id);
        assert.equal(logging.inputs.targetBucket, logs.id);
        assert.equal(logging.inputs.targetPrefix, "s3/uploads/");
        assert.deepEqual(logging.inputs.targetObjectKeyFormat, {
            partitionedPrefix: { partitionDateSource: "EventTime" },
        });
        const [policy] = of(built, "prod-access-logs", T.bucketPolicy);
        assert.ok(logging.dependencies.includes(policy.urn), "logging is turned on before S3 may deliver");
        const statements = JSON.parse(policy.inputs.policy).Statement;
        const delivery = statements.filter((s: any) => s.Principal?.Service === "logging.s3.amazonaws.com");
        assert.equal(delivery.length, 1);
        assert.equal(delivery[0].Effect, "Allow");
        assert.equal(delivery[0].Action, "s3:PutObject");
        assert.equal(delivery[0].Resource, `${logs.state.arn}/s3/uploads/*`);
        assert.deepEqual(delivery[0].Condition, {
            ArnLike: { "aws:SourceArn": uploads.state.arn },
            StringEquals: { "aws:SourceAccount": "123456789012" },
        });
        // The balancer's delivery is unchanged beside it.
        assert.ok(statements.some((s: any) => s.Resource === `${logs.state.arn}/alb/AWSLogs/*`));
    });

    it("tells other programs where the logs are, in the stack outputs", async () => {
        const built = await build("prod");
        assert.deepEqual(built.evaluation.outputs.accessLogs, {
            bucket: named(built, "prod-access-logs").state.bucket,
            uploadsPrefix: "s3/uploads/",
            balancerPrefix: "alb/",
        });
        assert.equal((await build("staging")).evaluation.outputs.accessLogs, undefined);
    });

    it("creates no log bucket and leaves logging off with accessLogDays 0", async () => {
        const built = await build("staging");
        assert.equal(named(built, "staging-alb").inputs.accessLogs, undefined);
        assert.deepEqual(ofType(built, T.bucketLogging), []);
        assert.deepEqual(
            ofType(built, T.bucket).map((b) => b.name),
            ["staging-uploads"],
        );
        assert.equal(built.aws.accessLogs, undefined);
    });
});
