import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { balancerLogsBucketPolicy, serverAccessLogsStatement } from "./iam-documents";
import { privateBucket, PrivateBucketTransform } from "./private-bucket";

/** The folder of the bucket the balancer writes under (AWS adds `AWSLogs/<account>/...` below it). */
export const ACCESS_LOG_PREFIX = "alb";
/** The folder S3 writes the uploads bucket's server access logs under (dated folders below it). */
export const UPLOADS_LOG_PREFIX = "s3/uploads";

/** Escape hatches for the access-log bucket's children, by role. */
export interface AccessLogsTransform extends PrivateBucketTransform {
    lifecycle?: Transform<aws.s3.BucketLifecycleConfigurationArgs>;
    bucketPolicy?: Transform<aws.s3.BucketPolicyArgs>;
    /** Only with `uploads`: the uploads bucket's logging configuration. */
    uploadsLogging?: Transform<aws.s3.BucketLoggingArgs>;
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
    /**
     * The uploads bucket, whose S3 server access logs (each request: who read, wrote or deleted
     * which object; AWS Foundational Security Best Practices S3.9) go under `s3/uploads/`, kept
     * as long as the balancer's. Default: none (no server access logs).
     */
    uploads?: { bucket: pulumi.Input<string>; arn: pulumi.Input<string> };
    /** Escape hatches for the children. Default: none. */
    transform?: AccessLogsTransform;
}

/**
 * The bucket the load balancer writes its access logs to (AWS Foundational Security Best
 * Practices ELB.5), and S3 the uploads bucket's server access logs (S3.9): private, ACLs
 * disabled, versioned, TLS only, and encrypted with S3-managed keys, the only encryption ELB
 * log delivery and S3 server access logging support. Logs expire after `retentionDays`.
 * The balancer must wait for `policy`: ELB checks that it may write before it turns logging on.
 */
export class AccessLogs extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    /** The bucket policy that lets ELB write; the balancer depends on it. */
    public readonly policy: aws.s3.BucketPolicy;
    /** The folder the balancer writes under. */
    public readonly prefix = ACCESS_LOG_PREFIX;
    /** The folder the uploads bucket's server access logs are written under. */
    public readonly uploadsPrefix = UPLOADS_LOG_PREFIX;

    constructor(name: string, args: AccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:AccessLogs", name, {}, opts);
        const t = args.transform ?? {};
        // Only the uploads' log delivery is limited by account; the balancer's needs none.
        const uploadsAccount = args.uploads ? aws.getCallerIdentityOutput({}, { parent: this }).accountId : undefined;

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
                    policy: pulumi
                        .all([this.bucket.arn, args.uploads?.arn, uploadsAccount])
                        .apply(([arn, uploadsArn, account]) => {
                            const document = balancerLogsBucketPolicy(arn, args.region, ACCESS_LOG_PREFIX);
                            if (uploadsArn && account)
                                document.Statement.push(
                                    serverAccessLogsStatement(arn, UPLOADS_LOG_PREFIX, uploadsArn, account),
                                );
                            return JSON.stringify(document);
                        }),
                },
                { parent: this, dependsOn: [publicAccessBlock] },
            ),
        );
        if (args.uploads) {
            // Set on the source bucket; S3 delivers only once the policy above lets it write.
            new aws.s3.BucketLogging(
                ...transform(
                    t.uploadsLogging,
                    childName(name, "uploads-logging"),
                    {
                        bucket: args.uploads.bucket,
                        targetBucket: this.bucket.id,
                        targetPrefix: `${UPLOADS_LOG_PREFIX}/`,
                        // Dated folders (s3/uploads/<account>/<region>/<bucket>/yyyy/mm/dd/), which
                        // Athena and a reader looking for one day's requests can prune by.
                        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
                    },
                    { parent: this, dependsOn: [this.policy] },
                ),
            );
        }
        this.registerOutputs({ bucket: this.bucket.bucket });
    }
}
