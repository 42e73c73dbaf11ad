/**
 * What the components the harness builds itself (component-swap.ts) share: their arguments in the
 * shape the provider's Construct receives them, the generated SDK classes' `isInstance`, and
 * failing as the provider's Construct fails.
 *
 * The program's SDK sends a remote component's inputs to the engine, which hands them to the
 * provider as a protobuf Struct; the provider's Node.js SDK reads it back with google-protobuf,
 * whose Map gives its keys out sorted (by UTF-16 code unit, at every depth), and drops properties
 * whose value is undefined. The provider's code then spreads and stringifies those objects, so key
 * order and missing keys show in what it builds (a container definitions JSON and the family
 * hashed from it; `{ ...defaults, ...listener }` keeping a default written as `port: undefined`).
 * Run in the program's process, the emulation sees the program's own objects and puts them in
 * that form first. Resources and Outputs cross as references and output values, kept as they are.
 */
import * as pulumi from "@pulumi/pulumi";

/** `args` without its undefined properties, as deserializeProperties drops them (top level only). */
export function definedOnly<T extends object>(args: T): T {
    return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A value as it reads after the trip: plain objects copied with sorted keys and no undefined
 * properties, arrays element by element; Resources, Outputs and other class instances as they are.
 */
export function onTheWire<T>(value: T): T {
    if (Array.isArray(value)) return value.map((item) => onTheWire(item)) as T;
    if (value === null || typeof value !== "object" || !isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) result[key] = onTheWire(field);
    }
    return result as T;
}

/** An object literal's shape: not a Resource, Output, Promise, asset or other class instance. */
function isPlainObject(value: object): boolean {
    if (pulumi.Resource.isInstance(value) || pulumi.Output.isInstance(value)) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/**
 * The component's arguments as the provider receives them: only the inputs the generated SDK
 * class sends (`keys`, its constructor's list; anything else a program passes is not sent), in
 * their wire shape (onTheWire).
 */
export function sdkArgs<T extends object>(args: T | undefined, keys: readonly (keyof T & string)[]): T {
    const sent: Partial<T> = {};
    for (const key of keys) if (args?.[key] !== undefined) sent[key] = args[key];
    return onTheWire(sent as T);
}

/** How many of the values are neither undefined nor null (awsx's "only one of" checks count so). */
export function countDefined(values: readonly unknown[]): number {
    return values.reduce<number>((count, value) => (value !== undefined && value !== null ? count + 1 : count), 0);
}

/** The generated SDK classes' `isInstance`: by type token, so it works across SDK copies. */
export function hasPulumiType(obj: unknown, type: string): boolean {
    return obj !== undefined && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === type;
}

/**
 * Under the engine an error the provider's Construct throws fails the component's registration,
 * and the run, with the provider's message. Here the build's failure escapes as an unhandled
 * rejection of that very error (the language host fails the run with the first one, and so does
 * the check), before the rejections of the outputs that derive from it.
 *
 * Returns the work for the outputs to read, failing with a copy of the error: the SDK prefixes the
 * message of an error it meets while serializing an output (`error serializing property ...`) in
 * place, and the escaped error must keep the provider's words.
 */
export function escapeFailure<T>(work: Promise<T>): Promise<T> {
    // Registered before the outputs' own handlers, so this rejection comes first.
    void work.catch((error: unknown) => {
        throw error;
    });
    return work.catch((error: unknown) => {
        if (!(error instanceof Error)) throw error as Error;
        throw Object.assign(new Error(error.message), { stack: error.stack });
    });
}
