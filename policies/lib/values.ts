/**
 * Reading resource properties the way the policy engine hands them over, without tripping
 * over values that are unknown during a preview.
 *
 * The engine sends an unknown value as one of a few fixed sentinel strings (part of the
 * Pulumi wire protocol), and @pulumi/policy wraps `props` in a proxy that throws as soon as
 * a policy touches one. A thrown "unknown" is turned into an advisory note by the policy
 * server, which would let a security rule pass silently. So every rule reads a plain copy
 * of the properties (`plain`) where each sentinel is replaced by the `UNKNOWN` marker, and
 * decides for itself what an unknown means (usually: "cannot be proven", a violation).
 *
 * Nothing here imports @pulumi/policy or a provider SDK at run time: the offline check must
 * load the pack in milliseconds.
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { registered } from "./registered";

/**
 * The engine's unknown sentinels (pulumi/sdk `plugin.Unknown*Value`, mirrored in
 * @pulumi/policy's proxy.js and @pulumi/pulumi's `rpc.unknownValue`). A test checks that these
 * still match the installed libraries.
 */
export const UNKNOWN_SENTINELS: readonly string[] = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (and the engine's generic unknown)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

/** The marker `plain` puts wherever the engine said "unknown during preview". */
export const UNKNOWN: unique symbol = Symbol.for("webtier.policy.unknown");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.includes(value));
}

const SPECIAL_PROXY = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

/** Strips @pulumi/policy's unknown-checking and secret-preserving proxies without reading through them. */
function unproxy(value: any): any {
    let current = value;
    // Each proxy layer answers these two keys itself, so reading them never throws.
    for (let i = 0; i < 4 && current !== null && typeof current === "object" && current[SPECIAL_PROXY] === true; i++) {
        current = current[PROXY_TARGET];
    }
    return current;
}

/** A `Secret` box from @pulumi/policy (only present in remediation arguments). */
function unboxSecret(value: any): any {
    if (value !== null && typeof value === "object" && value.constructor?.name === "Secret" && "value" in value) {
        return value.value;
    }
    return value;
}

/**
 * A deep, plain copy of resource properties: proxies and secret boxes removed, each unknown
 * sentinel replaced by `UNKNOWN`. Safe to read anywhere.
 */
export function plain(value: any): any {
    const v = unboxSecret(unproxy(value));
    if (isUnknown(v)) return UNKNOWN;
    if (Array.isArray(v)) return v.map((item) => plain(item));
    if (v !== null && typeof v === "object") {
        // Assets and archives: keep as they are; no rule inspects them.
        if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
        const out: Record<string, any> = {};
        for (const key of Object.keys(v)) {
            if (v[key] !== undefined) out[key] = plain(v[key]);
        }
        return out;
    }
    return v;
}

/** One resource as every rule sees it, whether it came from a resource or a stack validation. */
export interface Res {
    urn: string;
    type: string;
    name: string;
    /** Plain properties (see `plain`): inputs for resource policies, outputs for stack policies. */
    props: Record<string, any>;
    /** For each property, the URNs of the resources its value came from (stack policies only). */
    propertyDependencies: Record<string, string[]>;
    /** URNs this resource depends on (stack policies only). */
    dependencies: string[];
    parent?: string;
    /** The `deleteBeforeReplace` resource option (stack policies only; absent: not set). */
    deleteBeforeReplace?: boolean;
    /**
     * One top-level property as `props[key]` holds it, without making the plain copy of all of
     * them that reading `props` makes (fromResourceArgs and fromStackResources set it). Read it
     * through `propOf`.
     */
    prop?: (key: string) => any;
}

/** `res.props[key]`, through `res.prop` where there is one. */
export function propOf(res: Res, key: string): any {
    return res.prop ? res.prop(key) : res.props[key];
}

/**
 * The value at a property or a path of nested objects (`spec.name`, `dropletTemplate.userData`).
 * An object on the way that is unknown during preview makes the value unknown (it is returned);
 * one that is absent, or no plain object, makes it absent.
 */
export function valueAtPath(props: Record<string, unknown>, path: string): unknown {
    let value: unknown = props;
    for (const key of path.split(".")) {
        if (isUnknown(value)) return value;
        if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
        value = (value as Record<string, unknown>)[key];
    }
    return value;
}

/**
 * A resource's view whose `props`, the `plain` copy of `raw`, is made when first read; `prop`
 * reads one top-level property without it. Most rules look at a few types, yet each sees every
 * resource. Where `computedByProvider(key)`, what is unknown in that property is left out (see
 * fromStackResources): the property when it is unknown itself, else each unknown inside it.
 */
function withLazyProps(
    fields: Omit<Res, "props" | "prop">,
    raw: unknown,
    computedByProvider?: (key: string) => boolean,
): Res {
    let props: Record<string, any> | undefined;
    // Whose an unknown is gets asked only of a value that holds one (none does in an update).
    const view = (key: string, value: unknown): unknown => {
        if (!computedByProvider) return value;
        const known = withoutUnknowns(value);
        return known === value || !computedByProvider(key) ? value : known;
    };
    return {
        ...fields,
        get props(): Record<string, any> {
            if (!props) {
                const copy: Record<string, any> = plain(raw) ?? {};
                if (computedByProvider)
                    for (const key of Object.keys(copy)) {
                        const value = view(key, copy[key]);
                        if (value === undefined) delete copy[key];
                        else copy[key] = value;
                    }
                props = copy;
            }
            return props;
        },
        set props(value: Record<string, any>) {
            props = value;
        },
        prop: (key: string) => (props ? props[key] : view(key, plain(unboxSecret(unproxy(raw))?.[key]))),
    };
}

/**
 * A plain value without its unknowns: an unknown is absent, in an object or a list as on its own.
 * The value itself when it holds none (it is a fresh plain copy already): most hold none.
 */
function withoutUnknowns(value: unknown): unknown {
    if (value === UNKNOWN) return undefined;
    if (Array.isArray(value)) {
        let changed = false;
        const kept: unknown[] = [];
        for (const item of value) {
            const inner = withoutUnknowns(item);
            if (inner !== item) changed = true;
            if (inner !== undefined) kept.push(inner);
        }
        return changed ? kept : value;
    }
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        let changed = false;
        const kept: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            const inner = withoutUnknowns(item);
            if (inner !== item) changed = true;
            if (inner !== undefined) kept[key] = inner;
        }
        return changed ? kept : value;
    }
    return value;
}

/**
 * Each resource's inputs as Analyze last showed them, by URN (see fromStackResources). The engine
 * analyzes every resource before it analyzes the stack, in the same analyzer process
 * (step_generator.go AnalyzeResources after the steps), and the pack's resource policies that
 * judge every type read each resource through fromResourceArgs, so this holds every resource of
 * the stack by the time a stack policy runs. Only a reference is kept; each run replaces it.
 */
const analyzedInputs = new Map<string, unknown>();

/** Whether a value holds an unknown anywhere. */
function holdsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(holdsUnknown);
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
        return Object.values(value).some(holdsUnknown);
    return false;
}

/** The view of a resource under validation (no dependency information is available there). */
export function fromResourceArgs(args: ResourceValidationArgs): Res {
    analyzedInputs.set(args.urn, unproxy(args.props));
    return withLazyProps(
        {
            urn: args.urn,
            type: args.type,
            name: args.name,
            propertyDependencies: {},
            dependencies: [],
            parent: args.opts?.parent,
        },
        args.props,
    );
}

/**
 * The views of every resource of a stack validation, dependencies as URNs. Each resource's plain
 * copy is made when a rule first reads its `props` (withLazyProps): a stack rule reads few of a
 * stack's resources (its security groups, say, not its servers' user data or its dynamic
 * resources' serialized providers), and every stack rule gets its own copy of the stack.
 *
 * A stack validation sees each resource's outputs. During a preview the provider answers what
 * it computes as unknown, also what it computes because the program left it out: a security
 * group's `ingress` when its rules are separate resources, a route table's `routes`, a cache's
 * `transitEncryptionMode`, a bucket's encryption (terraform-provider-aws plans every Optional and
 * Computed attribute the configuration leaves out as "known after apply"). Such a property is
 * the provider's default, not the program's: it is left out of the view, so a rule reads it as
 * it reads an absent input, rather than as a value the program made unknown. What tells them
 * apart is where the value came from: a value the program set and the preview cannot know yet
 * came from other resources' outputs, so it has property dependencies; the provider's own has none.
 * The same holds inside a block the program wrote (a Lightsail port's `ipv6Cidrs`, an EKS cluster's
 * `vpcConfig.clusterSecurityGroupId`): in a property without dependencies, each unknown is left out.
 *
 * Dependencies do not tell every value the program set: one read through a data source whose
 * arguments are unknown (`aws.iam.getPolicyDocumentOutput` over a bucket's ARN: the SDK answers
 * an unknown with no dependencies, runtime/invoke.ts) or taken from a stack reference (a read,
 * which the engine keeps out of the stack's resources, so the policy SDK drops it from the
 * dependencies) has none. The resource's inputs tell them: what the program left to the provider
 * is not among them, so a property whose input held an unknown under Analyze is the program's.
 */
export function fromStackResources(resources: PolicyResource[]): Res[] {
    return resources.map((r) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
            propertyDependencies[key] = (deps ?? []).map((d) => d.urn);
        }
        const inputs = analyzedInputs.get(r.urn) as Record<string, unknown> | undefined;
        const computedByProvider = (key: string) =>
            (propertyDependencies[key] ?? []).length === 0 && !(inputs && holdsUnknown(inputs[key]));
        return withLazyProps(
            {
                urn: r.urn,
                type: r.type,
                name: r.name,
                propertyDependencies,
                dependencies: (r.dependencies ?? []).map((d) => d.urn),
                parent: r.parent?.urn,
                ...(r.opts?.deleteBeforeReplace !== undefined
                    ? { deleteBeforeReplace: r.opts.deleteBeforeReplace }
                    : {}),
            },
            r.props,
            computedByProvider,
        );
    });
}

/** `security group "web-app-sg"`: how messages name a resource. */
export function describe(res: { type: string; name: string }): string {
    // Each cloud's pack names its types (its `labels`, lib/clouds.ts).
    return `${registered().RESOURCE_LABELS[res.type] ?? res.type} "${res.name}"`;
}

/** A number known now (a preview's unknowns are sentinel strings, never numbers). */
export function knownNumber(value: unknown): value is number {
    return typeof value === "number";
}

/** A property that may be absent, unknown or set. */
export function present(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

/** A list property as a list (absent = empty); an unknown list becomes `[UNKNOWN]`. */
export function listOf<T = any>(value: unknown): (T | Unknown)[] {
    if (value === undefined || value === null) return [];
    if (isUnknown(value)) return [UNKNOWN];
    return Array.isArray(value) ? value.map((v) => (isUnknown(v) ? UNKNOWN : v)) : [value as T];
}

/** Case-insensitive string comparison that treats unknown as "not this value". */
export function sameText(value: unknown, expected: string): boolean {
    return typeof value === "string" && !isUnknown(value) && value.toLowerCase() === expected.toLowerCase();
}

/** A property value as message text: scalars as they are, anything else as JSON. */
export function textOf(value: unknown): string {
    if (isUnknown(value)) return "unknown during preview";
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (value === undefined || value === null) return "";
    return JSON.stringify(value);
}
