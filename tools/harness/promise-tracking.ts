/**
 * The SDK's promise bookkeeping, without the debugging stamps nobody reads.
 *
 * @pulumi/pulumi wraps about a hundred promises per resource in `debuggablePromise`
 * (runtime/debuggable.ts). It does two things with each:
 * - tracks it as a leak candidate until it settles: what the language host's exit handler reports
 *   as "promises were still active", and what the harness reads through `leakedPromises()` to end
 *   a program that stalls as the host ends it (evaluate.ts);
 * - stamps it with an id, a context string and `new Error().stack`, which only that report prints,
 *   and only with PULUMI_DEBUG_PROMISE_LEAKS set (the module's `debugPromiseLeaks`).
 * The stamps are most of its cost: three property definitions per promise, and an Error whose stack
 * Node formats even with no frames. On webtier's stack that was about 15 % of evaluating the program
 * (1215 against 1033 ms at 50 servers, 287 against 235 ms at 2).
 *
 * While a program is evaluated the harness replaces the function, in each copy of the SDK
 * (sdk-copies.ts), with `withoutStamps`: the same tracking and the same promise chain, the same
 * `err.promise` on a rejection, no stamps. Under PULUMI_DEBUG_PROMISE_LEAKS the SDK's own runs.
 */

/** What the replacement needs of one copy of the SDK. */
export interface PromiseBookkeeping {
    /** runtime/debuggable.js's exports. */
    debuggable: {
        debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
        debugPromiseLeaks?: boolean;
    };
    /** runtime/state.js's exports: the runtime's store, which holds the leak candidates. */
    state: { getStore(): { leakCandidates: Set<Promise<unknown>> } };
}

/**
 * The copy's `debuggablePromise` as it is now, less the stamps. The SDK's own function still takes
 * the first call of each run: its first call ever installs its exit handler (the leak report at
 * process exit), once per module, as it would have.
 */
export function withoutStamps({
    debuggable,
    state,
}: PromiseBookkeeping): PromiseBookkeeping["debuggable"]["debuggablePromise"] {
    const original = debuggable.debuggablePromise;
    let handlerInstalled = false;
    return function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
        if (!handlerInstalled || debuggable.debugPromiseLeaks) {
            handlerInstalled = true;
            return original(p, ctx) as Promise<T>;
        }
        const localStore = state.getStore();
        // An SDK that keeps its candidates elsewhere (before they moved to the store) keeps its own function.
        if (!(localStore?.leakCandidates instanceof Set)) return original(p, ctx) as Promise<T>;
        localStore.leakCandidates.add(p);
        return p
            .then((val) => {
                localStore.leakCandidates.delete(p);
                return val;
            })
            .catch((err) => {
                localStore.leakCandidates.delete(p);
                err.promise = p;
                throw err;
            });
    };
}
