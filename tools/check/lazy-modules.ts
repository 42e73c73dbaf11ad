// Preloaded with `node -r` into every policy pack process the check starts, and imported first by
// the check's own entry point (cli.ts), before anything loads @pulumi/pulumi.
//
// `require("@pulumi/pulumi")` loads four things at once that a pack, and the check's evaluation,
// mostly never touch. Each is deferred here: the SDK gets an object that loads the real module on
// first use and is that module from then on (every read, write, key listing and call goes to it),
// so a program or pack that does use one sees the same module, later. Measured on a conformance
// pack's start (tests/conformance, up to its port): 337 modules and about 290 ms of CPU without
// this, 191 modules and about 160 ms with it.
//
// Node's own loader hook (module.registerHooks) cannot do this: it can replace a module's source,
// not hand back a deferred object, and a replaced source would be compiled and run at once.
import * as path from "path";
import Module from "module";

/** A module loaded on first use when `from` (a path suffix) requires it by `request`. */
interface Deferred {
    request: string;
    from: string;
    /** What the module exports: the stand-in must be callable when it is a function. */
    shape: "object" | "function";
    /**
     * Its `__esModule` marker, answered without loading it: TypeScript's `__importStar` and
     * `__importDefault` read it at the require. tests/tools/check/lazy-modules.test.ts holds it
     * to the installed module's own.
     */
    esModule: boolean;
}

const pulumiFile = (...parts: string[]) => path.join(path.sep, "@pulumi", "pulumi", ...parts);

export const DEFERRED: readonly Deferred[] = [
    // The TypeScript compiler (about 60 ms), which the closure serializer's shim loads at once and
    // only the serializer uses; no pack serializes a closure.
    { request: "typescript", from: pulumiFile("typescript-shim.js"), shape: "object", esModule: false },
    // The Automation API (`pulumi.automation`, about 100 modules: execa, js-yaml, the workspace
    // classes), exported from the SDK's index; a program or pack run by the engine drives no
    // workspace.
    { request: "./automation", from: pulumiFile("index.js"), shape: "object", esModule: true },
    // The OpenTelemetry API (about 40 modules), which the SDK uses only to put the trace context on
    // its own gRPC calls to the engine; a pack makes none, and the check's program talks to mocks.
    {
        request: "@opentelemetry/api",
        from: pulumiFile("runtime", "settings.js"),
        shape: "object",
        esModule: true,
    },
    // npm's package.json normalizer and its license tables (spdx), used only when computing the
    // code paths of a serialized function's package (`computeCodePaths`).
    {
        request: "normalize-package-data",
        from: pulumiFile("runtime", "closure", "codePaths.js"),
        shape: "function",
        esModule: false,
    },
];

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Load };
const load = internals._load;

/** An object that is `real()` for every operation, `__esModule` excepted until it is loaded. */
function standIn(deferred: Deferred, real: () => object, loaded: () => boolean): object {
    // An arrow function has no own non-configurable property (a function's `prototype` is one),
    // so every key the real module has can be reported as it is.
    const target = deferred.shape === "function" ? () => undefined : {};
    return new Proxy(target, {
        get: (_, key) => (key === "__esModule" && !loaded() ? deferred.esModule : Reflect.get(real(), key)),
        set: (_, key, value) => Reflect.set(real(), key, value),
        has: (_, key) => Reflect.has(real(), key),
        deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
        defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            // The stand-in's target has no such property: a proxy may only report it configurable.
            return descriptor && { ...descriptor, configurable: true };
        },
        getPrototypeOf: () => Reflect.getPrototypeOf(real()),
        apply: (_, self, args) => Reflect.apply(real() as (...a: unknown[]) => unknown, self, args),
    });
}

internals._load = function (request, parent, isMain) {
    const deferred = DEFERRED.find((d) => d.request === request && parent?.filename?.endsWith(d.from));
    if (!deferred) return load.call(this, request, parent, isMain);
    let module: object | undefined;
    const real = (): object => (module ??= load.call(this, request, parent, isMain) as object);
    return standIn(deferred, real, () => module !== undefined);
};
