import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { balancerLogsBucketPolicy } from "./iam-documents";
import { privateBucket, PrivateBucketTransform } from "./private-bucket";

/** The folder of the bucket the balancer writes under (AWS adds `AWSLogs/<account>/...` below it). */
export const ACCESS_LOG_PREFIX = "alb";

/** Escape hatches for the access-log bucket's children, by role. */
export interface AccessLogsTransform extends PrivateBucketTransform {
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

        const { bucket, publicAccessBlock } = privateBucket(
            name,
            "access-logs",
            {
                protect: args.protect,
                // The only encryption ELB log delivery writes with. Versioned like every bucket: a log
                // deleted by someone covering their tracks stays as a noncurrent version.
                encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                transform: t,
            },
            this,
        );
        this.bucket = bucket;
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
