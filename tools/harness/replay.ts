/**
 * The bare cost of registering resources with @pulumi/pulumi under mocks: what any mock-based
 * evaluation pays before a program or a check does anything of its own. The bench compares the
 * check with it.
 *
 * For the comparison to be fair, the bare run registers the same resources the program did:
 * the same number, types and names, each custom resource through its own provider SDK class
 * (which declares every output property, and the SDK makes four promises per declared property),
 * with the same input values, as plain values, under the same parents and explicit providers,
 * and components with the outputs they registered. It leaves out everything that is the
 * program's or the check's own work: Output chains, rendering, dependencies, the harness's
 * capture, mock ids and computed fields (the mock hands the inputs back, as Pulumi's
 * documented minimal mock does).
 */
import * as pulumi from "@pulumi/pulumi";
import { engineUrn, RegisteredResource } from "./evaluate";
import { ResourceClass, sdkClassFor } from "./sdk-classes";

export { ResourceClass, publicSdkClassFor, sdkClassFor, sdkModuleFor } from "./sdk-classes";

// SDK internals (listed and verified in one place).
import { rpc, runtimeConfig, settings, stack } from "./sdk-internals";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** A component as registered: its type, name and parent, then its outputs. */
class BareComponent extends pulumi.ComponentResource {
    constructor(type: string, name: string, outputs: Record<string, any>, opts: pulumi.ComponentResourceOptions) {
        super(type, name, {}, opts);
        this.registerOutputs(outputs);
    }
}

/** A custom resource of a type no installed SDK class declares (dynamic resources, test types). */
class BareCustomResource extends pulumi.CustomResource {
    constructor(type: string, name: string, inputs: Record<string, any>, opts: pulumi.CustomResourceOptions) {
        super(type, name, inputs, opts);
    }
}

/** Wire values (`Struct.toJavaScript()` form) back to the plain values a program would pass. */
function plain(wire: Record<string, any> | undefined): Record<string, any> {
    const result: Record<string, any> = {};
    for (const [key, value] of Object.entries(wire ?? {})) {
        if (value !== undefined) result[key] = rpc.deserializeProperty(value);
    }
    return result;
}

export interface BareOptions {
    project?: string;
    stack?: string;
    /** The stack's config (providers read their `<pkg>:*` keys), as evaluate takes it. */
    config?: Record<string, string>;
    secretKeys?: string[];
    /**
     * The class that registers a custom resource of `type`. Default `sdkClassFor` (the class's own
     * module: the least any caller can load); the bench's fresh-process floor passes
     * `publicSdkClassFor`, which reaches it as a program does, through its package's entry point.
     */
    classFor?: (type: string) => ResourceClass | undefined;
    /** Called with what the mock receives for each registration (tests look at it). */
    onResource?: (args: pulumi.runtime.MockResourceArgs) => void;
}

export interface BareRun {
    /** Resources registered, the stack included (as `Evaluation.resources` counts them). */
    registered: number;
    /** How many custom resources went through their own SDK class (the rest as generic CustomResources). */
    throughSdkClasses: number;
    durationMs: number;
}

/**
 * Registers again, under plain mocks, what a program registered (`Evaluation.resources`, in
 * registration order): see the file comment for what is kept and what is left out. Run it with
 * the same `Error.stackTraceLimit` as what it is compared with.
 */
export async function registerBare(
    resources: readonly RegisteredResource[],
    options: BareOptions = {},
): Promise<BareRun> {
    const started = Date.now();
    runtimeConfig.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                options.onResource?.(args);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        options.project ?? "webtier",
        options.stack ?? "test",
        false,
    );
    // Named as evaluate() names them (the engine's URNs), so both register the same URNs.
    const monitor = settings.getMonitor();
    monitor.newUrn = (parent: string, type: string, name: string) =>
        engineUrn(options.stack ?? "test", options.project ?? "webtier", parent, type, name);
    let registered = 0;
    let throughSdkClasses = 0;
    await stack.runInPulumiStack(async () => {
        registered += 1;
        const made = new Map<string, pulumi.Resource>();
        let stackOutputs: Record<string, any> = {};
        for (const resource of resources) {
            if (resource.type === STACK_TYPE) {
                stackOutputs = plain(resource.wireOutputs);
                continue;
            }
            const parent = resource.parent ? made.get(resource.parent) : undefined;
            const providerUrn = resource.provider
                ? resource.provider.slice(0, resource.provider.lastIndexOf("::"))
                : undefined;
            const provider = providerUrn ? (made.get(providerUrn) as pulumi.ProviderResource | undefined) : undefined;
            let created: pulumi.Resource;
            if (!resource.custom) {
                created = new BareComponent(resource.type, resource.name, plain(resource.wireOutputs), { parent });
            } else {
                const inputs = { ...resource.inputs };
                const opts: pulumi.CustomResourceOptions = { parent, provider };
                const sdkClass = (options.classFor ?? sdkClassFor)(resource.type);
                created = sdkClass
                    ? new sdkClass(resource.name, inputs, opts)
                    : new BareCustomResource(resource.type, resource.name, inputs, opts);
                if (sdkClass) throughSdkClasses += 1;
            }
            registered += 1;
            made.set(resource.urn, created);
        }
        return stackOutputs;
    });
    await settings.waitForRPCs();
    return { registered, throughSdkClasses, durationMs: Date.now() - started };
}
