/**
 * ARNs as the awsx provider reads and writes them (follows pulumi-awsx awsx/utils.ts parseArn,
 * awsx/cloudwatch/logGroup.ts idFromArn / buildArn and awsx/s3/bucket.ts nameFromArn /
 * arnFromName). Pure. (The ecs namespace's log groups use the same helpers.)
 */
import { parseArn } from "../../utils";

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
