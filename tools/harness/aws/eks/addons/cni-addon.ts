/**
 * `eks:index:VpcCniAddon`, built as the eks provider builds it (follows pulumi-eks v4.3.0
 * nodejs/eks/addons/cni-addon.ts and cmd/provider/cni-addon.ts, Apache-2.0): one `aws.eks.Addon`
 * "vpc-cni" of the component's name, its version the one given or the latest for the cluster's
 * Kubernetes version (aws.eks.getAddonVersion), its configuration the CNI's environment computed
 * from the options and merged into the user's `configurationValues`; with
 * `securityContextPrivileged`, also a server-side-apply patch of the aws-node DaemonSet.
 *
 * The Cluster builds one inside itself with the options as its Construct received them; a program
 * builds one through the SDK class, whose arguments the exported `SdkVpcCniAddon` reads as the
 * provider receives them (the SDK's defaults, wire shape) before building the same.
 */
import * as aws from "@pulumi/aws";
import type * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType, sdkArgs } from "../../../component-args";
import { isObject } from "../utilities";
import { stringifyAddonConfiguration } from "./addon";

const TYPE = "eks:index:VpcCniAddon";

/** The CNI's environment options (upstream's CniEnvVariables). */
export interface CniEnvVariables {
    nodePortSupport?: pulumi.Input<boolean>;
    customNetworkConfig?: pulumi.Input<boolean>;
    externalSnat?: pulumi.Input<boolean>;
    warmEniTarget?: pulumi.Input<number>;
    warmIpTarget?: pulumi.Input<number>;
    warmPrefixTarget?: pulumi.Input<number>;
    enablePrefixDelegation?: pulumi.Input<boolean>;
    logLevel?: pulumi.Input<string>;
    logFile?: pulumi.Input<string>;
    vethPrefix?: pulumi.Input<string>;
    eniMtu?: pulumi.Input<number>;
    eniConfigLabelDef?: pulumi.Input<string>;
    pluginLogLevel?: pulumi.Input<string>;
    pluginLogFile?: pulumi.Input<string>;
    enablePodEni?: pulumi.Input<boolean>;
    disableTcpEarlyDemux?: pulumi.Input<boolean>;
    cniConfigureRpfilter?: pulumi.Input<boolean>;
    cniCustomNetworkCfg?: pulumi.Input<boolean>;
    cniExternalSnat?: pulumi.Input<boolean>;
}

export interface VpcCniAddonOptions extends CniEnvVariables {
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version: picks the addon's version when `addonVersion` is unset. */
    clusterVersion?: pulumi.Input<string>;
    addonVersion?: pulumi.Input<string>;
    resolveConflictsOnCreate?: pulumi.Input<string>;
    resolveConflictsOnUpdate?: pulumi.Input<string>;
    serviceAccountRoleArn?: pulumi.Input<string>;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    configurationValues?: pulumi.Input<object>;
    securityContextPrivileged?: pulumi.Input<boolean>;
    enableNetworkPolicy?: pulumi.Input<boolean>;
}

/** The inputs the SDK class sends (@pulumi/eks 4.3.0's generated constructor). */
export const VPC_CNI_SDK_ARGS: readonly (keyof eks.VpcCniAddonArgs)[] = [
    "addonVersion",
    "clusterName",
    "clusterVersion",
    "cniConfigureRpfilter",
    "cniCustomNetworkCfg",
    "cniExternalSnat",
    "configurationValues",
    "customNetworkConfig",
    "disableTcpEarlyDemux",
    "enableNetworkPolicy",
    "enablePodEni",
    "enablePrefixDelegation",
    "eniConfigLabelDef",
    "eniMtu",
    "externalSnat",
    "logFile",
    "logLevel",
    "nodePortSupport",
    "resolveConflictsOnCreate",
    "resolveConflictsOnUpdate",
    "securityContextPrivileged",
    "serviceAccountRoleArn",
    "tags",
    "vethPrefix",
    "warmEniTarget",
    "warmIpTarget",
    "warmPrefixTarget",
];

export class VpcCniAddon extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is VpcCniAddon {
        return hasPulumiType(obj, TYPE);
    }

    declare readonly addon: pulumi.Output<aws.eks.Addon>;

    constructor(name: string, args?: VpcCniAddonOptions, opts?: pulumi.ComponentResourceOptions) {
        if (opts?.urn) {
            // Rehydrating a reference (the SDK's resource module): outputs read by URN, as upstream does.
            super(TYPE, name, { addon: undefined }, opts, true);
            return;
        }
        super(TYPE, name, args, opts);

        if (args?.clusterName === undefined) {
            throw new pulumi.ResourceError("Missing required option 'clusterName'", this);
        }

        const { env, initEnv } = computeEnv(args);

        let addonVersion: pulumi.Input<string>;
        if (args.addonVersion) {
            addonVersion = args.addonVersion;
        } else if (args.clusterVersion) {
            addonVersion = aws.eks.getAddonVersionOutput(
                { addonName: "vpc-cni", kubernetesVersion: args.clusterVersion, mostRecent: true },
                { parent: this },
            ).version;
        } else {
            throw new pulumi.ResourceError(
                "You need to specify either `addonVersion` or `clusterVersion` to determine the version of the vpc-cni addon to use.",
                this,
            );
        }

        const configurationValues = pulumi
            .all([env, initEnv, args.enableNetworkPolicy, args.configurationValues ?? {}])
            .apply(([e, i, enableNetworkPolicy, values]) =>
                mergeConfigurationValues(e, i, enableNetworkPolicy, values),
            );

        const addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonVersion,
                addonName: "vpc-cni",
                // OVERWRITE lets the addon adopt the cluster's self-managed CNI, and updates not fail.
                resolveConflictsOnCreate: args.resolveConflictsOnCreate ?? "OVERWRITE",
                resolveConflictsOnUpdate: args.resolveConflictsOnUpdate ?? "OVERWRITE",
                preserve: true,
                configurationValues: stringifyAddonConfiguration(configurationValues),
                serviceAccountRoleArn: args.serviceAccountRoleArn,
                tags: args.tags,
            },
            { parent: this },
        );
        this.addon = pulumi.output(addon);

        if (args.securityContextPrivileged) createDaemonSetPatch(this, name, args, addon);

        this.registerOutputs({ addon: this.addon });
    }
}

/** The component the SDK class is swapped for: the SDK's arguments as the provider receives them. */
export class SdkVpcCniAddon extends VpcCniAddon {
    constructor(name: string, args?: eks.VpcCniAddonArgs, opts?: pulumi.ComponentResourceOptions) {
        // The generated class's own check, made in the program before it registers anything.
        if (args?.clusterName === undefined && !opts?.urn) throw new Error("Missing required property 'clusterName'");
        super(name, opts?.urn ? undefined : vpcCniSdkArgs(args), opts);
    }
}

/** The SDK's inputs, with the defaults its constructor fills in, in wire shape. */
export function vpcCniSdkArgs(args: eks.VpcCniAddonArgs | undefined): VpcCniAddonOptions {
    return sdkArgs(
        {
            ...args,
            resolveConflictsOnCreate: args?.resolveConflictsOnCreate ?? "OVERWRITE",
            resolveConflictsOnUpdate: args?.resolveConflictsOnUpdate ?? "OVERWRITE",
        } as eks.VpcCniAddonArgs,
        VPC_CNI_SDK_ARGS,
    ) as VpcCniAddonOptions;
}

/** The patch that sets what the addon cannot: aws-node's privileged security context. */
function createDaemonSetPatch(
    parent: VpcCniAddon,
    name: string,
    args: VpcCniAddonOptions,
    addon: aws.eks.Addon,
): k8s.apps.v1.DaemonSetPatch {
    const containers: k8s.types.input.core.v1.ContainerPatch[] = [];
    if (args.securityContextPrivileged) {
        containers.push({ name: "aws-node", securityContext: { privileged: args.securityContextPrivileged } });
    }
    return new k8s.apps.v1.DaemonSetPatch(
        name,
        {
            metadata: {
                name: "aws-node",
                namespace: "kube-system",
                annotations: { "pulumi.com/patchForce": "true" },
            },
            spec: { template: { spec: { containers: containers.length > 0 ? containers : undefined } } },
        },
        { parent, dependsOn: [addon], retainOnDelete: true },
    );
}

export interface ComputedEnv {
    env: Record<string, pulumi.Output<string>>;
    initEnv: Record<string, pulumi.Output<string>>;
}

const stringifyBool = (val: boolean): string => (val ? "true" : "false");
const stringifyNumber = (val: number): string => `${val}`;

/** The aws-node container's and its init container's environment, with the provider's defaults. */
export function computeEnv(args: CniEnvVariables): ComputedEnv {
    const env: { name: string; value: pulumi.Output<string> }[] = [];
    const initEnv: { name: string; value: pulumi.Output<string> }[] = [];
    const out = (value: pulumi.Input<string>) => pulumi.output(value);
    if (args.nodePortSupport) {
        env.push({
            name: "AWS_VPC_CNI_NODE_PORT_SUPPORT",
            value: pulumi.output(args.nodePortSupport).apply(stringifyBool),
        });
    }
    if (args.customNetworkConfig) {
        env.push({
            name: "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
            value: pulumi.output(args.customNetworkConfig).apply(stringifyBool),
        });
    }
    env.push({ name: "WARM_ENI_TARGET", value: pulumi.output(args.warmEniTarget).apply((val) => `${val ?? 1}`) });
    if (args.warmIpTarget) {
        env.push({ name: "WARM_IP_TARGET", value: pulumi.output(args.warmIpTarget).apply(stringifyNumber) });
    }
    if (args.warmPrefixTarget) {
        env.push({ name: "WARM_PREFIX_TARGET", value: pulumi.output(args.warmPrefixTarget).apply(stringifyNumber) });
    }
    if (args.enablePrefixDelegation) {
        env.push({
            name: "ENABLE_PREFIX_DELEGATION",
            value: pulumi.output(args.enablePrefixDelegation).apply(stringifyBool),
        });
    }
    env.push({ name: "AWS_VPC_K8S_CNI_LOGLEVEL", value: out(args.logLevel ? args.logLevel : "DEBUG") });
    env.push({
        name: "AWS_VPC_K8S_CNI_LOG_FILE",
        value: out(args.logFile ? args.logFile : "/host/var/log/aws-routed-eni/ipamd.log"),
    });
    env.push({ name: "AWS_VPC_K8S_CNI_VETHPREFIX", value: out(args.vethPrefix ? args.vethPrefix : "eni") });
    env.push({
        name: "AWS_VPC_ENI_MTU",
        value: args.eniMtu ? pulumi.output(args.eniMtu).apply(stringifyNumber) : out("9001"),
    });
    if (args.eniConfigLabelDef) {
        env.push({ name: "ENI_CONFIG_LABEL_DEF", value: out(args.eniConfigLabelDef) });
    }
    env.push({
        name: "AWS_VPC_K8S_PLUGIN_LOG_LEVEL",
        value: out(args.pluginLogLevel ? args.pluginLogLevel : "DEBUG"),
    });
    env.push({
        name: "AWS_VPC_K8S_PLUGIN_LOG_FILE",
        value: out(args.pluginLogFile ? args.pluginLogFile : "/var/log/aws-routed-eni/plugin.log"),
    });
    env.push({
        name: "ENABLE_POD_ENI",
        value: args.enablePodEni ? pulumi.output(args.enablePodEni).apply(stringifyBool) : out("false"),
    });
    initEnv.push({
        name: "DISABLE_TCP_EARLY_DEMUX",
        value: args.disableTcpEarlyDemux ? pulumi.output(args.disableTcpEarlyDemux).apply(stringifyBool) : out("false"),
    });
    if (args.cniConfigureRpfilter) {
        env.push({
            name: "AWS_VPC_K8S_CNI_CONFIGURE_RPFILTER",
            value: pulumi.output(args.cniConfigureRpfilter).apply(stringifyBool),
        });
    }
    env.push({
        name: "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
        value: args.cniCustomNetworkCfg ? pulumi.output(args.cniCustomNetworkCfg).apply(stringifyBool) : out("false"),
    });
    // A user would usually give one of the two.
    if (args.cniExternalSnat && args.externalSnat) {
        throw new Error("Please specify one of `cniExternalSnat` or `externalSnat` in your VpcCniOptions");
    }
    if (args.externalSnat) {
        env.push({
            name: "AWS_VPC_K8S_CNI_EXTERNALSNAT",
            value: pulumi.output(args.externalSnat).apply(stringifyBool),
        });
    } else if (args.cniExternalSnat) {
        env.push({
            name: "AWS_VPC_K8S_CNI_EXTERNALSNAT",
            value: pulumi.output(args.cniExternalSnat).apply(stringifyBool),
        });
    } else {
        env.push({ name: "AWS_VPC_K8S_CNI_EXTERNALSNAT", value: out("false") });
    }

    // Later entries of the same name win, as the provider's Object.assign lets them.
    const toRecord = (entries: { name: string; value: pulumi.Output<string> }[]) =>
        entries.reduce<Record<string, pulumi.Output<string>>>((acc, { name, value }) => {
            Object.assign(acc, { [name]: value });
            return acc;
        }, {});
    return { env: toRecord(env), initEnv: toRecord(initEnv) };
}

/** The user's configuration values with the computed environment merged in (the user's keys win). */
export function mergeConfigurationValues(
    env: Record<string, string>,
    initEnv: Record<string, string>,
    enableNetworkPolicy: boolean | undefined,
    configurationValues: object | undefined,
): object {
    const config: Record<string, any> = {};
    Object.assign(config, configurationValues);

    if (!("enableNetworkPolicy" in config) && enableNetworkPolicy !== undefined) {
        Object.assign(config, { enableNetworkPolicy: stringifyBool(enableNetworkPolicy) });
    }

    if ("env" in config && isObject(config.env)) {
        config.env = { ...env, ...config.env };
    } else {
        Object.assign(config, { env });
    }

    if ("init" in config && isObject(config.init) && "env" in config.init && isObject(config.init.env)) {
        config.init.env = { ...initEnv, ...config.init.env };
    } else if (initEnv && "init" in config && isObject(config.init)) {
        config.init = { env: initEnv, ...config.init };
    } else {
        Object.assign(config, { init: { env: initEnv } });
    }
    return config;
}
