import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { nameTag } from "./tags";

/** Escape hatches for a private bucket's children, by role (the components' own transforms extend it). */
export interface PrivateBucketTransform {
    bucket?: Transform<aws.s3.BucketArgs>;
    publicAccessBlock?: Transform<aws.s3.BucketPublicAccessBlockArgs>;
    ownershipControls?: Transform<aws.s3.BucketOwnershipControlsArgs>;
    versioning?: Transform<aws.s3.BucketVersioningArgs>;
    encryption?: Transform<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
}

export interface PrivateBucketArgs {
    /** Pulumi's `protect` on the bucket itself. */
    protect: boolean;
    /** How objects are encrypted at rest: the default rule of the bucket's encryption configuration. */
    encryption: aws.types.input.s3.BucketServerSideEncryptionConfigurationRule;
    transform?: PrivateBucketTransform;
}

/**
 * A bucket and what makes it private, as every bucket of the tier is: all four public-access
 * block switches on, ACLs disabled (bucket owner enforced, so only policies decide access),
 * versioning on, default encryption, and never force-destroyed (emptying a bucket must be a
 * deliberate act outside Pulumi). The children are named `<name>-<role>-...` under `parent`.
 * Returns the bucket and its public access block, which a bucket policy must wait for.
 */
export function privateBucket(
    name: string,
    role: string,
    args: PrivateBucketArgs,
    parent: pulumi.Resource,
): { bucket: aws.s3.Bucket; publicAccessBlock: aws.s3.BucketPublicAccessBlock } {
    const t = args.transform ?? {};
    const bucketName = childName(name, role);
    const bucket = new aws.s3.Bucket(
        ...transform(
            t.bucket,
            bucketName,
            { forceDestroy: false, tags: nameTag(bucketName) },
            { parent, protect: args.protect },
        ),
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        ...transform(
            t.publicAccessBlock,
            childName(name, `${role}-public-access`),
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            { parent },
        ),
    );
    new aws.s3.BucketOwnershipControls(
        ...transform(
            t.ownershipControls,
            childName(name, `${role}-ownership`),
            { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
            { parent },
        ),
    );
    new aws.s3.BucketVersioning(
        ...transform(
            t.versioning,
            childName(name, `${role}-versioning`),
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            { parent },
        ),
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
        ...transform(
            t.encryption,
            childName(name, `${role}-encryption`),
            { bucket: bucket.id, rules: [args.encryption] },
            { parent },
        ),
    );
    return { bucket, publicAccessBlock };
}
