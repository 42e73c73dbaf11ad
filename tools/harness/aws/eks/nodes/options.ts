/**
 * Which node group arguments the harness follows, in one place: the inputs each eks SDK class
 * sends (eks 4.3.0's generated constructors), and the arguments whose handling the provider's
 * source does with something the harness does not carry. A node group given one of those is
 * registered as the SDK class registers it, a remote component with nothing inside, and the check
 * gives the stack no verdict rather than a guess.
 */
import * as pulumi from "@pulumi/pulumi";
import { eksSdkVersion, sdkResourceOptions } from "../unsupported";
import { toAmiType } from "./ami";

/** The inputs the NodeGroupV2 SDK class sends. */
export const NODE_GROUP_V2_SDK_ARGS = [
    "amiId",
    "amiType",
    "autoScalingGroupTags",
    "bootstrapExtraArgs",
    "bottlerocketSettings",
    "cloudFormationTags",
    "cluster",
    "clusterIngressRule",
    "clusterIngressRuleId",
    "desiredCapacity",
    "enableDetailedMonitoring",
    "encryptRootBlockDevice",
    "extraNodeSecurityGroups",
    "gpu",
    "ignoreScalingChanges",
    "instanceProfile",
    "instanceProfileName",
    "instanceType",
    "keyName",
    "kubeletExtraArgs",
    "labels",
    "launchTemplateTagSpecifications",
    "maxSize",
    "minRefreshPercentage",
    "minSize",
    "nodeAssociatePublicIpAddress",
    "nodePublicKey",
    "nodeRootVolumeDeleteOnTermination",
    "nodeRootVolumeEncrypted",
    "nodeRootVolumeIops",
    "nodeRootVolumeSize",
    "nodeRootVolumeThroughput",
    "nodeRootVolumeType",
    "nodeSecurityGroup",
    "nodeSecurityGroupId",
    "nodeSubnetIds",
    "nodeUserData",
    "nodeUserDataOverride",
    "nodeadmExtraOptions",
    "operatingSystem",
    "spotPrice",
    "taints",
    "version",
] as const;

/** The inputs the NodeGroup (v1) SDK class sends: NodeGroupV2's but the launch template's own. */
export const NODE_GROUP_SDK_ARGS = NODE_GROUP_V2_SDK_ARGS.filter(
    (key) => !["ignoreScalingChanges", "launchTemplateTagSpecifications", "minRefreshPercentage"].includes(key),
);

/** The inputs the ManagedNodeGroup SDK class sends. */
export const MANAGED_NODE_GROUP_SDK_ARGS = [
    "amiId",
    "amiType",
    "bootstrapExtraArgs",
    "bottlerocketSettings",
    "capacityType",
    "cluster",
    "clusterName",
    "diskSize",
    "enableEfaSupport",
    "enableIMDSv2",
    "forceUpdateVersion",
    "gpu",
    "ignoreScalingChanges",
    "instanceTypes",
    "kubeletExtraArgs",
    "labels",
    "launchTemplate",
    "nodeGroupName",
    "nodeGroupNamePrefix",
    "nodeRole",
    "nodeRoleArn",
    "nodeadmExtraOptions",
    "operatingSystem",
    "placementGroupAvailabilityZone",
    "releaseVersion",
    "remoteAccess",
    "scalingConfig",
    "subnetIds",
    "tags",
    "taints",
    "userData",
    "version",
] as const;

type Args = Readonly<Record<string, unknown>>;

/**
 * Whether the nodes may be Bottlerocket, whose TOML user data the harness does not render (see
 * userdata.ts): so named, or by an AMI type of that OS; an OS or AMI type not known while the
 * program runs may be too.
 */
function mayBeBottlerocket(args: Args): boolean {
    const { operatingSystem, amiType } = args;
    if (operatingSystem !== undefined && typeof operatingSystem !== "string") return true;
    if (amiType !== undefined && typeof amiType !== "string") return true;
    if (operatingSystem === "Bottlerocket") return true;
    return typeof amiType === "string" && toAmiType(amiType)?.startsWith("BOTTLEROCKET") === true;
}

/**
 * Why a self-managed node group (NodeGroupV2, a cluster's default node group from its
 * `nodeGroupOptions`) is not built here, or undefined when it is.
 */
export function unsupportedSelfManagedOptions(args: Args): string | undefined {
    if (args.bottlerocketSettings !== undefined) return "bottlerocketSettings (Bottlerocket's TOML user data)";
    if (mayBeBottlerocket(args)) return "Bottlerocket nodes (their TOML user data)";
    return undefined;
}

/** Why a ManagedNodeGroup is not built here, or undefined when it is. */
export function unsupportedManagedOptions(args: Args): string | undefined {
    // `false` only asks for a launch template of its own, which is followed.
    if (args.enableEfaSupport !== undefined && args.enableEfaSupport !== false)
        return "enableEfaSupport (the instance type's network cards and zones, read from AWS)";
    if (args.bottlerocketSettings !== undefined) return "bottlerocketSettings (Bottlerocket's TOML user data)";
    // Only a launch template with the provider's own user data renders it.
    const ownUserData =
        args.userData === undefined &&
        ["kubeletExtraArgs", "bootstrapExtraArgs", "nodeadmExtraOptions", "amiId"].some((k) => args[k] !== undefined);
    if (ownUserData && mayBeBottlerocket(args)) return "Bottlerocket nodes (their TOML user data)";
    return undefined;
}

/**
 * Whether the node group's cluster is a remote component (one the harness did not build, whose
 * outputs are not known here): the Cluster itself, or an output of it (its `core`).
 */
export function remoteCluster(cluster: unknown): boolean {
    const remote = (r: unknown) => pulumi.Resource.isInstance(r) && (r as { __remote?: boolean }).__remote === true;
    if (remote(cluster)) return true;
    if (!pulumi.Output.isInstance(cluster)) return false;
    const resources = (cluster as unknown as { resources?: () => Set<unknown> }).resources?.();
    return [...(resources ?? [])].some(remote);
}

/**
 * The inputs a remote registration sends, as the SDK class builds them: each of its keys (an
 * absent one as undefined), and each output property that is not also an input as undefined.
 * The SDK class refuses a missing `cluster` first.
 */
export function remoteInputs(
    args: Args | undefined,
    keys: readonly string[],
    outputs: readonly string[],
): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const key of keys) inputs[key] = args?.[key];
    for (const key of outputs) if (!keys.includes(key)) inputs[key] = undefined;
    return inputs;
}

/** The options of a remote registration: the program's, with the SDK's version when it names none. */
export const remoteOptions = (opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions =>
    sdkResourceOptions(opts);

/** The generated SDK classes' own check, made before they register. */
export function requireCluster(args: { cluster?: unknown } | undefined): void {
    if (args?.cluster === undefined) throw new Error("Missing required property 'cluster'");
}

export { eksSdkVersion };
