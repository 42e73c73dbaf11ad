/**
 * A node group's security group and its rules (follows pulumi-eks v4.3.0
 * nodejs/eks/nodes/securitygroup.ts): the `eks:index:NodeGroupSecurityGroup` component, and
 * createNodeGroupSecurityGroup, which the cluster calls for its default node group and a node
 * group calls when it is given no security group. Under the parent: `<name>-nodeSecurityGroup`
 * (tagged as the cluster's), rules letting the nodes talk to each other, the control plane reach
 * the kubelets (1025-65535) and extension API servers (443), the nodes reach anywhere, and, on the
 * cluster's security group, the nodes reach the API server (443).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType, sdkArgs } from "../../../component-args";

type InputTags = pulumi.Input<Record<string, pulumi.Input<string>>>;

const TYPE = "eks:index:NodeGroupSecurityGroup";

/** The NodeGroupSecurityGroup SDK class's arguments. */
export interface NodeGroupSecurityGroupOptions {
    vpcId: pulumi.Input<string>;
    clusterSecurityGroup: pulumi.Input<aws.ec2.SecurityGroup>;
    tags?: InputTags;
    eksCluster: pulumi.Input<aws.eks.Cluster>;
}

/** The inputs the SDK class sends (eks 4.3.0's generated constructor). */
const SDK_ARGS: readonly (keyof NodeGroupSecurityGroupOptions)[] = [
    "clusterSecurityGroup",
    "eksCluster",
    "tags",
    "vpcId",
];

export class NodeGroupSecurityGroup extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is NodeGroupSecurityGroup {
        return hasPulumiType(obj, TYPE);
    }

    /** Outputs, as the program's SDK class reads them back from the Construct's state. */
    readonly securityGroup: pulumi.Output<aws.ec2.SecurityGroup>;
    /** The rule letting the nodes reach the API server. */
    readonly securityGroupRule: pulumi.Output<aws.ec2.SecurityGroupRule>;

    constructor(name: string, args: NodeGroupSecurityGroupOptions, opts?: pulumi.ComponentResourceOptions) {
        // The generated SDK class's own checks, made before it registers.
        for (const key of ["clusterSecurityGroup", "eksCluster", "vpcId"] as const) {
            if (args?.[key] === undefined) throw new Error(`Missing required property '${key}'`);
        }
        const sent = sdkArgs(args, SDK_ARGS);
        // The provider's component registers with the inputs it received.
        super(TYPE, name, sent, opts);
        const { clusterSecurityGroup, ...rest } = sent;
        const [securityGroup, securityGroupRule] = createNodeGroupSecurityGroup(
            name,
            { ...rest, clusterSecurityGroupId: pulumi.output(clusterSecurityGroup).id },
            // No provider: the Construct's options carry none (see nodegroup.ts).
            this,
        );
        this.securityGroup = pulumi.output(securityGroup);
        this.securityGroupRule = pulumi.output(securityGroupRule);
        this.registerOutputs(undefined);
    }
}

export interface NodeGroupSecurityArgs {
    vpcId: pulumi.Input<string>;
    clusterSecurityGroupId: pulumi.Input<string>;
    tags?: InputTags;
    eksCluster: pulumi.Input<aws.eks.Cluster>;
}

/** The node security group and its rules; returns the group and the API server ingress rule. */
export function createNodeGroupSecurityGroup(
    name: string,
    args: NodeGroupSecurityArgs,
    parent: pulumi.ComponentResource,
    provider?: pulumi.ProviderResource,
): [aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule] {
    const eksCluster = pulumi.output(args.eksCluster);
    const clusterSecurityGroupId = pulumi.output(args.clusterSecurityGroupId);
    const opts = { parent, provider };

    const nodeSecurityGroup = new aws.ec2.SecurityGroup(
        `${name}-nodeSecurityGroup`,
        {
            vpcId: args.vpcId,
            revokeRulesOnDelete: true,
            tags: pulumi.all([args.tags, eksCluster.name]).apply(([tags, clusterName]) => ({
                Name: `${name}-nodeSecurityGroup`,
                [`kubernetes.io/cluster/${clusterName}`]: "owned",
                ...tags,
            })),
        },
        opts,
    );

    new aws.ec2.SecurityGroupRule(
        `${name}-eksNodeIngressRule`,
        {
            description: "Allow nodes to communicate with each other",
            type: "ingress",
            fromPort: 0,
            toPort: 0,
            protocol: "-1",
            securityGroupId: nodeSecurityGroup.id,
            self: true,
        },
        opts,
    );
    new aws.ec2.SecurityGroupRule(
        `${name}-eksNodeClusterIngressRule`,
        {
            description: "Allow worker Kubelets and pods to receive communication from the cluster control plane",
            type: "ingress",
            fromPort: 1025,
            toPort: 65535,
            protocol: "tcp",
            securityGroupId: nodeSecurityGroup.id,
            sourceSecurityGroupId: clusterSecurityGroupId,
        },
        opts,
    );
    new aws.ec2.SecurityGroupRule(
        `${name}-eksExtApiServerClusterIngressRule`,
        {
            description:
                "Allow pods running extension API servers on port 443 to receive communication from cluster control plane",
            type: "ingress",
            fromPort: 443,
            toPort: 443,
            protocol: "tcp",
            securityGroupId: nodeSecurityGroup.id,
            sourceSecurityGroupId: clusterSecurityGroupId,
        },
        opts,
    );
    new aws.ec2.SecurityGroupRule(
        `${name}-eksNodeInternetEgressRule`,
        {
            description: "Allow internet access.",
            type: "egress",
            fromPort: 0,
            toPort: 0,
            protocol: "-1",
            cidrBlocks: ["0.0.0.0/0"],
            securityGroupId: nodeSecurityGroup.id,
        },
        opts,
    );
    const eksClusterIngressRule = new aws.ec2.SecurityGroupRule(
        `${name}-eksClusterIngressRule`,
        {
            description: "Allow pods to communicate with the cluster API Server",
            type: "ingress",
            fromPort: 443,
            toPort: 443,
            protocol: "tcp",
            securityGroupId: clusterSecurityGroupId,
            sourceSecurityGroupId: nodeSecurityGroup.id,
        },
        opts,
    );
    return [nodeSecurityGroup, eksClusterIngressRule];
}
