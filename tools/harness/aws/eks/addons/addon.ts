/**
 * `eks:index:Addon`, built as the eks provider's Construct builds it (follows pulumi-eks v4.3.0
 * nodejs/eks/addons/addon.ts and cmd/provider/addon.ts, Apache-2.0): the component is parented to
 * the cluster it names, and holds one `aws.eks.Addon` of its own name whose cluster name is the
 * cluster's, with the configuration values as JSON.
 *
 * The provider reads the cluster's name from the Cluster component's `core` output. A Cluster the
 * harness could not build (remote, see ../unsupported.ts) has no such output here, so an Addon on
 * it registers as the SDK class does, remote, and the check gives no verdict on it either.
 *
 * Also `stringifyAddonConfiguration`, which the cluster's own addons use: JSON with the keys of
 * every object sorted, so the string is the same for the same values.
 */
import * as aws from "@pulumi/aws";
import type * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType, sdkArgs } from "../../../component-args";
import { sdkResourceOptions } from "../unsupported";

const TYPE = "eks:index:Addon";

/** The inputs the SDK class sends (@pulumi/eks 4.3.0's generated constructor). */
export const ADDON_SDK_ARGS: readonly (keyof eks.AddonArgs)[] = [
    "addonName",
    "addonVersion",
    "cluster",
    "configurationValues",
    "preserve",
    "resolveConflictsOnCreate",
    "resolveConflictsOnUpdate",
    "serviceAccountRoleArn",
    "tags",
];

/** The replacer that sorts every plain object's keys. */
function stringifyReplacer(_key: string, value: any): any {
    return value instanceof Object && !(value instanceof Array || value instanceof Date || value instanceof Function)
        ? Object.keys(value)
              .sort()
              .reduce(
                  (sorted, key) => {
                      sorted[key] = value[key];
                      return sorted;
                  },
                  {} as Record<string, any>,
              )
        : value;
}

/** An addon's configuration as JSON with sorted keys; undefined when there is none. */
export function stringifyAddonConfiguration(
    values: pulumi.Input<object> | undefined,
): pulumi.Output<string> | undefined {
    return values ? pulumi.jsonStringify(values, stringifyReplacer) : undefined;
}

/** Whether a Cluster is one whose children the harness did not build (its `core` is not known here). */
export function isRemoteComponent(resource: unknown): boolean {
    return (resource as { __remote?: unknown } | undefined)?.__remote === true;
}

export class Addon extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is Addon {
        return hasPulumiType(obj, TYPE);
    }

    declare readonly addon: pulumi.Output<aws.eks.Addon>;

    constructor(name: string, rawArgs?: eks.AddonArgs, opts?: pulumi.ComponentResourceOptions) {
        // The generated class's own checks, made in the program before it registers anything.
        if (!opts?.urn) {
            if (rawArgs?.addonName === undefined) throw new Error("Missing required property 'addonName'");
            if (rawArgs?.cluster === undefined) throw new Error("Missing required property 'cluster'");
        }
        if (opts?.urn) {
            // Rehydrating a reference (the SDK's resource module): outputs read by URN.
            super(TYPE, name, { addon: undefined }, opts, true);
            return;
        }
        const args = sdkArgs(rawArgs, ADDON_SDK_ARGS);
        const cluster = args.cluster as unknown as {
            core: pulumi.Output<{ cluster: aws.eks.Cluster }>;
        } & pulumi.Resource;
        if (isRemoteComponent(cluster)) {
            // As the SDK class registers it: the engine would have the provider build it.
            super(TYPE, name, { ...args, addon: undefined }, sdkResourceOptions(opts), true);
            return;
        }
        // The provider's Construct sees no `provider` option (providers travel as a map), and parents
        // the component to the cluster.
        super(TYPE, name, args, pulumi.mergeOptions(opts, { parent: cluster }));
        const addon = new aws.eks.Addon(
            name,
            {
                // Every argument goes to the resource (the SDK's `tags` type is off); it keeps the ones it knows.
                ...(args as unknown as aws.eks.AddonArgs),
                // `cluster.core.cluster.name`, as the provider reads it (a lifted property is an apply).
                clusterName: cluster.core.apply((core) => core.cluster.name),
                configurationValues: args.configurationValues
                    ? pulumi.jsonStringify(args.configurationValues)
                    : undefined,
            },
            { parent: this },
        );
        this.addon = pulumi.output(addon);
        // The provider's Addon registers no outputs of its own; Construct returns `addon`.
        this.registerOutputs({ addon: this.addon });
    }
}
