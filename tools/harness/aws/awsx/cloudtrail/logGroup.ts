/**
 * The log group a trail may send events to (follows pulumi-awsx awsx/cloudwatch/logGroup.ts
 * optionalLogGroup / requiredLogGroup / makeLogGroupId): none unless `enable`; then an existing
 * one, by ARN or by name (in the given region, else the parent's), or a new
 * `aws.cloudwatch.LogGroup` of the trail's name. Its ARN is built from its name, region
 * (`aws.getRegion`) and account (`aws.getCallerIdentity`), as the source builds it.
 * (The ecs namespace's task definitions use the same file's defaultLogGroup.)
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { logGroupArn, LogGroupId, logGroupIdFromArn } from "./arn";

export interface LogGroupResult {
    logGroup?: aws.cloudwatch.LogGroup;
    logGroupId?: pulumi.Output<LogGroupId>;
}

/** utils.ts getRegion: the region of the provider `res` uses (an invoke with it as parent). */
function regionOf(res: pulumi.Resource): pulumi.Output<string> {
    return aws.getRegionOutput({}, { parent: res }).apply((region) => region.name);
}

export function optionalLogGroup(
    name: string,
    inputs: awsx.types.input.awsx.OptionalLogGroupArgs | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): LogGroupResult {
    if (!inputs?.enable) return {};
    return requiredLogGroup(name, inputs, defaults, opts);
}

export function requiredLogGroup(
    name: string,
    inputs: Pick<awsx.types.input.awsx.OptionalLogGroupArgs, "args" | "existing"> | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): LogGroupResult {
    if (inputs?.existing !== undefined && inputs.args !== undefined) {
        throw new Error("Can't define log group args if specifying an existing log group name");
    }
    const existing = inputs?.existing;
    if (existing !== undefined) {
        if (existing.arn) {
            return { logGroupId: pulumi.output(existing.arn).apply((arn) => logGroupIdFromArn(arn!)) };
        }
        if (existing.name) {
            // utils.ts getRegionFromOpts: the parent's provider's region, else the given provider's.
            const region = existing.region
                ? pulumi.output(existing.region)
                : opts.parent
                  ? regionOf(opts.parent)
                  : aws.getRegionOutput({}, { provider: opts.provider }).apply((r) => r.name);
            return { logGroupId: fromName(existing.name, region, opts) };
        }
        throw new Error("One of an existing log group name or ARN must be specified");
    }
    const logGroup = new aws.cloudwatch.LogGroup(name, { ...defaults, ...inputs?.args }, opts);
    return { logGroup, logGroupId: fromName(logGroup.name, regionOf(logGroup), opts) };
}

/** makeLogGroupId from a name and region: the account from `aws.getCallerIdentity` (invoked with `opts`). */
function fromName(
    name: pulumi.Input<string | undefined>,
    region: pulumi.Input<string | undefined>,
    opts: pulumi.InvokeOptions,
): pulumi.Output<LogGroupId> {
    return pulumi
        .all([name, region, aws.getCallerIdentity({}, opts)])
        .apply(([known, where, caller]) =>
            logGroupIdFromArn(logGroupArn({ name: known!, region: where!, accountId: caller.accountId })),
        );
}
