/**
 * Every copy of @pulumi/pulumi loaded in this process, so that what the harness replaces in the
 * SDK while a program runs (evaluate.ts: `Resource.callsites`, `runtime/resource`'s
 * `registerResource`, `runtime/debuggable`'s `debuggablePromise`) is replaced in the copy the
 * program's resources are built with.
 *
 * A project has its own node_modules: its program and its provider SDKs load the project's
 * @pulumi/pulumi, not the check's. The copies share the runtime's state (the mock monitor, the
 * config, the stack) through their global store, so the program's registrations reach the
 * harness's mocks from any copy; but a class or a module export is per copy. Replaced in the
 * check's copy alone, an ES module program's top-level frames were lost again (its copy's own
 * call-site parser drops them) and the inputs it passed as outputs went unseen.
 *
 * A copy is found when its `index.js` requires `./resource` (every program and provider SDK loads
 * the package's index), or, for copies loaded before this was installed, in require.cache. The
 * folder must end in `@pulumi/pulumi` (npm, pnpm and yarn lay it out so).
 */
import Module from "module";
import * as path from "path";
import type { PromiseBookkeeping } from "./promise-tracking";

/** What the harness replaces in one copy. */
export interface SdkCopy {
    /** The package's folder. */
    dir: string;
    /**
     * `resource.js`'s exports: the `Resource` class, whose static `callsites` the constructors call
     * (absent from SDKs older than the registration's `stackTrace`).
     */
    resource: { Resource: { callsites?: (...args: never[]) => unknown } };
    /** `runtime/resource.js`'s exports: `registerResource`, which the constructors call through it. */
    runtimeResource: { registerResource: (...args: never[]) => unknown };
    /** `runtime/debuggable.js` and `runtime/state.js`'s exports (promise-tracking.ts), when both have the shape it needs. */
    promises?: PromiseBookkeeping;
}

/** Applies a replacement to one copy; returns what undoes it. */
export type SdkPatch = (copy: SdkCopy) => () => void;

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Load };

const SDK_SUFFIX = `${path.sep}@pulumi${path.sep}pulumi`;
const copies = new Map<string, SdkCopy>();
/** The patches in force, each with the undo of every copy it was applied to. */
const active = new Set<{ patch: SdkPatch; undo: (() => void)[] }>();
let watching = false;

function cached(file: string): unknown {
    return require.cache[file]?.exports;
}

/** Records the copy in `dir` once both modules it needs have loaded, and patches it if a patch is in force. */
function consider(dir: string): void {
    if (copies.has(dir) || !dir.endsWith(SDK_SUFFIX)) return;
    const resource = cached(path.join(dir, "resource.js")) as SdkCopy["resource"] | undefined;
    const runtimeResource = cached(path.join(dir, "runtime", "resource.js")) as SdkCopy["runtimeResource"] | undefined;
    if (typeof resource?.Resource !== "function") return;
    if (typeof runtimeResource?.registerResource !== "function") return;
    const debuggable = cached(path.join(dir, "runtime", "debuggable.js")) as
        PromiseBookkeeping["debuggable"] | undefined;
    const state = cached(path.join(dir, "runtime", "state.js")) as PromiseBookkeeping["state"] | undefined;
    const promises =
        typeof debuggable?.debuggablePromise === "function" && typeof state?.getStore === "function"
            ? { debuggable, state }
            : undefined;
    const copy: SdkCopy = { dir, resource, runtimeResource, promises };
    copies.set(dir, copy);
    for (const entry of active) entry.undo.push(entry.patch(copy));
}

function watch(): void {
    if (watching) return;
    watching = true;
    for (const file of Object.keys(require.cache))
        if (path.basename(file) === "resource.js" && path.dirname(file).endsWith(SDK_SUFFIX))
            consider(path.dirname(file));
    const load = internals._load;
    internals._load = function (request, parent, isMain) {
        const exports = load.call(this, request, parent, isMain);
        if (request === "./resource" && parent?.filename && path.basename(parent.filename) === "index.js")
            consider(path.dirname(parent.filename));
        return exports;
    };
}

/**
 * Applies `patch` to every copy of @pulumi/pulumi loaded so far and to each one loaded until the
 * returned function is called, which undoes them all (the last applied first).
 */
export function patchSdkCopies(patch: SdkPatch): () => void {
    watch();
    const entry = { patch, undo: [] as (() => void)[] };
    active.add(entry);
    for (const copy of copies.values()) entry.undo.push(patch(copy));
    return () => {
        active.delete(entry);
        for (const undo of entry.undo.reverse()) undo();
    };
}

/** The folders of the copies found so far (for tests and messages). */
export function sdkCopyDirs(): string[] {
    return [...copies.keys()];
}
