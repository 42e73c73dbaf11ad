/**
 * `awsx:ecs:EC2TaskDefinition` (pulumi-awsx awsx/ecs/ec2TaskDefinition.ts): an
 * `aws.ecs.TaskDefinition` for EC2 (awsvpc networking unless the program names another mode; no
 * task size computed), with the log group and roles of taskDefinition.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { CommonTaskDefinitionArgs, familyAndJson, TaskDefinitionParts, taskDefinitionParts } from "./taskDefinition";
import { definedOnly } from "./wire";

/** The SDK's arguments: the container(s), log group, roles and family, and `aws.ecs.TaskDefinition`'s own. */
export type EC2TaskDefinitionArgs = awsx.ecs.EC2TaskDefinitionArgs & CommonTaskDefinitionArgs;

/**
 * Each component's `aws.ecs.TaskDefinition` itself: the service that makes one reads the resource
 * (its ARN, with the resource as dependency) as the source does, not the SDK's Output of it.
 */
const resources = new WeakMap<EC2TaskDefinition, aws.ecs.TaskDefinition>();

/** The task definition resource `component` made. */
export function taskDefinitionOf(component: EC2TaskDefinition): aws.ecs.TaskDefinition {
    return resources.get(component)!;
}

export class EC2TaskDefinition extends pulumi.ComponentResource {
    static readonly __pulumiType = "awsx:ecs:EC2TaskDefinition";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is EC2TaskDefinition {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === EC2TaskDefinition.__pulumiType;
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

    constructor(name: string, args?: EC2TaskDefinitionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(
            EC2TaskDefinition.__pulumiType,
            name,
            {},
            {
                ...opts,
                aliases: [{ type: "awsx:x:ecs:EC2TaskDefinition" }, ...(opts.aliases ?? [])],
            },
        );
        const given = definedOnly(args ?? {});
        const parts = taskDefinitionParts(this, name, given);
        const taskDefinition = new aws.ecs.TaskDefinition(name, ec2TaskDefinitionArgs(name, given, parts), {
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
 * ec2TaskDefinition.ts `buildTaskDefinitionArgs`: awsvpc under the program's arguments, then EC2
 * compatibility, the roles, family and containers' JSON over them.
 */
function ec2TaskDefinitionArgs(
    name: string,
    args: EC2TaskDefinitionArgs,
    parts: TaskDefinitionParts,
): aws.ecs.TaskDefinitionArgs {
    const { family, containerDefinitions } = familyAndJson(name, args.family, parts.containerDefinitions);
    return {
        networkMode: "awsvpc",
        ...(args as aws.ecs.TaskDefinitionArgs),
        requiresCompatibilities: ["EC2"],
        taskRoleArn: parts.taskRoleArn,
        executionRoleArn: parts.executionRoleArn,
        family,
        containerDefinitions,
    };
}
