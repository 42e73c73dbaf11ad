/**
 * The Cluster's arguments as the eks provider's Construct receives them: the inputs the generated
 * SDK class (@pulumi/eks 4.3.0 cluster.js) sends, with the defaults it fills into the nested
 * option objects (types/input.js `...ProvideDefaults`), in their wire shape (component-args.ts).
 * The defaults matter to what is built: `corednsAddonOptions: {}` arrives as `{ enabled: true, ... }`,
 * which creates the coredns addon even on a cluster without its default node group.
 */
import type * as eks from "@pulumi/eks";
import { sdkArgs } from "../../../component-args";
import type { ClusterOptions } from "./cluster";

/** The inputs the SDK class sends. */
export const CLUSTER_SDK_ARGS: readonly (keyof eks.ClusterArgs)[] = [
    "accessEntries",
    "authenticationMode",
    "autoMode",
    "bootstrapSelfManagedAddons",
    "clusterSecurityGroup",
    "clusterSecurityGroupTags",
    "clusterTags",
    "corednsAddonOptions",
    "createInstanceRole",
    "createOidcProvider",
    "creationRoleProvider",
    "deletionProtection",
    "desiredCapacity",
    "enableConfigMapMutable",
    "enabledClusterLogTypes",
    "encryptionConfigKeyArn",
    "endpointPrivateAccess",
    "endpointPublicAccess",
    "fargate",
    "gpu",
    "instanceProfileName",
    "instanceRole",
    "instanceRoles",
    "instanceType",
    "ipFamily",
    "kubeProxyAddonOptions",
    "kubernetesServiceIpAddressRange",
    "maxSize",
    "minSize",
    "name",
    "nodeAmiId",
    "nodeAssociatePublicIpAddress",
    "nodeGroupOptions",
    "nodePublicKey",
    "nodeRootVolumeEncrypted",
    "nodeRootVolumeSize",
    "nodeSecurityGroupTags",
    "nodeSubnetIds",
    "nodeUserData",
    "privateSubnetIds",
    "providerCredentialOpts",
    "proxy",
    "publicAccessCidrs",
    "publicSubnetIds",
    "roleMappings",
    "serviceRole",
    "skipDefaultNodeGroup",
    "skipDefaultSecurityGroups",
    "storageClasses",
    "subnetIds",
    "tags",
    "upgradePolicy",
    "useDefaultVpcCni",
    "userMappings",
    "version",
    "vpcCniOptions",
    "vpcId",
];

/** The SDK's inputs with its defaults filled in (the resourceInputs it registers, outputs left out). */
export function clusterSdkInputs(args: eks.ClusterArgs | undefined): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const key of CLUSTER_SDK_ARGS) inputs[key] = args?.[key];
    if (args?.autoMode) inputs.autoMode = { ...args.autoMode, createNodeRole: args.autoMode.createNodeRole ?? true };
    if (args?.corednsAddonOptions) {
        const o = args.corednsAddonOptions;
        inputs.corednsAddonOptions = {
            ...o,
            enabled: o.enabled ?? true,
            resolveConflictsOnCreate: o.resolveConflictsOnCreate ?? "OVERWRITE",
            resolveConflictsOnUpdate: o.resolveConflictsOnUpdate ?? "OVERWRITE",
        };
    }
    for (const key of ["kubeProxyAddonOptions", "vpcCniOptions"] as const) {
        const o = args?.[key];
        if (o) {
            inputs[key] = {
                ...o,
                resolveConflictsOnCreate: o.resolveConflictsOnCreate ?? "OVERWRITE",
                resolveConflictsOnUpdate: o.resolveConflictsOnUpdate ?? "OVERWRITE",
            };
        }
    }
    return inputs;
}

/** The arguments the provider's Cluster reads: the SDK's inputs in wire shape. */
export function clusterProviderArgs(args: eks.ClusterArgs | undefined): ClusterOptions {
    const inputs = clusterSdkInputs(args);
    return sdkArgs(inputs, Object.keys(inputs));
}
