/**
 * The account's default VPC and its subnets split by whether they give instances a public
 * address (pulumi-awsx awsx/ec2/getDefaultVpc.ts), read through the same AWS data sources the
 * provider calls, so the harness's AWS mocks answer them. FargateService calls this function
 * directly in the provider, not through the `awsx:ec2:getDefaultVpc` invoke, and so does the
 * emulation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DefaultVpc {
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
}

export async function getDefaultVpc(opts: pulumi.InvokeOptions): Promise<DefaultVpc> {
    const vpc = await aws.ec2.getVpc({ default: true }, opts);
    if (vpc === undefined) throw new Error("unable to find default VPC for this region and account");
    const subnetIds = aws.ec2.getSubnetsOutput({ filters: [{ name: "vpc-id", values: [vpc.id] }] }, opts).ids;
    // Each subnet looked up by id: `mapPublicIpOnLaunch` tells public from private.
    const subnets = subnetIds.apply((ids) => pulumi.all(ids.map((id) => aws.ec2.getSubnetOutput({ id }, opts))));
    const split = subnets.apply((all) => ({
        publicSubnetIds: all.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.id),
        privateSubnetIds: all.filter((s) => !s.mapPublicIpOnLaunch).map((s) => s.id),
    }));
    return {
        vpcId: pulumi.output(vpc.id),
        publicSubnetIds: split.publicSubnetIds,
        privateSubnetIds: split.privateSubnetIds,
    };
}
