/**
 * The CloudWatch log group awsx makes or names for a component (follows pulumi-awsx
 * awsx/cloudwatch/logGroup.ts): none when skipped (`defaultLogGroup`) or not enabled
 * (`optionalLogGroup`); else an existing one, by ARN or by name (in the given region, else the
 * provider's), or a new `aws.cloudwatch.LogGroup` of the component's name. A group known by name
 * gets its ARN built from its name, region and account (`aws.getCallerIdentity`), as the source
 * builds it. Shared by every namespace whose source calls these (ecs's task definitions,
 * cloudtrail's trail), as the provider shares its one logGroup.ts; the regions come from
 * ../../utils.ts, the provider's utils.ts `getRegion` / `getRegionFromOpts` that this file imports.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { getRegion, getRegionFromOpts, parseArn } from "../../utils";

/** A log group by name, region and ARN (logGroup.ts `LogGroupId`). */
export interface LogGroupId {
    logGroupName: string;
    logGroupRegion: string;
    arn: string;
}

/** The group made, if one was, and the id of the group used. */
export interface LogGroupResult {
    logGroup?: aws.cloudwatch.LogGroup;
    logGroupId?: pulumi.Output<LogGroupId>;
}

/** What `requiredLogGroup` reads of either input type (the source's `RequiredLogGroupInputs`). */
export type RequiredLogGroupArgs = Pick<awsx.types.input.awsx.DefaultLogGroupArgs, "args" | "existing">;

/** logGroup.ts `defaultLogGroup`: none when skipped, else `requiredLogGroup`. */
export function defaultLogGroup(
    name: string,
    inputs: awsx.types.input.awsx.DefaultLogGroupArgs | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): LogGroupResult {
    if (inputs?.skip) return {};
    return requiredLogGroup(name, inputs, defaults, opts);
}

/** logGroup.ts `optionalLogGroup`: none unless enabled, else `requiredLogGroup`. */
export function optionalLogGroup(
    name: string,
    inputs: awsx.types.input.awsx.OptionalLogGroupArgs | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): LogGroupResult {
    if (!inputs?.enable) return {};
    return requiredLogGroup(name, inputs, defaults, opts);
}

/**
 * logGroup.ts `requiredLogGroup`: the existing group named by ARN or by name (and region, else
 * the provider's), or a new `aws.cloudwatch.LogGroup` `name` with `defaults` under the program's
 * `args`.
 */
export function requiredLogGroup(
    name: string,
    inputs: RequiredLogGroupArgs | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): LogGroupResult {
    if (inputs?.existing !== undefined && inputs.args !== undefined) {
        throw new Error("Can't define log group args if specifying an existing log group name");
    }
    const existing = inputs?.existing;
    if (existing !== undefined) {
        if (existing.arn) return { logGroupId: pulumi.output(existing.arn as pulumi.Input<string>).apply(idFromArn) };
        if (existing.name) {
            const region = existing.region
                ? pulumi.output(existing.region as pulumi.Input<string>)
                : getRegionFromOpts(opts);
            return { logGroupId: makeLogGroupId(existing.name as pulumi.Input<string>, region, opts) };
        }
        throw new Error("One of an existing log group name or ARN must be specified");
    }
    const logGroup = new aws.cloudwatch.LogGroup(name, { ...defaults, ...inputs?.args }, opts);
    return { logGroup, logGroupId: makeLogGroupId(logGroup.name, getRegion(logGroup), opts) };
}

/** A log group's id from its ARN (logGroup.ts `idFromArn`). Pure. */
export function idFromArn(arn: string): LogGroupId {
    const { region, service, resourceType, resourceId } = parseArn(arn);
    if (service !== "logs" || resourceType !== "log-group") throw new Error("Invalid log group ARN");
    return { arn, logGroupName: resourceId, logGroupRegion: region };
}

/** logGroup.ts `buildArn` (the partition is "aws" there, whatever the region). */
function buildArn(args: { region: string; name: string; accountId: string }): string {
    return `arn:aws:logs:${args.region}:${args.accountId}:log-group:${args.name}`;
}

/** logGroup.ts `makeLogGroupId` from a name and region: the account from `aws.getCallerIdentity` (invoked with `opts`). */
function makeLogGroupId(
    name: pulumi.Input<string>,
    region: pulumi.Input<string>,
    opts: pulumi.InvokeOptions,
): pulumi.Output<LogGroupId> {
    return pulumi
        .all([name, region, aws.getCallerIdentity({}, opts)])
        .apply(([groupName, groupRegion, caller]) =>
            idFromArn(buildArn({ name: groupName, region: groupRegion, accountId: caller.accountId })),
        );
}
