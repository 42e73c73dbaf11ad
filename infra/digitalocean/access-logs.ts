import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

/** The folder Spaces writes the uploads bucket's access logs under. */
export const UPLOADS_LOG_PREFIX = "spaces/uploads";

/** Escape hatches for the access-log bucket's children, by role. */
export interface AccessLogsTransform {
    bucket?: Transform<digitalocean.SpacesBucketArgs>;
    /** The uploads bucket's logging configuration. */
    uploadsLogging?: Transform<digitalocean.SpacesBucketLoggingArgs>;
}

export interface AccessLogsArgs {
    /** DigitalOcean region slug: Spaces delivers a bucket's logs to a bucket of its region only. Required. */
    region: string;
    /** Days a log file is kept, and a deleted or overwritten one stays recoverable. Required: `webtier:accessLogDays` (at least 1). */
    retentionDays: number;
    /**
     * Pulumi's `protect` on the bucket: the logs are the record of who read or changed which
     * upload, which an investigation may need after the fact. Required: `webtier:protectData`.
     */
    protect: boolean;
    /** The uploads bucket's name: its access logs go under `spaces/uploads/`. Required. */
    uploadsBucket: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: AccessLogsTransform;
}

/**
 * The bucket the uploads bucket's Spaces access logs go to (every read, write and delete of an
 * object, and of the CDN endpoint when there is one, in S3's server access log format): private,
 * versioned like every bucket of the tier, never force-destroyed, its logs expiring after
 * `retentionDays`. Spaces writes no access logs into the bucket they describe, so they need a
 * bucket of their own; DigitalOcean's load balancers write none, so it holds only these.
 */
export class AccessLogs extends pulumi.ComponentResource {
    public readonly bucket: digitalocean.SpacesBucket;
    public readonly uploadsLogging: digitalocean.SpacesBucketLogging;
    /** The folder the uploads bucket's logs are written under. */
    public readonly uploadsPrefix = UPLOADS_LOG_PREFIX;

    constructor(name: string, args: AccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:AccessLogs", name, {}, opts);
        const t = args.transform ?? {};
        this.bucket = new digitalocean.SpacesBucket(
            ...transform(
                t.bucket,
                childName(name, "access-logs"),
                {
                    region: args.region,
                    acl: "private",
                    // A log deleted by someone covering their tracks stays as a noncurrent version.
                    versioning: { enabled: true },
                    lifecycleRules: [
                        {
                            id: "expire-access-logs",
                            enabled: true,
                            expiration: { days: args.retentionDays },
                            noncurrentVersionExpiration: { days: args.retentionDays },
                            abortIncompleteMultipartUploadDays: 1,
                        },
                        {
                            // Expiring a current version leaves a delete marker; once its older
                            // versions are gone too, nothing else removes it.
                            id: "remove-expired-delete-markers",
                            enabled: true,
                            expiration: { expiredObjectDeleteMarker: true },
                        },
                    ],
                    forceDestroy: false,
                },
                { parent: this, protect: args.protect },
            ),
        );
        this.uploadsLogging = new digitalocean.SpacesBucketLogging(
            ...transform(
                t.uploadsLogging,
                childName(name, "uploads-logging"),
                {
                    region: args.region,
                    bucket: args.uploadsBucket,
                    targetBucket: this.bucket.name,
                    targetPrefix: `${UPLOADS_LOG_PREFIX}/`,
                },
                { parent: this },
            ),
        );
        this.registerOutputs({ bucket: this.bucket.name });
    }
}
