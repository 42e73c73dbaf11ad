/**
 * `awsx:cloudtrail:Trail`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/cloudtrail/trail.ts): a bucket of the trail's name (bucket.ts, unless an existing one is
 * named) with a policy letting CloudTrail write to it (policies.ts); when
 * `cloudWatchLogsGroup.enable`, a log group (../cloudwatch/logGroup.ts) and, if that group is new,
 * a role CloudTrail assumes to write to it (../role.ts); and the trail, after the bucket policy.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType } from "../../../component-args";
import { sdkArgs } from "../../../component-args";
import { BucketId, requiredBucket } from "./bucket";
import { optionalLogGroup } from "../cloudwatch/logGroup";
import { defaultCloudTrailPolicy, logsRolePolicy, logStreamArn } from "./policies";
import { defaultRoleWithPolicies } from "../role";

const TYPE = "awsx:cloudtrail:Trail";

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.cloudtrail.TrailArgs)[] = [
    "advancedEventSelectors",
    "cloudWatchLogsGroup",
    "enableLogFileValidation",
    "enableLogging",
    "eventSelectors",
    "includeGlobalServiceEvents",
    "insightSelectors",
    "isMultiRegionTrail",
    "isOrganizationTrail",
    "kmsKeyId",
    "name",
    "region",
    "s3Bucket",
    "s3KeyPrefix",
    "snsTopicName",
    "tags",
];

/** The bucket's policy, after the bucket when the trail made it (createBucketCloudtrailPolicy). */
function createBucketCloudtrailPolicy(
    name: string,
    bucketId: BucketId,
    bucket: aws.s3.Bucket | undefined,
    parent: pulumi.Resource,
): aws.s3.BucketPolicy {
    const opts: pulumi.CustomResourceOptions = { parent };
    if (bucket !== undefined) opts.dependsOn = [bucket];
    return new aws.s3.BucketPolicy(
        name,
        { bucket: bucketId.name, policy: bucketId.arn.apply(defaultCloudTrailPolicy) },
        opts,
    );
}

export class Trail extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is Trail {
        return hasPulumiType(obj, TYPE);
    }

    /** The bucket the trail made; undefined when it writes to an existing one. */
    readonly bucket: pulumi.Output<aws.s3.Bucket | undefined>;
    /** The log group the trail made; undefined without one, or with an existing one. */
    readonly logGroup: pulumi.Output<aws.cloudwatch.LogGroup | undefined>;
    readonly trail: pulumi.Output<aws.cloudtrail.Trail>;

    /**
     * @param args the SDK's TrailArgs: the CloudTrail trail's arguments, plus `s3Bucket` (`args`
     *   for the new bucket, or `existing`) and `cloudWatchLogsGroup` (`enable`, then `args` or
     *   `existing`).
     */
    constructor(name: string, args?: awsx.cloudtrail.TrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const { s3Bucket, cloudWatchLogsGroup, ...trailCustomArgs } = sdkArgs(args, SDK_ARGS);

        const { bucket, bucketId } = requiredBucket(name, s3Bucket, {}, { parent: this });
        const policy = createBucketCloudtrailPolicy(name, bucketId, bucket, this);

        const { logGroup, logGroupId } = optionalLogGroup(name, cloudWatchLogsGroup, {}, { parent: this });
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const streamArn = pulumi.all([logGroupId, accountId]).apply(([id, account]) => logStreamArn(id?.arn, account));

        // A role for CloudTrail to write to the log group, only when the trail made that group.
        const logsRole = defaultRoleWithPolicies(
            name,
            { skip: logGroup === undefined, args: undefined },
            {
                assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal(aws.iam.Principals.CloudtrailPrincipal),
                inlinePolicies: [{ policy: pulumi.jsonStringify(logsRolePolicy(streamArn)) }],
            },
            { parent: this },
        );

        const trailArgs: aws.cloudtrail.TrailArgs = {
            ...trailCustomArgs,
            s3BucketName: bucketId.name,
            // The group's ARN must allow its streams (":*").
            cloudWatchLogsGroupArn: logGroupId?.apply((id) => `${id.arn}:*`),
            cloudWatchLogsRoleArn: logsRole.roleArn,
        };
        const trail = new aws.cloudtrail.Trail(name, trailArgs, { parent: this, dependsOn: [policy] });

        this.bucket = pulumi.output(bucket);
        this.logGroup = pulumi.output(logGroup);
        this.trail = pulumi.output(trail);
        // The provider's component registers no outputs of its own (`registerOutputs()`).
        this.registerOutputs({});
    }
}
