import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { inspect } from "util";
import { decodeValue, encodeValue, wrapClosureModule } from "../../../tools/harness/closure-parse-cache";

const DIST_ROOT = path.resolve(__dirname, "..", "..", "..");
const CACHE_MODULE = path.join(DIST_ROOT, "tools", "harness", "closure-parse-cache.js");
/** The check's preload: the SDK's TypeScript shim then loads the compiler on first use, not at once. */
const LAZY_MODULES = path.join(DIST_ROOT, "tools", "check", "lazy-modules.js");
const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/**
 * Serializes functions of every form the SDK parses differently (methods, arrows, a derived class
 * with `super` in instance and static members, a function reading `this`, an arrow capturing
 * `this`, which the SDK refuses) in a fresh process, with the cache in `cacheDir` or without one.
 * Prints the serialized texts (or errors) and whether the TypeScript compiler was loaded.
 */
const SCRIPT = `
const [cacheModule, cacheDir, when] = process.argv.slice(2);
// Installed before the SDK loads its closure modules, or after (then it wraps the loaded copy).
if (cacheDir && when !== "late") require(cacheModule).installClosureParseCache(cacheDir);
const pulumi = require(${JSON.stringify(SDK)});
if (cacheDir && when === "late") require(cacheModule).installClosureParseCache(cacheDir);
const table = new Map([["a", 1]]);
class Base { constructor(x) { this.x = x; } describe() { return "base " + this.x; } static make() { return "made"; } }
class Derived extends Base {
    constructor(x) { super(x + 1); }
    describe() { return "derived " + super.describe(); }
    static make() { return super.make() + " twice"; }
}
const provider = {
    async create(inputs) { return { id: String(table.get("a")), outs: { ...inputs, d: new Derived(1).describe() } }; },
    async diff(_id, olds, news) { return { changes: JSON.stringify(olds) !== JSON.stringify(news) }; },
};
function usesThis() { return this.value; }
const holder = { value: 3, arrow: undefined };
holder.arrow = function () { return () => this.value; }.call(holder);
const subjects = {
    provider: () => provider,
    derived: () => Derived,
    usesThis: () => usesThis,
    arrowWithThis: holder.arrow,
};
(async () => {
    const out = {};
    for (const [name, fn] of Object.entries(subjects)) {
        try {
            out[name] = (await pulumi.runtime.serializeFunction(fn, { allowSecrets: true })).text;
        } catch (err) {
            out[name] = "error: " + err.message;
        }
    }
    const compiler = Object.keys(require.cache).some((f) => f.endsWith(require("path").join("typescript", "lib", "typescript.js")));
    process.stdout.write(JSON.stringify({ out, compiler }));
})();
`;

interface Serialized {
    out: Record<string, string>;
    compiler: boolean;
}

function serializeInChild(scriptFile: string, cacheDir?: string, when: "early" | "late" = "early"): Serialized {
    const run = spawnSync(process.execPath, ["-r", LAZY_MODULES, scriptFile, CACHE_MODULE, cacheDir ?? "", when], {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "" },
    });
    assert.strictEqual(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Serialized;
}

describe("the closure serializer's parsing kept between processes", () => {
    describe("the encoding", () => {
        it("brings back Maps, arrays, undefined members and nested objects as they were", () => {
            const value = {
                funcExprWithoutName: "(a) => a + b",
                funcExprWithName: undefined,
                isArrowFunction: true,
                capturedVariables: {
                    required: new Map([["b", [{ infos: [{ name: "c", invoked: true }] }]]]),
                    optional: new Map(),
                },
                list: [1, "two", null, false, undefined],
            };
            const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
            assert.deepStrictEqual(back, value);
            assert.ok("funcExprWithName" in (back as object), "an undefined member stays a member");
            assert.ok(back.capturedVariables.required instanceof Map);
        });

        it("refuses what it cannot bring back", () => {
            class Point {
                x = 1;
            }
            for (const value of [new Set([1]), () => 1, new Point(), NaN, -0, { [Symbol("s")]: 1 }])
                assert.throws(() => encodeValue({ nested: [value] }), Error, inspect(value));
        });
    });

    describe("a closure module wrapped", () => {
        let root: string;
        let closureDir: string;
        let cacheDir: string;
        beforeEach(() => {
            root = fs.mkdtempSync(path.join(os.tmpdir(), "closure-parse-"));
            // A copy of the SDK's layout: its two closure modules and its manifest key the cache.
            closureDir = path.join(root, "@pulumi", "pulumi", "runtime", "closure");
            fs.mkdirSync(closureDir, { recursive: true });
            fs.writeFileSync(path.join(closureDir, "parseFunction.js"), "// parse v1\n");
            fs.writeFileSync(path.join(closureDir, "rewriteSuper.js"), "// rewrite v1\n");
            fs.writeFileSync(path.join(root, "@pulumi", "pulumi", "package.json"), '{"version":"3.0.0"}');
            cacheDir = path.join(root, "cache");
        });
        afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

        function counted<T>(fn: (...args: any[]) => T): { fn: (...args: any[]) => T; calls: unknown[][] } {
            const calls: unknown[][] = [];
            return {
                calls,
                fn: (...args: any[]) => {
                    calls.push(args);
                    return fn(...args);
                },
            };
        }

        it("answers a repeated call from the cache, in this process and the next, with objects of its own", () => {
            const parse = counted((text: string) => ["", { text, captured: { required: new Map([["x", []]]) } }]);
            const module: Record<string, unknown> = { parseFunction: parse.fn };
            assert.deepStrictEqual(wrapClosureModule(path.join(closureDir, "parseFunction.js"), module, cacheDir), [
                "parseFunction",
            ]);
            const first = (module.parseFunction as typeof parse.fn)("() => x") as any;
            const second = (module.parseFunction as typeof parse.fn)("() => x") as any;
            assert.strictEqual(parse.calls.length, 1);
            assert.deepStrictEqual(second, first);
            assert.notStrictEqual(second[1], first[1]);
            first[1].captured.required.set("y", []);
            const third = (module.parseFunction as typeof parse.fn)("() => x") as any;
            assert.ok(!third[1].captured.required.has("y"), "a caller's change reaches no other caller");

            // A new process: a fresh module over the same files and folder.
            const later = counted(parse.fn);
            const again: Record<string, unknown> = { parseFunction: later.fn };
            wrapClosureModule(path.join(closureDir, "parseFunction.js"), again, cacheDir);
            assert.deepStrictEqual((again.parseFunction as typeof parse.fn)("() => x"), [
                "",
                { text: "() => x", captured: { required: new Map([["x", []]]) } },
            ]);
            assert.strictEqual(later.calls.length, 0);
            (again.parseFunction as typeof parse.fn)("() => z");
            assert.strictEqual(later.calls.length, 1, "other text is parsed");
        });

        it("keys on every argument and on the SDK's code", () => {
            const rewrite = counted((code: string, isStatic: boolean) => `${code} ${isStatic}`);
            const module: Record<string, unknown> = { rewriteSuperReferences: rewrite.fn };
            wrapClosureModule(path.join(closureDir, "rewriteSuper.js"), module, cacheDir);
            const call = module.rewriteSuperReferences as typeof rewrite.fn;
            assert.strictEqual(call("super.x()", false), "super.x() false");
            assert.strictEqual(call("super.x()", true), "super.x() true");
            assert.strictEqual(call("super.x()", true), "super.x() true");
            assert.strictEqual(rewrite.calls.length, 2);

            // A patched SDK (other module text) does not read what the published one wrote.
            fs.writeFileSync(path.join(closureDir, "rewriteSuper.js"), "// rewrite v2\n");
            const patched = counted(rewrite.fn);
            const other: Record<string, unknown> = { rewriteSuperReferences: patched.fn };
            wrapClosureModule(path.join(closureDir, "rewriteSuper.js"), other, cacheDir);
            (other.rewriteSuperReferences as typeof rewrite.fn)("super.x()", false);
            assert.strictEqual(patched.calls.length, 1);
        });

        it("leaves to the SDK every time what the encoding cannot carry, what throws, and arguments it cannot key", () => {
            const parse = counted((text: string) => {
                if (text === "throws") throw new Error("bad function");
                return ["", { names: new Set([text]) }];
            });
            const module: Record<string, unknown> = { parseFunction: parse.fn };
            wrapClosureModule(path.join(closureDir, "parseFunction.js"), module, cacheDir);
            const call = module.parseFunction as (...args: unknown[]) => any;
            assert.ok(call("a")[1].names instanceof Set);
            assert.ok(call("a")[1].names instanceof Set);
            assert.strictEqual(parse.calls.length, 2);
            assert.throws(() => call("throws"), /bad function/);
            assert.throws(() => call("throws"), /bad function/);
            assert.strictEqual(parse.calls.length, 4);
            call({ not: "text" });
            call({ not: "text" });
            assert.strictEqual(parse.calls.length, 6);
        });

        it("computes again over a torn file, and wraps a module once", () => {
            const parse = counted((text: string) => ["", { text }]);
            const module: Record<string, unknown> = { parseFunction: parse.fn };
            wrapClosureModule(path.join(closureDir, "parseFunction.js"), module, cacheDir);
            (module.parseFunction as typeof parse.fn)("f");
            for (const file of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, file), '["o", ["te');
            const fresh = counted(parse.fn);
            const next: Record<string, unknown> = { parseFunction: fresh.fn };
            wrapClosureModule(path.join(closureDir, "parseFunction.js"), next, cacheDir);
            assert.deepStrictEqual((next.parseFunction as typeof parse.fn)("f"), ["", { text: "f" }]);
            assert.strictEqual(fresh.calls.length, 1);
            assert.deepStrictEqual(wrapClosureModule(path.join(closureDir, "parseFunction.js"), next, cacheDir), []);
            assert.deepStrictEqual(
                wrapClosureModule(path.join(closureDir, "other.js"), { parseFunction: parse.fn }, cacheDir),
                [],
            );
        });
    });

    describe("the SDK's own serializer with the cache", function () {
        this.timeout(60000);
        let root: string;
        let scriptFile: string;
        before(() => {
            root = fs.mkdtempSync(path.join(os.tmpdir(), "closure-parse-sdk-"));
            scriptFile = path.join(root, "serialize.js");
            fs.writeFileSync(scriptFile, SCRIPT);
        });
        after(() => fs.rmSync(root, { recursive: true, force: true }));

        it("serializes every function as without it, and the second process never loads the compiler", () => {
            const baseline = serializeInChild(scriptFile);
            assert.ok(baseline.compiler, "without the cache the SDK parses with TypeScript");
            assert.match(baseline.out.derived, /__super/, "the class's super calls are rewritten");
            assert.match(baseline.out.arrowWithThis, /^error: .*arrow function captured 'this'/s);
            const cacheDir = path.join(root, "cache");
            const first = serializeInChild(scriptFile, cacheDir);
            assert.deepStrictEqual(first.out, baseline.out);
            assert.ok(fs.readdirSync(cacheDir).length > 0);
            const second = serializeInChild(scriptFile, cacheDir);
            assert.deepStrictEqual(second.out, baseline.out);
            assert.strictEqual(second.compiler, false, "every parse was answered from the cache");
        });

        it("wraps the SDK's closure modules already loaded when it is installed", () => {
            const cacheDir = path.join(root, "late");
            const baseline = serializeInChild(scriptFile);
            assert.deepStrictEqual(serializeInChild(scriptFile, cacheDir, "late").out, baseline.out);
            const second = serializeInChild(scriptFile, cacheDir, "late");
            assert.deepStrictEqual(second.out, baseline.out);
            assert.strictEqual(second.compiler, false);
        });
    });
});
