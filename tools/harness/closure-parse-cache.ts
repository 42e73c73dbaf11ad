/**
 * The parsing half of Pulumi's closure serializer, kept between processes.
 *
 * A dynamic provider (webtier's health gate, for one) is serialized while the program runs: the
 * SDK's runtime/closure walks the provider's functions and parses the text of each with the
 * TypeScript compiler, `parseFunction(text)` to find the variables it captures and
 * `rewriteSuperReferences(code, isStatic)` to rewrite `super` in a derived class. Both are pure
 * functions of their arguments (and of the SDK's and the compiler's code), and the compiler is a
 * 9 MB module: loading it, and V8 hashing its source for the inspector session the serializer
 * keeps open, was about 250 ms of a four-stack check, most of what serializing the two gate
 * providers cost. Here each result is kept on disk under a key made of the function, its
 * arguments, the SDK's two closure modules' text and the compiler's version: a later run that
 * serializes the same functions gets the same results without loading the compiler.
 *
 * Only results that come back identical through the cache's encoding are kept (checked on each
 * one as it is written); anything else, and any call that throws, is left to the SDK every time.
 * Each call gets objects of its own.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import { isDeepStrictEqual } from "util";

/** What the cache keeps: strings, numbers, booleans, null, undefined, arrays, Maps and plain objects. */
type Encoded = string | number | boolean | null | [string, ...unknown[]];

class NotCacheable extends Error {}

/**
 * `value` as JSON that keeps what JSON alone loses: every non-primitive is a tagged array
 * (`["u"]` undefined, `["a", ...items]`, `["m", [key, value]...]`, `["o", [key, value]...]`),
 * so an object with an undefined member and a Map come back as they were. Throws NotCacheable
 * for anything else (a function, a Set, a class instance).
 */
export function encodeValue(value: unknown): Encoded {
    if (value === undefined) return ["u"];
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value) || Object.is(value, -0)) throw new NotCacheable();
        return value;
    }
    if (Array.isArray(value)) return ["a", ...value.map(encodeValue)];
    if (value instanceof Map) return ["m", ...[...value].map(([k, v]) => [encodeValue(k), encodeValue(v)])];
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        if (Object.getOwnPropertySymbols(value).length > 0) throw new NotCacheable();
        return ["o", ...Object.entries(value).map(([k, v]) => [k, encodeValue(v)])];
    }
    throw new NotCacheable();
}

/** The value `encodeValue` encoded, built afresh. */
export function decodeValue(encoded: unknown): unknown {
    if (!Array.isArray(encoded)) return encoded;
    const [tag, ...rest] = encoded as [string, ...unknown[]];
    if (tag === "u") return undefined;
    if (tag === "a") return rest.map(decodeValue);
    if (tag === "m") return new Map((rest as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    if (tag === "o") {
        const object: Record<string, unknown> = {};
        for (const [k, v] of rest as [string, unknown][]) object[k] = decodeValue(v);
        return object;
    }
    throw new NotCacheable();
}

type Pure = (...args: unknown[]) => unknown;

/** Where the results live and what keys them besides the call itself. */
interface Store {
    dir: string;
    /** The SDK's closure modules and the compiler they load, as a digest. */
    code: string;
    /** Encoded results read or written by this process, by key. */
    seen: Map<string, string>;
}

function keyOf(store: Store, name: string, args: unknown[]): string | undefined {
    if (!args.every((a) => typeof a === "string" || typeof a === "boolean" || a === undefined)) return undefined;
    return crypto
        .createHash("sha256")
        .update(JSON.stringify([store.code, name, args.map((a) => (a === undefined ? ["u"] : a))]))
        .digest("hex");
}

function read(store: Store, key: string): string | undefined {
    const known = store.seen.get(key);
    if (known !== undefined) return known;
    try {
        const text = fs.readFileSync(path.join(store.dir, `${key}.json`), "utf8");
        store.seen.set(key, text);
        return text;
    } catch {
        return undefined;
    }
}

function write(store: Store, key: string, text: string): void {
    store.seen.set(key, text);
    const file = path.join(store.dir, `${key}.json`);
    try {
        fs.mkdirSync(store.dir, { recursive: true });
        // Written aside and renamed: another process reading the same key sees all of it or nothing.
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, text);
        fs.renameSync(partial, file);
    } catch {
        // A read-only tree: this process still keeps what it computed.
    }
}

/** `original`, answering from the store what it answered before for the same arguments. */
function cached(store: Store, name: string, original: Pure): Pure {
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
        const key = keyOf(store, name, args);
        if (key === undefined) return original.apply(this, args);
        const text = read(store, key);
        if (text !== undefined) {
            try {
                return decodeValue(JSON.parse(text));
            } catch {
                // Not what this code writes (a torn or foreign file): compute it again below.
            }
        }
        const result = original.apply(this, args);
        try {
            const encoded = JSON.stringify(encodeValue(result));
            if (isDeepStrictEqual(decodeValue(JSON.parse(encoded)), result)) write(store, key, encoded);
        } catch {
            // Something the encoding does not carry: the SDK computes it every time.
        }
        return result;
    };
    PATCHED.add(wrapped);
    return wrapped;
}

const PATCHED = new WeakSet<object>();

/** The pure functions of each closure module, by the module's file name. */
const PURE: Record<string, string[]> = {
    "parseFunction.js": ["parseFunction"],
    "rewriteSuper.js": ["rewriteSuperReferences"],
};

/**
 * The SDK's closure modules and the TypeScript its shim loads, as one digest: the two modules'
 * text (a patched SDK keys apart from the published one) and the compiler's version, or the
 * SDK's own version when the shim falls back to the copy it vendors.
 */
function codeDigest(closureDir: string): string {
    const hash = crypto.createHash("sha256");
    for (const file of Object.keys(PURE)) hash.update(fs.readFileSync(path.join(closureDir, file)));
    const sdkRoot = path.resolve(closureDir, "..", "..");
    const shim = path.join(sdkRoot, "typescript-shim.js");
    let compiler: string;
    try {
        const manifest = Module.createRequire(shim).resolve("typescript/package.json");
        compiler = `typescript ${JSON.parse(fs.readFileSync(manifest, "utf8")).version} ${manifest}`;
    } catch {
        compiler = `vendored by @pulumi/pulumi ${JSON.parse(fs.readFileSync(path.join(sdkRoot, "package.json"), "utf8")).version}`;
    }
    hash.update(compiler);
    return hash.digest("hex");
}

/**
 * Wraps the pure functions of one of the SDK's closure modules (`file`, its exports). Returns the
 * names wrapped: none when the module is not one of them, its functions are not where they were,
 * or they are wrapped already.
 */
export function wrapClosureModule(file: string, exports: Record<string, unknown>, dir: string): string[] {
    const names = PURE[path.basename(file)];
    if (!names || !exports) return [];
    const closureDir = path.dirname(file);
    let store: Store | undefined;
    const wrapped: string[] = [];
    for (const name of names) {
        const original = exports[name];
        const descriptor = Object.getOwnPropertyDescriptor(exports, name);
        if (typeof original !== "function" || PATCHED.has(original) || !descriptor?.writable) continue;
        try {
            store ??= { dir, code: codeDigest(closureDir), seen: new Map() };
        } catch {
            return wrapped;
        }
        exports[name] = cached(store, name, original as Pure);
        wrapped.push(name);
    }
    return wrapped;
}

const CLOSURE_DIR = ["@pulumi", "pulumi", "runtime", "closure"].join("/");

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const internals = Module as unknown as { _load: Load };

let installedDir: string | undefined;

/**
 * From now on in this process, each copy of @pulumi/pulumi's closure modules answers from `dir`
 * what it computed before (the copies loaded already included). Idempotent.
 */
export function installClosureParseCache(dir: string): void {
    if (installedDir !== undefined) return;
    installedDir = dir;
    const consider = (file: string | undefined, exports: unknown) => {
        if (!file || !exports || typeof exports !== "object") return;
        if (path.dirname(file).split(path.sep).join("/").endsWith(CLOSURE_DIR))
            wrapClosureModule(file, exports as Record<string, unknown>, dir);
    };
    for (const [file, module] of Object.entries(require.cache)) consider(file, module?.exports);
    const load = internals._load;
    internals._load = function (request, parent, isMain) {
        const exports = load.call(this, request, parent, isMain);
        // createClosure.js requires both by these names; nothing else the SDK has requires them.
        if ((request === "./parseFunction" || request === "./rewriteSuper") && parent?.filename)
            consider(path.join(path.dirname(parent.filename), `${request.slice(2)}.js`), exports);
        return exports;
    };
}
