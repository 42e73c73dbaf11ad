import { Clock, OperatorError } from "./status";

/**
 * Polls `check` every `intervalMs` until it returns a value other than `undefined`, or
 * throws an `OperatorError` built by `onTimeout(last)` once `timeoutMs` has passed. The check
 * always runs at least once, so a zero timeout still looks once.
 */
export async function pollUntil<T, L>(
    clock: Clock,
    options: { timeoutMs: number; intervalMs: number },
    check: () => Promise<{ done: T } | { last: L }>,
    onTimeout: (last: L | undefined) => string,
): Promise<T> {
    const deadline = clock.now() + options.timeoutMs;
    let last: L | undefined;
    for (;;) {
        const result = await check();
        if ("done" in result) return result.done;
        last = result.last;
        if (clock.now() >= deadline) throw new OperatorError(onTimeout(last));
        await clock.sleep(Math.min(options.intervalMs, Math.max(1, deadline - clock.now())));
    }
}
