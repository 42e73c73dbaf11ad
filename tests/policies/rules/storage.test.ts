import * as assert from "assert";
import { privateVersionedStorage } from "../../../policies/rules/private-versioned-storage";
import { storageNotPublic } from "../../../policies/rules/storage-not-public";
import {
    FakeResource,
    UNKNOWN_BOOLEAN,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    remediate,
    validateResource,
    validateStack,
} from "../helpers";
import { T, doTier, pick, without } from "../fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const ACL = "aws:s3/bucketAclV2:BucketAclV2";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const SPACES = "digitalocean:index/spacesBucket:SpacesBucket";
const ALL_BLOCKED = {
    bucket: "uploads-1",
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
};

function s3Stack(): FakeResource[] {
    return [
        {
            type: T.bucket,
            name: "uploads",
            props: { id: "uploads-1", bucket: "uploads-1", arn: "arn:aws:s3:::uploads-1" },
        },
        { type: T.pab, name: "uploads-pab", props: { ...ALL_BLOCKED }, deps: { bucket: ["uploads"] } },
        {
            type: T.versioning,
            name: "uploads-versioning",
            props: { bucket: "uploads-1", versioningConfiguration: { status: "Enabled" } },
            deps: { bucket: ["uploads"] },
        },
        {
            type: T.sse,
            name: "uploads-sse",
            props: { bucket: "uploads-1", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            deps: { bucket: ["uploads"] },
        },
    ];
}

describe("webtier-storage-not-public on AWS", () => {
    it("accepts a private bucket and a fully closed public access block", async () => {
        assertNone(await validateResource(storageNotPublic, BUCKET, { bucket: "uploads-1" }));
        assertNone(await validateResource(storageNotPublic, PAB, ALL_BLOCKED));
    });

    it("refuses public canned ACLs inline and on a BucketAcl, and remediates them to private", async () => {
        assertViolation(
            await validateResource(storageNotPublic, BUCKET, { acl: "public-read" }),
            'acl "public-read"',
            '"private"',
        );
        assertViolation(
            await validateResource(storageNotPublic, ACL, { bucket: "uploads-1", acl: "public-read-write" }),
            "public-read-write",
        );
        assert.strictEqual(
            (await remediate(storageNotPublic, BUCKET, { acl: "public-read", bucket: "b" }))?.acl,
            "private",
        );
        assert.strictEqual(await remediate(storageNotPublic, BUCKET, { acl: "private" }), undefined);
    });

    it("refuses a grant to AllUsers in a BucketAcl access control policy", async () => {
        const v = await validateResource(storageNotPublic, ACL, {
            bucket: "b",
            accessControlPolicy: {
                grants: [
                    {
                        grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
                        permission: "READ",
                    },
                ],
                owner: { id: "o" },
            },
        });
        assertViolation(v, "all users");
    });

    it("refuses a bucket policy allowing Principal * without a condition, and accepts the CloudFront distribution's", async () => {
        const open = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
        });
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: "b", policy: open }),
            'Principal "*"',
        );
        const cdn = {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "cloudfront.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::b/*",
                    Condition: { StringEquals: { "AWS:SourceArn": "arn:cf" } },
                },
            ],
        };
        assertNone(await validateResource(storageNotPublic, POLICY, { bucket: "b", policy: cdn }));
        const awsStar = { Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:*" }] };
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: "b", policy: awsStar }),
            "Principal",
        );
    });

    it("counts only conditions that limit everyone to fixed sources, as S3's own test of a public policy does", async () => {
        const everyone = (Condition?: unknown) => ({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::b/*",
                    ...(Condition ? { Condition } : {}),
                },
            ],
        });
        const check = (condition: unknown) =>
            validateResource(storageNotPublic, POLICY, { bucket: "b", policy: JSON.stringify(everyone(condition)) });
        // Limits nobody: anyone may read, over TLS, from any address, or from any CloudFront distribution.
        assertViolation(
            await check({ Bool: { "aws:SecureTransport": "true" } }),
            "without a condition that limits it to fixed sources",
        );
        assertViolation(await check({ IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } }), 'Principal "*"');
        assertViolation(await check({ StringLike: { "aws:SourceArn": "arn:aws:cloudfront::*" } }), 'Principal "*"');
        assertViolation(await check({ StringNotEquals: { "aws:SourceAccount": "111122223333" } }), 'Principal "*"');
        assertViolation(await check({ StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b" } }), 'Principal "*"');
        // Limits to sources someone owns.
        assertNone(await check({ StringEquals: { "aws:SourceVpce": "vpce-1a2b" } }));
        assertNone(await check({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }));
        assertNone(
            await check({
                Bool: { "aws:SecureTransport": "true" },
                StringEquals: { "AWS:PrincipalOrgID": "o-abc123" },
            }),
        );
    });

    it("reads the getPolicyDocument form (statements, principals, conditions) the same way", async () => {
        const doc = (conditions?: unknown[]) => ({
            statements: [
                {
                    effect: "Allow",
                    principals: [{ type: "*", identifiers: ["*"] }],
                    actions: ["s3:GetObject"],
                    ...(conditions ? { conditions } : {}),
                },
            ],
        });
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: "b", policy: doc() }),
            'Principal "*"',
        );
        assertNone(
            await validateResource(storageNotPublic, POLICY, {
                bucket: "b",
                policy: doc([{ test: "StringEquals", variable: "aws:SourceVpce", values: ["vpce-1a2b"] }]),
            }),
        );
    });

    it("leaves a restricting condition whose value is unknown during preview to the stack rule", async () => {
        const policy = {
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Condition: { StringEquals: { "aws:SourceVpce": UNKNOWN_STRING } },
                },
            ],
        };
        assertNone(await validateResource(storageNotPublic, POLICY, { bucket: "b", policy }));
        const stack = [
            ...s3Stack(),
            {
                type: POLICY,
                name: "uploads-policy",
                props: { bucket: "uploads-1", policy },
                deps: { bucket: ["uploads"] },
            },
        ];
        assertNone(await validateStack(privateVersionedStorage, stack));
        pick(stack, "uploads-pab").props.blockPublicPolicy = false;
        assertViolation(
            await validateStack(privateVersionedStorage, stack),
            "uploads-policy",
            "cannot be proven private",
        );
    });

    it("reads absent public access block switches as false, and remediates them to true", async () => {
        const v = await validateResource(storageNotPublic, PAB, { bucket: "b", blockPublicAcls: true });
        assertViolation(v, "blockPublicPolicy", "not set (the default is false)");
        const fixed = await remediate(storageNotPublic, PAB, { bucket: "b", blockPublicAcls: true });
        assert.deepStrictEqual(fixed, {
            bucket: "b",
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
    });

    it("does not pass an ACL unknown during preview", async () => {
        assertViolation(
            await validateResource(storageNotPublic, BUCKET, { acl: UNKNOWN_STRING }),
            "unknown during preview",
        );
    });

    it("judges a policy document whose principals are known even when its ARNs are unknown during preview", async () => {
        const known = (principal: unknown, condition?: unknown) => ({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: principal,
                    Action: "s3:GetObject",
                    Resource: UNKNOWN_STRING,
                    ...(condition ? { Condition: condition } : {}),
                },
            ],
        });
        assertNone(
            await validateResource(storageNotPublic, POLICY, {
                bucket: "b",
                policy: known(
                    { Service: "cloudfront.amazonaws.com" },
                    { StringEquals: { "AWS:SourceArn": UNKNOWN_STRING } },
                ),
            }),
        );
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: UNKNOWN_STRING, policy: known("*") }),
            'Principal "*"',
        );
    });

    it("leaves a policy document unknown during preview to the stack rule, which can see the bucket's public access block", async () => {
        // Not a pass: webtier-private-versioned-storage reports it unless the block neutralises it (below).
        assertNone(await validateResource(storageNotPublic, POLICY, { bucket: "b", policy: UNKNOWN_STRING }));
    });
});

describe("webtier-storage-not-public on DigitalOcean", () => {
    it("accepts a private Spaces bucket, and an absent acl (the default, private)", async () => {
        assertNone(await validateResource(storageNotPublic, SPACES, { name: "u", acl: "private" }));
        assertNone(await validateResource(storageNotPublic, SPACES, { name: "u" }));
    });

    it("refuses a public-read Spaces bucket and remediates it to private", async () => {
        assertViolation(
            await validateResource(storageNotPublic, SPACES, { name: "u", acl: "public-read" }),
            "Spaces bucket",
            "public-read",
        );
        assert.strictEqual(
            (await remediate(storageNotPublic, SPACES, { name: "u", acl: "public-read" }))?.acl,
            "private",
        );
    });

    it("does not pass a Spaces acl unknown during preview", async () => {
        assertViolation(
            await validateResource(storageNotPublic, SPACES, { name: "u", acl: UNKNOWN_STRING }),
            "unknown during preview",
        );
    });
});

describe("webtier-private-versioned-storage on AWS", () => {
    it("accepts a bucket with a public access block, versioning and encryption as separate resources", async () => {
        assertNone(await validateStack(privateVersionedStorage, s3Stack()));
    });

    it("accepts the inline (legacy) versioning and encryption blocks", async () => {
        const stack = without(without(s3Stack(), "uploads-versioning"), "uploads-sse");
        Object.assign(pick(stack, "uploads").props, {
            versioning: { enabled: true },
            serverSideEncryptionConfiguration: {
                rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            },
        });
        assertNone(await validateStack(privateVersionedStorage, stack));
    });

    it("refuses a bucket with no public access block and no versioning, and asks for no encryption, which S3 applies itself", async () => {
        const v = await validateStack(privateVersionedStorage, [
            { type: T.bucket, name: "bare", props: { id: "bare-1", bucket: "bare-1" } },
        ]);
        assertViolation(v, 'S3 bucket "bare"', "no BucketPublicAccessBlock");
        assertViolation(v, 'S3 bucket "bare"', "not versioned", "BucketVersioning");
        assert.strictEqual(v.length, 2, JSON.stringify(v));
        assertNone(await validateStack(privateVersionedStorage, without(s3Stack(), "uploads-sse")));
    });

    it("refuses suspended versioning", async () => {
        const stack = s3Stack();
        pick(stack, "uploads-versioning").props.versioningConfiguration.status = "Suspended";
        assertViolation(await validateStack(privateVersionedStorage, stack), "not versioned");
    });

    it("follows property dependencies when the bucket name is unknown during preview", async () => {
        const stack = s3Stack();
        pick(stack, "uploads").props = { id: UNKNOWN_STRING, bucket: UNKNOWN_STRING };
        for (const name of ["uploads-pab", "uploads-versioning", "uploads-sse"])
            pick(stack, name).props.bucket = UNKNOWN_STRING;
        assertNone(await validateStack(privateVersionedStorage, stack));
        pick(stack, "uploads-versioning").props.versioningConfiguration = { status: UNKNOWN_STRING };
        assertViolation(await validateStack(privateVersionedStorage, stack), "versioning unknown during preview");
    });
});

describe("webtier-private-versioned-storage: bucket policies unknown during preview", () => {
    /** The uploads bucket with a policy whose text is unknown (it names ARNs that do not exist yet). */
    function withUnknownPolicy(): FakeResource[] {
        return [
            ...s3Stack(),
            {
                type: POLICY,
                name: "uploads-policy",
                props: { bucket: UNKNOWN_STRING, policy: UNKNOWN_STRING },
                deps: { bucket: ["uploads"] },
            },
        ];
    }

    it("accepts an unknown document when the bucket's public access block blocks and restricts public policies", async () => {
        assertNone(await validateStack(privateVersionedStorage, withUnknownPolicy()));
    });

    it("refuses an unknown document when either switch is off, absent or unknown, saying it cannot be proven private", async () => {
        for (const value of [false, undefined, UNKNOWN_BOOLEAN]) {
            for (const flag of ["blockPublicPolicy", "restrictPublicBuckets"]) {
                const stack = withUnknownPolicy();
                const block = pick(stack, "uploads-pab").props;
                if (value === undefined) delete block[flag];
                else block[flag] = value;
                const v = await validateStack(privateVersionedStorage, stack);
                assertViolation(
                    v,
                    'S3 bucket policy "uploads-policy"',
                    "unknown during preview",
                    "cannot be proven private",
                    'S3 bucket "uploads" has no public access block with blockPublicPolicy and restrictPublicBuckets',
                );
                assert.strictEqual(
                    v.find((x) => x.message.includes("cannot be proven"))?.name,
                    "uploads-policy",
                    `${flag}=${String(value)}`,
                );
            }
        }
    });

    it("refuses an unknown document when the bucket has no public access block, or is not in the stack", async () => {
        assertViolation(
            await validateStack(privateVersionedStorage, without(withUnknownPolicy(), "uploads-pab")),
            "uploads-policy",
            "cannot be proven private",
        );
        const elsewhere = [
            { type: POLICY, name: "other-policy", props: { bucket: "someone-elses-bucket", policy: UNKNOWN_STRING } },
        ];
        assertViolation(await validateStack(privateVersionedStorage, elsewhere), "other-policy", "not in this stack");
    });

    it("judges an unknown inline bucket policy the same way", async () => {
        const stack = s3Stack();
        pick(stack, "uploads").props.policy = UNKNOWN_STRING;
        assertNone(await validateStack(privateVersionedStorage, stack));
        pick(stack, "uploads-pab").props.restrictPublicBuckets = false;
        assertViolation(
            await validateStack(privateVersionedStorage, stack),
            'S3 bucket "uploads" has a policy document unknown during preview',
        );
    });

    it("leaves known documents to webtier-storage-not-public", async () => {
        const stack = [
            ...s3Stack(),
            {
                type: POLICY,
                name: "uploads-policy",
                props: {
                    bucket: "uploads-1",
                    policy: JSON.stringify({
                        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }],
                    }),
                },
            },
        ];
        assertNone(await validateStack(privateVersionedStorage, stack));
    });

    it("refuses an unknown Spaces bucket policy: Spaces has no public access block", async () => {
        const stack = [
            ...doTier(),
            {
                type: "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy",
                name: "uploads-policy",
                props: { bucket: "uploads", policy: UNKNOWN_STRING },
            },
        ];
        assertViolation(
            await validateStack(privateVersionedStorage, stack),
            'Spaces bucket policy "uploads-policy"',
            "no public access block",
        );
    });
});

describe("webtier-private-versioned-storage on DigitalOcean", () => {
    it("accepts a versioned Spaces bucket", async () => {
        assertNone(await validateStack(privateVersionedStorage, doTier()));
    });

    it("refuses a Spaces bucket without versioning (absent means off)", async () => {
        const stack = doTier();
        delete pick(stack, "uploads").props.versioning;
        assertViolation(
            await validateStack(privateVersionedStorage, stack),
            'Spaces bucket "uploads"',
            "versioning: { enabled: true }",
        );
    });
});

describe("storage: object ACLs, account-level blocks, and bucket policies written other ways", () => {
    const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
    const statement = (extra: Record<string, unknown>) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads-1/*", ...extra }],
        });

    it("refuses public-read objects (BucketObject, BucketObjectv2, Spaces objects) and accepts private or absent ACLs", async () => {
        for (const type of [
            "aws:s3/bucketObject:BucketObject",
            "aws:s3/bucketObjectv2:BucketObjectv2",
            "digitalocean:index/spacesBucketObject:SpacesBucketObject",
        ]) {
            assertViolation(
                await validateResource(storageNotPublic, type, {
                    bucket: "uploads-1",
                    key: "logo.png",
                    acl: "public-read",
                }),
                'sets acl "public-read"',
            );
            assertNone(
                await validateResource(storageNotPublic, type, {
                    bucket: "uploads-1",
                    key: "logo.png",
                    acl: "private",
                }),
            );
            assertNone(await validateResource(storageNotPublic, type, { bucket: "uploads-1", key: "logo.png" }));
            assertViolation(
                await validateResource(storageNotPublic, type, {
                    bucket: "uploads-1",
                    key: "logo.png",
                    acl: UNKNOWN_STRING,
                }),
                "unknown during preview",
            );
        }
        assert.deepStrictEqual(
            await remediate(storageNotPublic, "aws:s3/bucketObjectv2:BucketObjectv2", {
                bucket: "b",
                key: "k",
                acl: "public-read",
            }),
            { bucket: "b", key: "k", acl: "private" },
        );
    });

    it("refuses an object copy granting AllUsers read", async () => {
        const grants = [
            { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permissions: ["READ"] },
        ];
        assertViolation(
            await validateResource(storageNotPublic, "aws:s3/objectCopy:ObjectCopy", {
                bucket: "b",
                key: "k",
                source: "src/k",
                grants,
            }),
            "S3 object copy",
            "grants access to all users",
        );
    });

    it("refuses Allow with NotPrincipal (everyone but the principals named)", async () => {
        assertViolation(
            await validateResource(storageNotPublic, POLICY, {
                bucket: "uploads-1",
                policy: statement({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }),
            }),
            "allows everyone but the principals a NotPrincipal names without a condition",
        );
        assertNone(
            await validateResource(storageNotPublic, POLICY, {
                bucket: "uploads-1",
                policy: statement({ Principal: { AWS: "arn:aws:iam::123456789012:root" } }),
            }),
        );
    });

    it("refuses aws:SourceIp that covers the world in pieces, accepts an office range", async () => {
        const pieces = statement({
            Principal: "*",
            Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } },
        });
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: "uploads-1", policy: pieces }),
            "without a condition that limits it",
        );
        const office = statement({
            Principal: "*",
            Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/48"] } },
        });
        assertNone(await validateResource(storageNotPublic, POLICY, { bucket: "uploads-1", policy: office }));
    });

    it("does not take policy variables for fixed values", async () => {
        const variable = statement({
            Principal: "*",
            Condition: { StringEquals: { "aws:SourceAccount": "${aws:SourceAccount}" } },
        });
        assertViolation(
            await validateResource(storageNotPublic, POLICY, { bucket: "uploads-1", policy: variable }),
            "without a condition that limits it",
        );
        const fixed = statement({
            Principal: "*",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
        assertNone(await validateResource(storageNotPublic, POLICY, { bucket: "uploads-1", policy: fixed }));
    });

    it("recognises an account public access block with all four switches on, and judges its switches", async () => {
        const bucket = [
            { type: T.bucket, name: "uploads", props: { id: "uploads-1", bucket: "uploads-1" } },
            {
                type: "aws:s3/bucketVersioning:BucketVersioning",
                name: "v",
                props: { bucket: "uploads-1", versioningConfiguration: { status: "Enabled" } },
            },
            {
                type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                name: "sse",
                props: {
                    bucket: "uploads-1",
                    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
                },
            },
        ];
        assertViolation(await validateStack(privateVersionedStorage, bucket), "no BucketPublicAccessBlock");
        const account = {
            type: ACCOUNT_PAB,
            name: "account",
            props: {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
        };
        assertNone(await validateStack(privateVersionedStorage, [...bucket, account]));
        const half = { ...account, props: { ...account.props, restrictPublicBuckets: false } };
        assertViolation(await validateStack(privateVersionedStorage, [...bucket, half]), "no BucketPublicAccessBlock");
        assertViolation(
            await validateResource(storageNotPublic, ACCOUNT_PAB, half.props),
            "restrictPublicBuckets is false",
        );
        const unknownPolicy = {
            type: POLICY,
            name: "p",
            props: { bucket: "uploads-1", policy: UNKNOWN_STRING },
            deps: { bucket: ["uploads"] },
        };
        assertNone(await validateStack(privateVersionedStorage, [...bucket, account, unknownPolicy]));
    });
});

describe("storage: Spaces bucket policies written other ways", () => {
    const SPACES_POLICY = "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy";
    it("refuses NotPrincipal and aws:SourceIp pieces on a Spaces bucket policy too", async () => {
        const doc = (statement: Record<string, unknown>) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::brand/*", ...statement },
                ],
            });
        const notPrincipal = doc({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } });
        const spaces = await validateResource(storageNotPublic, SPACES_POLICY, {
            region: "ams3",
            bucket: "brand",
            policy: notPrincipal,
        });
        // Spaces' own advice, not AWS's (no CloudFront, no service principals).
        assertViolation(spaces, "allows everyone but the principals a NotPrincipal names", "presigned URLs");
        assert.ok(!spaces.some((v) => /CloudFront/.test(String(v))), JSON.stringify(spaces));
        const pieces = doc({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": ["2000::/4", "3000::/4"] } } });
        assertViolation(
            await validateResource(storageNotPublic, SPACES_POLICY, {
                region: "ams3",
                bucket: "brand",
                policy: pieces,
            }),
            "without a condition",
        );
    });
});
