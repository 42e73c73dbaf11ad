/**
 * What the harness does not build of the eks provider's cluster side, in one place (the node
 * groups' is nodes/options.ts): options it does not follow. A component given such arguments registers
 * as the SDK class registers it (remote: `super(type, name, inputs, opts, true)`), so nothing
 * inside it is guessed and the check gives the stack no verdict, as for any remote component it
 * cannot follow. cluster/cluster.ts unsupportedClusterArgs applies it.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * The Cluster options the emulation does not follow, and why (cluster/cluster.ts follows the rest).
 */
export const UNSUPPORTED_CLUSTER_OPTIONS: Readonly<Record<string, string>> = {
    // The provider refuses a role provider that carries its own provider ("not supported in
    // non-nodejs Pulumi programs"), and the SDK's type always carries one; what it builds with a
    // role alone (kubeconfig for that role, the cluster through its provider) is not followed.
    creationRoleProvider: "the cluster's creation role provider",
};

/** The unsupported options `args` sets (neither undefined nor null, nor false for a flag), sorted. */
export function unsupportedOptions(args: object | undefined, unsupported: Readonly<Record<string, string>>): string[] {
    if (!args) return [];
    return Object.keys(unsupported)
        .filter((key) => {
            const value = (args as Record<string, unknown>)[key];
            return value !== undefined && value !== null && value !== false;
        })
        .sort();
}

/**
 * The SDK class's resource options: the program's, under the SDK's defaults (its package version,
 * which names the eks plugin the engine would run).
 */
export function sdkResourceOptions<T extends pulumi.ResourceOptions>(opts: T | undefined): T {
    return pulumi.mergeOptions({ version: eksSdkVersion() }, opts) as T;
}

let version: string | undefined;

/** The installed @pulumi/eks SDK's version, as its `utilities.getVersion()` reads it (no leading "v"). */
export function eksSdkVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- read once, on the first remote registration
    version ??= String((require("@pulumi/eks/package.json") as { version: string }).version).replace(/^v/, "");
    return version;
}
