/**
 * Fake validation arguments, built the way @pulumi/policy's server builds them: props wrapped
 * in the real unknown-checking proxy (so a rule that reads an unknown value through it throws,
 * as it would under the engine), `getConfig` returning the schema defaults overlaid with the
 * given config (as the CLI does), stack resources linked through dependencies.
 */
import type {
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import * as assert from "assert";
import { StackGraph } from "../../policies/lib/graph";
import { isUnknown, type Res } from "../../policies/lib/values";

// @pulumi/policy/proxy declares no types (its .d.ts exports nothing).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy");

/** Unknown-during-preview values, as the engine sends them. */
export const UNKNOWN_STRING: string = proxy.unknownStringValue;
export const UNKNOWN_BOOLEAN: any = proxy.unknownBooleanValue;
export const UNKNOWN_NUMBER: any = proxy.unknownNumberValue;
export const UNKNOWN_ARRAY: any = proxy.unknownArrayValue;

function configFor(policy: { configSchema?: { properties: Record<string, any> } }, config: Record<string, unknown>) {
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema && typeof schema === "object" && "default" in schema) defaults[key] = schema.default;
    }
    return { ...defaults, ...config };
}

function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::webtier::${type}::${name}`;
}

export function resourceArgs(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, any>,
    config: Record<string, unknown> = {},
    name = "subject",
): ResourceValidationArgs {
    return {
        type,
        props: proxy.unknownCheckingProxy(props),
        urn: urnOf(type, name),
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => configFor(policy, config) as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}

/** The violation messages of a resource policy for one resource. */
export async function validateResource(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, any>,
    config: Record<string, unknown> = {},
): Promise<string[]> {
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const validate of validations) {
        await validate(resourceArgs(policy, type, props, config), (message) => messages.push(message));
    }
    return messages;
}

/** What a remediation returns for one resource (undefined: nothing to change). */
export async function remediate(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, any>,
): Promise<Record<string, any> | undefined> {
    const result = await policy.remediateResource!(resourceArgs(policy, type, props));
    return result ? JSON.parse(JSON.stringify(result)) : undefined;
}

/** One resource of a fake stack; dependencies name other resources of the same stack. */
export interface FakeResource {
    type: string;
    name: string;
    props: Record<string, any>;
    /** Property to the names of the resources its value came from. */
    deps?: Record<string, string[]>;
    /**
     * Unknown properties the provider computes (no property dependency, as the engine reports
     * them); any other unknown top-level property came from a resource outside the stack.
     */
    providerComputed?: string[];
    /** The deleteBeforeReplace resource option, as the engine sends it (absent: not set). */
    deleteBeforeReplace?: boolean;
}

/** Where a fake's unknown values came from when its test names nothing: a resource outside the stack. */
const UPSTREAM = {
    type: "test:index:Upstream",
    name: "upstream",
    urn: "urn:pulumi:test::test::test:index:Upstream::upstream",
    props: {},
    dependencies: [],
    propertyDependencies: {},
} as unknown as PolicyResource;

export interface StackViolation {
    message: string;
    urn?: string;
    /** The name part of `urn`. */
    name?: string;
}

export async function validateStack(
    policy: StackValidationPolicy,
    resources: FakeResource[],
    config: Record<string, unknown> = {},
): Promise<StackViolation[]> {
    const byName = new Map<string, PolicyResource>();
    const built: PolicyResource[] = resources.map((r) => {
        const resource = {
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: proxy.unknownCheckingProxy(r.props),
            opts: {
                protect: false,
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
                ...(r.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: r.deleteBeforeReplace } : {}),
            },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        } as unknown as PolicyResource;
        assert.ok(!byName.has(r.name), `duplicate fake resource name ${r.name}`);
        byName.set(r.name, resource);
        return resource;
    });
    resources.forEach((r, index) => {
        const resource = built[index];
        const all = new Set<PolicyResource>();
        for (const [key, names] of Object.entries(r.deps ?? {})) {
            resource.propertyDependencies[key] = names.map((n) => {
                const dep = byName.get(n);
                assert.ok(dep, `unknown dependency ${n} of ${r.name}`);
                all.add(dep);
                return dep;
            });
        }
        // A value the program set that a preview cannot know came from another resource's output,
        // which the engine names as its property dependency; one with none is the provider's own
        // (values.ts fromStackResources). Unless the test names them (or `providerComputed`), a
        // fake resource's top-level properties that are or hold an unknown came from a resource
        // outside the stack view.
        for (const [key, value] of Object.entries(r.props)) {
            if (!holdsUnknown(value) || r.deps?.[key] || r.providerComputed?.includes(key)) continue;
            resource.propertyDependencies[key] = [UPSTREAM];
            all.add(UPSTREAM);
        }
        resource.dependencies = [...all];
    });
    const violations: StackViolation[] = [];
    const args: StackValidationArgs = {
        resources: built,
        stackTags: new Map(),
        getConfig: <T extends object>() => configFor(policy, config) as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
    await policy.validateStack(args, (message, urn) => violations.push({ message, urn, name: urn?.split("::").pop() }));
    return violations;
}

/** Asserts that one of `messages` contains every one of `parts` (case-insensitive). */
export function assertViolation(messages: (string | StackViolation)[], ...parts: string[]): void {
    const texts = messages.map((m) => (typeof m === "string" ? m : m.message));
    const found = texts.some((text) => parts.every((part) => text.toLowerCase().includes(part.toLowerCase())));
    assert.ok(found, `expected a violation containing ${JSON.stringify(parts)}, got:\n${texts.join("\n") || "(none)"}`);
}

export function assertNone(messages: (string | StackViolation)[]): void {
    const texts = messages.map((m) => (typeof m === "string" ? m : m.message));
    assert.deepStrictEqual(texts, [], `expected no violations, got:\n${texts.join("\n")}`);
}

/** The violation messages of a stack policy for a stack of one resource (a rule that was a resource policy before). */
export async function validateAlone(
    policy: StackValidationPolicy,
    type: string,
    props: Record<string, any>,
    config: Record<string, unknown> = {},
): Promise<string[]> {
    return (await validateStack(policy, [{ type, name: "subject", props }], config)).map((v) => v.message);
}

/**
 * The stack graph rules build from `fakes`, for testing the graph helpers on their own: each
 * resource's dependencies by name (property dependencies, and all of them as dependencies), as
 * `validateStack` links them.
 */
export function graphOf(fakes: FakeResource[]): StackGraph {
    const urn = (name: string) => {
        const fake = fakes.find((x) => x.name === name);
        assert.ok(fake, `no fake resource ${name}`);
        return urnOf(fake.type, name);
    };
    return new StackGraph(
        fakes.map((r): Res => {
            const propertyDependencies: Record<string, string[]> = {};
            for (const [key, names] of Object.entries(r.deps ?? {})) propertyDependencies[key] = names.map(urn);
            return {
                urn: urn(r.name),
                type: r.type,
                name: r.name,
                props: r.props,
                propertyDependencies,
                dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            };
        }),
    );
}

/** Whether a fake property value is, or holds somewhere inside, a value unknown during preview. */
function holdsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(holdsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnknown);
    return false;
}
