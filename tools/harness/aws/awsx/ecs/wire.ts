/**
 * Arguments as the awsx provider receives them. The program's SDK sends a remote component's
 * inputs to the engine, which hands them to the provider's Construct as a protobuf Struct; the
 * provider's Node.js SDK reads it back with google-protobuf, whose Map gives its keys out sorted
 * (by UTF-16 code unit, at every depth), and drops properties whose value is undefined. The
 * provider's code then spreads and stringifies those objects, so key order shows in what it
 * builds: the container definitions JSON and the task family hashed from it. Run in the
 * program's process, the emulation sees the program's own objects and puts them in that form
 * first.
 */
import * as pulumi from "@pulumi/pulumi";

/** `args` without its undefined properties, as deserializeProperties drops them (top level only). */
export function definedOnly<T extends object>(args: T): T {
    return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A resolved value as it reads after the trip: plain objects copied with sorted keys and no
 * undefined properties, arrays element by element. Resources (which cross as references),
 * Outputs (which cross as output values) and other class instances are left as they are.
 */
export function onTheWire(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(onTheWire);
    if (value === null || typeof value !== "object") return value;
    if (!isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) result[key] = onTheWire(field);
    }
    return result;
}

/** An object literal's shape: not a Resource, Output, Promise, asset or other class instance. */
function isPlainObject(value: object): boolean {
    if (pulumi.Resource.isInstance(value) || pulumi.Output.isInstance(value)) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
