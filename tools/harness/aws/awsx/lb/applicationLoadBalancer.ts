/**
 * `awsx:lb:ApplicationLoadBalancer`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/lb/applicationLoadBalancer.ts): a load balancer of type "application", named as the
 * component; unless the program brings security groups or skips it, a security group of the same
 * name open to everything inbound (all protocols from 0.0.0.0/0 and ::/0) and TCP 0-65535
 * outbound; a default target group ("ip" targets, in the balancer's VPC); and listeners
 * `<name>-<i>` forwarding to that group (one HTTP :80 listener when none is given).
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType, sdkArgs } from "../../../component-args";
import { getDefaultProtocol, getListenerProtocol } from "./listenerDefaults";
import { placeLoadBalancer } from "./placement";
import { BALANCER_SDK_ARGS } from "./sdkArgs";

const TYPE = "awsx:lb:ApplicationLoadBalancer";

/**
 * A listener's arguments but the balancer. The SDK types its inputs as possibly resolving to
 * undefined; they are passed on as they are, as the provider passes them.
 */
type ListenerInputs = Omit<aws.lb.ListenerArgs, "loadBalancerArn">;

/** The default security group's rules (the source's "open SG rules" default). */
export function defaultSecurityGroupRules(): Pick<aws.ec2.SecurityGroupArgs, "ingress" | "egress"> {
    return {
        ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
    };
}

/** The SDK's `defaultSecurityGroupArgsProvideDefaults`: given args get "Managed by Pulumi" as description. */
function withSdkDefaults(
    defaultSecurityGroup: awsx.types.input.awsx.DefaultSecurityGroupArgs | undefined,
): awsx.types.input.awsx.DefaultSecurityGroupArgs | undefined {
    if (!defaultSecurityGroup?.args) return defaultSecurityGroup;
    const args = defaultSecurityGroup.args;
    return { ...defaultSecurityGroup, args: { ...args, description: args.description ?? "Managed by Pulumi" } };
}

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.lb.ApplicationLoadBalancerArgs)[] = [
    ...BALANCER_SDK_ARGS,
    "defaultSecurityGroup",
    "enableHttp2",
];

export class ApplicationLoadBalancer extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is ApplicationLoadBalancer {
        return hasPulumiType(obj, TYPE);
    }

    /** The security group the component made, unless the program gave groups or skipped it. */
    readonly defaultSecurityGroup: pulumi.Output<aws.ec2.SecurityGroup | undefined>;
    readonly defaultTargetGroup: pulumi.Output<aws.lb.TargetGroup>;
    readonly listeners: pulumi.Output<aws.lb.Listener[] | undefined>;
    readonly loadBalancer: pulumi.Output<aws.lb.LoadBalancer>;
    readonly vpcId: pulumi.Output<string | undefined>;

    /**
     * @param args the SDK's ApplicationLoadBalancerArgs: the load balancer's own arguments, plus
     *   `subnets`/`subnetIds` (placement), `defaultSecurityGroup`, `defaultTargetGroup` or
     *   `defaultTargetGroupPort`, and `listener` or `listeners`.
     */
    constructor(name: string, args?: awsx.lb.ApplicationLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const wire = sdkArgs(args, SDK_ARGS);
        const {
            subnetIds,
            subnets,
            defaultTargetGroup,
            defaultTargetGroupPort,
            defaultSecurityGroup: givenSecurityGroup,
            listener,
            listeners,
            ...restArgs
        } = wire;
        const defaultSecurityGroup = withSdkDefaults(givenSecurityGroup);
        const lbArgs: aws.lb.LoadBalancerArgs = { ...restArgs };

        const placement = placeLoadBalancer({ subnetIds, subnets, subnetMappings: restArgs.subnetMappings }, this);
        if (placement.subnets !== undefined) lbArgs.subnets = placement.subnets;
        const vpcId = placement.vpcId;

        if (listener && listeners) throw new Error("Only one of [listener] and [listeners] can be specified");

        let securityGroup: aws.ec2.SecurityGroup | undefined;
        if (!lbArgs.securityGroups && !defaultSecurityGroup?.skip) {
            if (defaultSecurityGroup?.args && defaultSecurityGroup.securityGroupId) {
                throw new Error("Only one of [defaultSecurityGroup] [args] or [securityGroupId] can be specified");
            }
            const securityGroupId = defaultSecurityGroup?.securityGroupId;
            if (securityGroupId) {
                lbArgs.securityGroups = [securityGroupId as pulumi.Input<string>];
            } else {
                securityGroup = new aws.ec2.SecurityGroup(
                    name,
                    defaultSecurityGroup?.args ?? { vpcId, ...defaultSecurityGroupRules() },
                    { parent: this },
                );
                lbArgs.securityGroups = [securityGroup.id];
            }
        }

        // The source sets the type itself; the SDK's arguments have no such input.
        lbArgs.loadBalancerType = "application";
        const loadBalancer = new aws.lb.LoadBalancer(name, lbArgs, { parent: this });

        if (defaultTargetGroup !== undefined && defaultTargetGroupPort !== undefined) {
            throw new Error("Only one of `defaultTargetGroup` or `defaultTargetGroupPort` can be provided.");
        }
        const defaultProtocol = getDefaultProtocol({ listener, listeners, defaultTargetGroupPort });
        const targetGroup = new aws.lb.TargetGroup(
            name,
            { vpcId, targetType: "ip", ...defaultProtocol, ...defaultTargetGroup },
            { parent: this },
        );

        const defaultActions = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        const listenerOf = (index: number, listenerArgs: ListenerInputs) =>
            new aws.lb.Listener(
                `${name}-${index}`,
                { ...listenerArgs, loadBalancerArn: loadBalancer.arn },
                { parent: this },
            );
        let created: aws.lb.Listener[];
        if (listener) {
            created = [listenerOf(0, { defaultActions, ...defaultProtocol, ...listener } as ListenerInputs)];
        } else if (listeners) {
            created = listeners.map((each, i) =>
                listenerOf(i, { defaultActions, ...getListenerProtocol(each), ...each } as ListenerInputs),
            );
        } else {
            created = [listenerOf(0, { defaultActions, ...defaultProtocol })];
        }

        this.defaultSecurityGroup = pulumi.output(securityGroup);
        this.defaultTargetGroup = pulumi.output(targetGroup);
        this.listeners = pulumi.output(created);
        this.loadBalancer = pulumi.output(loadBalancer);
        this.vpcId = vpcId;
        // No registerOutputs: the provider's component registers none itself, so its outputs are the
        // empty set ComponentResource registers once constructed.
    }
}
