import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { INCOMPLETE_UPLOAD_DAYS, StorageEndpoint } from "../components";
import { storageEndpoint } from "../config/regions";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { uploadsBucketPolicy } from "./iam-documents";
import { privateBucket, PrivateBucketTransform } from "./private-bucket";
import { nameTag } from "./tags";

/** CloudFront's managed "CachingOptimized" cache policy: long TTLs, gzip and brotli, no cookies or query strings. */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/** Escape hatches for the storage's children, by role. */
export interface StorageTransform extends PrivateBucketTransform {
    /** Only with `corsOrigins`. */
    cors?: Transform<aws.s3.BucketCorsConfigurationArgs>;
    /** Only with `cdn`. */
    originAccessControl?: Transform<aws.cloudfront.OriginAccessControlArgs>;
    /** Only with `cdn`. */
    distribution?: Transform<aws.cloudfront.DistributionArgs>;
    bucketPolicy?: Transform<aws.s3.BucketPolicyArgs>;
    lifecycle?: Transform<aws.s3.BucketLifecycleConfigurationArgs>;
}

export interface StorageArgs {
    /** The AWS region of the bucket, for the app's S3 endpoint. Required: `webtier:region`. */
    region: string;
    /**
     * Pulumi's `protect` on the bucket: it holds the users' uploads, which exist nowhere else.
     * Required: `webtier:protectData` (default true); turned off only to tear a dev stack down.
     */
    protect: boolean;
    /**
     * HTTPS origins allowed to upload straight from the browser. Required: `webtier:storage.corsOrigins`
     * (default none: no CORS configuration, so the bucket answers no cross-origin request).
     */
    corsOrigins: string[];
    /**
     * A CloudFront distribution in front of the bucket, which alone may read it (origin access
     * control). Required: `webtier:storage.cdn` (default false).
     */
    cdn: boolean;
    /**
     * Days an upload's older versions are kept once they stop being current (deleted or
     * overwritten). Required: `webtier:storage.versionRetentionDays` (default 0: kept until removed
     * by hand).
     */
    versionRetentionDays: number;
    /**
     * A KMS key to encrypt uploads with (SSE-KMS). Default: none, which uses S3-managed keys
     * (SSE-S3, AES256): encrypted at rest with no key to manage or pay for.
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: StorageTransform;
}

/**
 * The uploads bucket every server shares (Laravel's s3 disk): private (every public-access
 * block on, ACLs disabled), versioned, encrypted, TLS-only, abandoned multipart uploads aborted
 * after a week, CORS for direct browser uploads when origins are configured, and optionally a
 * CloudFront distribution in front that alone may read the bucket, through an origin access
 * control.
 */
export class Storage extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly distribution?: aws.cloudfront.Distribution;
    /** The KMS key uploads are encrypted with, when one was given; the servers' role needs it too. */
    public readonly kmsKeyArn?: pulumi.Input<string>;
    /** The neutral view the servers and outputs use. */
    public readonly endpoint: StorageEndpoint;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Storage", name, {}, opts);
        const t = args.transform ?? {};
        this.kmsKeyArn = args.kmsKeyArn;

        const { bucket, publicAccessBlock } = privateBucket(
            name,
            "uploads",
            {
                protect: args.protect,
                encryption: args.kmsKeyArn
                    ? {
                          applyServerSideEncryptionByDefault: {
                              sseAlgorithm: "aws:kms",
                              kmsMasterKeyId: args.kmsKeyArn,
                          },
                          bucketKeyEnabled: true,
                      }
                    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                transform: t,
            },
            this,
        );
        this.bucket = bucket;
        // Only what was never an upload is removed, and older versions once versionRetentionDays
        // have passed: no current version ever expires.
        new aws.s3.BucketLifecycleConfiguration(
            ...transform(
                t.lifecycle,
                childName(name, "uploads-lifecycle"),
                {
                    bucket: this.bucket.id,
                    rules: [
                        {
                            id: "abort-incomplete-uploads",
                            status: "Enabled",
                            filter: { prefix: "" },
                            abortIncompleteMultipartUpload: { daysAfterInitiation: INCOMPLETE_UPLOAD_DAYS },
                        },
                        {
                            // A delete marker whose older versions were all removed hides nothing.
                            id: "remove-expired-delete-markers",
                            status: "Enabled",
                            filter: { prefix: "" },
                            expiration: { expiredObjectDeleteMarker: true },
                        },
                        ...(args.versionRetentionDays > 0
                            ? [
                                  {
                                      id: "expire-old-versions",
                                      status: "Enabled",
                                      filter: { prefix: "" },
                                      noncurrentVersionExpiration: { noncurrentDays: args.versionRetentionDays },
                                  },
                              ]
                            : []),
                    ],
                },
                { parent: this },
            ),
        );
        if (args.corsOrigins.length > 0) {
            new aws.s3.BucketCorsConfiguration(
                ...transform(
                    t.cors,
                    childName(name, "uploads-cors"),
                    {
                        bucket: this.bucket.id,
                        corsRules: [
                            {
                                allowedOrigins: [...args.corsOrigins],
                                allowedMethods: ["GET", "HEAD", "PUT", "POST"],
                                allowedHeaders: ["*"],
                                // Multipart uploads read the ETag of each part.
                                exposeHeaders: ["ETag"],
                                maxAgeSeconds: 3000,
                            },
                        ],
                    },
                    { parent: this },
                ),
            );
        }

        if (args.cdn) {
            const originAccess = new aws.cloudfront.OriginAccessControl(
                ...transform(
                    t.originAccessControl,
                    childName(name, "uploads-oac"),
                    {
                        description: `webtier ${name}: CloudFront reads the uploads bucket`,
                        originAccessControlOriginType: "s3",
                        signingBehavior: "always",
                        signingProtocol: "sigv4",
                    },
                    { parent: this },
                ),
            );
            const originId = "uploads";
            const distributionName = childName(name, "cdn");
            this.distribution = new aws.cloudfront.Distribution(
                ...transform(
                    t.distribution,
                    distributionName,
                    {
                        comment: `webtier ${name}: uploads`,
                        enabled: true,
                        isIpv6Enabled: true,
                        httpVersion: "http2and3",
                        // North America and Europe edges: the cheapest class; widen it with the transform.
                        priceClass: "PriceClass_100",
                        origins: [
                            {
                                originId,
                                domainName: this.bucket.bucketRegionalDomainName,
                                originAccessControlId: originAccess.id,
                            },
                        ],
                        defaultCacheBehavior: {
                            targetOriginId: originId,
                            viewerProtocolPolicy: "https-only",
                            allowedMethods: ["GET", "HEAD"],
                            cachedMethods: ["GET", "HEAD"],
                            cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
                            compress: true,
                        },
                        restrictions: { geoRestriction: { restrictionType: "none" } },
                        viewerCertificate: { cloudfrontDefaultCertificate: true },
                        tags: nameTag(distributionName),
                    },
                    { parent: this },
                ),
            );
        }

        const distributionArn = this.distribution?.arn;
        new aws.s3.BucketPolicy(
            ...transform(
                t.bucketPolicy,
                childName(name, "uploads-policy"),
                {
                    bucket: this.bucket.id,
                    policy: pulumi
                        .all([this.bucket.arn, distributionArn])
                        .apply(([bucketArn, cdnArn]) => JSON.stringify(uploadsBucketPolicy(bucketArn, cdnArn))),
                },
                { parent: this, dependsOn: [publicAccessBlock] },
            ),
        );

        this.endpoint = {
            bucket: this.bucket.bucket,
            region: args.region,
            endpoint: storageEndpoint("aws", args.region),
            cdnDomain: this.distribution
                ? this.distribution.domainName.apply((domain): string | undefined => domain)
                : pulumi.output(undefined),
        };
        this.registerOutputs({ bucket: this.bucket.bucket });
    }
}
