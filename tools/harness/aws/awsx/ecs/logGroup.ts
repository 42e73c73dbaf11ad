/**
 * The CloudWatch log group awsx makes for a component's logs (pulumi-awsx
 * awsx/cloudwatch/logGroup.ts), and the name and region its containers are pointed at. Reusable
 * by any namespace whose source calls `defaultLogGroup` or `requiredLogGroup`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { getRegion, getRegionFromOpts, parseArn } from "../../utils";

/** A log group by name, region and ARN (logGroup.ts `LogGroupId`). */
export interface LogGroupId {
    logGroupName: string;
    logGroupRegion: string;
    arn: string;
}

export interface DefaultLogGroup {
    logGroup?: aws.cloudwatch.LogGroup;
    logGroupId?: pulumi.Output<LogGroupId>;
}

/** logGroup.ts `defaultLogGroup`: none when skipped, else `requiredLogGroup`. */
export function defaultLogGroup(
    name: string,
    inputs: awsx.types.input.awsx.DefaultLogGroupArgs | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): DefaultLogGroup {
    if (inputs?.skip) return {};
    return requiredLogGroup(name, inputs, defaults, opts);
}

/**
 * logGroup.ts `requiredLogGroup`: the existing group named by ARN or by name (and region, else
 * the provider's), or a new `aws.cloudwatch.LogGroup` `name` with `defaults` under the program's
 * `args`.
 */
export function requiredLogGroup(
    name: string,
    inputs: Omit<awsx.types.input.awsx.DefaultLogGroupArgs, "skip"> | undefined,
    defaults: aws.cloudwatch.LogGroupArgs,
    opts: pulumi.ResourceOptions,
): DefaultLogGroup {
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
            return { logGroupId: logGroupIdOf(existing.name as pulumi.Input<string>, region, opts) };
        }
        throw new Error("One of an existing log group name or ARN must be specified");
    }
    const logGroup = new aws.cloudwatch.LogGroup(name, { ...defaults, ...inputs?.args }, opts);
    return { logGroup, logGroupId: logGroupIdOf(logGroup.name, getRegion(logGroup), opts) };
}

/** A log group's id from its ARN (logGroup.ts `idFromArn`). Pure. */
export function idFromArn(arn: string): LogGroupId {
    const { region, service, resourceType, resourceId } = parseArn(arn);
    if (service !== "logs" || resourceType !== "log-group") throw new Error("Invalid log group ARN");
    return { arn, logGroupName: resourceId, logGroupRegion: region };
}

/** The id of a group by name and region, its ARN in the caller's account (logGroup.ts `makeLogGroupId`). */
function logGroupIdOf(
    name: pulumi.Input<string>,
    region: pulumi.Input<string>,
    opts: pulumi.InvokeOptions,
): pulumi.Output<LogGroupId> {
    return pulumi
        .all([name, region, aws.getCallerIdentity({}, opts)])
        .apply(([groupName, groupRegion, caller]) =>
            idFromArn(`arn:aws:logs:${groupRegion}:${caller.accountId}:log-group:${groupName}`),
        );
}
