/**
 * What the awsx provider's Construct receives of a component's arguments. The SDK serializes them
 * to the engine, which hands them to the plugin: a property whose value is `undefined` is left out
 * on the way (at every depth), so in the provider `{ ...defaults, ...listener }` keeps a default
 * the program wrote as `port: undefined`. In this process the program's own objects arrive, so
 * they are brought to that shape first. Resources and Outputs cross as references and output
 * values, and are kept as they are.
 *
 * Shared by the lb, ecr and cloudtrail emulations (and usable by any other namespace).
 */
import * as pulumi from "@pulumi/pulumi";

/** `value` without its `undefined` properties, at every depth of plain objects and arrays. */
export function onTheWire<T>(value: T): T {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => onTheWire(item)) as T;
    if (!isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) result[key] = onTheWire(item);
    }
    return result as T;
}

/** An object literal's shape, not a Resource, Output, Promise, asset or other class instance. */
function isPlainObject(value: object): boolean {
    if (pulumi.Resource.isInstance(value) || pulumi.Output.isInstance(value)) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/**
 * awsx's utils.ts `countDefined`: how many of the values are neither undefined nor null (the
 * provider's "only one of" checks count so).
 */
export function countDefined(values: readonly unknown[]): number {
    return values.reduce<number>((count, value) => (value !== undefined && value !== null ? count + 1 : count), 0);
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
