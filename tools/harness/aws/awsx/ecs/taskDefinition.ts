/**
 * What awsx's two task definition components share (pulumi-awsx awsx/ecs/fargateTaskDefinition.ts
 * and ec2TaskDefinition.ts build them alike): the log group, the task and execution roles, the
 * container definitions and load balancers, and the default family.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import {
    computeContainerDefinitions,
    computeLoadBalancers,
    ContainerArgs,
    ContainerDefinition,
    normalizeTaskDefinitionContainers,
} from "./containers";
import { defaultLogGroup } from "../cloudwatch/logGroup";
import {
    defaultExecutionRolePolicyARNs,
    defaultRoleAssumeRolePolicy,
    defaultRoleWithPolicies,
    defaultTaskRolePolicyARNs,
} from "../role";
import { ifUndefined, sha1hash } from "../../utils";
import { definedOnly } from "../../../component-args";

/** The arguments both components take and handle themselves (the rest go to `aws.ecs.TaskDefinition`). */
export interface CommonTaskDefinitionArgs {
    /** The one container (named by its `name`, else "container"); or `containers`, not both. */
    container?: ContainerArgs;
    /** The containers by name. */
    containers?: Record<string, ContainerArgs>;
    /** The log group containers log to by default: made unless skipped or an existing one named. */
    logGroup?: awsx.types.input.awsx.DefaultLogGroupArgs;
    /** The task's role: made (no policies) unless skipped or an existing ARN given. */
    taskRole?: awsx.types.input.awsx.DefaultRoleWithPolicyArgs;
    /** The execution role: made with AmazonECSTaskExecutionRolePolicy unless skipped or given. */
    executionRole?: awsx.types.input.awsx.DefaultRoleWithPolicyArgs;
    /** The family; default: the component's name and a hash of the stack and the containers' JSON. */
    family?: pulumi.Input<string | undefined>;
}

/** The children made before the task definition, and what it is built from. */
export interface TaskDefinitionParts {
    logGroup?: aws.cloudwatch.LogGroup;
    taskRole?: aws.iam.Role;
    executionRole?: aws.iam.Role;
    taskRoleArn?: pulumi.Output<string>;
    executionRoleArn?: pulumi.Output<string>;
    containerDefinitions: pulumi.Output<ContainerDefinition[]>;
    loadBalancers: pulumi.Output<aws.types.output.ecs.ServiceLoadBalancer[]>;
}

/** The children, in the source's order: log group `name`, role `name-task`, role `name-execution` and its attachment. */
export function taskDefinitionParts(
    parent: pulumi.Resource,
    name: string,
    args: CommonTaskDefinitionArgs,
): TaskDefinitionParts {
    const containers = normalizeTaskDefinitionContainers(args);
    const { logGroup, logGroupId } = defaultLogGroup(name, args.logGroup, {}, { parent });
    const taskRole = defaultRoleWithPolicies(
        `${name}-task`,
        args.taskRole,
        { assumeRolePolicy: defaultRoleAssumeRolePolicy(), policyArns: defaultTaskRolePolicyARNs() },
        { parent },
    );
    const executionRole = defaultRoleWithPolicies(
        `${name}-execution`,
        args.executionRole,
        { assumeRolePolicy: defaultRoleAssumeRolePolicy(), policyArns: defaultExecutionRolePolicyARNs() },
        { parent },
    );
    return {
        logGroup,
        taskRole: taskRole.role,
        executionRole: executionRole.role,
        taskRoleArn: taskRole.roleArn,
        executionRoleArn: executionRole.roleArn,
        containerDefinitions: computeContainerDefinitions(containers, logGroupId),
        loadBalancers: computeLoadBalancers(containers),
    };
}

/**
 * The containers' JSON and the family: the program's, else `<name>-<sha1(stack + JSON)>`
 * (waiting on the JSON either way, as `ifUndefined` does).
 */
export function familyAndJson(
    name: string,
    family: pulumi.Input<string | undefined> | undefined,
    containerDefinitions: pulumi.Output<ContainerDefinition[]>,
): { family: pulumi.Output<string>; containerDefinitions: pulumi.Output<string> } {
    const json = containerDefinitions.apply((definitions) => JSON.stringify(definitions));
    const defaultFamily = json.apply((s) => `${name}-${defaultFamilyHash(pulumi.getStack(), s)}`);
    return { family: ifUndefined(family, defaultFamily), containerDefinitions: json };
}

/** The hash in the default family. Pure. */
export function defaultFamilyHash(stack: string, containersJson: string): string {
    return sha1hash(stack + containersJson);
}

/** Each component's `aws.ecs.TaskDefinition` itself (see `taskDefinitionOf`). */
const resources = new WeakMap<TaskDefinitionComponent, aws.ecs.TaskDefinition>();

/**
 * The task definition resource `component` made: a service that makes one reads the resource (its
 * ARN, with the resource as dependency) as the source does, not the SDK's Output of it.
 */
export function taskDefinitionOf(component: TaskDefinitionComponent): aws.ecs.TaskDefinition {
    return resources.get(component)!;
}

/**
 * What both components are (the source writes the two classes alike): the log group and roles of
 * `taskDefinitionParts`, then the task definition `build` makes the arguments of, and the SDK
 * class's outputs. The legacy `awsx:x:ecs:*` type is an alias, as the source gives it.
 */
export abstract class TaskDefinitionComponent extends pulumi.ComponentResource {
    /** The execution role made, if one was. */
    readonly executionRole: pulumi.Output<aws.iam.Role | undefined>;
    /** The load balancers the containers' target-grouped port mappings call for. */
    readonly loadBalancers: pulumi.Output<aws.types.output.ecs.ServiceLoadBalancer[]>;
    /** The log group made, if one was. */
    readonly logGroup: pulumi.Output<aws.cloudwatch.LogGroup | undefined>;
    readonly taskDefinition: pulumi.Output<aws.ecs.TaskDefinition>;
    /** The task role made, if one was. */
    readonly taskRole: pulumi.Output<aws.iam.Role | undefined>;

    protected constructor(
        type: string,
        name: string,
        args: CommonTaskDefinitionArgs,
        opts: pulumi.ComponentResourceOptions,
        build: (name: string, args: any, parts: TaskDefinitionParts) => aws.ecs.TaskDefinitionArgs,
    ) {
        super(
            type,
            name,
            {},
            {
                ...opts,
                aliases: [{ type: type.replace(/^awsx:/, "awsx:x:") }, ...(opts.aliases ?? [])],
            },
        );
        const given = definedOnly(args);
        const parts = taskDefinitionParts(this, name, given);
        const taskDefinition = new aws.ecs.TaskDefinition(name, build(name, given, parts), { parent: this });
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
