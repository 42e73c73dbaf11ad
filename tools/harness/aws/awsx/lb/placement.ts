/**
 * Where a load balancer goes: its subnets and the VPC its default target group is in (follows
 * pulumi-awsx awsx/lb/applicationLoadBalancer.ts and networkLoadBalancer.ts, which share it): from
 * `subnets` (resources), `subnetIds` (looked up, `aws.ec2.getSubnet`, for the VPC), or
 * `subnetMappings` (the first looked up), else the default VPC's public subnets.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lookupDefaultVpc } from "../ec2/default-vpc";
import { countDefined } from "../../../component-args";

/** The arguments placement reads. */
export interface PlacementArgs {
    subnetIds?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    subnets?: pulumi.Input<pulumi.Input<aws.ec2.Subnet>[] | undefined>;
    subnetMappings?: pulumi.Input<pulumi.Input<aws.types.input.lb.LoadBalancerSubnetMapping>[] | undefined>;
}

export interface Placement {
    /** The balancer's `subnets` input; undefined with `subnetMappings` (which go in as they are). */
    subnets?: pulumi.Input<pulumi.Input<string>[]>;
    vpcId: pulumi.Output<string | undefined>;
}

/** The source's message when more than one way of placing is given. */
export const SUBNET_ARGS_ERROR = "Only one of [subnets], [subnetIds] or [subnetMappings] can be specified";

/** The balancer's subnets and VPC; invokes with `parent` as their parent, as the provider's. */
export function placeLoadBalancer(args: PlacementArgs, parent: pulumi.Resource): Placement {
    const { subnetIds, subnets, subnetMappings } = args;
    if (countDefined([subnetIds, subnets, subnetMappings]) > 1) throw new Error(SUBNET_ARGS_ERROR);
    if (subnets) {
        const resolved = pulumi.output(subnets);
        return {
            subnets: resolved.apply((list) => list!.map((s) => s.id)),
            vpcId: resolved.apply((list) => list![0].vpcId),
        };
    }
    if (subnetIds) {
        return {
            subnets: subnetIds as pulumi.Input<pulumi.Input<string>[]>,
            vpcId: pulumi.output(subnetIds).apply((ids) => aws.ec2.getSubnet({ id: ids![0] }, { parent })).vpcId,
        };
    }
    if (subnetMappings) {
        return {
            vpcId: pulumi
                .output(subnetMappings)
                .apply((mappings) => aws.ec2.getSubnet({ id: mappings![0].subnetId }, { parent })).vpcId,
        };
    }
    const defaultVpc = pulumi.output(lookupDefaultVpc({ parent }));
    return { subnets: defaultVpc.publicSubnetIds, vpcId: defaultVpc.vpcId };
}
