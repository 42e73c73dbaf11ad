/**
 * What the mocks hand back for a resource or an invoke: the inputs plus the computed
 * fields a real provider would fill in (ids, ARNs, endpoints, addresses), so that programs
 * that read them evaluate the way they do under the engine. Ids and ARNs are unique and
 * recorded, so the policy check can map them back to the resource that owns them.
 */

import { specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { PROVIDER_MOCKS } from "../clouds";
import { autoname, autonameRuleFor, takesInput } from "./autonaming";
import { computedProperties, nestedComputedProperties, optionalOutputs } from "./sdk-classes";
import type { ProviderConfig, ProviderMocks } from "./provider-mocks";

/** Maps the ids and ARNs the mocks handed out to the URN of the resource that owns them. */
export class MockIds {
    private counter = 0;
    private readonly owners = new Map<string, string>();

    next(prefix: string): string {
        this.counter += 1;
        return `${prefix}-${this.counter.toString(16).padStart(8, "0")}`;
    }

    private readonly counts = new Map<string, number>();

    /** How many times `key` was counted before in this evaluation (0 the first time). */
    count(key: string): number {
        const seen = this.counts.get(key) ?? 0;
        this.counts.set(key, seen + 1);
        return seen;
    }

    /** How many times `key` was counted so far, without counting it. */
    counted(key: string): number {
        return this.counts.get(key) ?? 0;
    }

    private readonly states = new Map<string, Record<string, any>>();

    /** Ids by type and name ("aws:apigateway/restApi:RestApi::api"); undefined where two share them. */
    private readonly byName = new Map<string, string | undefined>();

    /** Ids by type, in creation order. */
    private readonly byType = new Map<string, string[]>();

    own(id: string | undefined, state: Record<string, any>, urn: string): void {
        if (id) {
            this.owners.set(id, urn);
            this.states.set(id, state);
            // urn:pulumi:<stack>::<project>::<parent types$type>::<name>
            const [, , qualifiedType = "", ...name] = urn.split("::");
            const type = qualifiedType.split("$").pop() ?? "";
            const ofType = this.byType.get(type);
            if (ofType) ofType.push(id);
            else this.byType.set(type, [id]);
            const key = `${type}::${name.join("::")}`;
            this.byName.set(key, this.byName.has(key) ? undefined : id);
        }
        for (const key of ["arn", "urn", "uid"]) {
            const value = state?.[key];
            if (typeof value === "string" && value && !this.owners.has(value)) this.owners.set(value, urn);
        }
    }

    /**
     * The id of an input that names a resource: the id itself, or the resource the program passed
     * where the provider takes its id (`restApi: api`), which reaches the mocks as the SDK's
     * rehydrated resource and the provider as that resource's id (mockState hands `created` that).
     */
    idOf(value: unknown): string | undefined {
        if (typeof value === "string") return value;
        const resource = value as { __pulumiResource?: boolean; __pulumiType?: string; __name?: string } | null;
        if (!resource?.__pulumiResource) return undefined;
        return this.byName.get(`${resource.__pulumiType}::${resource.__name}`);
    }

    /** Each resource of `type` the mocks created in this evaluation, with its id and state, in creation order. */
    created(type: string): { id: string; state: Record<string, any> }[] {
        return (this.byType.get(type) ?? []).map((id) => ({ id, state: this.states.get(id)! }));
    }

    /** The state a mock handed out with this id (a subnet's zone for the instance placed in it). */
    stateOf(id: unknown): Record<string, any> | undefined {
        return typeof id === "string" ? this.states.get(id) : undefined;
    }

    /**
     * A public IPv4 address the provider would allocate, unique in this evaluation: from Amazon's
     * own blocks (3.248.0.0/13, eu-west-1's), not a documentation range (192.0.2.0/24 and the
     * like), which allowlists in examples and tests use: a rule naming an Elastic IP would otherwise
     * pass an allowlist its real address never falls in.
     */
    nextPublicIp(): string {
        this.publicIps += 1;
        return `3.248.${Math.floor(this.publicIps / 250) % 256}.${(this.publicIps % 250) + 4}`;
    }
    private publicIps = 0;

    /** The URN of the resource whose id or ARN this is, if a mock handed it out. */
    ownerOf(value: unknown): string | undefined {
        return typeof value === "string" ? this.owners.get(value) : undefined;
    }
}

interface Context {
    preview: boolean;
    project: string;
    stack: string;
    /** The configuration of the provider that registers the resource (ProviderConfigs). Default: none, the environment's. */
    provider?: ProviderConfig;
    /** Referenced stacks' outputs the check was given (EvaluateOptions.stackOutputs). */
    stackOutputs?: (name: string) => { outputs: Record<string, unknown>; secretOutputNames: string[] } | undefined;
}

/** Where neither the program, its provider nor the environment names a region. */
const FALLBACK_REGION = "us-east-1";

/** A provider input or config value as the provider reads it: an object or array from its JSON text. */
function fromJson(value: unknown): unknown {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/**
 * The configuration of each provider instance, as the engine hands it to the provider: an
 * explicit provider's inputs, or for a package's default provider the stack's `<package>:*`
 * config; object values parsed from their JSON in both (a provider SDK sends its object inputs as
 * JSON text, as config holds them), as the provider's CheckConfig reads them.
 */
export class ProviderConfigs {
    /** Explicit providers' inputs, by URN (a preview gives every new provider the same id). */
    private readonly explicit = new Map<string, Record<string, any>>();
    /** Default providers' configurations, by package (read from the config once). */
    private readonly defaults = new Map<string, ProviderConfig>();

    constructor(
        private readonly config: Readonly<Record<string, string>>,
        private readonly env: NodeJS.ProcessEnv = process.env,
    ) {}

    /** Records a registration: an explicit provider (`pulumi:providers:<pkg>`) keeps its inputs. */
    registered(type: string, urn: string, inputs: Record<string, any>): void {
        if (type.startsWith("pulumi:providers:"))
            this.explicit.set(
                urn,
                Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, fromJson(value)])),
            );
    }

    /**
     * The configuration of the provider a resource or invoke of `typeOrToken` goes to: `provider`
     * is the reference the SDK sent (`urn::id`) for an explicit one, undefined for the default.
     */
    of(typeOrToken: string, provider?: string): ProviderConfig {
        if (provider)
            return { inputs: this.explicit.get(provider.slice(0, provider.lastIndexOf("::"))) ?? {}, env: this.env };
        const prefix = `${typeOrToken.split(":")[0]}:`;
        let found = this.defaults.get(prefix);
        if (!found) {
            const inputs: Record<string, any> = {};
            for (const [key, value] of Object.entries(this.config)) {
                if (key.startsWith(prefix)) inputs[key.slice(prefix.length)] = fromJson(value);
            }
            found = { inputs, env: this.env };
            this.defaults.set(prefix, found);
        }
        return found;
    }
}

/** The region a resource or invoke of `typeOrToken` is in: its own `region` input, else its provider's. */
export function regionOf(typeOrToken: string, inputs: Record<string, any>, provider: ProviderConfig): string {
    return inputs.region ?? providerMocks(typeOrToken)?.region?.(provider) ?? FALLBACK_REGION;
}

/** The mocks of the provider whose package a type or token starts with ("aws:..."), if a cloud registered them. */
function providerMocks(typeOrToken: string): ProviderMocks | undefined {
    const [pkg] = typeOrToken.split(":");
    return PROVIDER_MOCKS.find((mocks) => mocks.package === pkg);
}

/**
 * Whether the type's provider is bridged from Terraform, so that its state holds the resource's
 * Terraform `id` among the outputs (pulumi-terraform-bridge's Create: the planned or applied
 * state's attributes, `id` among them), unknown in a preview's plan of a new resource.
 */
export function returnsTerraformId(type: string): boolean {
    return providerMocks(type)?.bridged === true;
}

/** A plain object that is no wire signature (secret, asset, resource reference). */
function isPlainBlock(value: unknown): value is Record<string, unknown> {
    return (
        value !== null &&
        typeof value === "object" &&
        Object.getPrototypeOf(value) === Object.prototype &&
        !(specialSigKey in value)
    );
}

/** The id a real provider would hand out: its own form where it has one, otherwise a readable prefixed id. */
function mockId(type: string, inputs: Record<string, any>, ids: MockIds, preview: boolean): string {
    const provider = providerMocks(type);
    const own = provider?.id?.(type, inputs, ids, preview);
    if (own !== undefined) return own;
    return ids.next(provider?.idPrefixes?.[type] ?? type.split(":").pop()!.toLowerCase());
}

/** What `new pulumi.StackReference(name)` reads (a resource get, with the stack's name for id). */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** Inputs plus computed outputs for one resource. */
export function mockState(
    type: string,
    name: string,
    inputs: Record<string, any>,
    ids: MockIds,
    context: Context,
): { id: string; state: Record<string, any> } {
    const id = mockId(type, inputs, ids, context.preview);
    const provider = context.provider ?? { inputs: {}, env: process.env };
    const region = regionOf(type, inputs, provider);
    const state: Record<string, any> = { ...inputs };
    if (!type.startsWith("pulumi:providers:"))
        providerMocks(type)?.planned?.(type, state, provider, (field) => takesInput(type, field));
    if (type === STACK_REFERENCE_TYPE) {
        // The engine reads the other stack's outputs from the backend, in an update as in a
        // preview (builtins.go readStackReference). Offline they are what the check was given, or
        // unknown, so a value taken from them reaches the pack as unknown rather than as absent
        // (which a rule could read as nothing to judge).
        const given = context.stackOutputs?.(String(inputs.name ?? name));
        state.outputs = given ? given.outputs : unknownValue;
        state.secretOutputNames = given ? given.secretOutputNames : unknownValue;
        return { id, state };
    }
    // A name the program left out is the provider's (autonaming.ts): evaluate() fills it in before
    // this, as the provider's Check does; other callers get it here.
    const input = (key: string): unknown => state[key];
    const rule = autonameRuleFor(type, input);
    const generated = rule && state[rule.field] === undefined ? autoname(name, rule, undefined, input) : undefined;
    if (rule && generated !== undefined) state[rule.field] = generated;
    if (context.preview) {
        // During a preview the provider knows nothing it computes but what it plans: each computed
        // property the program left out (an ARN, an address, the zone EC2 picks) is unknown, as in
        // the planned state a bridged provider's preview answers (and evaluate() answers with no
        // id, as the engine does).
        for (const field of computedProperties(type)) if (state[field] === undefined) state[field] = unknownValue;
        // So is what it computes inside a block the program wrote (a copy: the inputs stay as they were).
        for (const [field, nested] of nestedComputedProperties(type)) {
            const plan = (block: unknown) => {
                // A block as the program wrote it: no secret, unknown or asset in its place.
                if (!isPlainBlock(block)) return block;
                const copy: Record<string, unknown> = { ...block };
                for (const key of nested) if (copy[key] === undefined) copy[key] = unknownValue;
                return copy;
            };
            const value = state[field];
            if (Array.isArray(value)) state[field] = value.map(plan);
            else state[field] = plan(value);
        }
        return { id, state: withUnsetOutputs(type, state) };
    }
    // The provider receives a resource the program passed where it takes an id (`restApi: api`,
    // `subnetId: subnet`) as that resource's id.
    const received = Object.fromEntries(
        Object.entries(inputs).map(([key, value]) => [
            key,
            value?.__pulumiResource ? (ids.idOf(value) ?? value) : value,
        ]),
    );
    providerMocks(type)?.created(type, name, received, state, id, ids, region);
    return { id, state: withUnsetOutputs(type, state) };
}

/**
 * A bridged provider's state holds every attribute of the resource's Terraform schema, unset ones
 * null (an unset list of blocks empty), in a preview's plan as after an update; a policy reading
 * the state sees them so (sdk-classes.ts `optionalOutputs`). Bridged: the providers with
 * Terraform defaults (tf-defaults/).
 */
function withUnsetOutputs(type: string, state: Record<string, any>): Record<string, any> {
    if (!providerMocks(type)?.terraformDefaults || type.startsWith("pulumi:")) return state;
    for (const { name, unset } of optionalOutputs(type))
        if (state[name] === undefined) state[name] = unset === null ? null : [];
    return state;
}

/**
 * Results of the data-source invokes webtier and typical programs make (see each cloud's mocks),
 * or undefined for one the mocks cannot answer (the caller hands the program no fields).
 */
export function mockCall(
    token: string,
    inputs: Record<string, any>,
    ids: MockIds,
    provider: ProviderConfig = { inputs: {}, env: process.env },
    defaults: (token: string) => ProviderConfig = () => ({ inputs: {}, env: process.env }),
): Record<string, any> | undefined {
    try {
        return providerMocks(token)?.calls[token]?.(inputs, ids, {
            region: regionOf(token, inputs, provider),
            provider,
            call: (other, otherInputs) => mockCall(other, otherInputs, ids, defaults(other), defaults),
        });
    } catch (error) {
        // A lookup the cloud refuses (a route table a subnet does not have): the SDK reads the
        // failure's gRPC `details`, which the engine fills in so (source_eval.go Invoke).
        const message = `invocation of ${token} returned an error: ${(error as Error).message}`;
        throw Object.assign(new Error(message), { details: message });
    }
}
