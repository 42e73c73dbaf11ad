/**
 * The default VPC a load balancer given no subnets goes in, as the awsx provider finds it
 * (follows pulumi-awsx awsx/ec2/getDefaultVpc.ts, which the balancers call in-process, not as the
 * `awsx:ec2:getDefaultVpc` invoke): the account's default VPC (`aws.ec2.getVpc`), its subnets
 * (`aws.ec2.getSubnets` by vpc-id), each looked up (`aws.ec2.getSubnet`) and sorted into public
 * (mapPublicIpOnLaunch) and private. The invokes go to the harness's AWS mocks with the
 * component as parent, as the provider's do.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What getDefaultVpc returns. */
export interface DefaultVpc {
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
}

/** A subnet as `aws.ec2.getSubnet` answers it, as far as the split reads it. */
export interface SubnetLookup {
    id: string;
    mapPublicIpOnLaunch?: boolean;
}

/**
 * The subnets' ids split as getDefaultVpc splits them: public when the subnet maps public IPs on
 * launch, private otherwise (a lookup that returned nothing counts as private, as it would there).
 */
export function splitSubnets(subnets: readonly SubnetLookup[]): {
    publicSubnetIds: string[];
    privateSubnetIds: string[];
} {
    return {
        publicSubnetIds: subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.id),
        privateSubnetIds: subnets.filter((s) => !s.mapPublicIpOnLaunch).map((s) => s.id),
    };
}

/** getDefaultVpc: the invokes the provider makes, in its order, with its options. */
export async function getDefaultVpc(opts: pulumi.InvokeOptions): Promise<DefaultVpc> {
    const vpc = await aws.ec2.getVpc({ default: true }, opts);
    if (vpc === undefined) {
        throw new Error("unable to find default VPC for this region and account");
    }
    const subnetIds = aws.ec2.getSubnetsOutput({ filters: [{ name: "vpc-id", values: [vpc.id] }] }, opts).ids;
    const subnets = subnetIds.apply((ids) => pulumi.all(ids.map((id) => aws.ec2.getSubnetOutput({ id }, opts))));
    const split = subnets.apply((found) => splitSubnets(found));
    return {
        vpcId: pulumi.output(vpc.id),
        publicSubnetIds: split.publicSubnetIds,
        privateSubnetIds: split.privateSubnetIds,
    };
}
