import { strict as assert } from "assert";
import { build, named, ofType, owner, T } from "./fixture";

function forBucket(built: Awaited<ReturnType<typeof build>>, type: string) {
    const bucket = ofType(built, T.bucket)[0];
    return ofType(built, type).filter((r) => r.inputs.bucket === bucket.id);
}

describe("AWS storage (registered resources)", function () {
    this.timeout(120000);

    it("blocks every kind of public access to the uploads bucket", async () => {
        const [block] = forBucket(await build("prod"), T.publicAccessBlock);
        assert.ok(block, "no public access block on the uploads bucket");
        for (const key of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(block.inputs[key], true, key);
        }
    });

    it("disables ACLs (bucket owner enforced)", async () => {
        const [ownership] = forBucket(await build("dev"), T.ownership);
        assert.equal(ownership.inputs.rule.objectOwnership, "BucketOwnerEnforced");
    });

    it("keeps every version of every upload", async () => {
        const [versioning] = forBucket(await build("dev"), T.versioning);
        assert.equal(versioning.inputs.versioningConfiguration.status, "Enabled");
    });

    it("aborts abandoned multipart uploads after a week, and expires no current version of any upload", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const lifecycles = forBucket(await build(stack), T.lifecycle);
            assert.equal(lifecycles.length, 1, stack);
            const rules = lifecycles[0].inputs.rules;
            assert.deepEqual(rules[0], {
                id: "abort-incomplete-uploads",
                status: "Enabled",
                filter: { prefix: "" },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            });
            assert.deepEqual(rules[1], {
                id: "remove-expired-delete-markers",
                status: "Enabled",
                filter: { prefix: "" },
                expiration: { expiredObjectDeleteMarker: true },
            });
            for (const rule of rules) {
                assert.equal(rule.expiration?.days, undefined, `${stack} ${rule.id}`);
                assert.equal(rule.expiration?.date, undefined, `${stack} ${rule.id}`);
                assert.equal(rule.transitions, undefined, `${stack} ${rule.id}`);
            }
        }
    });

    it("keeps older versions of uploads until removed by hand, or storage.versionRetentionDays after they stop being current", async () => {
        const dev = forBucket(await build("dev"), T.lifecycle)[0].inputs.rules;
        assert.ok(dev.every((rule: any) => rule.noncurrentVersionExpiration === undefined));
        // The prod fixture keeps them 90 days.
        const prod = forBucket(await build("prod"), T.lifecycle)[0].inputs.rules;
        assert.deepEqual(prod.slice(2), [
            {
                id: "expire-old-versions",
                status: "Enabled",
                filter: { prefix: "" },
                noncurrentVersionExpiration: { noncurrentDays: 90 },
            },
        ]);
    });

    it("encrypts uploads at rest", async () => {
        const [encryption] = forBucket(await build("dev"), T.encryption);
        assert.equal(encryption.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
    });

    it("is protected and never force-destroyed, unless protectData is off", async () => {
        const prod = ofType(await build("prod"), T.bucket)[0];
        assert.equal(prod.protect, true);
        assert.equal(prod.inputs.forceDestroy, false);
        assert.equal(ofType(await build("dev"), T.bucket)[0].protect, false);
    });

    it("refuses non-TLS requests through its bucket policy", async () => {
        const [policy] = forBucket(await build("dev"), T.bucketPolicy);
        const document = JSON.parse(policy.inputs.policy);
        const deny = document.Statement.find((s: any) => s.Effect === "Deny");
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.equal(
            document.Statement.filter((s: any) => s.Effect === "Allow").length,
            0,
            "dev has no CDN, so nobody is allowed in",
        );
    });

    it("allows CORS only from the configured origins, and has no CORS rules without any", async () => {
        const [cors] = forBucket(await build("prod"), T.cors);
        assert.deepEqual(cors.inputs.corsRules[0].allowedOrigins, ["https://app.example.com"]);
        assert.equal(forBucket(await build("dev"), T.cors).length, 0);
    });

    it("lets only its own CloudFront distribution read, through an origin access control, over HTTPS only", async () => {
        const built = await build("prod");
        const distribution = named(built, "prod-cdn");
        const [origin] = distribution.inputs.origins;
        const oac = owner(built, origin.originAccessControlId);
        assert.equal(oac?.type, T.originAccessControl);
        assert.equal(oac?.inputs.signingProtocol, "sigv4");
        assert.equal(oac?.inputs.signingBehavior, "always");
        assert.equal(distribution.inputs.defaultCacheBehavior.viewerProtocolPolicy, "https-only");
        const [policy] = forBucket(built, T.bucketPolicy);
        const allows = JSON.parse(policy.inputs.policy).Statement.filter((s: any) => s.Effect === "Allow");
        assert.equal(allows.length, 1);
        assert.equal(allows[0].Condition.StringEquals["AWS:SourceArn"], distribution.state.arn);
        assert.equal(allows[0].Action, "s3:GetObject");
    });

    it("creates no distribution when the CDN is off", async () => {
        assert.equal(ofType(await build("dev"), T.distribution).length, 0);
    });
});
