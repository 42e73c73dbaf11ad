import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import * as inputs from "@pulumi/digitalocean/types/input";
import { INCOMPLETE_UPLOAD_DAYS, StorageEndpoint } from "../components";
import { storageEndpoint } from "../config/regions";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

/**
 * The CORS rule that lets browsers on `origins` upload straight to the bucket (presigned PUT
 * or POST, as Livewire and S3 upload widgets do) and read back what they uploaded. No rule
 * at all when `origins` is empty: the bucket then answers no cross-origin request.
 */
export function uploadCorsRules(origins: string[]): inputs.SpacesBucketCorsConfigurationCorsRule[] {
    if (origins.length === 0) return [];
    return [
        {
            id: "browser-uploads",
            allowedOrigins: [...origins],
            allowedMethods: ["GET", "HEAD", "PUT", "POST"],
            allowedHeaders: ["*"],
            exposeHeaders: ["ETag"],
            maxAgeSeconds: 3600,
        },
    ];
}

/** Escape hatches for the storage's children, by role. */
export interface StorageTransform {
    bucket?: Transform<digitalocean.SpacesBucketArgs>;
    /** Only with `corsOrigins`. */
    cors?: Transform<digitalocean.SpacesBucketCorsConfigurationArgs>;
    /** Only with `cdn`. */
    cdn?: Transform<digitalocean.CdnArgs>;
    /** The app's access key, scoped to the bucket. */
    key?: Transform<digitalocean.SpacesKeyArgs>;
}

export interface StorageArgs {
    /** DigitalOcean region slug (Spaces is regional). Required. */
    region: string;
    /**
     * Protect the bucket against `pulumi destroy` and replacement: it holds the users' uploads,
     * which exist nowhere else. Required: `webtier:protectData` (default true).
     */
    protect: boolean;
    /**
     * Origins allowed to upload from the browser. Required: `webtier:storage.corsOrigins` (default
     * none: no CORS configuration, so the bucket answers no cross-origin request).
     */
    corsOrigins: string[];
    /**
     * Put DigitalOcean's Spaces CDN in front of the bucket. Required: `webtier:storage.cdn` (default
     * false). The CDN serves only objects uploaded with public visibility; private files keep going
     * through signed URLs.
     */
    cdn: boolean;
    /**
     * Days an upload's older versions are kept once they stop being current (deleted or
     * overwritten). Required: `webtier:storage.versionRetentionDays` (default 0: kept until removed
     * by hand).
     */
    versionRetentionDays: number;
    /** Seconds the CDN caches a file. Default 3600, DigitalOcean's default. */
    cdnTtl?: number;
    /** Escape hatches for the children. Default: none. */
    transform?: StorageTransform;
}

/**
 * Uploads shared by every server (section 3 of the guide): a private, versioned Spaces
 * bucket that aborts abandoned multipart uploads after a week, optional CORS and CDN, and an
 * access key for the app that can read and write this bucket only. Spaces encrypts objects at
 * rest by default.
 */
export class Storage extends pulumi.ComponentResource {
    public readonly bucket: digitalocean.SpacesBucket;
    public readonly cors?: digitalocean.SpacesBucketCorsConfiguration;
    public readonly cdn?: digitalocean.Cdn;
    public readonly key: digitalocean.SpacesKey;
    public readonly endpoint: StorageEndpoint;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Storage", name, {}, opts);
        const t = args.transform ?? {};
        this.bucket = new digitalocean.SpacesBucket(
            ...transform(
                t.bucket,
                childName(name, "uploads"),
                {
                    region: args.region,
                    acl: "private",
                    versioning: { enabled: true },
                    // Only what was never an upload is removed, and older versions once
                    // versionRetentionDays have passed: no current version ever expires. The rule
                    // also removes delete markers whose older versions are all gone, which hide
                    // nothing (and give the rule the expiration Spaces asks of one).
                    lifecycleRules: [
                        {
                            id: "uploads-lifecycle",
                            enabled: true,
                            abortIncompleteMultipartUploadDays: INCOMPLETE_UPLOAD_DAYS,
                            expiration: { expiredObjectDeleteMarker: true },
                            ...(args.versionRetentionDays > 0
                                ? { noncurrentVersionExpiration: { days: args.versionRetentionDays } }
                                : {}),
                        },
                    ],
                    // A bucket with files in it is never deleted by Pulumi; empty it on purpose first.
                    forceDestroy: false,
                },
                { parent: this, protect: args.protect },
            ),
        );

        const rules = uploadCorsRules(args.corsOrigins);
        if (rules.length > 0) {
            // The standalone resource, not the bucket's deprecated inline `corsRules`, which the
            // provider checks for drift only when set.
            this.cors = new digitalocean.SpacesBucketCorsConfiguration(
                ...transform(
                    t.cors,
                    childName(name, "uploads-cors"),
                    { bucket: this.bucket.name, region: args.region, corsRules: rules },
                    { parent: this },
                ),
            );
        }

        if (args.cdn) {
            this.cdn = new digitalocean.Cdn(
                ...transform(
                    t.cdn,
                    childName(name, "cdn"),
                    { origin: this.bucket.bucketDomainName, ttl: args.cdnTtl ?? 3600 },
                    { parent: this },
                ),
            );
        }

        this.key = new digitalocean.SpacesKey(
            ...transform(
                t.key,
                childName(name, "uploads-key"),
                { grants: [{ bucket: this.bucket.name, permission: "readwrite" }] },
                { parent: this, additionalSecretOutputs: ["secretKey"] },
            ),
        );

        this.endpoint = {
            bucket: this.bucket.name,
            region: args.region,
            endpoint: storageEndpoint("digitalocean", args.region),
            cdnDomain: this.cdn ? this.cdn.endpoint : pulumi.output(undefined),
            accessKeyId: this.key.accessKey,
            secretAccessKey: pulumi.secret(this.key.secretKey),
        };
        this.registerOutputs({ bucket: this.endpoint.bucket, cdnDomain: this.endpoint.cdnDomain });
    }
}
