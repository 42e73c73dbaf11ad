import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { balancerLogsBucketPolicy } from "./iam-documents";
import { nameTag } from "./tags";

/** The folder of the bucket the balancer writes under (AWS adds `AWSLogs/<account>/...` below it). */
export const ACCESS_LOG_PREFIX = "alb";

/** Escape hatches for the access-log bucket's children, by role. */
export interface AccessLogsTransform {
    bucket?: Transform<aws.s3.BucketArgs>;
    publicAccessBlock?: Transform<aws.s3.BucketPublicAccessBlockArgs>;
    ownershipControls?: Transform<aws.s3.BucketOwnershipControlsArgs>;
    versioning?: Transform<aws.s3.BucketVersioningArgs>;
    encryption?: Transform<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
    lifecycle?: Transform<aws.s3.BucketLifecycleConfigurationArgs>;
    bucketPolicy?: Transform<aws.s3.BucketPolicyArgs>;
}

export interface AccessLogsArgs {
    /** The stack's region: the bucket must be in the balancer's, and its policy names that region's ELB account. Required. */
    region: string;
    /** Days a log file is kept, and a deleted or overwritten one stays recoverable. Required: `webtier:accessLogDays` (at least 1). */
    retentionDays: number;
    /**
     * Pulumi's `protect` on the bucket: the logs are the record of who sent what, which an
     * investigation may need after the fact. Required: `webtier:protectData`.
     */
    protect: boolean;
    /** Escape hatches for the children. Default: none. */
    transform?: AccessLogsTransform;
}

/**
 * The bucket the load balancer writes its access logs to (AWS Foundational Security Best
 * Practices ELB.5): private, ACLs disabled, versioned, TLS only, and encrypted with S3-managed
 * keys, the only encryption ELB log delivery supports. Logs expire after `retentionDays`.
 * The balancer must wait for `policy`: ELB checks that it may write before it turns logging on.
 */
export class AccessLogs extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    /** The bucket policy that lets ELB write; the balancer depends on it. */
    public readonly policy: aws.s3.BucketPolicy;
    /** The folder the balancer writes under. */
    public readonly prefix = ACCESS_LOG_PREFIX;

    constructor(name: string, args: AccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:AccessLogs", name, {}, opts);
        const t = args.transform ?? {};

        const bucketName = childName(name, "access-logs");
        this.bucket = new aws.s3.Bucket(
            ...transform(
                t.bucket,
                bucketName,
                {
                    // Logs leave by their lifecycle, not by emptying the bucket from Pulumi.
                    forceDestroy: false,
                    tags: nameTag(bucketName),
                },
                { parent: this, protect: args.protect },
            ),
        );
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            ...transform(
                t.publicAccessBlock,
                childName(name, "access-logs-public-access"),
                {
                    bucket: this.bucket.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                { parent: this },
            ),
        );
        new aws.s3.BucketOwnershipControls(
            ...transform(
                t.ownershipControls,
                childName(name, "access-logs-ownership"),
                { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
                { parent: this },
            ),
        );
        // A log deleted by someone covering their tracks stays as a noncurrent version.
        new aws.s3.BucketVersioning(
            ...transform(
                t.versioning,
                childName(name, "access-logs-versioning"),
                { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } },
                { parent: this },
            ),
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            ...transform(
                t.encryption,
                childName(name, "access-logs-encryption"),
                {
                    bucket: this.bucket.id,
                    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
                },
                { parent: this },
            ),
        );
        new aws.s3.BucketLifecycleConfiguration(
            ...transform(
                t.lifecycle,
                childName(name, "access-logs-lifecycle"),
                {
                    bucket: this.bucket.id,
                    rules: [
                        {
                            id: "expire-access-logs",
                            status: "Enabled",
                            filter: { prefix: "" },
                            expiration: { days: args.retentionDays },
                            noncurrentVersionExpiration: { noncurrentDays: args.retentionDays },
                            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                        },
                        {
                            // Expiring a current version leaves a delete marker; once its older
                            // versions are gone too, nothing else removes it.
                            id: "remove-expired-delete-markers",
                            status: "Enabled",
                            filter: { prefix: "" },
                            expiration: { expiredObjectDeleteMarker: true },
                        },
                    ],
                },
                { parent: this },
            ),
        );
        this.policy = new aws.s3.BucketPolicy(
            ...transform(
                t.bucketPolicy,
                childName(name, "access-logs-policy"),
                {
                    bucket: this.bucket.id,
                    policy: this.bucket.arn.apply((arn) =>
                        JSON.stringify(balancerLogsBucketPolicy(arn, args.region, ACCESS_LOG_PREFIX)),
                    ),
                },
                { parent: this, dependsOn: [publicAccessBlock] },
            ),
        );
        this.registerOutputs({ bucket: this.bucket.bucket });
    }
}
