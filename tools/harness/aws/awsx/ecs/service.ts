/**
 * What awsx's two service components share (pulumi-awsx awsx/ecs/fargateService.ts and
 * ec2Service.ts check and default alike): the argument checks, the launch type, the cluster as an
 * ARN and `waitForSteadyState`.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { ifUndefined } from "../../utils";

/** The service arguments both components read. */
export interface CommonServiceArgs {
    /** An existing task definition's ARN; or `taskDefinitionArgs`, not both. */
    taskDefinition?: pulumi.Input<string | undefined>;
    /** Arguments for a task definition made inside the service, under the service's name. */
    taskDefinitionArgs?: object;
    /** A cluster's ARN, or the cluster itself. */
    cluster?: pulumi.Input<string | undefined> | aws.ecs.Cluster;
    capacityProviderStrategies?: unknown;
    /** Leave the launch type and strategies to the cluster's default capacity provider strategy. */
    useClusterDefaultCapacityProviderStrategy?: boolean;
    /** Do not wait for the service to reach a steady state (the provider waits by default). */
    continueBeforeSteadyState?: pulumi.Input<boolean | undefined>;
}

/** The checks made before the task definition is built, with the source's messages. */
export function checkTaskDefinitionArgs(args: CommonServiceArgs): void {
    if (args.taskDefinition !== undefined && args.taskDefinitionArgs !== undefined) {
        throw new Error("Only one of `taskDefinition` or `taskDefinitionArgs` can be provided.");
    }
}

/** The checks made once the task definition is known; throws the source's messages. */
export function checkServiceArgs(args: CommonServiceArgs, taskDefinition: unknown): void {
    if (taskDefinition === undefined) {
        throw new Error("Either `taskDefinition` or `taskDefinitionArgs` must be provided.");
    }
    if (args.capacityProviderStrategies && args.useClusterDefaultCapacityProviderStrategy) {
        throw new Error(
            "Only one of `capacityProviderStrategies` or `useClusterDefaultCapacityProviderStrategy` can be provided.",
        );
    }
}

/**
 * The launch type: none when capacity provider strategies decide (the service's or the
 * cluster's default), since ECS takes the cluster default only when neither is set. Pure.
 */
export function launchTypeFor(args: CommonServiceArgs, launchType: "FARGATE" | "EC2"): string | undefined {
    return args.capacityProviderStrategies || args.useClusterDefaultCapacityProviderStrategy ? undefined : launchType;
}

/** The inputs both set over the program's: the cluster as an ARN and waiting for steady state unless told not to. */
export function commonServiceInputs(args: CommonServiceArgs): {
    cluster: pulumi.Input<string | undefined> | undefined;
    waitForSteadyState: pulumi.Output<boolean>;
} {
    return {
        cluster: aws.ecs.Cluster.isInstance(args.cluster) ? args.cluster.arn : args.cluster,
        waitForSteadyState: ifUndefined(args.continueBeforeSteadyState, false).apply((x) => !x),
    };
}
