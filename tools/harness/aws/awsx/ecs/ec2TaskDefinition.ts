/**
 * `awsx:ecs:EC2TaskDefinition` (pulumi-awsx awsx/ecs/ec2TaskDefinition.ts): an
 * `aws.ecs.TaskDefinition` for EC2 (awsvpc networking unless the program names another mode; no
 * task size computed), with the log group and roles of taskDefinition.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import {
    CommonTaskDefinitionArgs,
    familyAndJson,
    TaskDefinitionComponent,
    TaskDefinitionParts,
} from "./taskDefinition";

/** The SDK's arguments: the container(s), log group, roles and family, and `aws.ecs.TaskDefinition`'s own. */
export type EC2TaskDefinitionArgs = awsx.ecs.EC2TaskDefinitionArgs & CommonTaskDefinitionArgs;

export class EC2TaskDefinition extends TaskDefinitionComponent {
    static readonly __pulumiType = "awsx:ecs:EC2TaskDefinition";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is EC2TaskDefinition {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === EC2TaskDefinition.__pulumiType;
    }

    constructor(name: string, args?: EC2TaskDefinitionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(EC2TaskDefinition.__pulumiType, name, args ?? {}, opts, ec2TaskDefinitionArgs);
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
