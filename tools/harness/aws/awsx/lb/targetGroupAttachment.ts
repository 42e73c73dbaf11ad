/**
 * `awsx:lb:TargetGroupAttachment`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/lb/targetGroupAttachment.ts): one target (an instance, by resource or id, or a Lambda
 * function, by resource or ARN) attached to one target group (by resource or ARN). An instance is
 * attached by id to an "instance" target group and by private IP to any other, with its zone; a
 * function by ARN, after a permission (same name) lets Elastic Load Balancing invoke it.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType } from "../../../component-args";
import { countDefined, sdkArgs } from "../../../component-args";

const TYPE = "awsx:lb:TargetGroupAttachment";

export const TARGET_GROUP_ERROR = "Exactly 1 of [targetGroup] or [targetGroupArn] must be provided";
export const TARGET_ERROR = "Exactly 1 of [instance], [instanceId], [lambda] or [lambdaArn] must be provided.";

/** An instance's target id: its id in an "instance" target group, its private IP in any other. */
export function instanceTargetId<T>(targetType: string | undefined, instance: { id: T; privateIp: T }): T {
    return targetType === "instance" ? instance.id : instance.privateIp;
}

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.lb.TargetGroupAttachmentArgs)[] = [
    "instance",
    "instanceId",
    "lambda",
    "lambdaArn",
    "targetGroup",
    "targetGroupArn",
];

export class TargetGroupAttachment extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is TargetGroupAttachment {
        return hasPulumiType(obj, TYPE);
    }

    /** The permission for Elastic Load Balancing to invoke the function; only for a function target. */
    readonly lambdaPermission: pulumi.Output<aws.lambda.Permission | undefined>;
    readonly targetGroupAttachment: pulumi.Output<aws.lb.TargetGroupAttachment>;

    /**
     * @param args the SDK's TargetGroupAttachmentArgs: exactly one of `targetGroup`/`targetGroupArn`
     *   and exactly one of `instance`/`instanceId`/`lambda`/`lambdaArn`.
     */
    constructor(name: string, args?: awsx.lb.TargetGroupAttachmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const wire = sdkArgs(args, SDK_ARGS);
        if (countDefined([wire.targetGroup, wire.targetGroupArn]) !== 1) throw new Error(TARGET_GROUP_ERROR);
        if (countDefined([wire.instance, wire.instanceId, wire.lambda, wire.lambdaArn]) !== 1) {
            throw new Error(TARGET_ERROR);
        }

        // The group's ARN and target type: read from the resource, or looked up by ARN.
        let targetGroupArn: pulumi.Output<string>;
        let targetType: pulumi.Output<string | undefined>;
        if (wire.targetGroup) {
            const group = pulumi.output(wire.targetGroup as pulumi.Input<aws.lb.TargetGroup>);
            targetGroupArn = group.arn;
            targetType = group.targetType;
        } else {
            targetGroupArn = pulumi.output(wire.targetGroupArn as pulumi.Input<string>);
            targetType = targetGroupArn
                .apply((arn) => aws.lb.getTargetGroup({ arn }, { parent: this }))
                .apply((group) => group.targetType);
        }

        const { instance, instanceId, lambda, lambdaArn } = wire;
        let attachmentArgs: Pick<aws.lb.TargetGroupAttachmentArgs, "targetId" | "availabilityZone">;
        if (instance) {
            const found = pulumi.output(instance as pulumi.Input<aws.ec2.Instance>);
            attachmentArgs = {
                targetId: targetType.apply((t) => instanceTargetId(t, found)),
                availabilityZone: found.availabilityZone,
            };
        } else if (instanceId) {
            const found = aws.ec2.getInstanceOutput(
                { instanceId: instanceId as pulumi.Input<string> },
                { parent: this },
            );
            attachmentArgs = {
                targetId: targetType.apply((t) => instanceTargetId(t, found)),
                availabilityZone: found.availabilityZone,
            };
        } else if (lambda) {
            attachmentArgs = { targetId: pulumi.output(lambda as pulumi.Input<aws.lambda.Function>).arn };
        } else {
            attachmentArgs = { targetId: lambdaArn as pulumi.Input<string> };
        }

        let permission: aws.lambda.Permission | undefined;
        if (lambda || lambdaArn) {
            permission = new aws.lambda.Permission(
                name,
                {
                    action: "lambda:InvokeFunction",
                    function: (lambda ?? lambdaArn) as pulumi.Input<string | aws.lambda.Function>,
                    principal: "elasticloadbalancing.amazonaws.com",
                    sourceArn: targetGroupArn,
                },
                { parent: this },
            );
        }

        const attachment = new aws.lb.TargetGroupAttachment(
            name,
            { ...attachmentArgs, targetGroupArn },
            { parent: this, dependsOn: permission ? [permission] : [] },
        );

        this.lambdaPermission = pulumi.output(permission);
        this.targetGroupAttachment = pulumi.output(attachment);
        // No registerOutputs: the provider's component registers none itself, so its outputs are the
        // empty set ComponentResource registers once constructed.
    }
}
