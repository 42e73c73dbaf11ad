/**
 * NodeGroup (`eks:index:NodeGroup`, v1), built in this process as the eks provider builds it
 * (follows pulumi-eks v4.3.0 nodejs/eks/nodes/nodegroup.ts: the NodeGroup class and
 * createNodeGroup): a launch configuration (`<name>-nodeLaunchConfiguration`) and an auto scaling
 * group declared in a CloudFormation stack (`<name>-nodes`), whose name is the provider's own
 * RandomSuffix resource's (`<name>-cfnStackName`, randomSuffix.ts); unless given one, the node
 * security group and its rules (securitygroup.ts); with `nodePublicKey`, a key pair. The nodes'
 * user data signals the stack once they are up. What it shares with NodeGroupV2 (instance
 * profile, image, subnets, checks) is nodegroup.ts's.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { escapeFailure, hasPulumiType, sdkArgs } from "../../../component-args";
import { getOperatingSystem, OperatingSystem } from "./ami";
import { DEFAULT_INSTANCE_TYPE } from "./instances";
import {
    clusterMetadataOf,
    type ClusterInput,
    type Core,
    coreOf,
    getRecommendedAMI,
    type InputTags,
    type NodeGroupBaseOptions,
    resolveInstanceProfileName,
    rootVolumeErrors,
    selfManagedValidationErrors,
    splitIngressError,
    staysRemote,
    workerSubnetIdsOf,
} from "./nodegroup";
import {
    NODE_GROUP_SDK_ARGS,
    remoteInputs,
    remoteOptions,
    requireCluster,
    unsupportedSelfManagedOptions,
} from "./options";
import { randomSuffix } from "./randomSuffix";
import { createNodeGroupSecurityGroup } from "./securitygroup";
import { createUserData, type SelfManagedV1NodeUserDataArgs } from "./userdata";

export interface NodeGroupData {
    nodeSecurityGroup: aws.ec2.SecurityGroup | undefined;
    nodeSecurityGroupId: pulumi.Output<string>;
    cfnStack: aws.cloudformation.Stack;
    autoScalingGroupName: pulumi.Output<string>;
    extraNodeSecurityGroups?: aws.ec2.SecurityGroup[];
}

export class NodeGroup extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = "eks:index:NodeGroup";

    static isInstance(obj: unknown): obj is NodeGroup {
        return hasPulumiType(obj, NodeGroup.__pulumiType);
    }

    declare readonly autoScalingGroupName: pulumi.Output<string>;
    declare readonly cfnStack: pulumi.Output<aws.cloudformation.Stack>;
    declare readonly extraNodeSecurityGroups: pulumi.Output<aws.ec2.SecurityGroup[]>;
    declare readonly nodeSecurityGroup: pulumi.Output<aws.ec2.SecurityGroup | undefined>;
    declare readonly nodeSecurityGroupId: pulumi.Output<string>;

    constructor(
        name: string,
        args: NodeGroupBaseOptions & { cluster: ClusterInput },
        opts?: pulumi.ComponentResourceOptions,
    ) {
        requireCluster(args);
        const remote = staysRemote(NodeGroup.__pulumiType, name, args, unsupportedSelfManagedOptions);
        super(
            NodeGroup.__pulumiType,
            name,
            remote
                ? remoteInputs(args as unknown as Record<string, unknown>, NODE_GROUP_SDK_ARGS, [
                      "autoScalingGroupName",
                      "cfnStack",
                  ])
                : {},
            remote ? remoteOptions(opts) : opts,
            remote,
        );
        if (remote) return;
        const { cluster, ...rest } = sdkArgs(
            args as unknown as Record<string, unknown>,
            NODE_GROUP_SDK_ARGS,
        ) as unknown as NodeGroupBaseOptions & { cluster: ClusterInput };
        // No provider: the Construct's options carry none (see nodegroup.ts).
        const built = escapeFailure(Promise.resolve().then(() => createNodeGroup(name, rest, coreOf(cluster), this)));
        const pick = (read: (d: NodeGroupData) => unknown): any => pulumi.output(built.then(read));
        this.autoScalingGroupName = pick((g) => g.autoScalingGroupName);
        this.cfnStack = pick((g) => g.cfnStack);
        this.extraNodeSecurityGroups = pick((g) => g.extraNodeSecurityGroups ?? []);
        this.nodeSecurityGroup = pick((g) => g.nodeSecurityGroup);
        this.nodeSecurityGroupId = pick((g) => g.nodeSecurityGroupId);
        this.registerOutputs({
            autoScalingGroupName: this.autoScalingGroupName,
            cfnStack: this.cfnStack,
            extraNodeSecurityGroups: this.extraNodeSecurityGroups,
            nodeSecurityGroup: this.nodeSecurityGroup,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
        });
    }
}

/** The auto scaling group's tags as the stack template's YAML list (each propagated at launch). */
export function tagsToAsgTags(tags: Record<string, string>): string {
    let output = "";
    for (const tag of Object.keys(tags)) {
        output += `
                          - Key: ${tag}
                            Value: ${tags[tag]}
                            PropagateAtLaunch: 'true'`;
    }
    return output;
}

/** The CloudFormation template declaring the auto scaling group, as the provider writes it. */
export function cfnTemplateBody(
    launchConfig: string,
    desiredCapacity: number,
    minSize: number,
    maxSize: number,
    asgTags: string,
    vpcSubnetIds: string,
    minInstancesInService: number,
): string {
    return `
                AWSTemplateFormatVersion: '2010-09-09'
                Outputs:
                    NodeGroup:
                        Value: !Ref NodeGroup
                Resources:
                    NodeGroup:
                        Type: AWS::AutoScaling::AutoScalingGroup
                        Properties:
                          DesiredCapacity: ${desiredCapacity}
                          LaunchConfigurationName: ${launchConfig}
                          MinSize: ${minSize}
                          MaxSize: ${maxSize}
                          VPCZoneIdentifier: ${vpcSubnetIds}
                          Tags:
                          ${asgTags}
                        UpdatePolicy:
                          AutoScalingRollingUpdate:
                            MinInstancesInService: '${minInstancesInService}'
                            MaxBatchSize: '1'
                `;
}

/** createNodeGroup: the v1 node group's resources under `parent`. */
export function createNodeGroup(
    name: string,
    args: Omit<NodeGroupBaseOptions, "cluster">,
    core: Core,
    parent: pulumi.ComponentResource,
    provider?: pulumi.ProviderResource,
): NodeGroupData {
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
                    // Unlike NodeGroupV2's, v1's names the option given.
                    propertyPath: args.nodeSecurityGroup ? "nodeSecurityGroup" : "nodeSecurityGroupId",
                    reason: `The NodeGroup's nodeSecurityGroup and the cluster option nodeSecurityGroupTags are mutually exclusive. Choose a single approach`,
                });
            }
        });

    let nodeSecurityGroupId: pulumi.Output<string>;
    let nodeSecurityGroup: aws.ec2.SecurityGroup | undefined;
    const eksCluster = core.cluster;
    // The stack waits for the VPC CNI addon and the aws-auth ConfigMap, when the cluster has them.
    const cfnStackDeps = core.apply<pulumi.Resource[]>((c) => {
        const result: pulumi.Resource[] = [];
        if (c.vpcCni !== undefined) result.push(c.vpcCni);
        if (c.eksNodeAccess !== undefined) result.push(c.eksNodeAccess);
        return result;
    });

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
                tags: pulumi
                    .all([core.tags, core.nodeSecurityGroupTags])
                    .apply(([tags, nodeSecurityGroupTags]) => ({ ...nodeSecurityGroupTags, ...tags })),
            },
            parent,
        );
        nodeSecurityGroup = nodeSg;
        nodeSecurityGroupId = nodeSecurityGroup.id;
        eksClusterIngressRuleId = eksClusterIngressRule.id;
    }

    const extraNodeSecurityGroupIds = pulumi
        .all([pulumi.output(args.extraNodeSecurityGroups)])
        .apply(([sg]) => (sg === undefined ? [] : sg.map((g) => g.id)));

    let keyName = args.keyName;
    if (args.nodePublicKey) {
        const key = new aws.ec2.KeyPair(`${name}-keyPair`, { publicKey: args.nodePublicKey }, { parent, provider });
        keyName = key.keyName;
    }

    const cfnStackName = randomSuffix(`${name}-cfnStackName`, name, { parent });
    const awsRegion = pulumi.output(aws.getRegion({}, { parent, async: true }));

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
    // Not base64: a launch configuration takes its user data as it is.
    const userdata = pulumi
        .all([awsRegion, clusterMetadata, cfnStackName, os, nodeadmExtraOptions, nodegroupInputs])
        .apply(([region, metadata, stackName, os, nodeadmExtraOptions, inputs]) => {
            const userDataArgs: SelfManagedV1NodeUserDataArgs = {
                ...(inputs as any),
                nodeGroupType: "self-managed-v1",
                awsRegion: region.name,
                stackName,
                nodeadmExtraOptions: nodeadmExtraOptions,
                extraUserData: inputs.nodeUserData,
                userDataOverride: inputs.nodeUserDataOverride,
            };
            return createUserData(os, metadata, userDataArgs, parent);
        });

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

    const devices = pulumi.all([os, amiInfo]).apply(([os, amiInfo]) => {
        if (os === OperatingSystem.AL2) {
            // AL2 keeps the earlier versions' volume: 20 GiB gp2, unencrypted, deleted with the node.
            return {
                rootBlockDevice: {
                    encrypted: args.nodeRootVolumeEncrypted ?? false,
                    volumeSize: args.nodeRootVolumeSize ?? 20,
                    volumeType: args.nodeRootVolumeType ?? "gp2",
                    iops: args.nodeRootVolumeIops,
                    throughput: args.nodeRootVolumeThroughput,
                    deleteOnTermination: args.nodeRootVolumeDeleteOnTermination ?? true,
                },
                ebsBlockDevices: [],
            };
        } else if (os !== OperatingSystem.Bottlerocket) {
            // Other OSes keep the image's own volume settings unless told.
            return {
                rootBlockDevice: {
                    encrypted: args.nodeRootVolumeEncrypted,
                    volumeSize: args.nodeRootVolumeSize,
                    volumeType: args.nodeRootVolumeType,
                    iops: args.nodeRootVolumeIops,
                    throughput: args.nodeRootVolumeThroughput,
                    deleteOnTermination: args.nodeRootVolumeDeleteOnTermination,
                },
                ebsBlockDevices: [],
            };
        }
        // Bottlerocket's OS is on its root device; the settings are the data volume's.
        const deviceName = amiInfo.blockDeviceMappings.find(
            (bdm) => bdm.deviceName !== amiInfo.rootDeviceName,
        )?.deviceName;
        return {
            rootBlockDevice: {},
            ebsBlockDevices: [
                {
                    deviceName,
                    encrypted: args.nodeRootVolumeEncrypted,
                    volumeSize: args.nodeRootVolumeSize,
                    volumeType: args.nodeRootVolumeType,
                    iops: args.nodeRootVolumeIops,
                    throughput: args.nodeRootVolumeThroughput,
                    deleteOnTermination: args.nodeRootVolumeDeleteOnTermination,
                },
            ]
                .filter((bd) => Object.values(bd).some((v) => v !== undefined))
                .map((bd) => ({ ...bd, deviceName: bd.deviceName ?? amiInfo.rootDeviceName })),
        };
    });

    if (validationErrors.length > 0) {
        throw new pulumi.InputPropertiesError({
            message: "Invalid arguments for node group",
            errors: validationErrors,
        });
    }

    const nodeLaunchConfiguration = new aws.ec2.LaunchConfiguration(
        `${name}-nodeLaunchConfiguration`,
        {
            associatePublicIpAddress: nodeAssociatePublicIpAddress,
            imageId: amiId,
            instanceType: args.instanceType || DEFAULT_INSTANCE_TYPE,
            iamInstanceProfile: instanceProfileName,
            keyName,
            // Through the ingress rule's id, so the nodes wait for the rule that lets them reach the API server.
            securityGroups: pulumi
                .all([nodeSecurityGroupId, extraNodeSecurityGroupIds, eksClusterIngressRuleId])
                .apply(([sg, extraSG]) => [sg, ...extraSG]),
            spotPrice: args.spotPrice,
            rootBlockDevice: devices.rootBlockDevice,
            ebsBlockDevices: devices.ebsBlockDevices,
            userData: args.nodeUserDataOverride || userdata,
            enableMonitoring: args.enableDetailedMonitoring,
        },
        { parent, provider },
    );

    const workerSubnetIds = workerSubnetIdsOf(args, core, parent);

    // The provider writes its defaults into the arguments.
    if (args.desiredCapacity === undefined) args.desiredCapacity = 2;
    if (args.minSize === undefined) args.minSize = 1;
    if (args.maxSize === undefined) args.maxSize = 2;
    // Spot instances may all go at once.
    const minInstancesInService = args.spotPrice ? 0 : 1;
    const autoScalingGroupTags: InputTags = pulumi
        .all([eksCluster.name, args.autoScalingGroupTags])
        .apply(([clusterName, asgTags]) => ({
            Name: `${clusterName}-worker`,
            [`kubernetes.io/cluster/${clusterName}`]: "owned",
            ...asgTags,
        }));

    const templateBody = pulumi
        .all([
            nodeLaunchConfiguration.id,
            args.desiredCapacity,
            args.minSize,
            args.maxSize,
            pulumi.output(autoScalingGroupTags).apply((tags) => tagsToAsgTags(tags as Record<string, string>)),
            workerSubnetIds.apply((ids) => JSON.stringify(ids)),
        ])
        .apply(([launchConfig, desiredCapacity, minSize, maxSize, asgTags, vpcSubnetIds]) =>
            cfnTemplateBody(
                launchConfig,
                desiredCapacity,
                minSize,
                maxSize,
                asgTags,
                vpcSubnetIds,
                minInstancesInService,
            ),
        );

    const cfnStack = new aws.cloudformation.Stack(
        `${name}-nodes`,
        {
            name: cfnStackName,
            templateBody,
            tags: pulumi
                .all([core.tags, args.cloudFormationTags])
                .apply(([tags, cloudFormationTags]) => ({ Name: `${name}-nodes`, ...cloudFormationTags, ...tags })),
        },
        { parent, dependsOn: cfnStackDeps, provider },
    );

    const autoScalingGroupName = cfnStack.outputs.apply((outputs) => {
        if (!("NodeGroup" in outputs)) {
            throw new pulumi.ResourceError(
                "CloudFormation stack is not ready. Stack output key 'NodeGroup' does not exist.",
                parent,
            );
        }
        return outputs["NodeGroup"];
    });

    return {
        nodeSecurityGroup,
        nodeSecurityGroupId,
        cfnStack,
        autoScalingGroupName,
        extraNodeSecurityGroups: args.extraNodeSecurityGroups,
    };
}
