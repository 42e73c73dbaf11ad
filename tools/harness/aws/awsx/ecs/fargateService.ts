/**
 * `awsx:ecs:FargateService` (pulumi-awsx awsx/ecs/fargateService.ts): an `aws.ecs.Service` on
 * Fargate, with a FargateTaskDefinition of the same name when given `taskDefinitionArgs`, and,
 * without a `networkConfiguration`, a security group in the default VPC and its subnets.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { lookupDefaultVpc } from "../ec2/default-vpc";
import { FargateTaskDefinition } from "./fargateTaskDefinition";
import { taskDefinitionOf } from "./taskDefinition";
import { checkServiceArgs, checkTaskDefinitionArgs, commonServiceInputs, launchTypeFor } from "./service";
import { definedOnly } from "../../../component-args";

export type FargateServiceArgs = awsx.ecs.FargateServiceArgs;

export class FargateService extends pulumi.ComponentResource {
    static readonly __pulumiType = "awsx:ecs:FargateService";

    /** Whether `obj` is one, across copies of the SDK (by its type token, as the generated class checks). */
    static isInstance(obj: any): obj is FargateService {
        return obj !== undefined && obj !== null && obj["__pulumiType"] === FargateService.__pulumiType;
    }

    readonly service: pulumi.Output<aws.ecs.Service>;
    /** The task definition made from `taskDefinitionArgs`, if one was. */
    readonly taskDefinition: pulumi.Output<aws.ecs.TaskDefinition | undefined>;

    constructor(name: string, args?: FargateServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(
            FargateService.__pulumiType,
            name,
            {},
            {
                ...opts,
                aliases: [{ type: "awsx:x:ecs:FargateService" }, ...(opts.aliases ?? [])],
            },
        );
        const given = definedOnly(args ?? {});
        checkTaskDefinitionArgs(given);
        if (given.networkConfiguration !== undefined && given.assignPublicIp !== undefined) {
            throw new Error("Only one of `networkConfiguration` or `assignPublicIp` can be provided.");
        }
        let taskDefinitionIdentifier: pulumi.Input<string | undefined> | undefined = given.taskDefinition;
        let taskDefinition: FargateTaskDefinition | undefined;
        let inner: aws.ecs.TaskDefinition | undefined;
        if (given.taskDefinitionArgs) {
            taskDefinition = new FargateTaskDefinition(name, given.taskDefinitionArgs, { parent: this });
            inner = taskDefinitionOf(taskDefinition);
            taskDefinitionIdentifier = inner.arn;
        }
        checkServiceArgs(given, taskDefinitionIdentifier);
        const service = new aws.ecs.Service(
            name,
            {
                desiredCount: 1,
                ...(given as aws.ecs.ServiceArgs),
                networkConfiguration:
                    given.networkConfiguration ?? defaultNetworkConfiguration(name, this, given.assignPublicIp),
                ...commonServiceInputs(given),
                launchType: launchTypeFor(given, "FARGATE"),
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

/**
 * fargateService.ts `getDefaultNetworkConfiguration`: security group `<name>-sg` in the default
 * VPC (all traffic in, TCP out, from and to anywhere), and the default VPC's private subnets, or
 * its public ones with `assignPublicIp` (an error when there are no private ones and it is not set).
 */
function defaultNetworkConfiguration(
    name: string,
    parent: pulumi.Resource,
    assignPublicIp?: pulumi.Input<boolean | undefined>,
): aws.types.input.ecs.ServiceNetworkConfiguration {
    const defaultVpc = pulumi.output(lookupDefaultVpc({ parent }));
    const sg = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        {
            vpcId: defaultVpc.vpcId,
            ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
            egress: [
                { fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
            ],
        },
        { parent },
    );
    const publicIp = assignPublicIp ?? false;
    return {
        subnets: pulumi
            .all([publicIp, defaultVpc.publicSubnetIds, defaultVpc.privateSubnetIds])
            .apply(([isPublic, publicSubnetIds, privateSubnetIds]) =>
                subnetsFor(isPublic, publicSubnetIds, privateSubnetIds),
            ),
        assignPublicIp: publicIp,
        securityGroups: [sg.id],
    };
}

/** The subnets a service without network configuration runs in. Pure. */
export function subnetsFor(
    assignPublicIp: boolean | undefined,
    publicSubnetIds: string[],
    privateSubnetIds: string[],
): string[] {
    if (!assignPublicIp && privateSubnetIds.length === 0) {
        throw new Error(
            "The default VPC does not have any private subnets. " +
                "Set `assignPublicIp` to `true`, provide `networkConfiguration`, or add " +
                "private subnets to the default VPC.",
        );
    }
    return assignPublicIp ? publicSubnetIds : privateSubnetIds;
}
