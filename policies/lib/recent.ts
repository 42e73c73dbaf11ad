/**
 * A small memo of answers that depend on their key alone, for values the policies meet again and
 * again: the lines of user data that differ from server to server in a name or a number only,
 * the same stack checked again. Bounded, oldest first out, so a pack that checks many stacks
 * keeps no more than `limit` answers.
 */
export class Recent<K, V> {
    private readonly answers = new Map<K, V>();

    constructor(private readonly limit: number) {}

    /** The answer for `key`, worked out by `compute` unless it is one of the recent ones. */
    get(key: K, compute: (key: K) => V): V {
        // One lookup when the answer is kept (most calls); `has` only tells a kept undefined apart.
        const kept = this.answers.get(key);
        if (kept !== undefined || this.answers.has(key)) return kept as V;
        const answer = compute(key);
        if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value!);
        this.answers.set(key, answer);
        return answer;
    }
}
