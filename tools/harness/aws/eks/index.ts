/**
 * The eks provider's components (`eks.Cluster`, its node groups and addons) under the harness.
 * Under the engine the eks provider plugin (a Node.js program, pulumi-eks's nodejs/eks folder)
 * builds the cluster's roles, security groups, EKS cluster, addons, Kubernetes provider and node
 * group inside each (Construct); here each SDK class is swapped, as its module loads, for one that
 * builds the same resources in the program's process (component-swap.ts). Follows the provider's
 * v4.3.0 source for the SDK major 4; another major's components stay remote, and so does a
 * component given an option the emulation does not follow (unsupported.ts, nodes/options.ts).
 */
import { componentEmulation, type EmulatedComponents } from "../../component-swap";

/**
 * Every emulated component by type token. Loaded when a program first loads an eks class: the
 * emulations load @pulumi/aws and @pulumi/kubernetes.
 */
export function eksComponents(): EmulatedComponents {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    const { Cluster } = require("./cluster/cluster") as typeof import("./cluster/cluster");
    return {
        [Cluster.__pulumiType]: Cluster,
        ...(require("./addons") as typeof import("./addons")).COMPONENTS,
        ...(require("./nodes") as typeof import("./nodes")).COMPONENTS,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** eks's components, for the SDK majors whose provider source this follows, as the check registers them (tools/clouds.ts). */
export const EKS_EMULATION = componentEmulation("eks", [4], eksComponents);
