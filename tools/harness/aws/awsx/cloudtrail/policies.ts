/**
 * The policy documents an awsx Trail writes (follows pulumi-awsx awsx/cloudtrail/trail.ts,
 * defaultCloudTrailPolicy and the logs role's inline policy). Pure.
 */
import * as aws from "@pulumi/aws";

/** The bucket policy: CloudTrail may read the bucket's ACL and put objects the owner fully controls. */
export function defaultCloudTrailPolicy(bucketArn: string): aws.types.input.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AWSCloudTrailAclCheck",
                Effect: "Allow",
                Principal: aws.iam.Principals.CloudtrailPrincipal,
                Action: ["s3:GetBucketAcl"],
                Resource: [bucketArn],
            },
            {
                Sid: "AWSCloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: ["s3:PutObject"],
                Resource: [`${bucketArn}/*`],
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    };
}

/**
 * The stream ARN CloudTrail writes to in the log group (AWS's "send CloudTrail events to
 * CloudWatch Logs"), undefined without a log group.
 */
export function logStreamArn(logGroupArn: string | undefined, accountId: string): string | undefined {
    if (logGroupArn !== undefined) return `${logGroupArn}:log-stream:${accountId}_CloudTrail_*`;
    return undefined;
}

/** The logs role's inline policy: create streams and put events in that stream. */
export function logsRolePolicy<T>(streamArn: T) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["logs:CreateLogStream"], Resource: [streamArn] },
            { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [streamArn] },
        ],
    };
}
