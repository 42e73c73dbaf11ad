/**
 * The AWS partition of a resource's provider (pulumi-aws-apigateway
 * aws-apigateway/apigateway/utils.ts `getPartition`: `aws.getPartition` parented to the resource,
 * so it asks the provider the resource uses). The region is awsx's `getRegion`, which is the same.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export function getPartition(res: pulumi.Resource): pulumi.Output<string> {
    return aws.getPartitionOutput({}, { parent: res }).apply((p) => p.partition);
}
