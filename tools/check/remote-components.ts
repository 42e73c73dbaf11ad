/**
 * Multi-language components (`remote: true`: awsx's VPCs and load balancers, eks clusters, any
 * component a provider plugin implements) cannot be checked offline. Under the engine, the
 * component's provider plugin builds what is inside it (the engine's Construct call), and the
 * policy pack judges those resources like any other; the check runs no plugins, so the
 * component registers alone under the mocks and its subnets, security groups or listeners never
 * reach the pack. A verdict on such a stack would pass what `pulumi preview --policy-pack` may
 * fail, so the stack gets no verdict: an error that names the components and what to do.
 *
 * awsx's components are the exception (tools/harness/awsx): for the SDK majors whose provider
 * source the harness follows, they are built in the program's process as the plugin builds them,
 * are not remote, and the stack's notes say so.
 */
import { emulatedAwsxVersions, MAJORS } from "../harness/awsx";
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
        ...(remote.some((r) => r.type.startsWith("awsx:"))
            ? [
                  `The check builds awsx's components itself for @pulumi/awsx ${MAJORS.map((m) => `${m}.x`).join(" and ")}; this program's awsx is another major.`,
              ]
            : []),
    ].join("\n");
}

/** The stack's note when its program's awsx components were built by the check (undefined when none). */
export function emulatedComponentsNote(resources: readonly RegisteredResource[]): string | undefined {
    const built = resources.filter((r) => !r.remote && r.type.startsWith("awsx:") && !r.custom);
    if (built.length === 0) return undefined;
    const types = [...new Set(built.map((r) => r.type))].sort();
    return `awsx: ${types.join(", ")} built as pulumi-awsx's provider builds them (@pulumi/awsx ${emulatedAwsxVersions().join(", ")}), so the pack judges the resources inside them.`;
}
