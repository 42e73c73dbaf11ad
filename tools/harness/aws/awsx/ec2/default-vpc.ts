/**
 * The account's default VPC: the `awsx.ec2.DefaultVpc` component (pulumi-awsx
 * awsx/ec2/defaultVpc.ts), which creates nothing and only looks the VPC up, and the
 * `awsx:ec2:getDefaultVpc` function (awsx/ec2/getDefaultVpc.ts) that the SDK's
 * `awsx.ec2.getDefaultVpc()` invokes. Both ask AWS the same three things: the default VPC
 * (`aws.ec2.getVpc({ default: true })`), the ids of its subnets (`aws.ec2.getSubnets` filtered on
 * `vpc-id`), and each subnet (`aws.ec2.getSubnet`), public being those that map a public IP on
 * launch.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EmulatedFunctions } from "../types";
import { escapeFailure } from "../../../component-args";

/** The function's result, and the component's outputs. */
export interface DefaultVpcResult {
    vpcId: string;
    publicSubnetIds: string[];
    privateSubnetIds: string[];
}

/** A subnet as `aws.ec2.getSubnet` answers it, with the id it was asked for. */
interface SubnetLookup {
    /** The id asked for: the lookup's own `id` is the same one, and a lookup the mocks leave unanswered has none. */
    requestedId: string;
    id?: string;
    mapPublicIpOnLaunch?: boolean;
}

/** getDefaultVpc.ts: public subnets map a public IP on launch, every other one is private. */
export function splitDefaultVpcSubnets(subnets: SubnetLookup[]): Omit<DefaultVpcResult, "vpcId"> {
    const idOf = (s: SubnetLookup) => s.id ?? s.requestedId;
    return {
        publicSubnetIds: subnets.filter((s) => s.mapPublicIpOnLaunch).map(idOf),
        privateSubnetIds: subnets.filter((s) => !s.mapPublicIpOnLaunch).map(idOf),
    };
}

/**
 * The lookups of getDefaultVpc.ts through the AWS SDK, as the provider makes them, with the
 * component as their parent: the DefaultVpc component's, and those the balancers and Fargate
 * services make for their default placement (the provider calls the same function in-process).
 */
export function lookupDefaultVpc(
    opts: pulumi.InvokeOptions,
): Promise<Record<keyof DefaultVpcResult, pulumi.Output<any>>> {
    return aws.ec2.getVpc({ default: true }, opts).then((vpc) => {
        if (vpc === undefined) throw new Error("unable to find default VPC for this region and account");
        const subnetIds = aws.ec2.getSubnetsOutput({ filters: [{ name: "vpc-id", values: [vpc.id] }] }, opts).ids;
        const subnets = subnetIds.apply((ids) =>
            pulumi.all(
                ids.map((id) =>
                    aws.ec2
                        .getSubnetOutput({ id }, opts)
                        .apply((s) => ({ requestedId: id, id: s.id, mapPublicIpOnLaunch: s.mapPublicIpOnLaunch })),
                ),
            ),
        );
        const split = subnets.apply((ss) => splitDefaultVpcSubnets(ss));
        return {
            vpcId: pulumi.output(vpc.id),
            publicSubnetIds: split.publicSubnetIds,
            privateSubnetIds: split.privateSubnetIds,
        };
    });
}

export class DefaultVpc extends pulumi.ComponentResource {
    /** The SDK class's type token. */
    static readonly __pulumiType = "awsx:ec2:DefaultVpc";

    /** As the generated SDK class tests it: by type token. */
    static isInstance(obj: any): obj is DefaultVpc {
        if (obj === undefined || obj === null) return false;
        return obj["__pulumiType"] === DefaultVpc.__pulumiType;
    }

    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly vpcId: pulumi.Output<string>;

    /** `args` is empty: the SDK's DefaultVpcArgs has no properties. */
    constructor(name: string, _args?: Record<string, never>, opts?: pulumi.ComponentResourceOptions) {
        super(DefaultVpc.__pulumiType, name, {}, opts);
        const data: any = pulumi.output(escapeFailure(lookupDefaultVpc({ parent: this })));
        this.vpcId = data.vpcId;
        this.publicSubnetIds = data.publicSubnetIds;
        this.privateSubnetIds = data.privateSubnetIds;
        this.registerOutputs({
            privateSubnetIds: this.privateSubnetIds,
            publicSubnetIds: this.publicSubnetIds,
            vpcId: this.vpcId,
        });
    }
}

/**
 * `awsx:ec2:getDefaultVpc` from the AWS mocks' answers. When any of the lookups goes unanswered
 * (a subnet's public-IP setting is the account's) the function is too: the engine would read it
 * from the cloud, and the check names it among the data sources it had no answer for.
 */
export const getDefaultVpc: EmulatedFunctions[string] = (_inputs, call) => {
    const vpc = call("aws:ec2/getVpc:getVpc", { default: true });
    if (vpc?.id === undefined) return undefined;
    const found = call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc.id] }] });
    if (!Array.isArray(found?.ids)) return undefined;
    const subnets: SubnetLookup[] = [];
    for (const id of found.ids as string[]) {
        const subnet = call("aws:ec2/getSubnet:getSubnet", { id });
        if (subnet === undefined) return undefined;
        subnets.push({ requestedId: id, id: subnet.id, mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch });
    }
    return { vpcId: vpc.id, ...splitDefaultVpcSubnets(subnets) };
};
