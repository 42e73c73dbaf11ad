/**
 * `awsx:ecs:FargateTaskDefinition` (pulumi-awsx awsx/ecs/fargateTaskDefinition.ts): an
 * `aws.ecs.TaskDefinition` for Fargate (awsvpc networking, the task size computed from the
 * containers unless given), with the log group and roles of taskDefinition.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { calculateFargateMemoryAndCPU } from "./fargateMemoryAndCpu";
import { CommonTaskDefinitionArgs, familyAndJson, TaskDefinitionParts, taskDefinitionParts } from "./taskDefinition";
import { definedOnly } from "./wire";

/** The SDK's arguments: the container(s), log group, roles and family, and `aws.ecs.TaskDefinition`'s own. */
export type FargateTaskDefinitionArgs = awsx.ecs.FargateTaskDefinitionArgs & CommonTaskDefinitionArgs;

/**
 * Each component's `aws.ecs.TaskDefinition` itself: the service that makes one reads the resource
 * (its ARN, with the resource as dependency) as the source does, not the SDK's Output of it.
 */
const resources = new WeakMap<FargateTaskDefinition, aws.ecs.TaskDefinition>();

/** The task definition resource `component` made. */
export function taskDefinitionOf(component: FargateTaskDefinition): aws.ecs.TaskDefinition {
    return resources.get(component)!;
}

export class FargateTaskDefinition extends pulumi.ComponentResource {
    static readonly __pulumiType = "awsx:ecs:FargateTaskDefinition";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is FargateTaskDefinition {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === FargateTaskDefinition.__pulumiType;
    }

    /** The execution role made, if one was. */
    readonly executionRole: pulumi.Output<aws.iam.Role | undefined>;
    /** The load balancers the containers' target-grouped port mappings call for. */
    readonly loadBalancers: pulumi.Output<aws.types.output.ecs.ServiceLoadBalancer[]>;
    /** The log group made, if one was. */
    readonly logGroup: pulumi.Output<aws.cloudwatch.LogGroup | undefined>;
    readonly taskDefinition: pulumi.Output<aws.ecs.TaskDefinition>;
    /** The task role made, if one was. */
    readonly taskRole: pulumi.Output<aws.iam.Role | undefined>;

    constructor(name: string, args?: FargateTaskDefinitionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(
            FargateTaskDefinition.__pulumiType,
            name,
            {},
            {
                ...opts,
                aliases: [{ type: "awsx:x:ecs:FargateTaskDefinition" }, ...(opts.aliases ?? [])],
            },
        );
        const given = definedOnly(args ?? {});
        const parts = taskDefinitionParts(this, name, given);
        const taskDefinition = new aws.ecs.TaskDefinition(name, fargateTaskDefinitionArgs(name, given, parts), {
            parent: this,
        });
        resources.set(this, taskDefinition);
        this.executionRole = pulumi.output(parts.executionRole);
        this.loadBalancers = parts.loadBalancers;
        this.logGroup = pulumi.output(parts.logGroup);
        this.taskDefinition = pulumi.output(taskDefinition);
        this.taskRole = pulumi.output(parts.taskRole);
        this.registerOutputs({
            executionRole: this.executionRole,
            loadBalancers: this.loadBalancers,
            logGroup: this.logGroup,
            taskDefinition: this.taskDefinition,
            taskRole: this.taskRole,
        });
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
