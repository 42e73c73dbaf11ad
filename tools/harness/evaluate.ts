/**
 * Evaluates a Pulumi program offline, the way the engine would run it, but against
 * `pulumi.runtime.setMocks`: every resource registration is captured with what the engine
 * would see (inputs, parent, dependencies, property dependencies, resource options), so
 * tests can assert on the real resource graph and the policy check can hand the resources
 * to policies as the engine does.
 *
 * One evaluation at a time per process: Pulumi's runtime state is global.
 */
import { goDurationSeconds } from "./go-duration";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { mockCall, mockState, MockIds, ProviderConfigs, STACK_REFERENCE_TYPE } from "./mock-state";
import { CallSite, callSites } from "./call-sites";
import { DIY_ORGANIZATION, EVALUATION_STACK_TRACE_LIMIT } from "./evaluation-settings";
import { autoname, autonameRuleFor, engineAutoname } from "./autonaming";
import { AutonamingConfigError, AutonamingOptions, EngineAutonamer, engineAutonamer } from "./engine-autonaming";
import { defaultProviderDenial } from "./default-providers";
import { applyPatch, defaultsPatch, Patch, resourceDefaults } from "./tf-defaults/apply";
import { checkResult, engineCheckError } from "./tf-defaults/validate";
import { COMPONENT_EMULATIONS } from "../clouds";

// SDK internals (listed and verified in one place).
import { debuggable, outputInternals, resourcePb, rpc, runtimeConfig, settings, stack, state } from "./sdk-internals";
import { patchSdkCopies } from "./sdk-copies";
import { withoutStamps } from "./promise-tracking";

/** One resource as the program registered it. */
export interface RegisteredResource {
    urn: string;
    type: string;
    name: string;
    /** false for component resources (and the stack). */
    custom: boolean;
    /** The inputs the program set; values unknown at preview are `undefined` keys listed in `unknownInputs`. */
    inputs: Record<string, any>;
    /** Top-level input keys whose value was unknown (computed) at registration. */
    unknownInputs: string[];
    /** Outputs the mock handed back (inputs plus computed fields). */
    state: Record<string, any>;
    id?: string;
    /** The `import` option: the id of the existing resource the engine adopts, reading its state from the cloud. */
    importId?: string;
    parent?: string;
    provider?: string;
    /** URNs of every resource this one depends on (explicit `dependsOn` and through inputs). */
    dependencies: string[];
    /** For each input key, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts?: { create?: string; update?: string; delete?: string };
    /** Whether the program set `deleteBeforeReplace` at all (the engine tells "false" from "unset"). */
    deleteBeforeReplaceDefined?: boolean;
    /**
     * The name property the provider filled in because the program left it out (autonaming.ts):
     * in `wireInputs` (what the engine hands the pack) and `state`, not in `inputs`.
     */
    autonamed?: { field: string; value: string };
    /**
     * What the provider's Check refuses in the inputs (tf-defaults/validate.ts), as the engine
     * prints it: each failure's "has a problem" line, after which the pack still analyzes the
     * resource; or the one error Check returned instead, after which the engine stops before the
     * pack sees it (the check still analyzes it, as it analyzes what follows). The run fails.
     */
    checkErrors?: string[];
    /** The package version the SDK sent with the registration (names the engine's default provider). */
    version?: string;
    /**
     * The inputs exactly as the SDK put them on the wire (`Struct.toJavaScript()`): secrets as
     * signature objects, unknowns as the unknown sentinel, resource references as references.
     * What the engine receives, so the policy check can hand policies the same.
     */
    wireInputs?: Record<string, any>;
    /** The state the mock handed back, in wire form. */
    wireState?: Record<string, any>;
    /** What a component (or the stack) passed to `registerOutputs`, in wire form. */
    wireOutputs?: Record<string, any>;
    /**
     * Where the program constructed the resource: the call stack the SDK captured in the
     * resource's constructor and sent with the registration (the engine's `stackTrace`), the
     * SDK's own constructor frames already left out, innermost first, as file URLs with 1-based
     * positions of the code that ran (JavaScript positions for a transpiled program).
     */
    stackTrace?: SourceFrame[];
    /**
     * A multi-language (remote) component: under the engine its provider plugin builds what is
     * inside it (Construct); under mocks nothing is, and the component stands alone.
     */
    remote?: true;
}

/** One frame of a registration's stack trace. */
export interface SourceFrame {
    uri: string;
    line: number;
    column: number;
}

export interface EvaluateOptions {
    /** The program: its body runs inside the stack, like the module a `pulumi up` loads. */
    program: () => any;
    /** Full config keys ("webtier:cloud") to string values, as the engine passes them. */
    config?: Record<string, string>;
    /** Which of `config`'s keys are secrets. */
    secretKeys?: string[];
    project?: string;
    stack?: string;
    /** What `pulumi.getOrganization()` answers. Default: the DIY backend's, "organization". */
    organization?: string;
    /** What `pulumi.getRootDirectory()` answers: the folder of Pulumi.yaml. Default: the working directory. */
    rootDirectory?: string;
    /** Evaluate as a preview (`pulumi preview`): the mocks return no computed values. Default false. */
    preview?: boolean;
    /**
     * Called as each resource is recorded, in registration order, the way the engine sees
     * registrations arrive (the policy check sends each to the pack's Analyze right away).
     */
    onResource?: (resource: RegisteredResource) => void;
    /** Called as each data source (invoke) is answered, or not: what the program got, even if it then fails. */
    onCall?: (call: RecordedCall) => void;
    /**
     * Settles with the program's first unhandled rejection. The language host reports one and
     * ends the program once its pending work is done, outputs or not: a registration that fails
     * after its inputs were prepared (a hook the engine refuses, say) leaves the resource's
     * outputs, and so the stack's, pending for ever. From then on the evaluation waits until the
     * program is idle (nothing registered or invoked for a while), and fails with that reason.
     */
    failed?: Promise<unknown>;
    /**
     * A referenced stack's outputs (`new pulumi.StackReference(name)`), in wire form with its
     * secret output names, as the engine reads them from the backend; undefined: unknown.
     */
    stackOutputs?: (name: string) => { outputs: Record<string, unknown>; secretOutputNames: string[] } | undefined;
    /**
     * `Error.stackTraceLimit` while the program runs. Default: the check's, EVALUATION_STACK_TRACE_LIMIT
     * (no frames: the SDK captures a trace for every promise it makes, and each frame costs). Errors
     * the program throws then carry none; the SDK's source positions are unaffected.
     */
    stackTraceLimit?: number;
}

/** How long each look at a program that may be done waits, and how many quiet looks make it done. */
const QUIET_MS = 25;
const IDLE_ROUNDS = 2;
/**
 * How long a program that has registered all it will may keep timers, sockets or children of its
 * own open: the language host's process lives until they close (cmd/run: "The process will remain
 * alive until the message loop empties"), so what their callbacks do (a late `process.exit`, a
 * throw) is the program's. Past this, the check goes on and says so, where `pulumi up` would wait.
 */
const DRAIN_LIMIT_MS = 5000;

/**
 * What `process.exit` throws while a program runs under the harness: the language host's process
 * would end there, this one must not. The code after the call does not run, as it would not.
 */
export class ProgramExit extends Error {
    constructor(readonly code: number) {
        super(`the program called process.exit(${code})`);
        this.name = "ProgramExit";
    }
}

/** Node's active handles and requests by kind (`Timeout`, `TCPSocketWrap`, ...), counted. */
function activeHandles(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return counts;
}

/** The kinds of handle Node holds more of than `baseline` had. */
function beyond(baseline: Map<string, number>): string[] {
    return [...activeHandles()].filter(([kind, count]) => count > (baseline.get(kind) ?? 0)).map(([kind]) => kind);
}

/** Whether Node holds no handle of a kind, or more of one, than `baseline` had. */
function withinBaseline(baseline: Map<string, number>): boolean {
    for (const [kind, count] of activeHandles()) if (count > (baseline.get(kind) ?? 0)) return false;
    return true;
}

/** One data-source call (invoke) as the program made it: the function's token and its arguments. */
export interface RecordedCall {
    token: string;
    inputs: Record<string, any>;
    /** False when the mocks had no answer and the program got no fields (the engine reads the cloud). */
    answered: boolean;
}

export interface Evaluation {
    resources: RegisteredResource[];
    /** Every invoke (`aws.ec2.getAmi`, `aws.getAvailabilityZones`, ...) in the order made. */
    calls: RecordedCall[];
    /** The stack outputs, with secrets unwrapped and a list of which top-level outputs were secret. */
    outputs: Record<string, any>;
    secretOutputs: string[];
    /** Mock ids and ARNs to the URN of the resource that owns them. */
    ids: MockIds;
    durationMs: number;
    /** The stacks the program read through `pulumi.StackReference` (their outputs unknown unless `stackOutputs` has them). */
    stackReferences: string[];
    /** The resource and error hooks the program registered (the check runs none of them). */
    hooks: RegisteredHook[];
    /**
     * Kinds of Node handle (`Timeout`, `TCPSocketWrap`, ...) the program still held open
     * DRAIN_LIMIT_MS after its last registration: the language host's process would not have
     * ended yet. Absent when it closed them all.
     */
    openHandles?: string[];
    /**
     * Resources read by id (`X.get`), which the engine reads from the cloud and keeps out of the
     * stack's resources (its `reads`, not `news`): neither Analyze nor AnalyzeStack sees them.
     */
    reads: ReadRecord[];
}

/** A resource the program read by id. */
export interface ReadRecord {
    type: string;
    name: string;
    id: string;
}

/** A hook the program registered with the engine. */
export interface RegisteredHook {
    kind: "resource" | "error";
    name: string;
    /** Whether the engine would run it in a preview too. */
    onDryRun: boolean;
}

/**
 * A Struct's wire form, converted once: `toJavaScript` copies the whole value (user data is tens
 * of kilobytes per server), so the wire copy and the deserialized one are both made from it.
 */
function wireForm(struct: any): Record<string, any> {
    return struct ? struct.toJavaScript() : {};
}

/** `rpc.deserializeProperties` on a wire form already converted (it neither keeps nor mutates it). */
function deserializeWire(raw: Record<string, any>): Record<string, any> {
    const props: Record<string, any> = {};
    for (const key of Object.keys(raw)) {
        if (raw[key] !== undefined) props[key] = rpc.deserializeProperty(raw[key]);
    }
    return props;
}

/**
 * The stack trace the SDK already captured and marshalled with the registration (it walks the
 * whole stack once per resource for the engine): read, not captured again, so knowing where a
 * resource was declared costs no stack walk of its own.
 */
function stackFrames(req: any): SourceFrame[] | undefined {
    const frames: any[] | undefined = req.getStacktrace?.()?.getFramesList();
    if (!frames || frames.length === 0) return undefined;
    const result: SourceFrame[] = [];
    for (const frame of frames) {
        const pc = frame.getPc();
        if (pc && pc.getUri()) result.push({ uri: pc.getUri(), line: pc.getLine(), column: pc.getColumn() });
    }
    return result;
}

/**
 * The SDK formats every RegisterResource response into a debug message (`resp: ${response}`)
 * that it drops unless PULUMI_EXCESSIVE_DEBUG_OUTPUT is set; for a protobuf message that means
 * stringifying its whole state. Without that setting the response describes itself briefly.
 */
function briefDebugString(response: any): void {
    if (!settings.excessiveDebugOutput) response.toString = () => "[RegisterResourceResponse]";
}

/**
 * The frames each resource object's constructor recorded (the registration's `stackTrace`), kept
 * from the moment the SDK registers it: a resource whose inputs fail to serialize never reaches
 * the monitor, yet the error the SDK raises names it.
 */
const declaringFrames = new WeakMap<object, (SourceFrame | undefined)[]>();

/** The frames that declared `resource` (a resource object the program created), if it registered. */
export function framesDeclaring(resource: unknown): SourceFrame[] | undefined {
    if (resource === null || typeof resource !== "object") return undefined;
    // The SDK leaves a frame it could not read as undefined.
    return declaringFrames.get(resource)?.filter((frame): frame is SourceFrame => !!frame?.uri);
}

/** Runs `program` under mocks and returns everything it registered. */
export async function evaluate(options: EvaluateOptions): Promise<Evaluation> {
    const started = Date.now();
    // The multi-language components the harness builds (awsx's, aws-apigateway's) are built in this
    // process, as their provider plugins build them (clouds.ts COMPONENT_EMULATIONS).
    for (const emulation of COMPONENT_EMULATIONS) emulation.install();
    const project = options.project ?? "webtier";
    const stackName = options.stack ?? "test";
    const preview = options.preview ?? false;
    // The engine reads `pulumi:autonaming` before it runs the program, and stops on a config it refuses.
    let engineNaming: EngineAutonamer | undefined;
    try {
        engineNaming = engineAutonamer({
            organization: options.organization ?? DIY_ORGANIZATION,
            project,
            stack: stackName,
            config: options.config ?? {},
        });
    } catch (err) {
        if (err instanceof AutonamingConfigError)
            throw new Error(`getting autonaming config: ${err.message}`, { cause: err });
        throw err;
    }
    const denied = defaultProviderDenial(options.config ?? {});
    const ids = new MockIds();
    parentOf.clear();
    const calls: RecordedCall[] = [];
    const resources: RegisteredResource[] = [];
    const byUrn = new Map<string, RegisteredResource>();
    /** The inputs the mock monitor deserialized for the registration in progress (see below). */
    let lastInputs: Record<string, any> | undefined;
    /** The name the provider would generate for the registration in progress, if it autonames it. */
    let pendingAutoname: { field: string; value?: string; error?: string } | undefined;
    /** The registration in progress, as the mock's newResource sees it (transforms, autoname). */
    let pending: Registration | undefined;
    /** Transforms registered with registerResourceTransform, in order. */
    const stackTransforms: ResourceTransform[] = [];
    const invokeTransforms: pulumi.InvokeTransform[] = [];
    const stackReferences: string[] = [];
    const hooks: RegisteredHook[] = [];
    const reads: ReadRecord[] = [];
    /**
     * The inputs each resource's constructor got as outputs or promises, by type and name: one
     * that resolved to nothing here may be one the provider computes under `pulumi up`.
     */
    const dynamicInputs = new Map<string, Set<string>>();
    /** Each resource's own `transforms` option, by URN: they apply to its children too. */
    const transformsByUrn = new Map<string, ResourceTransform[]>();

    runtimeConfig.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    const providers = new ProviderConfigs(options.config ?? {});
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                if (args.type === STACK_REFERENCE_TYPE) stackReferences.push(String(args.inputs.name ?? args.name));
                lastInputs = args.inputs;
                const registration = pending;
                const autonamed = pendingAutoname;
                // The engine runs the resource's own transforms, then its ancestors', then the stack's,
                // before anything else (source_eval.go RegisterResource); the provider's Check then
                // fills in an autoname the inputs still lack.
                if (registration) {
                    const transforms = [
                        ...((args as any).transforms ?? []),
                        ...registration.inherited,
                        ...stackTransforms,
                    ];
                    registration.own = (args as any).transforms ?? [];
                    if (transforms.length > 0) {
                        const applied = await applyTransforms(
                            transforms,
                            { type: args.type, name: args.name, custom: !!args.custom },
                            registration.request,
                            registration.own.length > 0,
                        );
                        for (const key of Object.keys(args.inputs)) delete args.inputs[key];
                        Object.assign(args.inputs, applied.props);
                        registration.options = applied.opts;
                        registration.wire = applied.wire;
                    }
                }
                // The program's inputs stay as it registered them; what the engine holds after Check (and
                // hands the pack) and the provider's state carry the generated name.
                /** The URN the engine gives this registration. */
                const urnOf = (of: Registration) =>
                    engineUrn(stackName, project, of.request.getParent() || undefined, args.type, args.name);
                let checked = args.inputs ?? {};
                if (autonamed?.value !== undefined && checked[autonamed.field] === undefined) {
                    checked = { ...checked, [autonamed.field]: autonamed.value };
                    if (registration) registration.autonamed = { field: autonamed.field, value: autonamed.value };
                }
                // The provider's Check validates the inputs, without the Terraform defaults, and
                // adds the defaults the program left out; its plan every default (tf-defaults/);
                // a read (no registration) has the cloud's.
                const defaults = args.custom && registration ? resourceDefaults(args.type) : undefined;
                const computed = dynamicInputs.get(`${args.type}\u0000${args.name}`);
                const refused =
                    defaults && checkResult(defaults, withComputed(checked, computed), args.name, unwrapSecret);
                // A custom resource that names no provider of a package whose default provider the
                // stack disables fails before its Check; a name the engine's autonaming options make
                // the provider refuse fails its Check.
                const denial =
                    args.custom &&
                    registration &&
                    !args.provider &&
                    !registration.options?.provider &&
                    !args.type.startsWith("pulumi:providers:")
                        ? denied(args.type.split(":")[0], urnOf(registration))
                        : undefined;
                if (denial !== undefined) registration!.checkErrors = [denial];
                else if (autonamed?.error !== undefined && registration && checked[autonamed.field] === undefined)
                    registration.checkErrors = [autonamed.error];
                else if (refused?.error !== undefined) registration!.checkErrors = [refused.error];
                else if (refused && refused.failures.length > 0)
                    registration!.checkErrors = refused.failures.map((reason) =>
                        engineCheckError(args.type, args.name, reason),
                    );
                const checkDefaults = defaults && defaultsPatch(defaults, checked, "check");
                if (checkDefaults) {
                    checked = applyPatch(checked, checkDefaults);
                    if (registration) registration.checkDefaults = checkDefaults;
                }
                const planDefaults = defaults && defaultsPatch(defaults, checked, "plan");
                const planned = planDefaults ? applyPatch(checked, planDefaults) : checked;
                // A read by id (`X.get`, no registration) reads the cloud in a preview as in an
                // update (step.go ReadStep: read steps run during previews): its state is known.
                const read = !registration && !!args.id;
                const state = mockState(args.type, args.name, planned, ids, {
                    preview: preview && !read,
                    project,
                    stack: stackName,
                    provider: providers.of(args.type, args.provider || undefined),
                    stackOutputs: options.stackOutputs,
                });
                // An explicit provider's inputs configure the resources it registers.
                if (registration && args.type.startsWith("pulumi:providers:"))
                    providers.registered(args.type, urnOf(registration), checked);
                // A resource read or imported by id has that id; a new one the mock's, or none in a preview.
                return { id: args.id || (preview ? previewId(args, state.id) : state.id), state: state.state };
            },
            // `pulumi.runtime.registerResourceTransform`: the mock monitor hands the function over.
            registerTransform: (transform: ResourceTransform) => {
                stackTransforms.push(transform);
            },
            // `pulumi.runtime.registerInvokeTransform`: likewise.
            registerInvokeTransform: (transform: pulumi.InvokeTransform) => {
                invokeTransforms.push(transform);
            },
            call: async (args) => {
                let inputs: Record<string, any> = args.inputs ?? {};
                let provider = args.provider || undefined;
                // The engine hands each invoke to the stack's invoke transforms, in the order they were
                // registered, before its provider sees it (source_eval.go Invoke); each gets the args
                // as the SDK's callback deserializes them, and what it returns goes back serialized.
                for (const transform of invokeTransforms) {
                    const result = await transform({
                        token: args.token,
                        args: inputs,
                        opts: { provider: provider ? new pulumi.DependencyProviderResource(provider) : undefined },
                    });
                    if (result === undefined) continue;
                    const serialized = await rpc.serializeProperties("args", result.args);
                    inputs = rpc.deserializeProperties(Struct.fromJavaScript(serialized));
                    if (result.opts?.provider !== undefined) {
                        const urn = await outputInternals(result.opts.provider.urn).promise();
                        const id = (await outputInternals(result.opts.provider.id).promise()) || rpc.unknownValue;
                        provider = `${urn}::${id}`;
                    }
                }
                // An invoke of a package whose default provider the stack disables, through no provider
                // of its own (after the transforms, which may give it one), fails.
                const denial = provider ? undefined : denied(args.token.split(":")[0], args.token);
                if (denial !== undefined) {
                    // The resource monitor's gRPC error (source_eval.go Invoke), whose details the SDK rethrows.
                    const details = `Invoke: ${denial}`;
                    throw Object.assign(new Error(details), { details });
                }
                const answer = mockCall(args.token, inputs, ids, providers.of(args.token, provider), (other) =>
                    providers.of(other),
                );
                const call = { token: args.token, inputs, answered: answer !== undefined };
                calls.push(call);
                options.onCall?.(call);
                return answer ?? {};
            },
        },
        project,
        stackName,
        preview,
        options.organization ?? DIY_ORGANIZATION,
    );
    // setMocks leaves the root directory at what the SDK read from its environment when it loaded.
    state.getStore().settings.options.rootDirectory = options.rootDirectory ?? process.cwd();

    const monitor = settings.getMonitor();
    // The mock monitor names resources its own way (the parent's last type segment, the stack's type
    // as a prefix of top-level resources); the engine's way is Deployment.generateURN.
    monitor.newUrn = (parent: string, type: string, name: string) => engineUrn(stackName, project, parent, type, name);
    const onResource = options.onResource;
    // The engine answers a read (`X.get(name, id)`) with the id the provider read, in a preview
    // too; the mock monitor leaves the id out, which the SDK takes for unknown during a preview.
    // The engine bails out of the whole run when a registration or a read claims a URN already
    // claimed by either (step_generator.go generateURN, diag 2001), with this message alone.
    const claimed = new Set<string>();
    const duplicateUrn = (urn: string) =>
        new pulumi.RunError(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: (err: any, res: any) => void) => {
        // A read of a package whose default provider the stack disables, through no provider of its
        // own: the resource monitor refuses it (source_eval.go ReadResource, naming the type twice),
        // a gRPC error whose message the SDK puts after "failed to read resource".
        const type = req.getType();
        const details =
            req.getProvider() || type.startsWith("pulumi:providers:")
                ? undefined
                : denied(type.split(":")[0], type, type);
        if (details !== undefined)
            return callback(Object.assign(new Error(`2 UNKNOWN: ${details}`), { code: 2, details }), undefined);
        return read(req, (err: any, res: any) => {
            if (!err && res && claimed.has(res.getUrn())) return callback(duplicateUrn(res.getUrn()), undefined);
            if (!err && res && !res.getId()) res.setId(req.getId());
            if (!err && res) {
                claimed.add(res.getUrn());
                reads.push({ type: req.getType(), name: req.getName(), id: req.getId() });
            }
            callback(err, res);
        });
    };
    // An output-form invoke (`aws.acm.getCertificateOutput(...)`) names the resources its arguments
    // came from, and the engine answers it unknown while any custom resource beneath them is yet to
    // be created (RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON; source_eval.go Invoke,
    // resourcetracker.HasUnresolved): in a preview, every resource the program registers (the
    // check's stacks have no state), not one it reads. The SDK then resolves the invoke's result as
    // unknown *with* those resources as its dependencies. The SDK's mocks keep an older engine's
    // client-side gate instead, which answers unknown with no dependencies; the engine is emulated,
    // and advertises the feature as the engine does (GetDeploymentInfo), which the SDK reads at start.
    const deploymentInfo = monitor.getDeploymentInfo.bind(monitor);
    monitor.getDeploymentInfo = (req: any, callback: (err: any, res: any) => void) =>
        deploymentInfo(req, (err: any, res: any) => {
            if (!err && res)
                res.addSupportedfeatures(resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON);
            callback(err, res);
        });
    const pendingCreation = (urn: string): boolean => {
        if (!preview) return false;
        const resource = byUrn.get(urn);
        if (!resource) return false;
        if (resource.custom || resource.remote) return true;
        // A component: any custom resource registered beneath it.
        return resources.some((r) => {
            if (!r.custom && !r.remote) return false;
            for (let parent = parentOf.get(r.urn); parent; parent = parentOf.get(parent))
                if (parent === urn) return true;
            return false;
        });
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, callback: (err: any, res: any) => void) => {
        if (req.getDependsonList().some(pendingCreation)) {
            const response = new resourcePb.ResourceInvokeResponse();
            response.setUnknown(true);
            return callback(null, response);
        }
        return invoke(req, callback);
    };
    // Resource and error hooks (`pulumi.ResourceHook`, `pulumi.ErrorHook`): the engine keeps each
    // one's callback, under a name unique across both kinds (deploy/resource_hooks.go), to call
    // around the steps it executes (in a preview, only the hooks marked onDryRun). The mock monitor
    // has no such RPC: the SDK's call to it would throw inside the promise that holds an RPC open,
    // and evaluation would never end. The check executes no step, so it runs no hook; it answers
    // the registration as the engine does and lists the hooks for the stack's notes.
    const registerHook = (kind: RegisteredHook["kind"]) => (req: any, callback: (err: any, res: any) => void) => {
        const name: string = req.getName();
        if (!name) return callback(new Error("resource hook name cannot be empty"), undefined);
        if (hooks.some((hook) => hook.name === name))
            return callback(new Error(`resource hook already registered for name "${name}"`), undefined);
        hooks.push({ kind, name, onDryRun: kind === "resource" ? !!req.getOnDryRun() : false });
        callback(null, {});
    };
    monitor.registerResourceHook = registerHook("resource");
    monitor.registerErrorHook = registerHook("error");
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
        // The resource monitor parses each custom timeout with Go's ParseDuration and refuses the
        // registration on one it cannot parse (source_eval.go RegisterResource), as a gRPC error.
        const timeouts = req.getCustomtimeouts?.();
        for (const value of timeouts
            ? [timeouts.getCreate(), timeouts.getDelete(), timeouts.getUpdate(), timeouts.getRead?.()]
            : []) {
            if (value && goDurationSeconds(value) === undefined) {
                const details = `unable to parse customTimeout Value ${value}`;
                return callback(Object.assign(new Error(`2 UNKNOWN: ${details}`), { code: 2, details }), undefined);
            }
        }
        // The mock monitor deserializes the inputs for `newResource` synchronously, before its
        // first await: those are the inputs as the program registered them, taken as they are
        // rather than deserialized a second time.
        lastInputs = undefined;
        // The engine's autonaming options, asked once per custom resource (step_generator.go).
        const naming = req.getCustom() ? engineNaming?.(req.getType(), req.getName()) : undefined;
        pendingAutoname = autonameFor(req, naming);
        const registration: Registration = {
            request: req,
            inherited: inheritedTransforms(req.getParent(), transformsByUrn),
            own: [],
        };
        pending = registration;
        // Assigned once register() returns (the mock read the inputs synchronously), read in the callback.
        // eslint-disable-next-line prefer-const
        let deserializedInputs: Record<string, any> | undefined;
        register(req, (err: any, res: any) => {
            if (!err && res && claimed.has(res.getUrn())) return callback(duplicateUrn(res.getUrn()), undefined);
            if (!err && res) {
                claimed.add(res.getUrn());
                let wireInputs = registration.wire ?? wireForm(req.getObject());
                if (registration.autonamed) wireInputs[registration.autonamed.field] = registration.autonamed.value;
                if (registration.checkDefaults)
                    wireInputs = applyPatch(wireInputs, registration.checkDefaults, unwrapWireSecret);
                if (registration.own.length > 0) transformsByUrn.set(res.getUrn(), registration.own);
                parentOf.set(res.getUrn(), req.getParent() || undefined);
                const wireState = wireForm(res.getObject());
                const values = deserializedInputs ?? deserializeWire(wireInputs);
                const unknown = Object.keys(wireInputs).filter((key) => wireInputs[key] === rpc.unknownValue);
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                    propertyDependencies[key] = deps.getUrnsList();
                });
                const options = req.getCustomtimeouts();
                const urn = res.getUrn();
                const resource: RegisteredResource = {
                    urn,
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    inputs: values,
                    unknownInputs: unknown,
                    state: deserializeWire(wireState),
                    id: res.getId() || undefined,
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    protect: !!req.getProtect(),
                    retainOnDelete: !!req.getRetainondelete(),
                    deleteBeforeReplace: !!req.getDeletebeforereplace(),
                    ignoreChanges: req.getIgnorechangesList(),
                    replaceOnChanges: req.getReplaceonchangesList(),
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                    aliases: req.getAliasesList().map((alias: any) => aliasUrn(alias, req, stackName, project)),
                    customTimeouts: options
                        ? {
                              create: options.getCreate() || undefined,
                              update: options.getUpdate() || undefined,
                              delete: options.getDelete() || undefined,
                          }
                        : undefined,
                    deleteBeforeReplaceDefined: !!req.getDeletebeforereplacedefined?.(),
                    version: req.getVersion?.() || undefined,
                    wireInputs,
                    wireState,
                    stackTrace: stackFrames(req),
                    ...(req.getRemote() ? { remote: true as const } : {}),
                    ...(req.getImportid() ? { importId: req.getImportid() as string } : {}),
                };
                if (registration.options) applyTransformedOptions(resource, registration.options);
                // A name without randomness cannot exist twice: the step generator makes the
                // replacement delete-first, over the program's own option, and Analyze and
                // AnalyzeStack are sent that.
                if (naming?.deleteBeforeReplace) {
                    resource.deleteBeforeReplace = true;
                    resource.deleteBeforeReplaceDefined = true;
                }
                if (registration.autonamed) resource.autonamed = registration.autonamed;
                if (registration.checkErrors) resource.checkErrors = registration.checkErrors;
                ids.own(resource.id, resource.state, urn);
                resources.push(resource);
                byUrn.set(urn, resource);
                onResource?.(resource);
                briefDebugString(res);
            }
            callback(err, res);
        });
        deserializedInputs = lastInputs;
        pendingAutoname = undefined;
        pending = undefined;
    };

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: any, res: any) => void) => {
        const owner = byUrn.get(req.getUrn());
        if (owner) owner.wireOutputs = req.getOutputs()?.toJavaScript() ?? {};
        registerOutputs(req, callback);
    };

    let programError: unknown;
    // Keep the program's own return value: the stack's copy has its secrets unwrapped already.
    let outputs: Record<string, any> | undefined;
    // Call sites read as call-sites.ts reads them while the program registers (ES module frames).
    // In every copy of the SDK the program's resources may be built with (sdk-copies.ts): the
    // frames each constructor records, read with the harness's parser (`Resource.callsites`, an SDK
    // internal verified in sdk-internals.ts), and the inputs it passes as outputs.
    const restoreSdkCopies = patchSdkCopies((copy) => {
        const resourceClass = copy.resource.Resource as unknown as { callsites?: () => CallSite[] };
        const sdkCallSites = resourceClass.callsites;
        if (sdkCallSites) resourceClass.callsites = callSites;
        const runtimeResource = copy.runtimeResource;
        const sdkRegisterResource = runtimeResource.registerResource as (...args: any[]) => unknown;
        runtimeResource.registerResource = ((...args: any[]) => {
            const [resource, , type, name, , , , props] = args as [unknown, unknown, string, string, ...unknown[]];
            // (res, parent, t, name, custom, remote, newDependency, props, opts, sourcePosition, stackTrace, ...)
            const frames = args[10] as (SourceFrame | undefined)[] | undefined;
            // Kept as they are: read only when a ResourceError names the resource (framesDeclaring).
            if (resource !== null && typeof resource === "object" && Array.isArray(frames))
                declaringFrames.set(resource, frames);
            const dynamic = Object.keys((props as Record<string, unknown>) ?? {}).filter((key) =>
                isDynamic((props as Record<string, unknown>)[key]),
            );
            // Two resources of one type and name (under different parents) share an entry: the union errs towards not known.
            const key = `${type}\u0000${name}`;
            if (dynamic.length > 0) dynamicInputs.set(key, new Set([...(dynamicInputs.get(key) ?? []), ...dynamic]));
            return sdkRegisterResource(...args);
        }) as never;
        // The SDK's promise bookkeeping without its debugging stamps (promise-tracking.ts).
        const promises = copy.promises;
        const sdkDebuggablePromise = promises?.debuggable.debuggablePromise;
        if (promises) promises.debuggable.debuggablePromise = withoutStamps(promises);
        return () => {
            if (sdkCallSites) resourceClass.callsites = sdkCallSites;
            runtimeResource.registerResource = sdkRegisterResource as never;
            if (promises && sdkDebuggablePromise) promises.debuggable.debuggablePromise = sdkDebuggablePromise;
        };
    });
    // `process.exit(code)` ends the host's process: with 0, the run stands as registered so far,
    // unless promises the SDK tracks are still pending (and no error was logged), whose message its
    // exit handler prints before it turns the code into 1 (runtime/debuggable.ts); any other code fails the run
    // (pulumi-language-nodejs: "Program exited with non-zero exit code").
    let exited: { code: number; leaked?: string } | undefined;
    /** Kinds of handle the program still held open when the check stopped waiting for them. */
    let openHandles: string[] | undefined;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was
    const processExit = process.exit;
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = options.stackTraceLimit ?? EVALUATION_STACK_TRACE_LIMIT;
    // `process.exitCode` is the code the host's process ends with when nothing else sets one.
    const exitCode = process.exitCode;
    process.exit = (code?: string | number | null): never => {
        const status = Number(code ?? process.exitCode ?? 0) || 0;
        if (!exited) {
            const [leaks, message] = debuggable.leakedPromises() as [Set<unknown>, string];
            exited = {
                code: status,
                ...(status === 0 && leaks.size > 0 && !pulumi.log.hasErrors() ? { leaked: message } : {}),
            };
        }
        throw new ProgramExit(status);
    };
    try {
        const running = stack
            .runInPulumiStack(async () => {
                outputs = await options.program();
                return outputs;
            })
            .catch((err: unknown) => {
                programError = err;
            });
        // The language host's process ends when its event loop drains, whether or not the program's
        // promise settled; here other work (the pack's thread) keeps this process alive. So the
        // program is also done once it can make no progress of its own: nothing registered or
        // invoked for a while, and none of Node's handles (a timer, a socket, a child) beyond those
        // open before it started. After the first unhandled rejection, the stack's outputs may never
        // settle (see `failed`): there, its registrations alone are waited for.
        let failure: { reason: unknown } | undefined;
        void options.failed?.then((reason) => (failure = { reason }));
        const baseline = activeHandles();
        const activity = () => resources.length + calls.length + reads.length + hooks.length;
        /** Resolves "idle" once the program can make no progress, unless `work` settles first. */
        const unlessIdle = async (work: Promise<unknown>): Promise<"done" | "idle"> => {
            let done = false;
            const finished = work.then(() => (done = true));
            const idle = async (): Promise<"idle" | undefined> => {
                for (let quiet = 0; quiet < IDLE_ROUNDS;) {
                    const seen = activity();
                    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
                    if (done) return undefined;
                    const still = activity() === seen && (failure !== undefined || withinBaseline(baseline));
                    quiet = still ? quiet + 1 : 0;
                }
                return "idle";
            };
            const ended = await Promise.race([finished.then(() => "done" as const), idle()]);
            return ended ?? "done";
        };
        // The program, then the registrations it left in flight (the host waits for those too); the
        // SDK's RPC barrier would wait for ever on one whose input never resolves.
        let ended = await unlessIdle(running);
        if (ended === "done") ended = await unlessIdle(settings.waitForRPCs());
        // The host's process then lives on while the program's own handles are open.
        if (ended === "done" && !failure) {
            const until = Date.now() + DRAIN_LIMIT_MS;
            while (!failure && !exited && !withinBaseline(baseline) && Date.now() < until)
                await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
            if (!failure && !exited && !withinBaseline(baseline)) openHandles = beyond(baseline);
        }
        if (ended === "idle") {
            if (failure) programError ??= failure.reason;
            else {
                // The host's process ends with code 0, which its exit handler turns into 1 when promises
                // the SDK tracks are still pending, unless the program logged an error (`log.error`:
                // the message would only repeat it); with none, the program simply ended (its stack
                // outputs never registered).
                const [leaks, message] = debuggable.leakedPromises() as [Set<unknown>, string];
                if (leaks.size > 0 && !pulumi.log.hasErrors()) exited ??= { code: 0, leaked: message };
            }
        }
    } finally {
        restoreSdkCopies();
        process.exit = processExit;
        Error.stackTraceLimit = stackTraceLimit;
    }
    const setCode = process.exitCode === exitCode ? 0 : Number(process.exitCode ?? 0) || 0;
    process.exitCode = exitCode;
    if (!exited && setCode !== 0 && !programError) exited = { code: setCode };
    if (exited) {
        // The engine prints the language host's message alone, as the SDK prints a RunError's.
        if (exited.leaked)
            programError = new pulumi.RunError(`Program exited with non-zero exit code: 1. ${exited.leaked}`);
        else if (exited.code !== 0)
            programError = new pulumi.RunError(`Program exited with non-zero exit code: ${exited.code}`);
        else programError = undefined;
    }
    // Whatever the program threw, as it threw it (the check reports non-Error values too).
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (programError) throw programError;

    const plain: Record<string, any> = {};
    const secretOutputs: string[] = [];
    for (const [key, value] of Object.entries(outputs ?? {})) {
        const resolved = await resolveDeep(value);
        if (resolved.secret) secretOutputs.push(key);
        plain[key] = resolved.value;
    }
    return {
        resources,
        calls,
        outputs: plain,
        secretOutputs,
        ids,
        durationMs: Date.now() - started,
        stackReferences,
        hooks,
        reads,
        ...(openHandles ? { openHandles } : {}),
    };
}

/** A resource transform (the `transforms` option, `registerResourceTransform`): new props and options, or none. */
export type ResourceTransform = (
    args: pulumi.ResourceTransformArgs,
) => Promise<pulumi.ResourceTransformResult | undefined> | pulumi.ResourceTransformResult | undefined;

/** One registration while the mock monitor handles it. */
interface Registration {
    request: any;
    /** The transforms of the resource's ancestors, nearest first. */
    inherited: ResourceTransform[];
    /** The resource's own transforms (kept for its children). */
    own: ResourceTransform[];
    /** The inputs after transforms, in wire form. */
    wire?: Record<string, any>;
    /** Options a transform changed. */
    options?: pulumi.ResourceOptions & pulumi.CustomResourceOptions;
    autonamed?: { field: string; value: string };
    /** The Terraform defaults the provider's Check adds to the inputs (tf-defaults/apply.ts). */
    checkDefaults?: Patch;
    /** What the provider's Check refuses, as the engine prints it. */
    checkErrors?: string[];
}

/** Stands for a value another resource computes that the mocks left out (see withComputed). */
const COMPUTED_OFFLINE = Object.freeze(new (class ComputedOffline {})());

/** An output or a promise: a value the program did not have when it declared the resource. */
const isDynamic = (value: unknown) =>
    pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && "then" in value);

/**
 * The inputs, with each one the program passed as an output or a promise that is unset here
 * marked as not known: the mocks leave out what a provider computes (a launch configuration's
 * name, say), which the SDK then drops from the registration; under `pulumi up` it is there, so
 * the Check must not find it missing (ExactlyOneOf, AtLeastOneOf, RequiredWith).
 */
function withComputed(inputs: Record<string, any>, dynamic: Set<string> | undefined): Record<string, any> {
    let out = inputs;
    for (const key of dynamic ?? []) {
        if (inputs[key] !== undefined && inputs[key] !== null) continue;
        if (out === inputs) out = { ...inputs };
        out[key] = COMPUTED_OFFLINE;
    }
    return out;
}

/** A secret's value, as deserialized inputs hold it (the bridge validates the plain value). */
function unwrapSecret(value: unknown): unknown {
    return rpc.isRpcSecret(value) ? (value as { value: unknown }).value : value;
}

/** A secret in wire form, unwrapped for a patch computed on deserialized values, and wrapped back. */
function unwrapWireSecret(value: unknown): { value: unknown; rewrap: (inner: unknown) => unknown } {
    if (rpc.isRpcSecret(value)) {
        const secret = value as Record<string, unknown>;
        return { value: secret.value, rewrap: (inner) => ({ ...secret, value: inner }) };
    }
    return { value, rewrap: (inner) => inner };
}

/** The transforms a resource inherits: its parent's own, then the grandparent's, up to the stack. */
function inheritedTransforms(parent: string | undefined, byUrn: Map<string, ResourceTransform[]>): ResourceTransform[] {
    const result: ResourceTransform[] = [];
    // A child's URN carries its parent chain's types, not the parents' URNs, so the chain is walked
    // through what each registration recorded as its parent.
    let current = parent;
    while (current) {
        result.push(...(byUrn.get(current) ?? []));
        current = parentOf.get(current);
    }
    return result;
}

/** Each registered resource's parent URN, for walking up the chain. */
const parentOf = new Map<string, string | undefined>();

/** The options a transform receives, from the request as the SDK sent it. */
function requestOptions(req: any): pulumi.CustomResourceOptions {
    const timeouts = req.getCustomtimeouts();
    return {
        protect: req.getProtect() || undefined,
        ignoreChanges: req.getIgnorechangesList(),
        retainOnDelete: req.getRetainondelete() || undefined,
        deleteBeforeReplace: req.getDeletebeforereplacedefined?.() ? req.getDeletebeforereplace() : undefined,
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        customTimeouts: timeouts
            ? {
                  create: timeouts.getCreate() || undefined,
                  update: timeouts.getUpdate() || undefined,
                  delete: timeouts.getDelete() || undefined,
              }
            : undefined,
        version: req.getVersion?.() || undefined,
    };
}

/** Runs the transforms in order, each on the previous one's result, as the engine does. */
async function applyTransforms(
    transforms: ResourceTransform[],
    args: { type: string; name: string; custom: boolean },
    req: any,
    own: boolean,
): Promise<{ props: Record<string, any>; wire: Record<string, any>; opts: pulumi.CustomResourceOptions }> {
    let wire = transformProperties(req, own);
    let opts = requestOptions(req);
    for (const transform of transforms) {
        // The SDK's callback reads each request afresh (runtime/callbacks.js registerTransform).
        const props = deserializeWire(wire);
        const result = await transform({ type: args.type, name: args.name, custom: args.custom, props, opts });
        if (result) {
            // What the callback answers: the props serialized as the SDK serializes them (no output
            // values), which the engine holds as they are for the next transform.
            if (result.props !== undefined) wire = await serializeWire(result.props as Record<string, any>);
            opts = result.opts ?? opts;
        }
    }
    // What the provider and the pack then receive: output values marshalled as their values.
    const final = downgradeOutputValues(wire) as Record<string, any>;
    return { props: deserializeWire(final), wire: final, opts };
}

/**
 * The properties the engine hands a registration's first transform (source_eval.go
 * RegisterResource): the request's, unmarshalled with UpgradeToOutputValues, so each secret and
 * each unknown is an output value where it sits (plugin/rpc.go); and when the resource has
 * transforms of its own, each top-level property with dependencies an output value carrying them
 * (upgradeOutputValues), from its property dependencies or, when the request gives none, the
 * request's dependencies. The SDK's callback then reads these as Outputs at those places.
 */
export function transformProperties(req: any, own: boolean): Record<string, any> {
    const upgraded = upgradeToOutputValues(wireForm(req.getObject())) as Record<string, any>;
    if (!own) return upgraded;
    const byKey = new Map<string, string[]>();
    const map = req.getPropertydependenciesMap?.();
    if (!map || map.getLength() === 0) {
        const all: string[] = req.getDependenciesList?.() ?? [];
        for (const key of Object.keys(upgraded)) byKey.set(key, all);
    } else {
        for (const [key, deps] of map.entries()) byKey.set(key, deps.getUrnsList());
    }
    for (const [key, deps] of byKey) {
        if (!(key in upgraded) || deps.length === 0) continue;
        const value = upgraded[key];
        const current = new Set<string>();
        outputDependencies(value, current);
        if (deps.every((d) => current.has(d))) continue;
        const isOutput = isSig(value, rpc.specialOutputValueSig);
        const merged = [...new Set([...(isOutput ? (value.dependencies ?? []) : []), ...deps])];
        upgraded[key] = isOutput
            ? { ...value, dependencies: merged }
            : { [rpc.specialSigKey]: rpc.specialOutputValueSig, value, dependencies: merged };
    }
    return upgraded;
}

function isSig(value: any, sig: string): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && value[rpc.specialSigKey] === sig;
}

/** plugin/rpc.go's UpgradeToOutputValues on a wire value: secrets and unknowns become output values in place. */
function upgradeToOutputValues(value: any): unknown {
    if (value === rpc.unknownValue) return { [rpc.specialSigKey]: rpc.specialOutputValueSig };
    if (Array.isArray(value)) return value.map(upgradeToOutputValues);
    if (value === null || typeof value !== "object") return value;
    if (isSig(value, rpc.specialSecretSig))
        return {
            [rpc.specialSigKey]: rpc.specialOutputValueSig,
            secret: true,
            value: upgradeToOutputValues(value.value),
        };
    // Assets, archives, resource references and output values stay as they are.
    if (value[rpc.specialSigKey] !== undefined) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, upgradeToOutputValues(item)]));
}

/** The dependencies output values and resource references inside a wire value carry (source_eval.go addOutputDependencies). */
function outputDependencies(value: any, into: Set<string>): void {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach((item) => outputDependencies(item, into));
    if (isSig(value, rpc.specialOutputValueSig)) {
        if ("value" in value) outputDependencies(value.value, into);
        for (const dep of value.dependencies ?? []) into.add(dep);
        return;
    }
    // A resource reference counts only what its id's output value carries, and on the wire its id is text.
    if (isSig(value, rpc.specialResourceSig)) return;
    if (isSig(value, rpc.specialSecretSig)) return outputDependencies(value.value, into);
    if (value[rpc.specialSigKey] !== undefined) return;
    for (const item of Object.values(value)) outputDependencies(item, into);
}

/** Output values marshalled without KeepOutputValues (plugin/rpc.go): the value, a secret, or unknown. */
function downgradeOutputValues(value: any): unknown {
    if (Array.isArray(value)) return value.map(downgradeOutputValues);
    if (value === null || typeof value !== "object") return value;
    if (isSig(value, rpc.specialOutputValueSig)) {
        const inner = "value" in value ? downgradeOutputValues(value.value) : rpc.unknownValue;
        return value.secret === true ? { [rpc.specialSigKey]: rpc.specialSecretSig, value: inner } : inner;
    }
    if (isSig(value, rpc.specialSecretSig))
        return { [rpc.specialSigKey]: rpc.specialSecretSig, value: downgradeOutputValues(value.value) };
    if (value[rpc.specialSigKey] !== undefined) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, downgradeOutputValues(item)]));
}

/** Transformed props in wire form, as the engine would hold them (secrets and unknowns kept). */
async function serializeWire(props: Record<string, any>): Promise<Record<string, any>> {
    return rpc.serializeProperties("transformed inputs", props, { keepOutputValues: false });
}

/** The options a transform returned, over what the program registered. */
function applyTransformedOptions(resource: RegisteredResource, opts: pulumi.CustomResourceOptions): void {
    if (opts.protect !== undefined) resource.protect = !!opts.protect;
    if (opts.retainOnDelete !== undefined) resource.retainOnDelete = !!opts.retainOnDelete;
    if (opts.deleteBeforeReplace !== undefined) {
        resource.deleteBeforeReplace = !!opts.deleteBeforeReplace;
        resource.deleteBeforeReplaceDefined = true;
    }
    if (opts.ignoreChanges) resource.ignoreChanges = [...opts.ignoreChanges];
    if (opts.additionalSecretOutputs) resource.additionalSecretOutputs = [...opts.additionalSecretOutputs];
    if (opts.replaceOnChanges) resource.replaceOnChanges = [...opts.replaceOnChanges];
}

/**
 * A resource's id as the engine answers a preview's registration: every resource the check
 * evaluates is new, and a preview creates nothing, so the provider's Create answers no id (the
 * SDK then holds the id unknown) and a new provider gets the engine's UnknownID
 * (providers/registry.go).
 */
function previewId(args: { type: string; custom?: boolean }, mockId: string): string {
    if (!args.custom) return mockId;
    return args.type.startsWith("pulumi:providers:") ? rpc.unknownValue : "";
}

/**
 * The name a provider would give this registration (autonaming.ts), when the program left the
 * name property out; a name the program set, even one unknown during preview, is kept.
 */
function autonameFor(
    req: any,
    engineOptions: AutonamingOptions | undefined,
): { field: string; value?: string; error?: string } | undefined {
    if (!req.getCustom()) return undefined;
    const fields = req.getObject()?.getFieldsMap();
    const input = (key: string): unknown => {
        const value = fields?.get(key);
        return value === undefined || value.hasNullValue() ? undefined : value.toJavaScript();
    };
    const rule = autonameRuleFor(req.getType(), input);
    if (!rule || input(rule.field) !== undefined) return undefined;
    // The engine's options from `pulumi:autonaming`, which the bridge applies instead of its own suffix.
    if (engineOptions) return { field: rule.field, ...engineAutoname(rule, engineOptions, input) };
    const value = autoname(req.getName(), rule, undefined, input);
    return value === undefined ? undefined : { field: rule.field, value };
}

/** The root stack resource's type: a parent of this type adds nothing to its children's URNs. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** A URN's qualified type: the parent type chain and the type ("a:b:C$d:e:F"). */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

/**
 * The URN the engine gives a resource (Deployment.generateURN, urn.New): the parent's whole
 * qualified type and `$` before the type, unless the parent is the root stack or there is none.
 */
export function engineUrn(
    stack: string,
    project: string,
    parent: string | undefined,
    type: string,
    name: string,
): string {
    const parentType = parent ? qualifiedTypeOf(parent) : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * The URN an alias stands for, as the engine resolves one (step generator `generateAliases`): an
 * alias URN as given; an alias spec with each part it leaves out taken from the resource itself.
 */
function aliasUrn(alias: any, req: any, stack: string, project: string): string {
    const urn = alias.getUrn?.();
    if (urn) return urn;
    const spec = alias.getSpec?.();
    if (!spec) return String(alias);
    const parent = spec.getNoparent?.() ? undefined : spec.getParenturn?.() || req.getParent() || undefined;
    return engineUrn(
        spec.getStack() || stack,
        spec.getProject() || project,
        parent,
        spec.getType() || req.getType(),
        spec.getName() || req.getName(),
    );
}

/** Unwraps Outputs (and Outputs nested in arrays and objects), noting whether any part was secret. */
export async function resolveDeep(value: any): Promise<{ value: any; secret: boolean }> {
    if (pulumi.Output.isInstance(value)) {
        const out = value as pulumi.Output<any>;
        const internals = outputInternals(out);
        const inner = await internals.promise(true);
        const secret = await internals.isSecret;
        const nested = await resolveDeep(inner);
        return { value: nested.value, secret: secret || nested.secret };
    }
    if (value && typeof value.then === "function") return resolveDeep(await value);
    if (Array.isArray(value)) {
        const items = await Promise.all(value.map(resolveDeep));
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (value && typeof value === "object" && !(value instanceof pulumi.Resource)) {
        const result: Record<string, any> = {};
        let secret = false;
        for (const [key, item] of Object.entries(value)) {
            const resolved = await resolveDeep(item);
            result[key] = resolved.value;
            secret = secret || resolved.secret;
        }
        return { value: result, secret };
    }
    return { value, secret: false };
}
