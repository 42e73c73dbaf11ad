/**
 * What the component emulations share of their providers' utils.ts (pulumi-awsx's `awsx/utils.ts`;
 * pulumi-aws-apigateway's `apigateway/utils.ts` has the same helpers): the short hash in default
 * names, `ifUndefined`, the region of a resource's provider and ARN parsing.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

/** The first 8 hex digits of the SHA-1 of `s`: awsx names policy attachments and task families with it. */
export function sha1hash(s: string): string {
    return createHash("sha1").update(s).digest("hex").substring(0, 8);
}

/**
 * `input` unless it is undefined, else `value`, as an Output that waits for both (utils.ts
 * `ifUndefined`): unknown when `value` is, even if `input` is set, as under the provider.
 */
export function ifUndefined<T>(
    input: pulumi.Input<T | undefined> | undefined,
    value: pulumi.Input<T>,
): pulumi.Output<T> {
    return pulumi.all([input, value]).apply(([given, fallback]) => (given !== undefined ? given : fallback)) as any;
}

/** The region of the provider `res` was created with (utils.ts `getRegion`: `aws.getRegion` parented to it). */
export function getRegion(res: pulumi.Resource): pulumi.Output<string> {
    return aws.getRegionOutput({}, { parent: res }).apply((region) => region.name);
}

/** The region of the provider the options name (utils.ts `getRegionFromOpts`). */
export function getRegionFromOpts(opts: pulumi.ResourceOptions): pulumi.Output<string> {
    if (opts.parent) return getRegion(opts.parent);
    return aws.getRegionOutput({}, { provider: opts.provider }).apply((region) => region.name);
}

/** An ARN's parts (utils.ts `Arn`). */
export interface Arn {
    resourceType?: string;
    resourceId: string;
    partition: string;
    service: string;
    region: string;
    accountId: string;
}

/** Splits an ARN as utils.ts `parseArn` does, with its error messages (the stray quote included). */
export function parseArn(arn: string): Arn {
    const parts = arn.split(":");
    const [prefix, partition, service, region, accountId, resourceIdOrType, optionalResourceId] = parts;
    if (prefix !== "arn") throw new Error(`Invalid ARN: must start with "arn:"`);
    if (parts.length !== 6 && parts.length !== 7) throw new Error(`Invalid ARN: must be between 6 or 7 parts"`);
    const simple = { partition, service, region, accountId };
    if (optionalResourceId !== undefined)
        return { ...simple, resourceType: resourceIdOrType, resourceId: optionalResourceId };
    const slash = resourceIdOrType.indexOf("/");
    if (slash > -1)
        return {
            ...simple,
            resourceType: resourceIdOrType.substring(0, slash),
            resourceId: resourceIdOrType.substring(slash + 1),
        };
    return { ...simple, resourceId: resourceIdOrType };
}
