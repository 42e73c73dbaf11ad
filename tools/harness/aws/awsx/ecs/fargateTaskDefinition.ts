/**
 * `awsx:ecs:FargateTaskDefinition` (pulumi-awsx awsx/ecs/fargateTaskDefinition.ts): an
 * `aws.ecs.TaskDefinition` for Fargate (awsvpc networking, the task size computed from the
 * containers unless given), with the log group and roles of taskDefinition.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { calculateFargateMemoryAndCPU } from "./fargateMemoryAndCpu";
import {
    CommonTaskDefinitionArgs,
    familyAndJson,
    TaskDefinitionComponent,
    TaskDefinitionParts,
} from "./taskDefinition";

/** The SDK's arguments: the container(s), log group, roles and family, and `aws.ecs.TaskDefinition`'s own. */
export type FargateTaskDefinitionArgs = awsx.ecs.FargateTaskDefinitionArgs & CommonTaskDefinitionArgs;

export class FargateTaskDefinition extends TaskDefinitionComponent {
    static readonly __pulumiType = "awsx:ecs:FargateTaskDefinition";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is FargateTaskDefinition {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === FargateTaskDefinition.__pulumiType;
    }

    constructor(name: string, args?: FargateTaskDefinitionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(FargateTaskDefinition.__pulumiType, name, args ?? {}, opts, fargateTaskDefinitionArgs);
    }
}

/**
 * fargateTaskDefinition.ts `buildTaskDefinitionArgs`: the program's arguments, `cpu` and
 * `memory` defaulted to the cheapest size the containers fit (an error if none does), then
 * Fargate compatibility, awsvpc, the roles, family and containers' JSON over them.
 */
function fargateTaskDefinitionArgs(
    name: string,
    args: FargateTaskDefinitionArgs,
    parts: TaskDefinitionParts,
): aws.ecs.TaskDefinitionArgs {
    const mutableArgs: Record<string, any> = { ...args };
    const required = parts.containerDefinitions.apply((definitions) =>
        calculateFargateMemoryAndCPU(
            definitions.map((d) => ({ cpu: d.cpu, memory: d.memory, memoryReservation: d.memoryReservation })),
        ),
    );
    if (mutableArgs.cpu === undefined) mutableArgs.cpu = required.cpu;
    if (mutableArgs.memory === undefined) mutableArgs.memory = required.memory;
    const { family, containerDefinitions } = familyAndJson(name, args.family, parts.containerDefinitions);
    return {
        ...(mutableArgs as aws.ecs.TaskDefinitionArgs),
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        taskRoleArn: parts.taskRoleArn,
        executionRoleArn: parts.executionRoleArn,
        family,
        containerDefinitions,
    };
}
