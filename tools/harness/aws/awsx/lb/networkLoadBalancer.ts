/**
 * `awsx:lb:NetworkLoadBalancer`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/lb/networkLoadBalancer.ts): a load balancer of type "network" (HTTP/2 off, idle timeout 0,
 * which NLBs do not take), no security group, a TCP target group (port `defaultTargetGroupPort`,
 * else 80) in the balancer's VPC, and listeners `<name>-<i>` (TCP :80 unless given) forwarding
 * to it.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType, sdkArgs } from "../../../component-args";
import { placeLoadBalancer } from "./placement";
import { BALANCER_SDK_ARGS } from "./sdkArgs";

const TYPE = "awsx:lb:NetworkLoadBalancer";

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.lb.NetworkLoadBalancerArgs)[] = [
    ...BALANCER_SDK_ARGS,
    "enableCrossZoneLoadBalancing",
];

export class NetworkLoadBalancer extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is NetworkLoadBalancer {
        return hasPulumiType(obj, TYPE);
    }

    readonly defaultTargetGroup: pulumi.Output<aws.lb.TargetGroup>;
    readonly listeners: pulumi.Output<aws.lb.Listener[] | undefined>;
    readonly loadBalancer: pulumi.Output<aws.lb.LoadBalancer>;
    readonly vpcId: pulumi.Output<string | undefined>;

    /**
     * @param args the SDK's NetworkLoadBalancerArgs: the load balancer's own arguments, plus
     *   `subnets`/`subnetIds` (placement), `defaultTargetGroup` or `defaultTargetGroupPort`, and
     *   `listener` or `listeners`.
     */
    constructor(name: string, args?: awsx.lb.NetworkLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const { subnetIds, subnets, defaultTargetGroup, defaultTargetGroupPort, listener, listeners, ...restArgs } =
            sdkArgs(args, SDK_ARGS);
        const lbArgs: aws.lb.LoadBalancerArgs = { ...restArgs };

        const placement = placeLoadBalancer({ subnetIds, subnets, subnetMappings: restArgs.subnetMappings }, this);
        if (placement.subnets !== undefined) lbArgs.subnets = placement.subnets;
        const vpcId = placement.vpcId;

        if (listener && listeners) throw new Error("Only one of [listener] and [listeners] can be specified");

        // Set by the source over whatever the program passed: the type, and two settings NLBs refuse.
        lbArgs.loadBalancerType = "network";
        lbArgs.enableHttp2 = false;
        lbArgs.idleTimeout = 0;
        const loadBalancer = new aws.lb.LoadBalancer(name, lbArgs, { parent: this });

        if (defaultTargetGroup !== undefined && defaultTargetGroupPort !== undefined) {
            throw new Error("Only one of `defaultTargetGroup` or `defaultTargetGroupPort` can be provided.");
        }
        const targetGroup = new aws.lb.TargetGroup(
            name,
            {
                vpcId,
                protocol: "TCP",
                port: defaultTargetGroupPort ?? 80,
                ...defaultTargetGroup,
            },
            { parent: this },
        );

        const defaultActions = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        const listenerOf = (index: number, given: awsx.types.input.lb.ListenerArgs | undefined) =>
            new aws.lb.Listener(
                `${name}-${index}`,
                {
                    defaultActions,
                    protocol: "TCP",
                    port: 80,
                    ...given,
                    loadBalancerArn: loadBalancer.arn,
                } as aws.lb.ListenerArgs,
                { parent: this },
            );
        const created = listener
            ? [listenerOf(0, listener)]
            : listeners
              ? listeners.map((each, i) => listenerOf(i, each))
              : [listenerOf(0, undefined)];

        this.defaultTargetGroup = pulumi.output(targetGroup);
        this.listeners = pulumi.output(created);
        this.loadBalancer = pulumi.output(loadBalancer);
        this.vpcId = vpcId;
        // No registerOutputs: the provider's component registers none itself, so its outputs are the
        // empty set ComponentResource registers once constructed.
    }
}
