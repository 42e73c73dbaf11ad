/**
 * ARNs as the awsx provider reads and writes them (follows pulumi-awsx awsx/utils.ts parseArn,
 * awsx/cloudwatch/logGroup.ts idFromArn / buildArn and awsx/s3/bucket.ts nameFromArn /
 * arnFromName). Pure. (The ecs namespace's log groups use the same helpers.)
 */

export interface Arn {
    resourceType?: string;
    resourceId: string;
    partition: string;
    service: string;
    region: string;
    accountId: string;
}

/** utils.ts parseArn: 6 or 7 colon-separated parts; the resource split at its first "/" or last ":". */
export function parseArn(arn: string): Arn {
    const parts = arn.split(":");
    const [arnPrefix, partition, service, region, accountId, resourceIdOrType, optionalResourceId] = parts;
    if (arnPrefix !== "arn") throw new Error(`Invalid ARN: must start with "arn:"`);
    if (parts.length !== 6 && parts.length !== 7) throw new Error(`Invalid ARN: must be between 6 or 7 parts"`);
    const simple = { partition, service, region, accountId };
    if (optionalResourceId !== undefined)
        return { ...simple, resourceType: resourceIdOrType, resourceId: optionalResourceId };
    const slash = resourceIdOrType.indexOf("/");
    if (slash > -1) {
        return {
            ...simple,
            resourceType: resourceIdOrType.substring(0, slash),
            resourceId: resourceIdOrType.substring(slash + 1),
        };
    }
    return { ...simple, resourceId: resourceIdOrType };
}

/** A log group as logGroup.ts identifies it. */
export interface LogGroupId {
    logGroupName: string;
    logGroupRegion: string;
    arn: string;
}

/** logGroup.ts idFromArn: a log group's name and region from its ARN. */
export function logGroupIdFromArn(arn: string): LogGroupId {
    const { region, service, resourceType, resourceId } = parseArn(arn);
    if (service !== "logs" || resourceType !== "log-group") throw new Error("Invalid log group ARN");
    return { arn, logGroupName: resourceId, logGroupRegion: region };
}

/** logGroup.ts buildArn (the partition is "aws" there, whatever the region). */
export function logGroupArn(args: { region: string; name: string; accountId: string }): string {
    return `arn:aws:logs:${args.region}:${args.accountId}:log-group:${args.name}`;
}

/** s3/bucket.ts nameFromArn. */
export function bucketNameFromArn(bucketArn: string): string {
    return parseArn(bucketArn).resourceId;
}

/** s3/bucket.ts arnFromName, as the source writes it (`arn:aws:::name`, no "s3" service). */
export function bucketArnFromName(bucketName: string): string {
    return `arn:aws:::${bucketName}`;
}
