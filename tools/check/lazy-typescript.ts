// Preloaded with `node -r` into every policy pack process the check starts.
//
// A pack loads @pulumi/policy, which loads @pulumi/pulumi; its automation module loads the
// closure serializer, which loads the TypeScript compiler through `typescript-shim` (about 60 ms
// of every pack process's start, measured on this project's packs). The serializer is the only
// user of it, and a pack serializes no closure. Here the shim's `require("typescript")` gets an
// object that loads the compiler on first use and is the compiler from then on: a pack that does
// use it sees the same module, later.
import * as path from "path";
import Module from "module";

const SHIM = `${path.sep}@pulumi${path.sep}pulumi${path.sep}typescript-shim.js`;

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Load };
const load = internals._load;

internals._load = function (request, parent, isMain) {
    if (request !== "typescript" || !parent?.filename?.endsWith(SHIM)) return load.call(this, request, parent, isMain);
    let compiler: object | undefined;
    const real = (): object => (compiler ??= load.call(this, request, parent, isMain) as object);
    return new Proxy(
        {},
        {
            get: (_, key) => Reflect.get(real(), key),
            has: (_, key) => Reflect.has(real(), key),
            ownKeys: () => Reflect.ownKeys(real()),
            getOwnPropertyDescriptor: (_, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
                return descriptor && { ...descriptor, configurable: true };
            },
            getPrototypeOf: () => Reflect.getPrototypeOf(real()),
        },
    );
};
