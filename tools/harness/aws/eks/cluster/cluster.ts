/**
 * `eks:index:Cluster`, built in the program's process as the eks provider's Construct builds it
 * (follows pulumi-eks v4.3.0 nodejs/eks/cluster/cluster.ts `createCore`, `createCluster` and the
 * `Cluster` class, with cmd/provider/cluster.ts for the outputs Construct returns; Apache-2.0).
 *
 * Inside the component, named after it: the EKS service role (`<name>-eksRole`, a ServiceRole with
 * its policy attachments), the cluster security group and its egress rule, the `aws.eks.Cluster`
 * (`<name>-eksCluster`), the kube-proxy and coredns addons, the Kubernetes provider
 * (`<name>-eks-k8s`) with the kubeconfig, the instance role and profile of the default node group,
 * the aws-auth ConfigMap (CONFIG_MAP modes) and/or access entries (API modes), the requested
 * StorageClasses, the VPC CNI addon, the OIDC provider when asked, and from ../nodes the node
 * security group and the default node group.
 *
 * What the offline run does differently, and why:
 * - The provider checks for a compatible `aws` CLI first (the kubeconfig runs `aws eks get-token`);
 *   the check registers resources, it never uses the kubeconfig, so it skips that check.
 * - Under `pulumi up` the provider polls the API server's /healthz for up to five minutes before the
 *   endpoint (and the kubeconfig made from it) resolves; here it resolves with the cluster's.
 * - The OIDC provider's thumbprint is the published root CA thumbprint, not fetched (cert-thumprint.ts).
 * - Options listed in ../unsupported.ts are not followed: such a Cluster registers as the SDK
 *   class does, remote, and the check gives no verdict on it.
 * - Construct receives the component's options as the engine sends them: providers by package in
 *   `providers`, never `provider` (so an explicit AWS provider reaches the children by inheritance,
 *   and upstream's "explicit AWS provider" error cannot fire), which constructOptions reproduces.
 * - The children register through this process's @pulumi/aws and @pulumi/kubernetes, not the
 *   versions the plugin bundles (7.25.0, 4.19.0), as the awsx emulation does.
 */
import * as aws from "@pulumi/aws";
import { recordStaysRemote } from "../../../component-swap";
import type * as eksSdk from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { escapeFailure, hasPulumiType } from "../../../component-args";
import { stringifyAddonConfiguration, VpcCniAddon, type VpcCniAddonOptions } from "../addons";
import {
    computeWorkerSubnets,
    createNodeGroupSecurityGroup,
    createNodeGroupV2,
    type NodeGroupBaseOptions,
    type NodeGroupV2Data,
    unsupportedSelfManagedOptions,
} from "../nodes";
import { ServiceRole } from "../servicerole";
import { sdkResourceOptions, UNSUPPORTED_CLUSTER_OPTIONS, unsupportedOptions } from "../unsupported";
import { getRegionFromArn } from "../utilities";
import type { InputTags, UserStorageClasses } from "../utils";
import {
    createAccessEntries,
    createAwsAuthData,
    supportsAccessEntries,
    supportsConfigMap,
    validateAuthenticationMode,
} from "./authenticationMode";
import { getIssuerCAThumbprint } from "./cert-thumprint";
import { clusterProviderArgs, clusterSdkInputs } from "./sdk-args";
import { createStorageClass, type EBSVolumeType, type StorageClass } from "./storageclass";

const TYPE = "eks:index:Cluster";

/** An IAM role mapped to a Kubernetes user and groups (aws-auth `mapRoles`). */
export interface RoleMapping {
    roleArn: pulumi.Input<string>;
    username: pulumi.Input<string>;
    groups: pulumi.Input<pulumi.Input<string>[]>;
}

/** An IAM user mapped to a Kubernetes user and groups (aws-auth `mapUsers`). */
export interface UserMapping {
    userArn: pulumi.Input<string>;
    username: pulumi.Input<string>;
    groups: pulumi.Input<pulumi.Input<string>[]>;
}

/** The role and provider the cluster would be created through (not followed: ../unsupported.ts). */
export interface CreationRoleProvider {
    role: aws.iam.Role;
    provider: pulumi.ProviderResource;
}

/** The AWS credentials a kubeconfig's `aws eks get-token` uses instead of the default chain. */
export interface KubeconfigOptions {
    roleArn?: pulumi.Input<string>;
    profileName?: pulumi.Input<string>;
}

/** What the cluster's parts share with its node groups (the Cluster's `core` output). */
export interface CoreData {
    cluster: aws.eks.Cluster;
    vpcId: pulumi.Output<string>;
    subnetIds: pulumi.Output<string[]>;
    endpoint: pulumi.Output<string>;
    clusterSecurityGroup?: aws.ec2.SecurityGroup;
    provider: k8s.Provider;
    instanceRoles: pulumi.Output<aws.iam.Role[]>;
    nodeGroupOptions: ClusterNodeGroupOptions;
    awsProvider?: pulumi.ProviderResource;
    publicSubnetIds?: pulumi.Output<string[]>;
    privateSubnetIds?: pulumi.Output<string[]>;
    eksNodeAccess?: k8s.core.v1.ConfigMap;
    storageClasses?: UserStorageClasses;
    kubeconfig?: pulumi.Output<any>;
    vpcCni?: VpcCniAddon;
    tags?: InputTags;
    nodeSecurityGroupTags?: InputTags;
    fargateProfile: pulumi.Output<aws.eks.FargateProfile | undefined>;
    oidcProvider?: aws.iam.OpenIdConnectProvider;
    encryptionConfig?: pulumi.Output<aws.types.output.eks.ClusterEncryptionConfig>;
    clusterIamRole: pulumi.Output<aws.iam.Role>;
    accessEntries?: pulumi.Output<AccessEntry[]>;
    autoModeNodeRoleName: pulumi.Output<string>;
}

export interface EksAutoModeOptions {
    enabled: boolean;
    createNodeRole?: boolean;
    computeConfig?: pulumi.Input<aws.types.input.eks.ClusterComputeConfig>;
}

export type ResolveConflictsOnCreate = "NONE" | "OVERWRITE";
export type ResolveConflictsOnUpdate = "NONE" | "OVERWRITE" | "PRESERVE";

export interface CoreDnsAddonOptions {
    enabled?: boolean;
    resolveConflictsOnCreate?: ResolveConflictsOnCreate;
    resolveConflictsOnUpdate?: ResolveConflictsOnUpdate;
    version?: pulumi.Input<string>;
    configurationValues?: pulumi.Input<object>;
}

export interface KubeProxyAddonOptionsArgs {
    enabled?: boolean;
    resolveConflictsOnCreate?: ResolveConflictsOnCreate;
    resolveConflictsOnUpdate?: ResolveConflictsOnUpdate;
    version?: pulumi.Input<string>;
    configurationValues?: pulumi.Input<object>;
}

export interface FargateProfile {
    podExecutionRoleArn?: pulumi.Input<string>;
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    selectors?: pulumi.Input<pulumi.Input<aws.types.input.eks.FargateProfileSelector>[]>;
}

export type ClusterNodeGroupOptions = NodeGroupBaseOptions;

export interface AccessPolicyAssociation {
    policyArn: pulumi.Input<string>;
    accessScope: aws.types.input.eks.AccessPolicyAssociationAccessScope;
}

export type AccessEntryType = "STANDARD" | "FARGATE_LINUX" | "EC2_LINUX" | "EC2_WINDOWS" | "EC2";

export interface AccessEntry {
    principalArn: pulumi.Input<string>;
    username?: pulumi.Input<string>;
    kubernetesGroups?: pulumi.Input<pulumi.Input<string>[]>;
    accessPolicies?: { [key: string]: pulumi.Input<AccessPolicyAssociation> };
    tags?: InputTags;
    type?: pulumi.Input<AccessEntryType>;
}

export type AuthenticationMode = "API" | "CONFIG_MAP" | "API_AND_CONFIG_MAP";

/** The Cluster's options, as upstream's ClusterOptions (see the SDK's ClusterArgs for each one's meaning). */
export interface ClusterOptions {
    vpcId?: pulumi.Input<string>;
    subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    publicSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    privateSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    nodeGroupOptions?: ClusterNodeGroupOptions;
    nodeAssociatePublicIpAddress?: boolean;
    roleMappings?: pulumi.Input<pulumi.Input<RoleMapping>[]>;
    userMappings?: pulumi.Input<pulumi.Input<UserMapping>[]>;
    vpcCniOptions?: Omit<VpcCniAddonOptions, "clusterName">;
    useDefaultVpcCni?: boolean;
    instanceType?: pulumi.Input<string>;
    instanceRole?: pulumi.Input<aws.iam.Role>;
    instanceProfileName?: pulumi.Input<string>;
    serviceRole?: pulumi.Input<aws.iam.Role>;
    creationRoleProvider?: CreationRoleProvider;
    instanceRoles?: pulumi.Input<pulumi.Input<aws.iam.Role>[]>;
    customInstanceRolePolicy?: pulumi.Input<string>;
    nodeAmiId?: pulumi.Input<string>;
    gpu?: pulumi.Input<boolean>;
    nodePublicKey?: pulumi.Input<string>;
    nodeSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    clusterSecurityGroup?: aws.ec2.SecurityGroup;
    clusterSecurityGroupTags?: InputTags;
    nodeRootVolumeEncrypted?: pulumi.Input<boolean>;
    nodeSecurityGroupTags?: InputTags;
    nodeRootVolumeSize?: pulumi.Input<number>;
    nodeUserData?: pulumi.Input<string>;
    desiredCapacity?: pulumi.Input<number>;
    minSize?: pulumi.Input<number>;
    maxSize?: pulumi.Input<number>;
    storageClasses?: { [name: string]: StorageClass } | EBSVolumeType;
    skipDefaultNodeGroup?: boolean;
    skipDefaultSecurityGroups?: boolean;
    tags?: InputTags;
    version?: pulumi.Input<string>;
    enabledClusterLogTypes?: pulumi.Input<pulumi.Input<string>[]>;
    bootstrapSelfManagedAddons?: pulumi.Input<boolean>;
    corednsAddonOptions?: CoreDnsAddonOptions;
    kubeProxyAddonOptions?: KubeProxyAddonOptionsArgs;
    endpointPublicAccess?: pulumi.Input<boolean>;
    endpointPrivateAccess?: pulumi.Input<boolean>;
    publicAccessCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    fargate?: pulumi.Input<boolean | FargateProfile>;
    clusterTags?: InputTags;
    createOidcProvider?: pulumi.Input<boolean>;
    name?: pulumi.Input<string>;
    proxy?: string;
    providerCredentialOpts?: pulumi.Input<KubeconfigOptions>;
    enableConfigMapMutable?: pulumi.Input<boolean>;
    encryptionConfigKeyArn?: pulumi.Input<string>;
    kubernetesServiceIpAddressRange?: pulumi.Input<string>;
    ipFamily?: pulumi.Input<string>;
    authenticationMode?: AuthenticationMode;
    accessEntries?: { [key: string]: AccessEntry };
    createInstanceRole?: boolean;
    autoMode?: EksAutoModeOptions;
    upgradePolicy?: aws.types.input.eks.ClusterUpgradePolicy;
    deletionProtection?: pulumi.Input<boolean>;
}

/** The instance profile of the default node group: the named one, read, or a new one for the role. */
function createOrGetInstanceProfile(
    name: string,
    parent: pulumi.ComponentResource,
    instanceRoleName?: pulumi.Input<aws.iam.Role>,
    instanceProfileName?: pulumi.Input<string>,
    provider?: pulumi.ProviderResource,
): aws.iam.InstanceProfile {
    if (instanceProfileName) {
        return aws.iam.InstanceProfile.get(`${name}-instanceProfile`, instanceProfileName, undefined, {
            parent,
            provider,
        });
    }
    return new aws.iam.InstanceProfile(`${name}-instanceProfile`, { role: instanceRoleName }, { parent, provider });
}

/** An environment variable of the kubeconfig's exec plugin. */
interface ExecEnvVar {
    name: pulumi.Input<string>;
    value: pulumi.Input<string>;
}

/**
 * The kubeconfig (as an object) that reaches the cluster through `aws eks get-token`: with
 * `--role` for a role to assume, and `--profile` (when `includeProfile`) for a credentials profile.
 */
export function generateKubeconfig(
    clusterName: pulumi.Input<string>,
    clusterEndpoint: pulumi.Input<string>,
    region: pulumi.Input<string>,
    includeProfile: boolean,
    certData?: pulumi.Input<string>,
    opts?: KubeconfigOptions,
): pulumi.Output<any> {
    let args: pulumi.Input<string>[] = [
        "--region",
        region,
        "eks",
        "get-token",
        "--cluster-name",
        clusterName,
        "--output",
        "json",
    ];
    const env: ExecEnvVar[] = [
        { name: "KUBERNETES_EXEC_INFO", value: `{"apiVersion": "client.authentication.k8s.io/v1beta1"}` },
    ];
    if (opts?.roleArn) args = [...args, "--role", opts.roleArn];
    // --profile rather than AWS_PROFILE, which ambient credentials can override.
    if (includeProfile && opts?.profileName) args = [...args, "--profile", opts.profileName];

    return pulumi.all([args, env]).apply(([tokenArgs, envvars]) => ({
        apiVersion: "v1",
        clusters: [
            { cluster: { server: clusterEndpoint, "certificate-authority-data": certData }, name: "kubernetes" },
        ],
        contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
        "current-context": "aws",
        kind: "Config",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: tokenArgs,
                        env: envvars,
                    },
                },
            },
        ],
    }));
}

/** The name of the Fargate profile: names starting "eks" (reserved by AWS) lose their first dash. */
export function fargateProfileName(name: string): string {
    const reservedAwsPrefix = "eks";
    if (name === reservedAwsPrefix || new RegExp("^" + reservedAwsPrefix + "-", "i").test(name)) {
        return `${name.replace("-", "_")}fargateProfile`;
    }
    return `${name}-fargateProfile`;
}

/** Whether the options set any of the single node group options nodeGroupOptions excludes. */
function setsSingularNodeGroupOptions(args: ClusterOptions): boolean {
    return !!(
        args.nodeSubnetIds ||
        args.nodeAssociatePublicIpAddress ||
        args.instanceType ||
        args.instanceProfileName ||
        args.nodePublicKey ||
        args.nodeRootVolumeSize ||
        args.nodeUserData ||
        args.minSize ||
        args.maxSize ||
        args.desiredCapacity ||
        args.nodeAmiId ||
        args.gpu
    );
}

/** The cluster's argument errors the provider throws before it builds anything. */
export function validateClusterOptions(args: ClusterOptions): void {
    if (args.instanceRole && args.instanceRoles) {
        throw new Error("instanceRole and instanceRoles are mutually exclusive, and cannot both be set.");
    }
    if (args.subnetIds && (args.publicSubnetIds || args.privateSubnetIds)) {
        throw new Error(
            "subnetIds, and the use of publicSubnetIds and/or privateSubnetIds are mutually exclusive. Choose a single approach.",
        );
    }
    if (args.nodeGroupOptions && setsSingularNodeGroupOptions(args)) {
        throw new Error(
            "Setting nodeGroupOptions, and any set of singular node group option(s) on the cluster, is mutually exclusive. Choose a single approach.",
        );
    }
}

/** The core resources of the cluster (createCore). */
export function createCore(
    name: string,
    rawArgs: ClusterOptions,
    parent: pulumi.ComponentResource,
    provider?: pulumi.ProviderResource,
): CoreData {
    // assertCompatibleAWSCLIExists is skipped: see the header.
    const args = validateAuthenticationMode(rawArgs);
    validateClusterOptions(args);

    if (args.autoMode?.enabled && !supportsAccessEntries(args.authenticationMode)) {
        throw new pulumi.ResourceError(
            "Access entries are required when using EKS Auto Mode. Use the authentication mode 'API' or 'API_AND_CONFIG_MAP'.",
            parent,
        );
    }

    const nodeGroupOptions: ClusterNodeGroupOptions = args.nodeGroupOptions || {
        nodeSubnetIds: args.nodeSubnetIds,
        nodeAssociatePublicIpAddress: args.nodeAssociatePublicIpAddress,
        instanceType: args.instanceType,
        nodePublicKey: args.nodePublicKey,
        nodeRootVolumeEncrypted: args.nodeRootVolumeEncrypted,
        nodeRootVolumeSize: args.nodeRootVolumeSize,
        nodeUserData: args.nodeUserData,
        minSize: args.minSize,
        maxSize: args.maxSize,
        desiredCapacity: args.desiredCapacity,
        amiId: args.nodeAmiId,
        gpu: args.gpu,
        version: args.version,
    };

    const { partition, dnsSuffix } = aws.getPartitionOutput({}, { parent });

    let vpcId: pulumi.Input<string> = args.vpcId!;
    let clusterSubnetIds: pulumi.Input<pulumi.Input<string>[]> = [];

    // No VPC given: the account's default VPC and all its subnets.
    if (!args.vpcId) {
        const invokeOpts = { parent, async: true };
        const vpc = aws.ec2.getVpc({ default: true }, invokeOpts);
        vpcId = vpc.then((v) => v.id);
        clusterSubnetIds = vpc
            .then((v) => aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: [v.id] }] }, invokeOpts))
            .then((subnets) => subnets.ids);
    }

    if (args.subnetIds !== undefined) {
        clusterSubnetIds = args.subnetIds;
    } else if (args.publicSubnetIds !== undefined || args.privateSubnetIds !== undefined) {
        clusterSubnetIds = pulumi
            .all([args.publicSubnetIds || [], args.privateSubnetIds || []])
            .apply(([publicIds, privateIds]) => [...publicIds, ...privateIds]);
    }

    let eksServiceRole: ServiceRole | undefined;
    if (!args.serviceRole) {
        const managedPolicies = ["AmazonEKSClusterPolicy"];
        // EKS Auto Mode manages compute, storage, load balancing and networking with these.
        if (args.autoMode?.enabled) {
            managedPolicies.push(
                "AmazonEKSComputePolicy",
                "AmazonEKSBlockStoragePolicy",
                "AmazonEKSLoadBalancingPolicy",
                "AmazonEKSNetworkingPolicy",
            );
        }
        eksServiceRole = new ServiceRole(
            `${name}-eksRole`,
            {
                service: "eks.amazonaws.com",
                description: "Allows EKS to manage clusters on your behalf.",
                managedPolicyArns: managedPolicies.map((policy) => ({
                    id: `arn:aws:iam::aws:policy/${policy}`,
                    arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`,
                })),
                tags: args.tags,
                // Auto Mode needs sts:TagSession too.
                assumeRoleActions: ["sts:AssumeRole", "sts:TagSession"],
            },
            { parent, provider },
        );
    }

    const skipDefaultSecurityGroups = args.skipDefaultSecurityGroups ?? args.autoMode?.enabled;

    let eksClusterSecurityGroup: aws.ec2.SecurityGroup | undefined;
    if (args.clusterSecurityGroup) {
        eksClusterSecurityGroup = args.clusterSecurityGroup;
    } else if (!skipDefaultSecurityGroups) {
        eksClusterSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-eksClusterSecurityGroup`,
            {
                vpcId,
                revokeRulesOnDelete: true,
                tags: pulumi
                    .all([args.tags, args.clusterSecurityGroupTags])
                    .apply(([tags, clusterSecurityGroupTags]) => ({
                        Name: `${name}-eksClusterSecurityGroup`,
                        ...clusterSecurityGroupTags,
                        ...tags,
                    })),
            },
            { parent, provider },
        );
        new aws.ec2.SecurityGroupRule(
            `${name}-eksClusterInternetEgressRule`,
            {
                description: "Allow internet access.",
                type: "egress",
                fromPort: 0,
                toPort: 0,
                protocol: "-1",
                cidrBlocks: ["0.0.0.0/0"],
                securityGroupId: eksClusterSecurityGroup.id,
            },
            { parent, provider },
        );
    }

    // Envelope encryption of Kubernetes secrets with the given KMS key.
    let encryptionConfig: pulumi.Output<aws.types.output.eks.ClusterEncryptionConfig> | undefined;
    if (args.encryptionConfigKeyArn) {
        const encryptionProvider = pulumi.output(args.encryptionConfigKeyArn).apply((keyArn) => ({ keyArn }));
        encryptionConfig = encryptionProvider.apply((ep) => ({ provider: ep, resources: ["secrets"] }));
    }

    let kubernetesNetworkConfig: pulumi.Output<aws.types.input.eks.ClusterKubernetesNetworkConfig> | undefined;
    if (args.kubernetesServiceIpAddressRange || args.ipFamily || args.autoMode?.enabled) {
        kubernetesNetworkConfig = pulumi
            .all([args.kubernetesServiceIpAddressRange, args.ipFamily])
            .apply(([serviceIpv4Cidr, ipFamily = "ipv4"]) => ({
                // Only IPv4 clusters take a service CIDR.
                serviceIpv4Cidr: ipFamily === "ipv4" ? serviceIpv4Cidr : undefined,
                ipFamily,
                elasticLoadBalancing: args.autoMode?.enabled ? { enabled: args.autoMode?.enabled } : undefined,
            }));
    }

    let eksAutoNodeRole: ServiceRole | undefined;
    if (args.autoMode?.enabled && args.autoMode.createNodeRole !== false) {
        eksAutoNodeRole = new ServiceRole(
            `${name}-nodeRole`,
            {
                service: "ec2.amazonaws.com",
                managedPolicyArns: [
                    {
                        id: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy",
                        arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy`,
                    },
                    {
                        id: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                        arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly`,
                    },
                ],
                tags: args.tags,
            },
            { parent, provider },
        );
    }

    let computeConfig: pulumi.Output<aws.types.input.eks.ClusterComputeConfig> | undefined;
    if (args.autoMode?.enabled) {
        computeConfig = pulumi
            .all([args.autoMode.computeConfig, eksAutoNodeRole?.directRole.arn])
            .apply(([config, nodeRoleArn]) => ({
                enabled: true,
                nodeRoleArn,
                nodePools: ["general-purpose", "system"],
                ...config,
            }));
    }

    const storageConfig = args.autoMode?.enabled ? { blockStorage: { enabled: true } } : undefined;

    // The cluster resource takes Auto Mode's three settings all known or all unknown: they wait on each other.
    const autoModeConfig =
        args.autoMode?.enabled && computeConfig && storageConfig && kubernetesNetworkConfig
            ? pulumi
                  .all([computeConfig, storageConfig, kubernetesNetworkConfig])
                  .apply(([c, s, k]) => ({ computeConfig: c, storageConfig: s, kubernetesNetworkConfig: k }))
            : { computeConfig, storageConfig, kubernetesNetworkConfig };

    const eksCluster: aws.eks.Cluster = new aws.eks.Cluster(
        `${name}-eksCluster`,
        {
            name: args.name,
            roleArn: args.serviceRole ? pulumi.output(args.serviceRole).arn : eksServiceRole!.directRole.arn,
            computeConfig: autoModeConfig.computeConfig,
            storageConfig: autoModeConfig.storageConfig,
            kubernetesNetworkConfig: autoModeConfig.kubernetesNetworkConfig,
            // An Auto Mode cluster is created without the self-managed addons.
            bootstrapSelfManagedAddons: args.autoMode?.enabled ? false : (args.bootstrapSelfManagedAddons ?? true),
            vpcConfig: {
                securityGroupIds: eksClusterSecurityGroup ? [eksClusterSecurityGroup.id] : undefined,
                subnetIds: clusterSubnetIds,
                endpointPrivateAccess: args.endpointPrivateAccess,
                endpointPublicAccess: args.endpointPublicAccess,
                publicAccessCidrs: args.publicAccessCidrs
                    ? pulumi
                          .all([args.publicAccessCidrs, args.endpointPublicAccess ?? true])
                          .apply(([cidrs, publicAccess]) => {
                              if (!publicAccess && cidrs) {
                                  throw new pulumi.ResourceError(
                                      "`publicAccessCidrs` can only be set when `endpointPublicAccess` is true",
                                      eksCluster,
                                  );
                              }
                              return cidrs;
                          })
                    : undefined,
            },
            version: args.version,
            enabledClusterLogTypes: args.enabledClusterLogTypes,
            tags: pulumi
                .all([args.tags, args.clusterTags])
                .apply(([tags, clusterTags]) => ({ Name: `${name}-eksCluster`, ...clusterTags, ...tags })),
            encryptionConfig,
            accessConfig: args.authenticationMode
                ? {
                      authenticationMode: args.authenticationMode,
                      // The creator gets admin access explicitly: the component deploys into the cluster.
                      bootstrapClusterCreatorAdminPermissions: true,
                  }
                : undefined,
            upgradePolicy: args.upgradePolicy,
            deletionProtection: args.deletionProtection,
        },
        {
            parent,
            provider,
            // Bi-modal upstream defaults (pulumi-aws #3997), and a creation-only setting.
            ignoreChanges: ["accessConfig.bootstrapClusterCreatorAdminPermissions", "bootstrapSelfManagedAddons"],
            // The roles, with every policy attached, before the cluster.
            dependsOn: [
                ...(eksServiceRole ? [eksServiceRole.resolvedRole] : []),
                ...(eksAutoNodeRole ? [eksAutoNodeRole.resolvedRole] : []),
            ],
        },
    );

    const kubeProxyAddonEnabled = args.kubeProxyAddonOptions?.enabled ?? !args.autoMode?.enabled;
    if (kubeProxyAddonEnabled) {
        const kubeProxyVersion: pulumi.Output<string> = args.kubeProxyAddonOptions?.version
            ? pulumi.output(args.kubeProxyAddonOptions?.version)
            : aws.eks
                  .getAddonVersionOutput(
                      { addonName: "kube-proxy", kubernetesVersion: eksCluster.version, mostRecent: true },
                      { parent, provider },
                  )
                  .apply((addonVersion) => addonVersion.version);
        new aws.eks.Addon(
            `${name}-kube-proxy`,
            {
                clusterName: eksCluster.name,
                addonName: "kube-proxy",
                preserve: true,
                tags: args.tags,
                resolveConflictsOnCreate: args.kubeProxyAddonOptions?.resolveConflictsOnCreate ?? "OVERWRITE",
                resolveConflictsOnUpdate: args.kubeProxyAddonOptions?.resolveConflictsOnUpdate ?? "OVERWRITE",
                addonVersion: kubeProxyVersion,
                configurationValues: stringifyAddonConfiguration(args.kubeProxyAddonOptions?.configurationValues),
            },
            { parent, provider },
        );
    }

    // The provider's wait for /healthz is not made (see the header): the endpoint is the cluster's.
    const endpoint = eksCluster.endpoint.apply((clusterEndpoint) => clusterEndpoint);

    const genKubeconfig = (useProfileName: boolean) => {
        const region = eksCluster.arn.apply(getRegionFromArn);
        return pulumi
            .all([eksCluster.name, endpoint, eksCluster.certificateAuthority, args.providerCredentialOpts, region])
            .apply(([clusterName, clusterEndpoint, clusterCertificateAuthority, providerCredentialOpts, r]) =>
                // creationRoleProvider is not followed (../unsupported.ts): the other two branches.
                generateKubeconfig(
                    clusterName,
                    clusterEndpoint,
                    r,
                    useProfileName,
                    clusterCertificateAuthority?.data,
                    providerCredentialOpts ?? undefined,
                ),
            );
    };
    // With the profile for the provider's own use of the cluster; without, for the user's (the output).
    const kubeconfig = genKubeconfig(true);
    const kubeconfigWithoutProfile = genKubeconfig(false);

    const k8sProvider = new k8s.Provider(
        `${name}-eks-k8s`,
        { kubeconfig: kubeconfig.apply(JSON.stringify), enableConfigMapMutable: args.enableConfigMapMutable },
        { parent },
    );

    const skipDefaultNodeGroup = args.skipDefaultNodeGroup || args.fargate || args.autoMode?.enabled;

    let instanceRoles: pulumi.Output<aws.iam.Role[]>;
    let defaultInstanceRole: pulumi.Output<aws.iam.Role> | undefined;
    if (args.instanceRoles) {
        instanceRoles = pulumi.output(args.instanceRoles);
    } else if (args.instanceRole) {
        if (!skipDefaultNodeGroup) {
            nodeGroupOptions.instanceProfile = createOrGetInstanceProfile(
                name,
                parent,
                args.instanceRole,
                args.instanceProfileName ?? nodeGroupOptions.instanceProfileName,
            );
        }
        instanceRoles = pulumi.output([args.instanceRole]);
        defaultInstanceRole = pulumi.output(args.instanceRole);
    } else if (args.createInstanceRole || (!args.skipDefaultNodeGroup && args.createInstanceRole === undefined)) {
        const instanceRole = new ServiceRole(
            `${name}-instanceRole`,
            {
                service: "ec2.amazonaws.com",
                managedPolicyArns: [
                    {
                        id: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                        arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy`,
                    },
                    {
                        id: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
                        arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEKS_CNI_Policy`,
                    },
                    {
                        id: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                        arn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly`,
                    },
                ],
                tags: args.tags,
            },
            { parent, provider },
        ).resolvedRole;

        defaultInstanceRole = instanceRole;
        instanceRoles = pulumi.output([instanceRole]);

        if (args.customInstanceRolePolicy) {
            void pulumi.log.warn(
                "Option `customInstanceRolePolicy` has been deprecated. Please use `instanceRole` or `instanceRoles`. The role provided to either option should already include all required policies.",
                eksCluster,
            );
            new aws.iam.RolePolicy(
                `${name}-EKSWorkerCustomPolicy`,
                { role: instanceRole, policy: args.customInstanceRolePolicy },
                { parent, provider },
            );
        }

        nodeGroupOptions.instanceProfile = createOrGetInstanceProfile(
            name,
            parent,
            instanceRole,
            args.instanceProfileName ?? nodeGroupOptions.instanceProfileName,
        );
    } else {
        instanceRoles = pulumi.output([]);
    }

    let eksNodeAccess: k8s.core.v1.ConfigMap | undefined;
    if (supportsConfigMap(args.authenticationMode)) {
        // aws-auth maps the instance roles and the user's roles and users to Kubernetes users and groups.
        eksNodeAccess = new k8s.core.v1.ConfigMap(
            `${name}-nodeAccess`,
            {
                apiVersion: "v1",
                immutable: false,
                metadata: {
                    name: `aws-auth`,
                    namespace: "kube-system",
                    annotations: { "pulumi.com/patchForce": "true" },
                },
                data: createAwsAuthData(instanceRoles, args.roleMappings, args.userMappings),
            },
            { parent, provider: k8sProvider },
        );
    }

    const createdAccessEntries: AccessEntry[] = [];
    let accessEntries: aws.eks.AccessEntry[] | undefined;
    if (supportsAccessEntries(args.authenticationMode)) {
        // The default instance role's EC2_LINUX entry lets the nodes join.
        if (defaultInstanceRole) {
            const defaultNodeGroupAccessEntry = { principalArn: defaultInstanceRole.arn, type: "EC2_LINUX" as const };
            accessEntries = createAccessEntries(
                name,
                eksCluster.name,
                { defaultNodeGroupInstanceRole: defaultNodeGroupAccessEntry },
                { parent, provider, dependsOn: [eksCluster] },
            );
            createdAccessEntries.push(defaultNodeGroupAccessEntry);
        }
        accessEntries = (accessEntries || []).concat(
            createAccessEntries(name, eksCluster.name, args.accessEntries || {}, {
                parent,
                provider,
                dependsOn: [eksCluster],
            }),
        );
        createdAccessEntries.push(...Object.values(args.accessEntries || {}));
    }

    const authDependencies: pulumi.Resource[] = [...(accessEntries ?? []), ...(eksNodeAccess ? [eksNodeAccess] : [])];

    const storageClasses = args.storageClasses || {};
    const userStorageClasses = {} as Record<string, pulumi.Output<k8s.storage.v1.StorageClass>>;
    const storageClassOpts = { parent, provider: k8sProvider, dependsOn: authDependencies };
    if (typeof storageClasses === "string") {
        userStorageClasses[storageClasses] = pulumi.output(
            createStorageClass(
                `${name.toLowerCase()}-${storageClasses}`,
                { type: storageClasses, default: true },
                storageClassOpts,
            ),
        );
    } else {
        for (const key of Object.keys(storageClasses)) {
            userStorageClasses[key] = pulumi.output(
                createStorageClass(`${name.toLowerCase()}-${key}`, storageClasses[key], storageClassOpts),
            );
        }
    }

    // The VPC CNI addon, unless the default CNI is asked for, or Auto Mode brings its own networking.
    const vpcCniAddonEnabled = args.useDefaultVpcCni !== undefined ? !args.useDefaultVpcCni : !args.autoMode?.enabled;
    const vpcCni = vpcCniAddonEnabled
        ? new VpcCniAddon(
              `${name}-vpc-cni`,
              {
                  ...args.vpcCniOptions,
                  clusterName: eksCluster.name,
                  clusterVersion: eksCluster.version,
                  tags: args.tags,
              },
              {
                  parent,
                  dependsOn: authDependencies,
                  providers: { ...(provider ? { aws: provider } : {}), kubernetes: k8sProvider },
              },
          )
        : undefined;

    const fargateProfile = createFargateProfile(name, args, parent, provider, {
        partition,
        eksCluster,
        clusterSubnetIds,
        eksNodeAccess,
    });

    createCorednsAddon(name, args, parent, provider, eksCluster, fargateProfile);

    // The IAM OIDC provider that lets service accounts assume IAM roles.
    let oidcProvider: aws.iam.OpenIdConnectProvider | undefined;
    if (args.createOidcProvider) {
        const awsRegionName = pulumi.output(aws.getRegion({}, { parent, async: true })).name;
        const eksOidcProviderUrl = pulumi.interpolate`https://oidc.eks.${awsRegionName}.${dnsSuffix}`;
        const fingerprint = getIssuerCAThumbprint(eksOidcProviderUrl);
        oidcProvider = new aws.iam.OpenIdConnectProvider(
            `${name}-oidcProvider`,
            {
                clientIdLists: ["sts.amazonaws.com"],
                url: eksCluster.identities[0].oidcs[0].issuer,
                thumbprintLists: [fingerprint],
            },
            { parent, provider },
        );
    }

    return {
        vpcId: pulumi.output(vpcId),
        subnetIds: args.subnetIds ? pulumi.output(args.subnetIds) : pulumi.output(clusterSubnetIds),
        publicSubnetIds: args.publicSubnetIds ? pulumi.output(args.publicSubnetIds) : undefined,
        privateSubnetIds: args.privateSubnetIds ? pulumi.output(args.privateSubnetIds) : undefined,
        clusterSecurityGroup: eksClusterSecurityGroup,
        cluster: eksCluster,
        endpoint,
        nodeGroupOptions,
        kubeconfig: kubeconfigWithoutProfile,
        provider: k8sProvider,
        awsProvider: provider,
        vpcCni,
        instanceRoles,
        eksNodeAccess,
        tags: args.tags,
        nodeSecurityGroupTags: args.nodeSecurityGroupTags,
        storageClasses: userStorageClasses as unknown as UserStorageClasses,
        fargateProfile,
        oidcProvider,
        encryptionConfig,
        clusterIamRole: pulumi.output(args.serviceRole ?? eksServiceRole!.directRole),
        accessEntries: pulumi.output(createdAccessEntries),
        autoModeNodeRoleName: eksAutoNodeRole?.directRole.name ?? pulumi.output(""),
    };
}

/**
 * The Fargate profile (createCore's), built when `fargate` resolves to something: the pod
 * execution role unless one is given, the `default` and `kube-system` namespaces unless selectors
 * are, in the worker subnets computeWorkerSubnets picks (which is why a Fargate cluster is built
 * only when the mocks answer route table lookups: unsupportedClusterArgs).
 */
function createFargateProfile(
    name: string,
    args: ClusterOptions,
    parent: pulumi.ComponentResource,
    provider: pulumi.ProviderResource | undefined,
    ctx: {
        partition: pulumi.Output<string>;
        eksCluster: aws.eks.Cluster;
        clusterSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
        eksNodeAccess?: k8s.core.v1.ConfigMap;
    },
): pulumi.Output<aws.eks.FargateProfile | undefined> {
    return pulumi.output(args.fargate).apply((argsFargate) => {
        if (!argsFargate) return undefined;
        const fargate: pulumi.Unwrap<FargateProfile> = argsFargate !== true ? argsFargate : {};
        const podExecutionRoleArn =
            fargate.podExecutionRoleArn ||
            new ServiceRole(
                `${name}-podExecutionRole`,
                {
                    service: "eks-fargate-pods.amazonaws.com",
                    managedPolicyArns: [
                        {
                            id: "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
                            arn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy`,
                        },
                    ],
                    tags: args.tags,
                },
                { parent, provider },
            ).resolvedRole.arn;
        // `fargate: true` runs every pod of `default` and `kube-system` on Fargate.
        const selectors = fargate.selectors || [{ namespace: "default" }, { namespace: "kube-system" }];
        return new aws.eks.FargateProfile(
            fargateProfileName(name),
            {
                clusterName: ctx.eksCluster.name,
                podExecutionRoleArn,
                selectors,
                subnetIds: pulumi
                    .output(ctx.clusterSubnetIds)
                    .apply((subnets) =>
                        computeWorkerSubnets(
                            parent,
                            fargate.subnetIds?.length && fargate.subnetIds.length > 0 ? fargate.subnetIds : subnets,
                        ),
                    ),
            },
            { parent, dependsOn: ctx.eksNodeAccess ? [ctx.eksNodeAccess] : undefined, provider },
        );
    });
}

/**
 * The coredns addon (createCore's): when asked for explicitly, or by default when there are nodes
 * to place it on (the default node group, Fargate or Auto Mode) and it is not turned off.
 */
function createCorednsAddon(
    name: string,
    args: ClusterOptions,
    parent: pulumi.ComponentResource,
    provider: pulumi.ProviderResource | undefined,
    eksCluster: aws.eks.Cluster,
    fargateProfile: pulumi.Output<aws.eks.FargateProfile | undefined>,
): void {
    const corednsExplicitlyEnabled =
        args.corednsAddonOptions?.enabled === true || args.corednsAddonOptions?.configurationValues;
    pulumi.output(args.fargate).apply((fargate) => {
        if (
            corednsExplicitlyEnabled ||
            ((fargate || !args.skipDefaultNodeGroup || args.autoMode?.enabled) &&
                (args.corednsAddonOptions?.enabled ?? true))
        ) {
            const corednsVersion: pulumi.Output<string> = args.corednsAddonOptions?.version
                ? pulumi.output(args.corednsAddonOptions.version)
                : aws.eks
                      .getAddonVersionOutput(
                          { addonName: "coredns", kubernetesVersion: eksCluster.version, mostRecent: true },
                          { parent, provider },
                      )
                      .apply((addonVersion) => addonVersion.version);

            const configurationValues = pulumi
                .all([args.fargate, args.corednsAddonOptions?.configurationValues])
                .apply(([f, values]) => (f ? { computeType: "Fargate", ...values } : values));

            new aws.eks.Addon(
                `${name}-coredns`,
                {
                    clusterName: eksCluster.name,
                    addonName: "coredns",
                    tags: args.tags,
                    preserve: true,
                    addonVersion: corednsVersion,
                    resolveConflictsOnCreate: args.corednsAddonOptions?.resolveConflictsOnCreate ?? "OVERWRITE",
                    resolveConflictsOnUpdate: args.corednsAddonOptions?.resolveConflictsOnUpdate ?? "OVERWRITE",
                    configurationValues: stringifyAddonConfiguration(configurationValues),
                },
                {
                    parent,
                    provider,
                    // With no Fargate profile yet, its pods would go to the default scheduler.
                    dependsOn: fargateProfile.apply((profile) => (profile ? [profile] : [])),
                },
            );
        }
    });
}

/** What createCluster hands the component. */
export interface ClusterResult {
    kubeconfig: pulumi.Output<any>;
    kubeconfigJson: pulumi.Output<string>;
    awsProvider?: pulumi.ProviderResource;
    clusterSecurityGroup?: aws.ec2.SecurityGroup;
    instanceRoles: pulumi.Output<aws.iam.Role[]>;
    nodeSecurityGroup?: aws.ec2.SecurityGroup;
    eksClusterIngressRule?: aws.ec2.SecurityGroupRule;
    defaultNodeGroup: NodeGroupV2Data | undefined;
    eksCluster: aws.eks.Cluster;
    core: CoreData;
    clusterSecurityGroupId: pulumi.Output<string>;
    nodeSecurityGroupId: pulumi.Output<string>;
    clusterIngressRuleId: pulumi.Output<string>;
    defaultNodeGroupAsgName: pulumi.Output<string>;
    fargateProfileId: pulumi.Output<string>;
    fargateProfileStatus: pulumi.Output<string>;
    oidcProviderArn: pulumi.Output<string>;
    oidcProviderUrl: pulumi.Output<string>;
    oidcIssuer: pulumi.Output<string>;
    autoModeNodeRoleName: pulumi.Output<string>;
    upgradePolicy: pulumi.Output<aws.types.output.eks.ClusterUpgradePolicy>;
}

/** The issuer URL of the cluster's OIDC identity, "" when it has none. */
export function oidcIssuerUrlOf(identities: aws.types.output.eks.ClusterIdentity[] | undefined): string {
    if (identities && identities.length > 0 && identities[0].oidcs && identities[0].oidcs.length > 0) {
        return identities[0].oidcs[0].issuer;
    }
    return "";
}

/** The cluster, its node security group and its default node group (createCluster). */
export function createCluster(
    name: string,
    self: pulumi.ComponentResource,
    args?: ClusterOptions,
    opts?: pulumi.ComponentResourceOptions,
): ClusterResult {
    args = args || {};
    if (opts?.provider && !args.providerCredentialOpts) {
        throw new Error(
            "It looks like you're using an explicit AWS provider. Please specify this provider in providerCredentialOpts.",
        );
    }
    // The provider runs with the engine's environment and the stack's configuration, as this process does.
    if (process.env.AWS_PROFILE && !args.providerCredentialOpts) {
        args.providerCredentialOpts = { profileName: process.env.AWS_PROFILE };
    }
    const awsProfile = new pulumi.Config("aws").get("profile");
    if (awsProfile && !args.providerCredentialOpts) {
        args.providerCredentialOpts = { profileName: awsProfile };
    }

    const core = createCore(name, args, self, opts?.provider);

    let nodeSecurityGroup: aws.ec2.SecurityGroup | undefined;
    let eksClusterIngressRule: aws.ec2.SecurityGroupRule | undefined;
    const skipDefaultSecurityGroups = args.skipDefaultSecurityGroups ?? args.autoMode?.enabled;
    if (!skipDefaultSecurityGroups) {
        if (!core.clusterSecurityGroup) {
            throw new pulumi.ResourceError(
                "clusterSecurityGroup is required when creating the default node group.",
                self,
            );
        }
        [nodeSecurityGroup, eksClusterIngressRule] = createNodeGroupSecurityGroup(
            name,
            {
                vpcId: core.vpcId,
                clusterSecurityGroupId: core.clusterSecurityGroup.id,
                eksCluster: core.cluster,
                tags: pulumi
                    .all([args.tags, args.nodeSecurityGroupTags])
                    .apply(([tags, nodeSecurityGroupTags]) => ({ ...nodeSecurityGroupTags, ...tags })),
            },
            self,
        );
        core.nodeGroupOptions.nodeSecurityGroup = nodeSecurityGroup;
        core.nodeGroupOptions.clusterIngressRule = eksClusterIngressRule;
    }

    const skipDefaultNodeGroup = args.skipDefaultNodeGroup || args.fargate || args.autoMode?.enabled;
    let defaultNodeGroup: NodeGroupV2Data | undefined;
    if (!skipDefaultNodeGroup) {
        defaultNodeGroup = createNodeGroupV2(name, { ...core.nodeGroupOptions }, pulumi.output(core), self);
    }

    const kubeconfigJson = pulumi.jsonStringify(core.kubeconfig);
    // Always present on clusters since Kubernetes 1.15; checked all the same.
    const oidcIssuerUrl = core.cluster.identities.apply(oidcIssuerUrlOf);

    return {
        core,
        clusterSecurityGroup: core.clusterSecurityGroup,
        eksCluster: core.cluster,
        instanceRoles: core.instanceRoles,
        awsProvider: core.awsProvider,
        nodeSecurityGroup,
        eksClusterIngressRule,
        defaultNodeGroup,
        kubeconfig: pulumi.output(core.kubeconfig),
        kubeconfigJson,
        // Without default security groups, the one EKS creates for the cluster.
        clusterSecurityGroupId: core.clusterSecurityGroup?.id ?? core.cluster.vpcConfig.clusterSecurityGroupId,
        nodeSecurityGroupId: nodeSecurityGroup?.id ?? core.cluster.vpcConfig.clusterSecurityGroupId,
        clusterIngressRuleId: eksClusterIngressRule?.securityGroupRuleId ?? pulumi.output(""),
        defaultNodeGroupAsgName: defaultNodeGroup?.autoScalingGroup.name ?? pulumi.output(""),
        fargateProfileId: core.fargateProfile.apply<string>((p) => p?.id ?? pulumi.output("")),
        fargateProfileStatus: core.fargateProfile.apply<string>((p) => p?.status ?? pulumi.output("")),
        oidcProviderArn: core.oidcProvider?.arn ?? pulumi.output(""),
        oidcProviderUrl: oidcIssuerUrl,
        // The issuer without its scheme.
        oidcIssuer: oidcIssuerUrl.apply((url) => url.replace("https://", "")),
        autoModeNodeRoleName: core.autoModeNodeRoleName,
        upgradePolicy: core.cluster.upgradePolicy,
    };
}

/**
 * The options the provider's Construct receives: the program's, but with `provider` folded into
 * the `providers` map (the engine sends providers by package), so Construct never sees `provider`.
 */
function constructOptions(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions {
    const { provider: _provider, ...rest } = opts ?? {};
    return rest;
}

/**
 * Why the harness does not build this Cluster (../unsupported.ts), empty when it does: an option it
 * does not follow, or a default node group the nodes side does not build (nodes/options.ts).
 */
export function unsupportedClusterArgs(args: eksSdk.ClusterArgs | undefined): string[] {
    const reasons = unsupportedOptions(args, UNSUPPORTED_CLUSTER_OPTIONS);
    const fargate = args?.fargate !== undefined && args.fargate !== null && args.fargate !== false;
    const skipDefaultNodeGroup = args?.skipDefaultNodeGroup || fargate || args?.autoMode?.enabled;
    if (!skipDefaultNodeGroup && args?.nodeGroupOptions) {
        const nodes = unsupportedSelfManagedOptions(args.nodeGroupOptions as Record<string, unknown>);
        if (nodes !== undefined) reasons.push(`nodeGroupOptions: ${nodes}`);
    }
    return reasons;
}

/** The arguments as they arrived, with their own copy of `nodeGroupOptions` (see the Cluster's constructor). */
export function registeredInputs(args: ClusterOptions): ClusterOptions {
    return args.nodeGroupOptions ? { ...args, nodeGroupOptions: { ...args.nodeGroupOptions } } : args;
}

/** The output names Construct returns (cmd/provider/cluster.ts), in its order. */
export const CLUSTER_OUTPUTS = [
    "kubeconfig",
    "kubeconfigJson",
    "clusterSecurityGroup",
    "instanceRoles",
    "nodeSecurityGroup",
    "eksClusterIngressRule",
    "defaultNodeGroup",
    "eksCluster",
    "core",
    "clusterSecurityGroupId",
    "nodeSecurityGroupId",
    "clusterIngressRuleId",
    "defaultNodeGroupAsgName",
    "fargateProfileId",
    "fargateProfileStatus",
    "oidcProviderArn",
    "oidcProviderUrl",
    "oidcIssuer",
    "autoModeNodeRoleName",
] as const;

/** The outputs the SDK class declares, set from the registration when the cluster stays remote. */
const SDK_OUTPUTS = [...CLUSTER_OUTPUTS, "awsProvider"] as const;

export class Cluster extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is Cluster {
        return hasPulumiType(obj, TYPE);
    }

    // Declared only: a remote Cluster's outputs are set by the registration, which class fields
    // would reset. `provider` is not declared at all: the SDK's mixin defines it on this prototype.
    declare readonly awsProvider: pulumi.Output<pulumi.ProviderResource | undefined>;
    declare readonly clusterSecurityGroup: pulumi.Output<aws.ec2.SecurityGroup | undefined>;
    declare readonly core: pulumi.Output<pulumi.Unwrap<CoreData>>;
    declare readonly defaultNodeGroup: pulumi.Output<pulumi.Unwrap<NodeGroupV2Data> | undefined>;
    declare readonly eksCluster: pulumi.Output<aws.eks.Cluster>;
    declare readonly eksClusterIngressRule: pulumi.Output<aws.ec2.SecurityGroupRule | undefined>;
    declare readonly instanceRoles: pulumi.Output<aws.iam.Role[]>;
    declare readonly kubeconfig: pulumi.Output<any>;
    declare readonly kubeconfigJson: pulumi.Output<string>;
    declare readonly nodeSecurityGroup: pulumi.Output<aws.ec2.SecurityGroup | undefined>;
    declare readonly clusterSecurityGroupId: pulumi.Output<string>;
    declare readonly nodeSecurityGroupId: pulumi.Output<string>;
    declare readonly clusterIngressRuleId: pulumi.Output<string>;
    declare readonly defaultNodeGroupAsgName: pulumi.Output<string>;
    declare readonly fargateProfileId: pulumi.Output<string>;
    declare readonly fargateProfileStatus: pulumi.Output<string>;
    declare readonly oidcProviderArn: pulumi.Output<string>;
    declare readonly oidcProviderUrl: pulumi.Output<string>;
    declare readonly oidcIssuer: pulumi.Output<string>;
    declare readonly autoModeNodeRoleName: pulumi.Output<string>;

    /**
     * @param args the SDK's ClusterArgs. One of ../unsupported.ts's options makes this the SDK's
     *   remote registration instead.
     */
    constructor(name: string, args?: eksSdk.ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        if (opts?.urn) {
            // Rehydrating a reference to an existing Cluster (the SDK's resource module does so when
            // it deserializes one): its outputs are read by URN, as the SDK class reads them.
            super(TYPE, name, Object.fromEntries(SDK_OUTPUTS.map((key) => [key, undefined])), opts, true);
            return;
        }
        const unsupported = unsupportedClusterArgs(args);
        if (unsupported.length > 0) {
            // The check's no-verdict error names them (tools/check/remote-components.ts).
            recordStaysRemote(TYPE, name, unsupported);
            const inputs: Record<string, unknown> = clusterSdkInputs(args);
            for (const key of SDK_OUTPUTS) inputs[key] = undefined;
            super(TYPE, name, inputs, sdkResourceOptions(opts), true);
            return;
        }
        const wireArgs = clusterProviderArgs(args);
        // The provider's Cluster passes its arguments as the component's inputs. createCore then
        // writes the default node group's instance profile, security group and ingress rule into
        // `nodeGroupOptions`, an object those inputs share: serialized there, each child would
        // wait for its parent's registration, which waits for its inputs, and neither finishes.
        // The inputs are registered as the arguments arrived, before those writes.
        super(TYPE, name, registeredInputs(wireArgs), opts);
        const self = this as { -readonly [K in keyof Cluster]: Cluster[K] };

        let cluster: ClusterResult;
        try {
            cluster = createCluster(name, this, wireArgs, constructOptions(opts));
        } catch (error) {
            // Construct's error fails the registration and the run (component-args.ts escapeFailure).
            const failed = pulumi.output(
                escapeFailure(Promise.reject(error instanceof Error ? error : new Error(String(error)))),
            );
            for (const key of CLUSTER_OUTPUTS) (self as Record<string, unknown>)[key] = failed;
            self.awsProvider = pulumi.output(undefined);
            this.registerOutputs(Object.fromEntries(CLUSTER_OUTPUTS.map((key) => [key, failed])));
            return;
        }
        self.kubeconfig = cluster.kubeconfig;
        self.kubeconfigJson = cluster.kubeconfigJson;
        self.clusterSecurityGroup = pulumi.output(cluster.clusterSecurityGroup);
        self.instanceRoles = cluster.instanceRoles;
        self.nodeSecurityGroup = pulumi.output(cluster.nodeSecurityGroup);
        self.eksClusterIngressRule = pulumi.output(cluster.eksClusterIngressRule);
        self.defaultNodeGroup = pulumi.output(cluster.defaultNodeGroup);
        self.eksCluster = pulumi.output(cluster.eksCluster);
        self.core = pulumi.output(cluster.core);
        self.clusterSecurityGroupId = pulumi.output(cluster.clusterSecurityGroupId);
        self.nodeSecurityGroupId = pulumi.output(cluster.nodeSecurityGroupId);
        self.clusterIngressRuleId = pulumi.output(cluster.clusterIngressRuleId);
        self.defaultNodeGroupAsgName = pulumi.output(cluster.defaultNodeGroupAsgName);
        self.fargateProfileId = pulumi.output(cluster.fargateProfileId);
        self.fargateProfileStatus = pulumi.output(cluster.fargateProfileStatus);
        self.oidcProviderArn = pulumi.output(cluster.oidcProviderArn);
        self.oidcProviderUrl = pulumi.output(cluster.oidcProviderUrl);
        self.oidcIssuer = pulumi.output(cluster.oidcIssuer);
        self.autoModeNodeRoleName = pulumi.output(cluster.autoModeNodeRoleName);
        // Declared by the SDK class, but not among the outputs Construct returns: it reads undefined.
        self.awsProvider = pulumi.output(undefined);
        this.registerOutputs(Object.fromEntries(CLUSTER_OUTPUTS.map((key) => [key, this[key]])));
    }

    /**
     * The provider's `Cluster/getKubeconfig` method, as the SDK's method returns it (`{ result }`):
     * a kubeconfig for the given role or profile, as JSON. On a remote Cluster, the SDK's call.
     */
    getKubeconfig(args?: KubeconfigOptions): pulumi.Output<{ result: string }> {
        if ((this as unknown as { __remote?: boolean }).__remote) {
            return pulumi.runtime.call<{ result: string }>(
                "eks:index:Cluster/getKubeconfig",
                { __self__: this, profileName: args?.profileName, roleArn: args?.roleArn },
                this,
            );
        }
        const region = this.eksCluster.arn.apply(getRegionFromArn);
        const kubeconfig = generateKubeconfig(
            this.eksCluster.name,
            this.eksCluster.endpoint,
            region,
            true,
            this.eksCluster.certificateAuthority.data,
            { profileName: args?.profileName, roleArn: args?.roleArn },
        );
        // The endpoint and CA data sit in the kubeconfig as Outputs: `pulumi.output` unwraps them, as upstream's does.
        return pulumi.output(kubeconfig).apply((config) => ({ result: JSON.stringify(config) }));
    }
}
