// The SDK's promise bookkeeping while a program is evaluated (tools/harness/promise-tracking.ts):
// every promise tracked as the SDK tracks it, none stamped for a leak report nobody asked for.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { PromiseBookkeeping, withoutStamps } from "../../../tools/harness/promise-tracking";
import { debuggable, state } from "../../../tools/harness/sdk-internals";

type Stamped = Promise<unknown> & { _debugStackTrace?: string; _debugCtx?: string };

class Bucket extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("fixture:index:Bucket", name, props);
    }
}

/**
 * A copy of the SDK's bookkeeping with its own store (by default one that holds candidates, as
 * every SDK since they moved there does) and a record of the calls its own function got.
 */
function fakeCopy(debugPromiseLeaks = false, store = { leakCandidates: new Set<Promise<unknown>>() }) {
    const original: string[] = [];
    const copy: PromiseBookkeeping = {
        debuggable: {
            debuggablePromise: (p: Promise<unknown>, ctx: unknown) => {
                original.push(String(ctx));
                return p;
            },
            debugPromiseLeaks,
        },
        state: { getStore: () => store },
    };
    return { copy, store, original, tracked: withoutStamps(copy) };
}

describe("the SDK's promise bookkeeping under the harness", () => {
    it("tracks each promise until it settles and hands back its value", async () => {
        const { store, original, tracked } = fakeCopy();
        await tracked(Promise.resolve(0), "first");
        let resolve!: (value: string) => void;
        const pending = new Promise<string>((r) => (resolve = r));
        const answer = tracked(pending, "second");
        assert.deepStrictEqual([...store.leakCandidates], [pending], "a pending promise is a leak candidate");
        resolve("done");
        assert.strictEqual(await answer, "done");
        assert.strictEqual(store.leakCandidates.size, 0);
        // Only the first call reaches the SDK's own function (which installs its exit handler).
        assert.deepStrictEqual(original, ["first"]);
    });

    it("untracks a rejected promise and names it on the error, as the SDK does", async () => {
        const { store, tracked } = fakeCopy();
        await tracked(Promise.resolve(0), "first");
        const failing = Promise.reject(new Error("refused"));
        const answer = tracked(failing, "second");
        await assert.rejects(answer, (err: Error & { promise?: unknown }) => {
            assert.strictEqual(err.message, "refused");
            assert.strictEqual(err.promise, failing);
            return true;
        });
        assert.strictEqual(store.leakCandidates.size, 0);
    });

    it("leaves every call to the SDK's own function under PULUMI_DEBUG_PROMISE_LEAKS, whose report prints the stamps", async () => {
        const { copy, original, tracked } = fakeCopy(true);
        await tracked(Promise.resolve(0), "first");
        await tracked(Promise.resolve(0), "second");
        copy.debuggable.debugPromiseLeaks = false;
        await tracked(Promise.resolve(0), "third");
        assert.deepStrictEqual(original, ["first", "second"]);
    });

    it("leaves an SDK whose store holds no candidates to its own function", async () => {
        const { original, tracked } = fakeCopy(false, {} as { leakCandidates: Set<Promise<unknown>> });
        await tracked(Promise.resolve(0), "first");
        assert.strictEqual(await tracked(Promise.resolve(1), "second"), 1);
        assert.deepStrictEqual(original, ["first", "second"]);
    });

    it("is in force while a program runs, in the SDK the program uses, and undone after", async () => {
        const sdkOwn = debuggable.debuggablePromise;
        const seen: { same: boolean; stamped: (string | undefined)[]; tracked: boolean }[] = [];
        const evaluation = await evaluate({
            program: async () => {
                new Bucket("assets", { acl: "private" });
                // Two promises through the function the SDK's modules call (the SDK has called it already
                // for the bucket, so neither reaches its own).
                const first: Stamped = new Promise(() => undefined);
                const second: Stamped = new Promise(() => undefined);
                void debuggable.debuggablePromise(first, "first");
                void debuggable.debuggablePromise(second, "second");
                seen.push({
                    same: debuggable.debuggablePromise === sdkOwn,
                    stamped: [first._debugCtx, second._debugCtx],
                    tracked: state.getStore().leakCandidates.has(second),
                });
                state.getStore().leakCandidates.delete(first);
                state.getStore().leakCandidates.delete(second);
            },
        });
        assert.deepStrictEqual(
            evaluation.resources.filter((r) => r.custom).map((r) => r.name),
            ["assets"],
        );
        assert.deepStrictEqual(seen, [{ same: false, stamped: [undefined, undefined], tracked: true }]);
        assert.strictEqual(debuggable.debuggablePromise, sdkOwn, "the SDK's own function is back after the run");
    });
});
