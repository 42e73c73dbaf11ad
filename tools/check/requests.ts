/**
 * What the engine would send a policy pack, built from what the program registered under mocks.
 *
 * The engine calls `Analyze` once per registered resource with its inputs (after the provider's
 * Check), and `AnalyzeStack` once with every resource's outputs plus parent, dependencies and
 * property dependencies. It marshals properties with unknowns and secrets kept, internal
 * (`__`-prefixed) keys dropped and resource references downgraded to the id (custom resources)
 * or URN (components), and names each resource's provider: the explicit one the program passed
 * (`urn::id`), or the default provider it creates per package (`pulumi:providers:<pkg>::default_<version>`)
 * from the stack's `<pkg>:*` config.
 *
 * Pure functions only: turning these into protobuf messages lives here and in wire.ts (the two
 * big requests), sending them lives in pack.ts.
 */
import { goDurationSeconds } from "../harness/go-duration";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { RegisteredResource } from "../harness/evaluate";
import type { MockIds } from "../harness/mock-state";
import type { EnforcementLevel, PolicyConfig, PolicyInfo } from "./policy-config";

/** Wire signatures (@pulumi/pulumi runtime/rpc). */
export const SIG = {
    key: "4dabf18193072939515e22adb298388d",
    asset: "c44067f5952c0a294b673a41bacd8c17",
    archive: "0def7320c3a5731c473e5ecbe6d01bc7",
    secret: "1b47061264138c4ac30d75fd1eb44270",
    resource: "5cf8f73096256a8f31e491e813e4eb8e",
    outputValue: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
} as const;
/** The value the engine sends for an unknown (computed) property. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface AnalyzerOptions {
    protect: boolean;
    ignoreChanges: string[];
    /** Undefined when the program left it unset (the engine sends "defined: false"). */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    /** Seconds, as the engine sends them; 0 when unset. */
    customTimeouts: { create: number; update: number; delete: number };
    parent?: string;
}

export interface AnalyzerProvider {
    urn: string;
    type: string;
    name: string;
    properties: Record<string, any>;
}

/** One resource as the engine describes it to a policy pack. */
export interface AnalyzerResourceData {
    urn: string;
    type: string;
    name: string;
    /** Marshalled properties (wire form, ready for `Struct.fromJavaScript`). */
    properties: Record<string, any>;
    options: AnalyzerOptions;
    provider?: AnalyzerProvider;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

export interface StackSnapshot {
    /** One Analyze request per resource, inputs as properties, in registration order. */
    analyze: AnalyzerResourceData[];
    /** The AnalyzeStack resources, outputs as properties. */
    stack: AnalyzerResourceData[];
    /** Default providers the engine would have created, by URN. */
    defaultProviders: string[];
    /** Property dependencies added because a value was an id/ARN a mock handed to another resource. */
    resolvedReferences: number;
}

export interface SnapshotContext {
    project: string;
    stack: string;
    /** The program's folder, where its provider SDKs are installed. Default: the working directory. */
    programDir?: string;
    /** The stack's config (full keys), for default providers' inputs. */
    config: Record<string, string>;
    secretKeys: string[];
    /**
     * Whether a type's provider holds the resource's id among its outputs even before it is
     * created: a bridged provider's plan does, unknown (the harness's `returnsTerraformId`).
     * Default: none does.
     */
    plansId?: (type: string) => boolean;
}

function isObject(value: unknown): value is Record<string, any> {
    return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * Marshals one wire value the way the engine does for an analyzer: unknowns and secrets kept,
 * internal keys dropped, resource references and output values downgraded.
 */
export function toAnalyzerValue(value: any): any {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toAnalyzerValue(item)));
    const sig = value[SIG.key];
    if (sig === SIG.secret) return { [SIG.key]: SIG.secret, value: toAnalyzerValue(value.value) };
    if (sig === SIG.asset || sig === SIG.archive) return value;
    if (sig === SIG.resource) {
        // A custom resource becomes its id (unknown until created), a component its URN.
        if ("id" in value) return value.id === "" || value.id === undefined ? UNKNOWN : value.id;
        return value.urn;
    }
    if (sig === SIG.outputValue) {
        if (!("value" in value)) return UNKNOWN;
        const inner = toAnalyzerValue(value.value);
        return value.secret ? { [SIG.key]: SIG.secret, value: inner } : inner;
    }
    return toAnalyzerProperties(value);
}

/** Marshals a property map (see `toAnalyzerValue`). */
export function toAnalyzerProperties(props: Record<string, any> | undefined): Record<string, any> {
    const result: Record<string, any> = {};
    for (const [key, value] of Object.entries(props ?? {})) {
        if (key.startsWith("__")) continue;
        const marshalled = toAnalyzerValue(value);
        if (marshalled !== undefined) result[key] = marshalled;
    }
    return result;
}

/** A Go duration ("10m", "1h30m", ".5h") in seconds, as the engine converts customTimeouts; 0 when unset (an unparsable one fails the registration first: evaluate.ts). */
export function durationSeconds(text: string | undefined): number {
    if (!text) return 0;
    return goDurationSeconds(text) ?? 0;
}

/** "urn::id" to its parts. */
export function parseProviderReference(ref: string): { urn: string; id: string } {
    const at = ref.lastIndexOf("::");
    return at < 0 ? { urn: ref, id: "" } : { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}

/** The package of a type token ("aws:ec2/instance:Instance" -> "aws"). */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

export function isProviderType(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}

/** The name the engine gives a package's default provider ("default_7_48_0"). */
export function defaultProviderName(version: string | undefined): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

const installedVersions = new Map<string, string | undefined>();

/**
 * The version of the provider SDK `@pulumi/<pkg>` the program has installed: what the language
 * host reports as the program's required plugin, and so the version the engine gives an explicit
 * provider registered without one (the default provider's).
 */
export function installedPackageVersion(pkg: string, fromDir: string): string | undefined {
    const key = `${fromDir}\0${pkg}`;
    if (!installedVersions.has(key)) {
        let version: string | undefined;
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const manifest = require(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [fromDir] }));
            // Published SDKs may say "v4.0.0"; the SDK itself reports it without the "v" (utilities.getVersion).
            version = typeof manifest.version === "string" ? manifest.version.replace(/^v/, "") : undefined;
        } catch {
            version = undefined;
        }
        installedVersions.set(key, version);
    }
    return installedVersions.get(key);
}

/** The packages of dynamic providers (the engine's isDynamicProvider): their default provider gets all of the config. */
export const DYNAMIC_PROVIDER_PACKAGES = ["pulumi-nodejs", "pulumi-python"];

/**
 * The default provider's inputs as the engine's Target.GetPackageConfig gives them: the stack's
 * `<pkg>:*` config without the namespace, or for a dynamic provider every key with its namespace;
 * secrets kept secret; plus `version`.
 */
export function defaultProviderProperties(
    pkg: string,
    version: string | undefined,
    context: SnapshotContext,
): Record<string, any> {
    const props: Record<string, any> = {};
    const prefix = `${pkg}:`;
    const dynamic = DYNAMIC_PROVIDER_PACKAGES.includes(pkg);
    for (const [key, value] of Object.entries(context.config)) {
        if (!dynamic && !key.startsWith(prefix)) continue;
        const name = dynamic ? key : key.slice(prefix.length);
        props[name] = context.secretKeys.includes(key) ? { [SIG.key]: SIG.secret, value } : value;
    }
    if (version) props.version = version;
    return props;
}

function optionsOf(resource: RegisteredResource): AnalyzerOptions {
    return {
        protect: resource.protect,
        ignoreChanges: resource.ignoreChanges,
        deleteBeforeReplace: resource.deleteBeforeReplaceDefined ? resource.deleteBeforeReplace : undefined,
        additionalSecretOutputs: resource.additionalSecretOutputs,
        // The engine sends only the alias that matched a resource of the previous deployment; the
        // check always judges a first deployment (no previous state), so there is none.
        aliases: [],
        customTimeouts: {
            create: durationSeconds(resource.customTimeouts?.create),
            update: durationSeconds(resource.customTimeouts?.update),
            delete: durationSeconds(resource.customTimeouts?.delete),
        },
        parent: resource.parent,
    };
}

/** Every string in a wire value, for id/ARN resolution. */
function* stringsIn(value: any): Generator<string> {
    if (typeof value === "string") yield value;
    else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
    else if (isObject(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}

/**
 * Builds the requests for one evaluation: an Analyze request per resource as it registers (its
 * default provider's first, when the resource is the first to need it), and once evaluation is
 * over the AnalyzeStack list with outputs and dependencies.
 */
export class SnapshotBuilder {
    private readonly byUrn = new Map<string, RegisteredResource>();
    private readonly defaults = new Map<string, AnalyzerResourceData>();
    private readonly analyzed: AnalyzerResourceData[] = [];
    /** Inputs a remediation replaced, by URN: the provider would have created the resource with them. */
    private readonly remediatedInputs = new Map<string, Record<string, any>>();

    constructor(private readonly context: SnapshotContext) {}

    /** The Analyze requests a newly registered resource causes. */
    add(resource: RegisteredResource): AnalyzerResourceData[] {
        this.byUrn.set(resource.urn, resource);
        const created: AnalyzerResourceData[] = [];
        const provider = this.providerOf(resource, created);
        const request: AnalyzerResourceData = {
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            options: optionsOf(resource),
            provider,
            properties: toAnalyzerProperties(this.inputsOf(resource)),
            parent: resource.parent,
            dependencies: [],
            propertyDependencies: {},
        };
        created.push(request);
        this.analyzed.push(...created);
        return created;
    }

    private providerOf(resource: RegisteredResource, created: AnalyzerResourceData[]): AnalyzerProvider | undefined {
        if (!resource.custom || isProviderType(resource.type)) return undefined;
        if (!resource.provider) return this.defaultProviderFor(resource, created);
        const { urn } = parseProviderReference(resource.provider);
        const owner = this.byUrn.get(urn);
        const type = owner?.type ?? urn.split("::")[2]?.split("$").pop() ?? "";
        return {
            urn,
            type,
            name: owner?.name ?? urn.split("::").pop() ?? "",
            properties: toAnalyzerProperties(owner ? this.inputsOf(owner) : {}),
        };
    }

    /**
     * A resource's inputs as the engine holds them: for an explicit provider, the `version` the SDK
     * registered it with (or, without one, the version of that package's default provider), as
     * the engine's RegisterResource adds it (providers.SetProviderVersion).
     */
    private inputsOf(resource: RegisteredResource): Record<string, any> {
        const inputs = resource.wireInputs ?? {};
        if (!isProviderType(resource.type) || inputs.version !== undefined) return inputs;
        const pkg = resource.type.slice("pulumi:providers:".length);
        const version = resource.version ?? installedPackageVersion(pkg, this.context.programDir ?? process.cwd());
        return version ? { ...inputs, version } : inputs;
    }

    private defaultProviderFor(
        resource: RegisteredResource,
        created: AnalyzerResourceData[],
    ): AnalyzerProvider | undefined {
        const pkg = packageOf(resource.type);
        if (pkg === "pulumi") return undefined; // built-in resources (StackReference) have no provider resource
        const name = defaultProviderName(resource.version);
        const type = `pulumi:providers:${pkg}`;
        const urn = `urn:pulumi:${this.context.stack}::${this.context.project}::${type}::${name}`;
        let data = this.defaults.get(urn);
        if (!data) {
            data = {
                urn,
                type,
                name,
                properties: toAnalyzerProperties(defaultProviderProperties(pkg, resource.version, this.context)),
                options: {
                    protect: false,
                    ignoreChanges: [],
                    additionalSecretOutputs: [],
                    aliases: [],
                    customTimeouts: { create: 0, update: 0, delete: 0 },
                },
                dependencies: [],
                propertyDependencies: {},
            };
            this.defaults.set(urn, data);
            created.push(data);
        }
        return { urn, type, name, properties: data.properties };
    }

    /** Records that a remediation replaced a resource's inputs (they show in its AnalyzeStack outputs). */
    remediated(urn: string, properties: Record<string, any>): void {
        this.remediatedInputs.set(urn, properties);
    }

    /** Everything, once the program has finished: `resources` in registration order, `ids` what the mocks handed out. */
    finish(resources: RegisteredResource[], ids: MockIds): StackSnapshot {
        const analyzedUrns = new Set(this.analyzed.map((r) => r.urn));
        for (const resource of resources) if (!analyzedUrns.has(resource.urn)) this.add(resource);
        let resolvedReferences = 0;
        const stack: AnalyzerResourceData[] = [];
        for (const request of this.analyzed) {
            const resource = this.byUrn.get(request.urn);
            if (!resource) {
                stack.push(request); // a default provider: its outputs are its inputs
                continue;
            }
            const propertyDependencies: Record<string, string[]> = {};
            const dependencies = [...resource.dependencies];
            for (const [key, deps] of Object.entries(resource.propertyDependencies)) {
                if (deps.length > 0) propertyDependencies[key] = [...deps];
            }
            // A value that is an id or ARN a mock handed to another resource came from that resource.
            // Where the SDK recorded no dependency for it at all (the value travelled outside Outputs),
            // the engine would still hold the reference, so the policies see the dependency here too.
            for (const [key, value] of Object.entries(resource.wireInputs ?? {})) {
                if ((resource.propertyDependencies[key] ?? []).length > 0) continue;
                for (const text of stringsIn(value)) {
                    const owner = ids.ownerOf(text);
                    if (!owner || owner === resource.urn) continue;
                    const deps = (propertyDependencies[key] ??= []);
                    if (!deps.includes(owner)) {
                        deps.push(owner);
                        resolvedReferences += 1;
                    }
                    if (!dependencies.includes(owner)) dependencies.push(owner);
                }
            }
            request.dependencies = dependencies;
            request.propertyDependencies = propertyDependencies;
            let outputs: Record<string, any>;
            if (isProviderType(resource.type)) {
                // A provider's state is its inputs (the engine keeps what Check returned).
                outputs = this.inputsOf(resource);
            } else if (resource.custom) {
                outputs = { ...(resource.wireState ?? {}), ...(this.remediatedInputs.get(resource.urn) ?? {}) };
                // Bridged providers return the id among the outputs (policies correlate resources by
                // it); a preview's plan of a new resource holds it unknown (SnapshotContext.plansId).
                if (!("id" in outputs)) {
                    if (resource.id) outputs.id = resource.id;
                    else if (this.context.plansId?.(resource.type)) outputs.id = UNKNOWN;
                }
            } else {
                outputs = resource.wireOutputs ?? {};
            }
            stack.push({ ...request, properties: toAnalyzerProperties(outputs) });
        }
        return { analyze: [...this.analyzed], stack, defaultProviders: [...this.defaults.keys()], resolvedReferences };
    }
}

/** Both the Analyze requests and the AnalyzeStack list for a finished evaluation. */
export function buildSnapshot(resources: RegisteredResource[], ids: MockIds, context: SnapshotContext): StackSnapshot {
    return new SnapshotBuilder(context).finish(resources, ids);
}

// ---- protobuf messages ---------------------------------------------------------------------

function struct(value: Record<string, any>): structproto.Struct {
    return structproto.Struct.fromJavaScript(value as any);
}

const LEVEL_TO_PROTO: Record<EnforcementLevel, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
};

export function levelFromProto(level: analyzerproto.EnforcementLevel): EnforcementLevel {
    const found = (Object.keys(LEVEL_TO_PROTO) as EnforcementLevel[]).find((k) => LEVEL_TO_PROTO[k] === level);
    if (!found) throw new Error(`the policy pack sent an unknown enforcement level ${level}`);
    return found;
}

/** Configure: one PolicyConfig per policy, properties always set (the pack reads them unguarded). */
export function toConfigureRequest(
    config: Record<string, Required<PolicyConfig>>,
): analyzerproto.ConfigureAnalyzerRequest {
    const message = new analyzerproto.ConfigureAnalyzerRequest();
    const map = message.getPolicyconfigMap();
    for (const [name, entry] of Object.entries(config)) {
        const policyConfig = new analyzerproto.PolicyConfig();
        policyConfig.setEnforcementlevel(LEVEL_TO_PROTO[entry.enforcementLevel]);
        policyConfig.setProperties(struct(entry.properties));
        map.set(name, policyConfig);
    }
    return message;
}

export interface StackIdentity {
    project: string;
    stack: string;
    organization?: string;
    dryRun: boolean;
    config: Record<string, string>;
    secretKeys: string[];
    tags?: Record<string, string>;
}

export function toStackConfigureRequest(identity: StackIdentity): analyzerproto.AnalyzerStackConfigureRequest {
    const message = new analyzerproto.AnalyzerStackConfigureRequest();
    message.setProject(identity.project);
    message.setStack(identity.stack);
    message.setOrganization(identity.organization ?? "organization");
    message.setDryRun(identity.dryRun);
    const config = message.getConfigMap();
    for (const [key, value] of Object.entries(identity.config)) config.set(key, value);
    message.setConfigSecretKeysList(identity.secretKeys);
    const tags = message.getTagsMap();
    for (const [key, value] of Object.entries(identity.tags ?? {})) tags.set(key, value);
    return message;
}

/** What the check keeps from GetAnalyzerInfo. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    displayName?: string;
    policies: PolicyInfo[];
    initialConfig: Record<string, PolicyConfig>;
    /** Whether the pack takes policy config (packs from before @pulumi/policy 0.4 do not). */
    supportsConfig: boolean;
}

/** PolicySeverity's values (0 is unspecified), as the policy SDK names them. */
const SEVERITIES: Record<number, string> = { 1: "low", 2: "medium", 3: "high", 4: "critical" };

export function fromAnalyzerInfo(info: analyzerproto.AnalyzerInfo): AnalyzerInfo {
    const policies: PolicyInfo[] = info.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        const policy: PolicyInfo = {
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: levelFromProto(p.getEnforcementlevel()),
        };
        if (p.getDisplayname()) policy.displayName = p.getDisplayname();
        if (schema)
            policy.configSchema = {
                properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
                required: schema.getRequiredList(),
            };
        if (p.getRemediationSteps?.()) policy.remediationSteps = p.getRemediationSteps();
        if (p.getUrl?.()) policy.url = p.getUrl();
        if (p.getTagsList?.().length) policy.tags = p.getTagsList();
        const severity = SEVERITIES[p.getSeverity?.() ?? 0];
        if (severity) policy.severity = severity;
        return policy;
    });
    const initialConfig: Record<string, PolicyConfig> = {};
    info.getInitialconfigMap().forEach((value, key) => {
        initialConfig[key] = {
            enforcementLevel: levelFromProto(value.getEnforcementlevel()),
            properties: value.getProperties()?.toJavaScript() ?? {},
        };
    });
    return {
        name: info.getName(),
        version: info.getVersion(),
        displayName: info.getDisplayname() || undefined,
        policies,
        initialConfig,
        supportsConfig: info.getSupportsconfig(),
    };
}

/** One diagnostic as the pack reported it. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn?: string;
}

export function fromDiagnostics(list: analyzerproto.AnalyzeDiagnostic[]): Diagnostic[] {
    return list.map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: levelFromProto(d.getEnforcementlevel()),
        urn: d.getUrn() || undefined,
    }));
}
