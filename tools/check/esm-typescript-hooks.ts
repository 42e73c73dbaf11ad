/**
 * Module hooks (registered with `module.register`, so run in Node's hooks thread) that act as the
 * language host's own cmd/run/hooks.js for one project, and only while that project's program
 * runs; otherwise they hand every request on. esm-typescript.ts registers one per project, each
 * under a URL of its own.
 */
import { createRequire } from "module";

/** The next hook in Node's chain (Node's own last); what it takes and returns is Node's business. */
type Next = (first: string, context: object) => unknown;

interface Hooks {
    initialize?(data: unknown): unknown;
    resolve?(specifier: string, context: object, next: Next): unknown;
    load?(url: string, context: object, next: Next): unknown;
}

interface Registration {
    layer: number;
    /** Which layer acts now; written by the main thread. */
    active: Int32Array;
    /** The project's SDK's cmd/run/hooks.js. */
    hooks: string;
    /** What cmd/run registers it with. */
    options: unknown;
}

let own: Registration | undefined;
let hooks: Hooks = {};

export async function initialize(registration: Registration): Promise<void> {
    own = registration;
    // Its module body builds the ts-node service, in the folder the main thread chose for this
    // registration; a copy of its own per project (the require cache would hand back the first).
    const load = createRequire(registration.hooks);
    delete load.cache[registration.hooks];
    hooks = load(registration.hooks) as Hooks;
    await hooks.initialize?.(registration.options);
}

function acting(): boolean {
    return own !== undefined && Atomics.load(own.active, 0) === own.layer;
}

export function resolve(specifier: string, context: object, next: Next): unknown {
    return acting() && hooks.resolve ? hooks.resolve(specifier, context, next) : next(specifier, context);
}

export function load(url: string, context: object, next: Next): unknown {
    return acting() && hooks.load ? hooks.load(url, context, next) : next(url, context);
}

// Each registration imports this file under its own URL; as a CommonJS module it would otherwise
// be one module, the first registration's, for all of them.
delete require.cache[__filename];
