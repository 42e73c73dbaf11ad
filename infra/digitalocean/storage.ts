import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import * as inputs from "@pulumi/digitalocean/types/input";
import { applyTransform, StorageEndpoint, Transform } from "../components";
import { storageEndpoint } from "../config/regions";
import { childName } from "./naming";

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

export interface StorageArgs {
    /** DigitalOcean region slug (Spaces is regional). Required. */
    region: string;
    /**
     * Protect the bucket against `pulumi destroy` and replacement. Default true: it holds
     * the users' uploads, which exist nowhere else.
     */
    protect?: boolean;
    /** Origins allowed to upload from the browser. Default none (no CORS configuration). */
    corsOrigins?: string[];
    /**
     * Put DigitalOcean's Spaces CDN in front of the bucket. Default false. The CDN serves only
     * objects uploaded with public visibility; private files keep going through signed URLs.
     */
    cdn?: boolean;
    /** Seconds the CDN caches a file. Default 3600, DigitalOcean's default. */
    cdnTtl?: number;
    /** Escape hatches for the children's args. */
    transform?: {
        bucket?: Transform<digitalocean.SpacesBucketArgs>;
        cors?: Transform<digitalocean.SpacesBucketCorsConfigurationArgs>;
        cdn?: Transform<digitalocean.CdnArgs>;
        key?: Transform<digitalocean.SpacesKeyArgs>;
    };
}

/**
 * Uploads shared by every server (section 3 of the guide): a private, versioned Spaces
 * bucket, optional CORS and CDN, and an access key for the app that can read and write this
 * bucket only. Spaces encrypts objects at rest by default.
 */
export class Storage extends pulumi.ComponentResource {
    public readonly bucket: digitalocean.SpacesBucket;
    public readonly cors?: digitalocean.SpacesBucketCorsConfiguration;
    public readonly cdn?: digitalocean.Cdn;
    public readonly key: digitalocean.SpacesKey;
    public readonly endpoint: StorageEndpoint;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Storage", name, {}, opts);
        this.bucket = new digitalocean.SpacesBucket(
            childName(name, "uploads"),
            applyTransform<digitalocean.SpacesBucketArgs>(
                {
                    region: args.region,
                    acl: "private",
                    versioning: { enabled: true },
                    // A bucket with files in it is never deleted by Pulumi; empty it on purpose first.
                    forceDestroy: false,
                },
                args.transform?.bucket,
            ),
            { parent: this, protect: args.protect ?? true },
        );

        const rules = uploadCorsRules(args.corsOrigins ?? []);
        if (rules.length > 0) {
            // The standalone resource, not the bucket's deprecated inline `corsRules`, which the
            // provider checks for drift only when set.
            this.cors = new digitalocean.SpacesBucketCorsConfiguration(
                childName(name, "uploads-cors"),
                applyTransform<digitalocean.SpacesBucketCorsConfigurationArgs>(
                    { bucket: this.bucket.name, region: args.region, corsRules: rules },
                    args.transform?.cors,
                ),
                { parent: this },
            );
        }

        if (args.cdn) {
            this.cdn = new digitalocean.Cdn(
                childName(name, "cdn"),
                applyTransform<digitalocean.CdnArgs>(
                    { origin: this.bucket.bucketDomainName, ttl: args.cdnTtl ?? 3600 },
                    args.transform?.cdn,
                ),
                { parent: this },
            );
        }

        this.key = new digitalocean.SpacesKey(
            childName(name, "uploads-key"),
            applyTransform<digitalocean.SpacesKeyArgs>(
                { grants: [{ bucket: this.bucket.name, permission: "readwrite" }] },
                args.transform?.key,
            ),
            { parent: this, additionalSecretOutputs: ["secretKey"] },
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
