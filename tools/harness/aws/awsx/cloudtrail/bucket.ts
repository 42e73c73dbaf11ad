/**
 * The bucket a trail writes to (follows pulumi-awsx awsx/s3/bucket.ts requiredBucket, nameFromArn
 * and arnFromName): an existing one, by ARN or name, or a new `aws.s3.Bucket` of the trail's name
 * with `forceDestroy: true` under the program's args.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { parseArn } from "../../utils";

/** s3/bucket.ts nameFromArn. */
function bucketNameFromArn(bucketArn: string): string {
    return parseArn(bucketArn).resourceId;
}

/** s3/bucket.ts arnFromName, as the source writes it (`arn:aws:::name`, no "s3" service). */
function bucketArnFromName(bucketName: string): string {
    return `arn:aws:::${bucketName}`;
}

export interface BucketId {
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
}

export function requiredBucket(
    name: string,
    inputs: awsx.types.input.awsx.RequiredBucketArgs | undefined,
    defaults: aws.s3.BucketArgs,
    opts: pulumi.ResourceOptions,
): { bucket?: aws.s3.Bucket; bucketId: BucketId } {
    if (inputs?.existing !== undefined && inputs.args !== undefined) {
        throw new Error("Can't define bucket args if specifying an existing bucket");
    }
    const existing = inputs?.existing;
    if (existing !== undefined) {
        if (existing.arn) {
            const arn = pulumi.output(existing.arn) as pulumi.Output<string>;
            return { bucketId: { arn, name: arn.apply(bucketNameFromArn) } };
        }
        if (existing.name) {
            const bucketName = pulumi.output(existing.name) as pulumi.Output<string>;
            return { bucketId: { arn: bucketName.apply(bucketArnFromName), name: bucketName } };
        }
        // The source's message (it says "log group").
        throw new Error("One of an existing log group name or ARN must be specified");
    }
    const bucket = new aws.s3.Bucket(name, { forceDestroy: true, ...defaults, ...inputs?.args }, opts);
    return { bucket, bucketId: { arn: bucket.arn, name: bucket.bucket } };
}
