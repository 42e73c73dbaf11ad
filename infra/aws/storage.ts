import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { StorageEndpoint, applyTransform, Transform } from "../components";
import { WebtierConfig } from "../config/types";
import { storageEndpoint } from "../config/regions";
import { uploadsBucketPolicy } from "./iam-documents";
import { nameTag } from "./tags";

/** CloudFront's managed "CachingOptimized" cache policy: long TTLs, gzip and brotli, no cookies or query strings. */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";

export interface StorageArgs {
    /** The validated stack config; reads `storage`, `protectData` and `region`. */
    config: WebtierConfig;
    /**
     * A KMS key to encrypt uploads with (SSE-KMS). Default: none, which uses S3-managed keys
     * (SSE-S3, AES256): encrypted at rest with no key to manage or pay for.
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Escape hatches for the storage's children. */
    transform?: {
        bucket?: Transform<aws.s3.BucketArgs>;
        cors?: Transform<aws.s3.BucketCorsConfigurationArgs>;
        distribution?: Transform<aws.cloudfront.DistributionArgs>;
    };
}

/**
 * The uploads bucket every server shares (Laravel's s3 disk): private (every public-access
 * block on, ACLs disabled), versioned, encrypted, TLS-only, CORS for direct browser uploads
 * when origins are configured, and optionally a CloudFront distribution in front that alone
 * may read the bucket, through an origin access control.
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
        const { config } = args;
        const t = args.transform ?? {};
        const parent = { parent: this };
        this.kmsKeyArn = args.kmsKeyArn;

        this.bucket = new aws.s3.Bucket(
            `${name}-uploads`,
            applyTransform<aws.s3.BucketArgs>(
                {
                    // Emptying a bucket of user uploads must be a deliberate act outside Pulumi.
                    forceDestroy: false,
                    tags: nameTag(`${name}-uploads`),
                },
                t.bucket,
            ),
            { parent: this, protect: config.protectData },
        );

        const bucketChild = parent;
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-uploads-public-access`,
            {
                bucket: this.bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            bucketChild,
        );
        new aws.s3.BucketOwnershipControls(
            `${name}-uploads-ownership`,
            {
                bucket: this.bucket.id,
                // Disables ACLs altogether: access is decided by policies only.
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
            bucketChild,
        );
        new aws.s3.BucketVersioning(
            `${name}-uploads-versioning`,
            {
                bucket: this.bucket.id,
                versioningConfiguration: { status: "Enabled" },
            },
            bucketChild,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-uploads-encryption`,
            {
                bucket: this.bucket.id,
                rules: [
                    args.kmsKeyArn
                        ? {
                              applyServerSideEncryptionByDefault: {
                                  sseAlgorithm: "aws:kms",
                                  kmsMasterKeyId: args.kmsKeyArn,
                              },
                              bucketKeyEnabled: true,
                          }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            bucketChild,
        );
        if (config.storage.corsOrigins.length > 0) {
            new aws.s3.BucketCorsConfiguration(
                `${name}-uploads-cors`,
                applyTransform<aws.s3.BucketCorsConfigurationArgs>(
                    {
                        bucket: this.bucket.id,
                        corsRules: [
                            {
                                allowedOrigins: config.storage.corsOrigins,
                                allowedMethods: ["GET", "HEAD", "PUT", "POST"],
                                allowedHeaders: ["*"],
                                // Multipart uploads read the ETag of each part.
                                exposeHeaders: ["ETag"],
                                maxAgeSeconds: 3000,
                            },
                        ],
                    },
                    t.cors,
                ),
                bucketChild,
            );
        }

        if (config.storage.cdn) {
            const originAccess = new aws.cloudfront.OriginAccessControl(
                `${name}-uploads-oac`,
                {
                    description: `webtier ${name}: CloudFront reads the uploads bucket`,
                    originAccessControlOriginType: "s3",
                    signingBehavior: "always",
                    signingProtocol: "sigv4",
                },
                parent,
            );
            const originId = "uploads";
            this.distribution = new aws.cloudfront.Distribution(
                `${name}-cdn`,
                applyTransform<aws.cloudfront.DistributionArgs>(
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
                        tags: nameTag(`${name}-cdn`),
                    },
                    t.distribution,
                ),
                parent,
            );
        }

        const distributionArn = this.distribution?.arn;
        new aws.s3.BucketPolicy(
            `${name}-uploads-policy`,
            {
                bucket: this.bucket.id,
                policy: pulumi
                    .all([this.bucket.arn, distributionArn])
                    .apply(([bucketArn, cdnArn]) => JSON.stringify(uploadsBucketPolicy(bucketArn, cdnArn))),
            },
            { parent: this, dependsOn: [publicAccessBlock] },
        );

        this.endpoint = {
            bucket: this.bucket.bucket,
            region: config.region,
            endpoint: storageEndpoint("aws", config.region),
            cdnDomain: this.distribution
                ? this.distribution.domainName.apply((domain): string | undefined => domain)
                : pulumi.output(undefined),
        };
        this.registerOutputs({ bucket: this.bucket.bucket });
    }
}
