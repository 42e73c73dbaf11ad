/**
 * The eks provider's node groups, built in this process as its plugin builds them (follows
 * pulumi-eks v4.3.0 nodejs/eks/nodes/nodegroup.ts):
 *
 * - createNodeGroupV2, a self-managed node group on a launch template and an auto scaling group:
 *   what every Cluster builds for its default node group (`<cluster>-launchTemplate` and the group
 *   named as the cluster, inside the Cluster), and what the `eks:index:NodeGroupV2` component
 *   builds inside itself. Unless given one, it makes a node security group with its rules
 *   (securitygroup.ts); with `nodePublicKey`, a key pair. The image is the program's, else the
 *   EKS-optimized one for the OS (AL2023 unless told), the GPU flag, the instance type's
 *   architecture and the Kubernetes version, read from its public parameter; the user data is
 *   userdata.ts's, base64-encoded; the root volume follows the image's first block device.
 * - createManagedNodeGroup and the `eks:index:ManagedNodeGroup` component: an `aws.eks.NodeGroup`
 *   named as the component, and a `<name>-launchTemplate` first when the program asks for user
 *   data, an image, IMDSv2 or a disk size EKS's own template would not give.
 * - computeWorkerSubnets: which of a cluster's subnets the nodes go in (the private ones).
 *
 * The provider passes `opts?.provider` to the children, but its Construct's options never carry
 * one (the engine sends the component's providers as `providers`), so the children take the
 * component's providers through their parent: the components here pass none either.
 *
 * The provider builds each component in its Construct, whose errors fail the registration: the
 * components here build in a promise whose failure escapes (escapeFailure), and a check the
 * provider makes inside an apply fails there as it does. Arguments the harness does not follow
 * (options.ts) leave a component remote, as the SDK class registers it. `eks:index:NodeGroup`
 * (v1, a CloudFormation stack) is nodegroup-v1.ts's.
 */
import * as aws from "@pulumi/aws";
import { recordStaysRemote } from "../../../component-swap";
import type * as awsInputs from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";
import { escapeFailure, hasPulumiType, sdkArgs } from "../../../component-args";
import {
    type AmiType,
    type CpuArchitecture,
    getAmiMetadata,
    getAmiType,
    getArchitecture,
    getOperatingSystem,
    OperatingSystem,
    toAmiType,
} from "./ami";
import { DEFAULT_INSTANCE_TYPE } from "./instances";
import {
    MANAGED_NODE_GROUP_SDK_ARGS,
    NODE_GROUP_V2_SDK_ARGS,
    remoteCluster,
    remoteInputs,
    remoteOptions,
    requireCluster,
    unsupportedManagedOptions,
    unsupportedSelfManagedOptions,
} from "./options";
import { createNodeGroupSecurityGroup } from "./securitygroup";
import {
    createUserData,
    customUserDataArgs,
    type ManagedNodeUserDataArgs,
    requiresCustomUserData,
    type SelfManagedV2NodeUserDataArgs,
} from "./userdata";

export type InputTags = pulumi.Input<Record<string, pulumi.Input<string>>>;
export type TaintEffect = "NoSchedule" | "NoExecute" | "PreferNoSchedule";

export interface Taint {
    value: pulumi.Input<string>;
    effect: pulumi.Input<TaintEffect>;
}

/** A part of the nodeadm user data (AL2023): a NodeConfig, a shell script. */
export interface NodeadmOptions {
    content: pulumi.Input<string>;
    contentType: pulumi.Input<string>;
}

/** The settings every node group takes (the provider's NodeGroupBaseOptions). */
export interface NodeGroupBaseOptions {
    nodeSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    instanceType?: pulumi.Input<string>;
    spotPrice?: pulumi.Input<string>;
    nodeSecurityGroup?: aws.ec2.SecurityGroup;
    nodeSecurityGroupId?: pulumi.Input<string>;
    clusterIngressRule?: aws.ec2.SecurityGroupRule;
    clusterIngressRuleId?: pulumi.Input<string>;
    extraNodeSecurityGroups?: aws.ec2.SecurityGroup[];
    nodePublicKey?: pulumi.Input<string>;
    keyName?: pulumi.Input<string>;
    nodeRootVolumeSize?: pulumi.Input<number>;
    nodeRootVolumeDeleteOnTermination?: pulumi.Input<boolean>;
    nodeRootVolumeEncrypted?: pulumi.Input<boolean>;
    nodeRootVolumeIops?: pulumi.Input<number>;
    nodeRootVolumeThroughput?: pulumi.Input<number>;
    nodeRootVolumeType?: "standard" | "gp2" | "gp3" | "st1" | "sc1" | "io1";
    nodeUserData?: pulumi.Input<string>;
    nodeUserDataOverride?: pulumi.Input<string>;
    desiredCapacity?: pulumi.Input<number>;
    minSize?: pulumi.Input<number>;
    maxSize?: pulumi.Input<number>;
    amiType?: pulumi.Input<string>;
    amiId?: pulumi.Input<string>;
    gpu?: pulumi.Input<boolean>;
    labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    taints?: pulumi.Input<Record<string, pulumi.Input<Taint>>>;
    kubeletExtraArgs?: pulumi.Input<string>;
    bootstrapExtraArgs?: pulumi.Input<string>;
    nodeAssociatePublicIpAddress?: pulumi.Input<boolean>;
    version?: pulumi.Input<string>;
    instanceProfile?: aws.iam.InstanceProfile;
    instanceProfileName?: pulumi.Input<string>;
    autoScalingGroupTags?: InputTags;
    cloudFormationTags?: InputTags;
    enableDetailedMonitoring?: pulumi.Input<boolean>;
    operatingSystem?: pulumi.Input<OperatingSystem>;
    bottlerocketSettings?: pulumi.Input<object>;
    nodeadmExtraOptions?: pulumi.Input<pulumi.Input<NodeadmOptions>[]>;
}

/**
 * What a node group reads of its cluster: the fields of the cluster side's CoreData
 * (../cluster/cluster.ts, upstream cluster.ts) that nodegroup.ts uses, which CoreData has.
 */
export interface NodeGroupCoreData {
    cluster: aws.eks.Cluster;
    vpcId: pulumi.Output<string>;
    subnetIds: pulumi.Output<string[]>;
    clusterSecurityGroup?: aws.ec2.SecurityGroup;
    instanceRoles: pulumi.Output<aws.iam.Role[]>;
    nodeGroupOptions: NodeGroupBaseOptions;
    publicSubnetIds?: pulumi.Output<string[]>;
    privateSubnetIds?: pulumi.Output<string[]>;
    eksNodeAccess?: pulumi.Resource;
    vpcCni?: pulumi.Resource;
    tags?: InputTags;
    nodeSecurityGroupTags?: InputTags;
}

/** The cluster's core as a node group reads it (nodegroup-v1.ts too). */
export type Core = pulumi.Output<pulumi.Unwrap<NodeGroupCoreData>>;
/** What the node group functions read of the cluster's core, unwrapped (its resources as they are). */
type UnwrappedCore = pulumi.Unwrap<NodeGroupCoreData>;

export interface NodeGroupV2Options extends NodeGroupBaseOptions {
    minRefreshPercentage?: pulumi.Input<number>;
    launchTemplateTagSpecifications?: pulumi.Input<pulumi.Input<awsInputs.ec2.LaunchTemplateTagSpecification>[]>;
    metadataOptions?: pulumi.Input<awsInputs.ec2.InstanceMetadataOptions>;
    defaultInstanceWarmup?: pulumi.Input<number>;
    ignoreScalingChanges?: boolean;
}

export interface NodeGroupV2Data {
    nodeSecurityGroup: aws.ec2.SecurityGroup | undefined;
    nodeSecurityGroupId: pulumi.Output<string>;
    autoScalingGroup: aws.autoscaling.Group;
    extraNodeSecurityGroups?: aws.ec2.SecurityGroup[];
}

/** A component's `cluster`: the Cluster (its `core` is read) or its core data. */
export type ClusterInput = pulumi.Input<unknown>;

/** The cluster's core, as the provider reads it from the component's `cluster` argument. */
export function coreOf(cluster: ClusterInput): Core {
    return pulumi
        .output(cluster as pulumi.Input<any>)
        .apply((c: any) => (hasPulumiType(c, "eks:index:Cluster") ? c.core : c)) as unknown as Core;
}

/**
 * cluster/authenticationMode.ts supportsAccessEntries: whether the cluster takes access entries.
 * Copied, so that the node side loads none of the cluster's modules (which load this one).
 */
function supportsAccessEntries(authenticationMode: string | undefined): boolean {
    return authenticationMode === "API" || authenticationMode === "API_AND_CONFIG_MAP";
}

/**
 * NodeGroupV2 (`eks:index:NodeGroupV2`): createNodeGroupV2 inside the component, its outputs the
 * group and the security groups.
 */
export class NodeGroupV2 extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = "eks:index:NodeGroupV2";

    static isInstance(obj: unknown): obj is NodeGroupV2 {
        return hasPulumiType(obj, NodeGroupV2.__pulumiType);
    }

    declare readonly autoScalingGroup: pulumi.Output<aws.autoscaling.Group>;
    declare readonly extraNodeSecurityGroups: pulumi.Output<aws.ec2.SecurityGroup[]>;
    declare readonly nodeSecurityGroup: pulumi.Output<aws.ec2.SecurityGroup | undefined>;
    declare readonly nodeSecurityGroupId: pulumi.Output<string>;

    constructor(
        name: string,
        args: NodeGroupV2Options & { cluster: ClusterInput },
        opts?: pulumi.ComponentResourceOptions,
    ) {
        requireCluster(args);
        const remote = staysRemote(NodeGroupV2.__pulumiType, name, args, unsupportedSelfManagedOptions);
        super(
            NodeGroupV2.__pulumiType,
            name,
            remote
                ? remoteInputs(args as unknown as Record<string, unknown>, NODE_GROUP_V2_SDK_ARGS, [
                      "autoScalingGroup",
                      "extraNodeSecurityGroups",
                      "nodeSecurityGroup",
                      "nodeSecurityGroupId",
                  ])
                : {},
            remote ? remoteOptions(opts) : opts,
            remote,
        );
        if (remote) return;
        const { cluster, ...rest } = sdkArgs(
            args as unknown as Record<string, unknown>,
            NODE_GROUP_V2_SDK_ARGS,
        ) as unknown as NodeGroupV2Options & { cluster: ClusterInput };
        const built = escapeFailure(Promise.resolve().then(() => createNodeGroupV2(name, rest, coreOf(cluster), this)));
        const pick = (read: (d: NodeGroupV2Data) => unknown): any => pulumi.output(built.then(read));
        this.autoScalingGroup = pick((g) => g.autoScalingGroup);
        this.extraNodeSecurityGroups = pick((g) => g.extraNodeSecurityGroups ?? []);
        this.nodeSecurityGroup = pick((g) => g.nodeSecurityGroup);
        this.nodeSecurityGroupId = pick((g) => g.nodeSecurityGroupId);
        this.registerOutputs({
            autoScalingGroup: this.autoScalingGroup,
            extraNodeSecurityGroups: this.extraNodeSecurityGroups,
            nodeSecurityGroup: this.nodeSecurityGroup,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
        });
    }
}

/** Whether a component stays remote: a cluster the harness did not build, or an option it does not follow. */
export function staysRemote(
    type: string,
    name: string,
    args: { cluster?: unknown } | undefined,
    unsupported: (args: Record<string, unknown>) => string | undefined,
): boolean {
    if (args === undefined || args === null) return false;
    if (remoteCluster(args.cluster)) return true;
    const reason = unsupported(args);
    // The check's no-verdict error names it (tools/check/remote-components.ts).
    if (reason !== undefined) recordStaysRemote(type, name, [reason]);
    return reason !== undefined;
}

/** The node group's instance profile: its own, else the cluster's node group options'; exactly one. */
export function resolveInstanceProfileName(
    args: Omit<NodeGroupBaseOptions, "cluster">,
    c: Pick<UnwrappedCore, "nodeGroupOptions">,
): pulumi.Output<string> {
    const options = c.nodeGroupOptions as NodeGroupBaseOptions;
    if (
        (args.instanceProfile || options.instanceProfile) &&
        (args.instanceProfileName || options.instanceProfileName)
    ) {
        throw new pulumi.InputPropertyError({
            propertyPath: "instanceProfile",
            reason: `instanceProfile and instanceProfileName are mutually exclusive`,
        });
    }
    if (args.instanceProfile) return args.instanceProfile.name;
    if (args.instanceProfileName) return pulumi.output(args.instanceProfileName);
    if (options.instanceProfile) return options.instanceProfile.name;
    if (options.instanceProfileName) return pulumi.output(options.instanceProfileName);
    throw new pulumi.InputPropertyError({
        propertyPath: "instanceProfile",
        reason: `an instanceProfile or instanceProfileName is required`,
    });
}

/** The checks of the root volume options (made in an apply: a component's inputs may be Outputs). */
export function rootVolumeErrors(
    iops: number | undefined,
    type: string | undefined,
    throughput: number | undefined,
): pulumi.InputPropertyErrorDetails[] {
    const numeric = /^\d+$/;
    const errors: pulumi.InputPropertyErrorDetails[] = [];
    if (iops && type !== "io1") {
        errors.push({
            propertyPath: "nodeRootVolumeIops",
            reason: "Cannot create a cluster node root volume of non-io1 type with provisioned IOPS (nodeRootVolumeIops).",
        });
    }
    if (type === "io1" && iops && !numeric.test(iops.toString())) {
        errors.push({
            propertyPath: "nodeRootVolumeIops",
            reason: "Cannot create a cluster node root volume of io1 type without provisioned IOPS (nodeRootVolumeIops) as integer value.",
        });
    }
    if (throughput && type !== "gp3") {
        errors.push({
            propertyPath: "nodeRootVolumeThroughput",
            reason: "Cannot create a cluster node root volume of non-gp3 type with provisioned throughput (nodeRootVolumeThroughput).",
        });
    }
    if (type === "gp3" && throughput && !numeric.test(throughput.toString())) {
        errors.push({
            propertyPath: "nodeRootVolumeThroughput",
            reason: "Cannot create a cluster node root volume of gp3 type without provisioned throughput (nodeRootVolumeThroughput) as integer value.",
        });
    }
    return errors;
}

/** The mutually exclusive options of a self-managed node group, as the provider refuses them. */
export function selfManagedValidationErrors(args: NodeGroupBaseOptions): pulumi.InputPropertyErrorDetails[] {
    const errors: pulumi.InputPropertyErrorDetails[] = [];
    if (args.clusterIngressRule && args.clusterIngressRuleId) {
        errors.push({
            propertyPath: "clusterIngressRule",
            reason: `clusterIngressRule and clusterIngressRuleId are mutually exclusive`,
        });
    }
    if (args.nodeSecurityGroup && args.nodeSecurityGroupId) {
        errors.push({
            propertyPath: "nodeSecurityGroup",
            reason: `nodeSecurityGroup and nodeSecurityGroupId are mutually exclusive`,
        });
    }
    if (args.nodePublicKey && args.keyName) {
        errors.push({
            propertyPath: "nodePublicKey",
            reason: "nodePublicKey and keyName are mutually exclusive. Choose a single approach",
        });
    }
    if (args.amiId && args.gpu) {
        errors.push({ propertyPath: "amiId", reason: "amiId and gpu are mutually exclusive." });
    }
    if (
        args.nodeUserDataOverride &&
        (args.nodeUserData || args.labels || args.taints || args.kubeletExtraArgs || args.bootstrapExtraArgs)
    ) {
        errors.push({
            propertyPath: "nodeUserDataOverride",
            reason: "nodeUserDataOverride and any combination of {nodeUserData, labels, taints, kubeletExtraArgs, or bootstrapExtraArgs} is mutually exclusive.",
        });
    }
    if (
        (args.nodeSecurityGroup || args.nodeSecurityGroupId) &&
        !args.clusterIngressRule &&
        !args.clusterIngressRuleId
    ) {
        errors.push({
            propertyPath: "clusterIngressRule",
            reason: `clusterIngressRule or clusterIngressRuleId is required when nodeSecurityGroup is manually specified`,
        });
    }
    return errors;
}

/** The auto scaling group's tags: the program's, then the cluster's ownership tag and the Name, each propagated. */
export function inputTagsToASGTags(
    clusterName: string,
    tags: Record<string, string> | undefined,
): awsInputs.autoscaling.GroupTag[] {
    const asgTags: awsInputs.autoscaling.GroupTag[] = Object.entries(tags ?? {}).map(([key, value]) => ({
        key,
        value,
        propagateAtLaunch: true,
    }));
    asgTags.push(
        { value: "owned", key: "kubernetes.io/cluster/" + clusterName, propagateAtLaunch: true },
        { key: "Name", value: clusterName + "-worker", propagateAtLaunch: true },
    );
    return asgTags;
}

/** The cluster's service CIDR (IPv6 when the cluster is). */
function getClusterServiceCidr(
    networkConfig: pulumi.Output<aws.types.output.eks.ClusterKubernetesNetworkConfig>,
): pulumi.Output<string> {
    return networkConfig.apply((config) =>
        config.ipFamily === "ipv6" ? config.serviceIpv6Cidr : config.serviceIpv4Cidr,
    );
}

export function clusterMetadataOf(core: Core, clusterName?: pulumi.Input<string>) {
    return {
        name: clusterName || core.cluster.name,
        apiServerEndpoint: core.cluster.endpoint,
        certificateAuthority: core.cluster.certificateAuthority.data,
        serviceCidr: getClusterServiceCidr(core.cluster.kubernetesNetworkConfig),
    };
}

/** The node group's subnets: its own, else the cluster's private, public, or worker subnets. */
export function workerSubnetIdsOf(
    args: NodeGroupBaseOptions,
    core: Core,
    parent: pulumi.Resource,
): pulumi.Output<string[]> {
    if (args.nodeSubnetIds !== undefined) return pulumi.output(args.nodeSubnetIds);
    return core.apply((c) => {
        if (c.privateSubnetIds !== undefined) return Promise.resolve(c.privateSubnetIds);
        if (c.publicSubnetIds !== undefined) return Promise.resolve(c.publicSubnetIds);
        return computeWorkerSubnets(parent, c.subnetIds);
    });
}

/** The resources a node group waits for: the VPC CNI addon and the aws-auth ConfigMap, when the cluster has them. */
export function nodeGroupDepsOf(core: Core): pulumi.Output<pulumi.Resource[]> {
    return core.apply<pulumi.Resource[]>((c) => {
        const result: pulumi.Resource[] = [];
        if (c.vpcCni !== undefined) result.push(c.vpcCni);
        if (c.eksNodeAccess !== undefined) result.push(c.eksNodeAccess);
        return result;
    });
}

const toBoolString = (value: pulumi.Input<boolean | undefined> | undefined, fallback?: boolean) =>
    pulumi.output(value).apply((val) => ((val ?? fallback) ? "true" : "false"));

/**
 * createNodeGroupV2: a self-managed node group's launch template and auto scaling group (and, as
 * needed, its security group and key pair), under `parent`.
 */
export function createNodeGroupV2(
    name: string,
    args: Omit<NodeGroupV2Options, "cluster">,
    core: Core,
    parent: pulumi.ComponentResource,
    provider?: pulumi.ProviderResource,
): NodeGroupV2Data {
    const validationErrors: pulumi.InputPropertyErrorDetails[] = [];
    const instanceProfileName = core.apply((c) => resolveInstanceProfileName(args, c));

    const [exclusive, ingressRequired] = splitIngressError(selfManagedValidationErrors(args));
    validationErrors.push(...exclusive);

    const coreSecurityGroupId = (core.nodeGroupOptions as any).nodeSecurityGroup?.apply(
        (sg: aws.ec2.SecurityGroup | undefined) => sg?.id,
    ) as pulumi.Output<string | undefined> | undefined;
    pulumi
        .all([coreSecurityGroupId, args.nodeSecurityGroup?.id ?? args.nodeSecurityGroupId, core.nodeSecurityGroupTags])
        .apply(([coreSecurityGroup, nodeSecurityGroup, sgTags]) => {
            if (coreSecurityGroup && nodeSecurityGroup && sgTags && coreSecurityGroup !== nodeSecurityGroup) {
                throw new pulumi.InputPropertyError({
                    propertyPath: "nodeSecurityGroup",
                    reason: `The NodeGroup's nodeSecurityGroup and the cluster option nodeSecurityGroupTags are mutually exclusive. Choose a single approach`,
                });
            }
        });

    let nodeSecurityGroupId: pulumi.Output<string>;
    let nodeSecurityGroup: aws.ec2.SecurityGroup | undefined;
    const eksCluster = core.cluster;
    const nodeGroupDeps = nodeGroupDepsOf(core);

    let eksClusterIngressRuleId: pulumi.Output<string>;
    if (args.nodeSecurityGroup || args.nodeSecurityGroupId) {
        validationErrors.push(...ingressRequired);
        nodeSecurityGroup = args.nodeSecurityGroup;
        nodeSecurityGroupId = args.nodeSecurityGroup?.id ?? pulumi.output(args.nodeSecurityGroupId!);
        eksClusterIngressRuleId = args.clusterIngressRule?.id ?? pulumi.output(args.clusterIngressRuleId!);
    } else {
        const [nodeSg, eksClusterIngressRule] = createNodeGroupSecurityGroup(
            name,
            {
                vpcId: core.vpcId,
                clusterSecurityGroupId: pulumi
                    .output(core.clusterSecurityGroup)
                    .apply((sg: any) => sg?.id ?? core.cluster.vpcConfig.clusterSecurityGroupId),
                eksCluster: eksCluster,
                tags: core.apply((c) => ({ ...(c.nodeSecurityGroupTags as any), ...(c.tags as any) }) as aws.Tags),
            },
            parent,
        );
        nodeSecurityGroup = nodeSg;
        nodeSecurityGroupId = nodeSg.id;
        eksClusterIngressRuleId = eksClusterIngressRule.id;
    }

    const extraNodeSecurityGroupIds = pulumi
        .all([args.extraNodeSecurityGroups])
        .apply(([sg]) => (sg === undefined ? [] : sg.map((g) => g.id)));

    let keyName = args.keyName;
    if (args.nodePublicKey) {
        const key = new aws.ec2.KeyPair(`${name}-keyPair`, { publicKey: args.nodePublicKey }, { parent, provider });
        keyName = key.keyName;
    }

    const os = pulumi
        .all([args.amiType, args.operatingSystem])
        .apply(([amiType, operatingSystem]) => getOperatingSystem(amiType, operatingSystem));

    const clusterMetadata = clusterMetadataOf(core);
    const nodeadmExtraOptions = pulumi
        .output(args.nodeadmExtraOptions)
        .apply((options) => (options ? pulumi.all(options) : undefined));
    const nodegroupInputs = {
        nodeUserData: args.nodeUserData,
        nodeUserDataOverride: args.nodeUserDataOverride,
        bottlerocketSettings: args.bottlerocketSettings,
        kubeletExtraArgs: args.kubeletExtraArgs,
        bootstrapExtraArgs: args.bootstrapExtraArgs,
        labels: args.labels,
        taints: args.taints,
    };
    const userdata = pulumi
        .all([clusterMetadata, name, os, nodeadmExtraOptions, nodegroupInputs])
        .apply(([metadata, stackName, os, nodeadmExtraOptions, inputs]) => {
            const userDataArgs: SelfManagedV2NodeUserDataArgs = {
                ...(inputs as any),
                nodeGroupType: "self-managed-v2",
                stackName,
                nodeadmExtraOptions: nodeadmExtraOptions,
                extraUserData: inputs.nodeUserData,
                userDataOverride: inputs.nodeUserDataOverride,
            };
            return createUserData(os, metadata, userDataArgs, parent);
        })
        // Launch templates take their user data base64-encoded.
        .apply((x) => Buffer.from(x, "utf-8").toString("base64"));

    const version = pulumi.output(args.version || core.cluster.version);
    const amiId: pulumi.Input<string> = args.amiId || getRecommendedAMI(args, version, parent);

    // Public addresses by default, as clusters made by earlier versions have them.
    const nodeAssociatePublicIpAddress = args.nodeAssociatePublicIpAddress ?? true;

    pulumi
        .all([args.nodeRootVolumeIops, args.nodeRootVolumeType, args.nodeRootVolumeThroughput])
        .apply(([iops, type, throughput]) => {
            const errors = rootVolumeErrors(iops, type, throughput);
            if (errors.length > 0) {
                throw new pulumi.InputPropertiesError({ message: "Invalid arguments for node group", errors });
            }
        });

    const marketOptions = args.spotPrice
        ? { marketType: "spot", spotOptions: { maxPrice: args.spotPrice } }
        : undefined;

    const amiInfo = pulumi.output(amiId).apply((id) =>
        aws.ec2.getAmi(
            {
                owners: ["self", "amazon"],
                // A pinned image AWS has since deprecated still launches, and is still found.
                includeDeprecated: true,
                filters: [{ name: "image-id", values: [id] }],
            },
            { parent },
        ),
    );

    const deviceName = pulumi.all([os, amiInfo]).apply(([os, amiInfo]) => {
        if (os !== OperatingSystem.Bottlerocket) return amiInfo.blockDeviceMappings[0].deviceName;
        // Bottlerocket's OS is on its root device; the data volume is the other one.
        const data = amiInfo.blockDeviceMappings.find((bdm) => bdm.deviceName !== amiInfo.rootDeviceName)?.deviceName;
        return data ?? amiInfo.rootDeviceName;
    });

    const blockDeviceMappings = os.apply((os) => {
        if (os === OperatingSystem.AL2) {
            // AL2 keeps the earlier versions' volume: 20 GiB gp2, deleted with the node.
            return [
                {
                    deviceName,
                    ebs: {
                        encrypted: toBoolString(args.nodeRootVolumeEncrypted),
                        volumeSize: args.nodeRootVolumeSize ?? 20,
                        volumeType: args.nodeRootVolumeType ?? "gp2",
                        iops: args.nodeRootVolumeIops,
                        throughput: args.nodeRootVolumeThroughput,
                        deleteOnTermination: toBoolString(args.nodeRootVolumeDeleteOnTermination, true),
                    },
                },
            ];
        }
        // Other OSes keep the image's own volume settings unless told.
        const ebs = {
            encrypted:
                args.nodeRootVolumeEncrypted === undefined ? undefined : toBoolString(args.nodeRootVolumeEncrypted),
            volumeSize: args.nodeRootVolumeSize,
            volumeType: args.nodeRootVolumeType,
            iops: args.nodeRootVolumeIops,
            throughput: args.nodeRootVolumeThroughput,
            deleteOnTermination:
                args.nodeRootVolumeDeleteOnTermination === undefined
                    ? undefined
                    : toBoolString(args.nodeRootVolumeDeleteOnTermination),
        };
        // An empty ebs block would fail AWS's validation.
        return Object.values(ebs).every((v) => v === undefined) ? [] : [{ deviceName, ebs }];
    });

    if (validationErrors.length > 0) {
        throw new pulumi.InputPropertiesError({
            message: "Invalid arguments for node group",
            errors: validationErrors,
        });
    }

    const nodeLaunchTemplate = new aws.ec2.LaunchTemplate(
        `${name}-launchTemplate`,
        {
            imageId: amiId,
            instanceType: args.instanceType || DEFAULT_INSTANCE_TYPE,
            iamInstanceProfile: { name: instanceProfileName },
            keyName,
            instanceMarketOptions: marketOptions,
            blockDeviceMappings: blockDeviceMappings,
            networkInterfaces: [
                {
                    // As the provider writes it: an Output given here would read as the Output's own text.
                    // eslint-disable-next-line @typescript-eslint/no-base-to-string
                    associatePublicIpAddress: String(nodeAssociatePublicIpAddress),
                    // Through the ingress rule's id, so the nodes wait for the rule that lets them reach the API server.
                    securityGroups: pulumi
                        .all([nodeSecurityGroupId, extraNodeSecurityGroupIds, eksClusterIngressRuleId])
                        .apply(([sg, extraSG]) => [sg, ...extraSG]),
                },
            ],
            metadataOptions: args.metadataOptions,
            userData: userdata,
            tagSpecifications: args.launchTemplateTagSpecifications,
            monitoring:
                args.enableDetailedMonitoring === undefined || args.enableDetailedMonitoring === null
                    ? undefined
                    : { enabled: args.enableDetailedMonitoring },
        },
        { parent, provider },
    );

    const workerSubnetIds = workerSubnetIdsOf(args, core, parent);
    const asgTags = pulumi
        .all([eksCluster.name, args.autoScalingGroupTags])
        .apply(([clusterName, tags]) => inputTagsToASGTags(clusterName, tags));
    const launchTemplateVersion = nodeLaunchTemplate.latestVersion.apply((v) => v.toString());

    const asGroup = new aws.autoscaling.Group(
        name,
        {
            minSize: args?.minSize ?? 1,
            maxSize: args?.maxSize ?? 2,
            desiredCapacity: args?.desiredCapacity ?? 2,
            launchTemplate: { name: nodeLaunchTemplate.name, version: launchTemplateVersion },
            vpcZoneIdentifiers: workerSubnetIds,
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: args.minRefreshPercentage ?? 50 },
            },
            tags: asgTags,
            defaultInstanceWarmup: args.defaultInstanceWarmup,
        },
        {
            parent,
            dependsOn: nodeGroupDeps,
            provider,
            ignoreChanges: args.ignoreScalingChanges ? ["desiredCapacity"] : undefined,
        },
    );

    return {
        nodeSecurityGroup,
        nodeSecurityGroupId,
        autoScalingGroup: asGroup,
        extraNodeSecurityGroups: args.extraNodeSecurityGroups,
    };
}

/**
 * The provider checks that a given security group comes with its ingress rule only on the branch
 * that uses it, after the other checks: split out so the errors keep its order.
 */
export function splitIngressError(
    errors: pulumi.InputPropertyErrorDetails[],
): [pulumi.InputPropertyErrorDetails[], pulumi.InputPropertyErrorDetails[]] {
    const isIngress = (e: pulumi.InputPropertyErrorDetails) =>
        e.reason.startsWith("clusterIngressRule or clusterIngressRuleId is required");
    return [errors.filter((e) => !isIngress(e)), errors.filter(isIngress)];
}

/**
 * computeWorkerSubnets: the given subnets that are private (no route to an internet gateway for a
 * public range), or all of them when none is. Each subnet's route table is its own, else its VPC's
 * main one.
 */
export async function computeWorkerSubnets(parent: pulumi.Resource, subnetIds: string[]): Promise<string[]> {
    const publicSubnets: string[] = [];
    const privateSubnets: string[] = [];
    for (const subnetId of subnetIds) {
        const routeTable = await getRouteTableAsync(parent, subnetId);
        // A table the mocks cannot read (a subnet of the account's, not the program's) has no
        // routes here; under the engine it has them, so the pick would be a guess.
        if (!Array.isArray(routeTable.routes))
            throw new Error(
                `the offline check cannot tell whether subnet ${subnetId} is private: its route table is the account's, which only AWS can read. Name the cluster's privateSubnetIds and publicSubnetIds (or nodeSubnetIds) so the eks provider need not look it up.`,
            );
        const hasInternetGatewayRoute =
            routeTable.routes.find((r) => !!r.gatewayId && !isPrivateCIDRBlock(r.cidrBlock)) !== undefined;
        if (hasInternetGatewayRoute) publicSubnets.push(subnetId);
        else privateSubnets.push(subnetId);
    }
    return privateSubnets.length === 0 ? publicSubnets : privateSubnets;
}

async function getRouteTableAsync(parent: pulumi.Resource, subnetId: string) {
    const invokeOpts = { parent, async: true };
    try {
        // Fails when the subnet has no route table of its own.
        return await aws.ec2.getRouteTable({ subnetId }, invokeOpts);
    } catch {
        const subnet = await aws.ec2.getSubnet({ id: subnetId }, invokeOpts);
        const mainRouteTableInfo = await aws.ec2.getRouteTables(
            { vpcId: subnet.vpcId, filters: [{ name: "association.main", values: ["true"] }] },
            invokeOpts,
        );
        return await aws.ec2.getRouteTable({ routeTableId: mainRouteTableInfo.ids[0] }, invokeOpts);
    }
}

/** An IPv4 address as a number, or undefined for anything else (netmask's parse, which the provider uses). */
function ipv4(address: string): number | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The first and last address of a CIDR block (a bare address is a /32), as netmask reads it. */
function cidrRange(cidr: string): [number, number] {
    const [address, bits = "32"] = cidr.split("/");
    const base = ipv4(address);
    const size = Number(bits);
    if (base === undefined || !/^\d+$/.test(bits) || size > 32) throw new Error(`Invalid net address: ${cidr}`);
    const span = 2 ** (32 - size);
    const first = Math.floor(base / span) * span;
    return [first, first + span - 1];
}

/** Whether a CIDR block lies in one of the private ranges (RFC 1918), as the provider's netmask test says. */
export function isPrivateCIDRBlock(cidrBlock: string): boolean {
    const [first, last] = cidrRange(cidrBlock);
    return ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((range) => {
        const [lo, hi] = cidrRange(range);
        return first >= lo && last <= hi;
    });
}

/**
 * getRecommendedAMI: the EKS-optimized image for the node group, read from its public parameter.
 * The AMI type is the one named, else the one of the OS, GPU flag and the instance types'
 * architecture.
 */
export function getRecommendedAMI(
    args: NodeGroupBaseOptions | Omit<ManagedNodeGroupOptions, "cluster">,
    k8sVersion: pulumi.Output<string>,
    parent: pulumi.Resource | undefined,
): pulumi.Output<string> {
    let instanceTypes: pulumi.Input<pulumi.Input<string>[] | undefined> | undefined;
    let instanceTypesPropertyPath = "";
    if ("instanceType" in args && args.instanceType) {
        instanceTypes = [args.instanceType];
        instanceTypesPropertyPath = "instanceType";
    } else if ("instanceTypes" in args) {
        instanceTypes = args.instanceTypes;
        instanceTypesPropertyPath = "instanceTypes";
    }
    const os = pulumi
        .all([args.amiType, args.operatingSystem])
        .apply(([amiType, operatingSystem]) => getOperatingSystem(amiType, operatingSystem as OperatingSystem));
    const amiType = args.amiType
        ? pulumi.output(args.amiType).apply((amiType) => {
              const resolvedType = toAmiType(amiType as string);
              if (resolvedType === undefined) {
                  throw new pulumi.InputPropertyError({
                      propertyPath: "amiType",
                      reason: `Cannot resolve recommended AMI for AMI type: ${amiType}. Please provide the AMI ID and userdata.`,
                  });
              }
              return resolvedType;
          })
        : determineAmiType(os, args.gpu, instanceTypes, instanceTypesPropertyPath, parent);
    const version = args.version ? args.version : k8sVersion;
    return pulumi.all([amiType, version]).apply(([amiType, version]) => {
        const parameterName = getAmiMetadata(amiType).ssmParameterName(version as string);
        return pulumi.output(aws.ssm.getParameter({ name: parameterName }, { parent, async: true })).value;
    });
}

function determineAmiType(
    os: pulumi.Input<OperatingSystem>,
    gpu: pulumi.Input<boolean> | undefined,
    instanceTypes: pulumi.Input<pulumi.Input<string>[] | undefined> | undefined,
    instanceTypesPropertyPath: string,
    parent: pulumi.Resource | undefined,
): pulumi.Output<AmiType> {
    const architecture: pulumi.Output<CpuArchitecture> = pulumi
        .output(instanceTypes)
        .apply((types) => pulumi.all(types ?? []).apply((t) => getArchitecture(t, instanceTypesPropertyPath)));
    return pulumi
        .all([os, gpu, architecture])
        .apply(([os, gpu, architecture]) => getAmiType(os, gpu ?? false, architecture, parent));
}

/** The ManagedNodeGroup SDK class's arguments: aws.eks.NodeGroup's, the cluster's defaults optional, and the provider's own. */
export type ManagedNodeGroupOptions = Omit<
    aws.eks.NodeGroupArgs,
    "clusterName" | "nodeRoleArn" | "subnetIds" | "scalingConfig"
> & {
    cluster: ClusterInput;
    clusterName?: pulumi.Input<string>;
    kubeletExtraArgs?: string;
    bootstrapExtraArgs?: string;
    enableIMDSv2?: boolean;
    nodeGroupName?: pulumi.Input<string>;
    nodeRoleArn?: pulumi.Input<string>;
    nodeRole?: pulumi.Input<aws.iam.Role>;
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    scalingConfig?: pulumi.Input<awsInputs.eks.NodeGroupScalingConfig>;
    ignoreScalingChanges?: boolean;
    operatingSystem?: pulumi.Input<OperatingSystem>;
    bottlerocketSettings?: pulumi.Input<object>;
    userData?: pulumi.Input<string>;
    gpu?: pulumi.Input<boolean>;
    amiId?: pulumi.Input<string>;
    nodeadmExtraOptions?: pulumi.Input<pulumi.Input<NodeadmOptions>[]>;
    placementGroupAvailabilityZone?: pulumi.Input<string>;
    enableEfaSupport?: boolean;
};

export interface ManagedNodeGroupOutput {
    nodeGroup: aws.eks.NodeGroup;
    placementGroupName: pulumi.Output<string> | string;
}

/** ManagedNodeGroup (`eks:index:ManagedNodeGroup`): createManagedNodeGroup inside the component. */
export class ManagedNodeGroup extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = "eks:index:ManagedNodeGroup";

    static isInstance(obj: unknown): obj is ManagedNodeGroup {
        return hasPulumiType(obj, ManagedNodeGroup.__pulumiType);
    }

    declare readonly nodeGroup: pulumi.Output<aws.eks.NodeGroup>;
    declare readonly placementGroupName: pulumi.Output<string>;

    constructor(name: string, args: ManagedNodeGroupOptions, opts?: pulumi.ComponentResourceOptions) {
        requireCluster(args);
        const remote = staysRemote(ManagedNodeGroup.__pulumiType, name, args, unsupportedManagedOptions);
        super(
            ManagedNodeGroup.__pulumiType,
            name,
            remote ? remoteInputs(args, MANAGED_NODE_GROUP_SDK_ARGS, ["nodeGroup", "placementGroupName"]) : {},
            remote ? remoteOptions(opts) : opts,
            remote,
        );
        if (remote) return;
        const sent = sdkArgs(
            args as unknown as Record<string, unknown>,
            MANAGED_NODE_GROUP_SDK_ARGS,
        ) as unknown as ManagedNodeGroupOptions;
        const built = escapeFailure(
            Promise.resolve().then(() => {
                const { cluster, ...rest } = sent;
                return createManagedNodeGroup(name, rest, coreOf(cluster), this);
            }),
        );
        this.nodeGroup = pulumi.output(built.then((b) => b.nodeGroup));
        this.placementGroupName = pulumi.output(built.then((b) => b.placementGroupName));
        this.registerOutputs({ nodeGroup: this.nodeGroup, placementGroupName: this.placementGroupName });
    }
}

/** The arguments that make a managed node group need a launch template of its own. */
const customLaunchTemplateArgs = [
    ...customUserDataArgs,
    "enableIMDSv2",
    "userData",
    "amiId",
    "enableEfaSupport",
] as const;

function requiresCustomLaunchTemplate(args: Omit<ManagedNodeGroupOptions, "cluster">): boolean {
    return customLaunchTemplateArgs.some((key) => (args as Record<string, unknown>)[key] !== undefined);
}

/** createManagedNodeGroup: the `aws.eks.NodeGroup` (and, when needed, its launch template) under `parent`. */
export function createManagedNodeGroup(
    name: string,
    args: Omit<ManagedNodeGroupOptions, "cluster">,
    core: Core,
    parent: pulumi.Resource,
    provider?: pulumi.ProviderResource,
): ManagedNodeGroupOutput {
    // Only without a launch template of the program's, which decides the image and so the version.
    if (!args.version && !args.launchTemplate) {
        args.version = pulumi.output(args.version ?? core.cluster.version);
    }

    const validationErrors: pulumi.InputPropertyErrorDetails[] = [];
    if (args.nodeRole && args.nodeRoleArn) {
        validationErrors.push({
            propertyPath: "nodeRole",
            reason: "You cannot specify both nodeRole and nodeRoleArn when creating a managed node group.",
        });
    }
    for (const key of ["gpu", "amiType"] as const) {
        if (args.amiId && args[key]) {
            validationErrors.push({
                propertyPath: "amiId",
                reason: `You cannot specify both amiId and ${key} when creating a managed node group.`,
            });
        }
    }

    let roleArn: pulumi.Input<string>;
    if (args.nodeRoleArn) {
        roleArn = args.nodeRoleArn;
    } else if (args.nodeRole) {
        roleArn = pulumi.output(args.nodeRole).apply((r) => r.arn);
    } else {
        validationErrors.push({
            propertyPath: "nodeRole",
            reason: "An IAM role, or role ARN must be provided to create a managed node group",
        });
        throw new pulumi.InputPropertiesError({
            message: "The input properties for the managed node group are invalid.",
            errors: validationErrors,
        });
    }

    // Under the aws-auth ConfigMap the node role must be one of the cluster's instance roles;
    // access entries can be made elsewhere.
    const nodegroupRole = pulumi.all([core.instanceRoles, roleArn]).apply(([roles, rArn]) => {
        const roleArns = roles ? roles.map((role: any) => role.arn as pulumi.Output<string>) : [];
        return pulumi.all([roleArns, rArn]).apply(([arns, arn]) => arns.find((a) => a === arn));
    });
    pulumi.all([core.cluster.accessConfig.authenticationMode, nodegroupRole]).apply(([authMode, role]) => {
        if (!supportsAccessEntries(authMode) && !role) {
            throw new pulumi.InputPropertyError({
                propertyPath: "nodeRole",
                reason: "A managed node group cannot be created without first setting its role in the cluster's instanceRoles",
            });
        }
    });

    // A managed node group takes all the cluster's subnets by default (a self-managed one the private ones).
    const subnetIds: pulumi.Output<string[]> =
        args.subnetIds !== undefined
            ? pulumi.output(args.subnetIds)
            : core.apply((c) => c.subnetIds ?? c.privateSubnetIds ?? c.publicSubnetIds ?? []);

    // Placement groups come with EFA support, which stays remote (options.ts).
    const nodeGroupArgs: Record<string, unknown> = Object.assign({}, args);
    delete nodeGroupArgs.cluster;

    if (args.launchTemplate && requiresCustomLaunchTemplate(args)) {
        validationErrors.push({
            propertyPath: "launchTemplate",
            reason: `If you provide a custom launch template, you cannot provide any of ${customLaunchTemplateArgs.join(
                ", ",
            )}. Please include these in the launch template that you are providing.`,
        });
    }
    const userDataArgs = {
        kubeletExtraArgs: args.kubeletExtraArgs,
        bootstrapExtraArgs: args.bootstrapExtraArgs,
        bottlerocketSettings: args.bottlerocketSettings,
        nodeadmExtraOptions: args.nodeadmExtraOptions,
    };
    if (requiresCustomUserData(userDataArgs) && args.userData) {
        validationErrors.push({
            propertyPath: "userData",
            reason: `If you provide custom userData, you cannot provide any of ${customUserDataArgs.join(
                ", ",
            )}. Please include these in the userData that you are providing.`,
        });
    }
    if (validationErrors.length > 0) {
        throw new pulumi.InputPropertiesError({
            message: "The input properties for the managed node group are invalid.",
            errors: validationErrors,
        });
    }

    let launchTemplate: aws.ec2.LaunchTemplate | undefined;
    if (requiresCustomLaunchTemplate(args)) {
        launchTemplate = createMNGCustomLaunchTemplate(name, args, core, parent, provider);
        // The disk size is the launch template's.
        delete nodeGroupArgs.diskSize;
    }

    let amiType = args.amiType;
    // With the provider's user data the image is the launch template's, which rules out the
    // AMI type, release and version (EKS refuses them then).
    if (requiresCustomUserData(userDataArgs) || args.userData || args.amiId) {
        delete nodeGroupArgs.version;
        delete nodeGroupArgs.releaseVersion;
        delete nodeGroupArgs.amiType;
        amiType = undefined;
    } else if (amiType === undefined && args.operatingSystem !== undefined) {
        amiType = determineAmiType(args.operatingSystem, args.gpu, args.instanceTypes, "instanceTypes", parent);
    }

    const ngDeps = core.apply((c) => (c.eksNodeAccess !== undefined ? [c.eksNodeAccess] : []));
    const nodeGroup = new aws.eks.NodeGroup(
        name,
        {
            ...(nodeGroupArgs as Omit<
                aws.eks.NodeGroupArgs,
                "clusterName" | "nodeRoleArn" | "subnetIds" | "scalingConfig"
            >),
            amiType,
            clusterName: args.clusterName || core.cluster.name,
            nodeRoleArn: roleArn,
            scalingConfig: pulumi.all([args.scalingConfig]).apply(([config]) => ({
                desiredSize: config?.desiredSize ?? 2,
                minSize: config?.minSize ?? 1,
                maxSize: config?.maxSize ?? 2,
            })),
            subnetIds,
            launchTemplate: launchTemplate
                ? { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((version) => `${version}`) }
                : args.launchTemplate,
        },
        {
            parent,
            dependsOn: ngDeps,
            provider,
            ignoreChanges: args.ignoreScalingChanges ? ["scalingConfig.desiredSize"] : undefined,
        },
    );
    return { nodeGroup, placementGroupName: "" };
}

/** A managed node group's taint effect ("NO_SCHEDULE") as Kubernetes writes it ("NoSchedule"). */
export function mapMngTaintEffect(effect: string): TaintEffect {
    switch (effect) {
        case "NO_SCHEDULE":
            return "NoSchedule";
        case "NO_EXECUTE":
            return "NoExecute";
        case "PREFER_NO_SCHEDULE":
            return "PreferNoSchedule";
        default:
            throw new pulumi.InputPropertyError({
                propertyPath: "taints",
                reason: `Invalid taint effect: ${effect}. Must be one of NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE.`,
            });
    }
}

/** The root device a managed node group's disk size applies to, by OS. */
export function mngDeviceName(os: OperatingSystem): string {
    // Bottlerocket's is its data volume.
    return os === OperatingSystem.Bottlerocket ? "/dev/xvdb" : "/dev/xvda";
}

/** createMNGCustomLaunchTemplate: the managed node group's own launch template (no placement group: EFA stays remote). */
function createMNGCustomLaunchTemplate(
    name: string,
    args: Omit<ManagedNodeGroupOptions, "cluster">,
    core: Core,
    parent: pulumi.Resource,
    provider?: pulumi.ProviderResource,
): aws.ec2.LaunchTemplate {
    const os = pulumi
        .all([args.amiType, args.operatingSystem])
        .apply(([amiType, operatingSystem]) => getOperatingSystem(amiType, operatingSystem as OperatingSystem));

    const taints = args.taints
        ? pulumi.output(args.taints).apply((taints) =>
              (taints ?? [])
                  .map((taint) => ({
                      [taint.key]: { value: taint.value, effect: mapMngTaintEffect(taint.effect) },
                  }))
                  .reduce((acc, val) => Object.assign(acc, val), {}),
          )
        : undefined;

    const clusterMetadata = clusterMetadataOf(core, args.clusterName);
    const nodeadmExtraOptions = pulumi
        .output(args.nodeadmExtraOptions)
        .apply((options) => (options ? pulumi.all(options) : undefined));

    let userData: pulumi.Output<string> | undefined;
    // With an image of the program's, EKS writes no user data: the provider does.
    if (
        requiresCustomUserData({
            kubeletExtraArgs: args.kubeletExtraArgs,
            bootstrapExtraArgs: args.bootstrapExtraArgs,
            bottlerocketSettings: args.bottlerocketSettings,
            nodeadmExtraOptions: args.nodeadmExtraOptions,
        }) ||
        args.userData ||
        args.amiId
    ) {
        userData = pulumi
            .all([
                clusterMetadata,
                os,
                args.labels,
                taints,
                args.bottlerocketSettings,
                args.userData,
                nodeadmExtraOptions,
            ])
            .apply(([metadata, os, labels, taints, bottlerocketSettings, userDataOverride, nodeadmExtraOptions]) => {
                const userDataArgs: ManagedNodeUserDataArgs = {
                    nodeGroupType: "managed",
                    kubeletExtraArgs: args.kubeletExtraArgs,
                    bootstrapExtraArgs: args.bootstrapExtraArgs,
                    labels: labels,
                    taints,
                    bottlerocketSettings,
                    userDataOverride,
                    nodeadmExtraOptions: nodeadmExtraOptions,
                };
                const script = createUserData(os, metadata, userDataArgs, parent);
                return Buffer.from(script, "utf-8").toString("base64");
            });
    }

    // AL2 images default to IMDSv1 allowed, AL2023 and Bottlerocket to IMDSv2 only: set only when asked.
    const metadataOptions =
        args.enableIMDSv2 !== undefined
            ? {
                  httpTokens: args.enableIMDSv2 ? "required" : "optional",
                  httpPutResponseHopLimit: 2,
                  httpEndpoint: "enabled",
              }
            : undefined;

    const deviceName = os.apply(mngDeviceName);
    const blockDeviceMappings = args.diskSize ? [{ deviceName, ebs: { volumeSize: args.diskSize } }] : undefined;

    return new aws.ec2.LaunchTemplate(
        `${name}-launchTemplate`,
        {
            blockDeviceMappings,
            userData,
            metadataOptions,
            // With user data, an image too: else EKS merges its own bootstrap in, and the nodes fail to join.
            imageId: userData ? (args.amiId ?? getRecommendedAMI(args, core.cluster.version, parent)) : undefined,
            placement: undefined,
            networkInterfaces: undefined,
        },
        { parent, provider },
    );
}
