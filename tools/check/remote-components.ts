/**
 * Multi-language components (`remote: true`: awsx's VPCs and load balancers, eks clusters, any
 * component a provider plugin implements) cannot be checked offline. Under the engine, the
 * component's provider plugin builds what is inside it (the engine's Construct call), and the
 * policy pack judges those resources like any other; the check runs no plugins, so the
 * component registers alone under the mocks and its subnets, security groups or listeners never
 * reach the pack. A verdict on such a stack would pass what `pulumi preview --policy-pack` may
 * fail, so the stack gets no verdict: an error that names the components and what to do.
 *
 * The components the harness builds itself are the exception (tools/clouds.ts
 * COMPONENT_EMULATIONS: awsx's, aws-apigateway's): for the SDK majors whose provider source the
 * harness follows, they are built in the program's process as the plugin builds them, are not
 * remote, and the stack's notes say so.
 */
import { COMPONENT_EMULATIONS } from "../clouds";
import { staysRemoteFor } from "../harness/component-swap";
import type { RegisteredResource } from "../harness/evaluate";

/** How many components the error lists by name before it counts the rest. */
const LISTED = 5;

/** The stack's error when its program registered remote components, else undefined. */
export function remoteComponentsError(resources: readonly RegisteredResource[]): string | undefined {
    const remote = resources.filter((r) => r.remote);
    if (remote.length === 0) return undefined;
    const named = remote.slice(0, LISTED).map((r) => `${r.type} "${r.name}"`);
    if (remote.length > LISTED) named.push(`${remote.length - LISTED} more`);
    const plugins = [...new Set(remote.map((r) => r.type.split(":")[0]))].map((p) => `"${p}"`);
    return [
        `the program registers ${remote.length === 1 ? "a remote (multi-language) component" : `${remote.length} remote (multi-language) components`}: ${named.join(", ")}.`,
        `Under the engine, the ${plugins.join(", ")} provider ${plugins.length === 1 ? "plugin builds" : "plugins build"} the resources inside ${remote.length === 1 ? "it" : "them"}, and the policy pack judges those too;`,
        `the offline check runs no plugins, so it cannot see them and gives this stack no verdict rather than pass what pulumi preview may fail.`,
        `Check this stack with \`pulumi preview --policy-pack\` (the workflow's preview job does when the repository has cloud credentials),`,
        `or declare those resources in the program itself (the provider's own resources, or a component of your own).`,
        ...COMPONENT_EMULATIONS.filter((e) => remote.some((r) => r.type.startsWith(`${e.package}:`))).map((e) => {
            const builds = `The check builds ${e.package}'s components itself for @pulumi/${e.package} ${e.majors.map((m) => `${m}.x`).join(" and ")}`;
            const reasons = remote
                .filter((r) => r.type.startsWith(`${e.package}:`))
                .flatMap((r) => {
                    const options = staysRemoteFor(r.type, r.name);
                    return options ? [`${r.type} "${r.name}" sets ${options.join(", ")}`] : [];
                });
            return reasons.length > 0
                ? `${builds}, but not every option of them as the provider does: ${reasons.join("; ")}.`
                : `${builds}; this program's ${e.package} is another major.`;
        }),
    ].join("\n");
}

/**
 * What follows remoteComponentsError when the program then failed: under the mocks a remote
 * component's outputs are only its inputs (a cluster's `core`, a VPC's subnet ids are missing), so
 * a program that reads them can fail where, given what the plugin returns, it would not.
 */
export function remoteFailureNote(programError: string): string {
    return [
        "The program then failed, possibly on an output of such a component that only its provider gives (the check has none):",
        programError,
    ].join("\n");
}

/** The stack's notes on the components the check built itself (none when it built none). */
export function emulatedComponentsNotes(resources: readonly RegisteredResource[]): string[] {
    return COMPONENT_EMULATIONS.flatMap((e) => {
        const built = resources.filter((r) => !r.remote && !r.custom && r.type.startsWith(`${e.package}:`));
        if (built.length === 0) return [];
        const types = [...new Set(built.map((r) => r.type))].sort();
        return [
            `${e.package}: ${types.join(", ")} built as its provider builds them (@pulumi/${e.package} ${e.versions().join(", ")}), so the pack judges the resources inside them.`,
        ];
    });
}
