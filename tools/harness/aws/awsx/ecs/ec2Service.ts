/**
 * `awsx:ecs:EC2Service` (pulumi-awsx awsx/ecs/ec2Service.ts): an `aws.ecs.Service` on EC2, with
 * an EC2TaskDefinition of the same name when given `taskDefinitionArgs`. Unlike FargateService it
 * defaults neither the desired count nor the network configuration.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { EC2TaskDefinition } from "./ec2TaskDefinition";
import { taskDefinitionOf } from "./taskDefinition";
import { checkServiceArgs, checkTaskDefinitionArgs, commonServiceInputs, launchTypeFor } from "./service";
import { definedOnly } from "../../../component-args";

export type EC2ServiceArgs = awsx.ecs.EC2ServiceArgs;

export class EC2Service extends pulumi.ComponentResource {
    static readonly __pulumiType = "awsx:ecs:EC2Service";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is EC2Service {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === EC2Service.__pulumiType;
    }

    readonly service: pulumi.Output<aws.ecs.Service>;
    /** The task definition made from `taskDefinitionArgs`, if one was. */
    readonly taskDefinition: pulumi.Output<aws.ecs.TaskDefinition | undefined>;

    constructor(name: string, args?: EC2ServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(
            EC2Service.__pulumiType,
            name,
            {},
            {
                ...opts,
                aliases: [{ type: "awsx:x:ecs:EC2Service" }, ...(opts.aliases ?? [])],
            },
        );
        const given = definedOnly(args ?? {});
        checkTaskDefinitionArgs(given);
        let taskDefinitionIdentifier: pulumi.Input<string | undefined> | undefined = given.taskDefinition;
        let taskDefinition: EC2TaskDefinition | undefined;
        let inner: aws.ecs.TaskDefinition | undefined;
        if (given.taskDefinitionArgs) {
            taskDefinition = new EC2TaskDefinition(name, given.taskDefinitionArgs, { parent: this });
            inner = taskDefinitionOf(taskDefinition);
            taskDefinitionIdentifier = inner.arn;
        }
        checkServiceArgs(given, taskDefinitionIdentifier);
        const service = new aws.ecs.Service(
            name,
            {
                ...(given as aws.ecs.ServiceArgs),
                ...commonServiceInputs(given),
                launchType: launchTypeFor(given, "EC2"),
                loadBalancers: given.loadBalancers ?? taskDefinition?.loadBalancers,
                taskDefinition: taskDefinitionIdentifier,
            },
            { parent: this },
        );
        this.service = pulumi.output(service);
        this.taskDefinition = pulumi.output(inner);
        this.registerOutputs({ service: this.service, taskDefinition: this.taskDefinition });
    }
}
