// Where AWS resources keep their security groups (policies/lib/aws/group-holders.ts): each holder
// reads its ids from its one top-level key, which is what lets the rules read that key alone
// (propOf) instead of copying every property of every server.
import * as assert from "assert";
import { APP_COMPUTE, BALANCERS, GroupHolder } from "../../../../policies/lib/aws/group-holders";
import { AWS_DATA_STORES, DATA_INTERMEDIARIES } from "../../../../policies/lib/aws/data-stores";

/**
 * A list of ids that is also a block (or a list of blocks) holding such lists under every other
 * key, at any depth: what a holder finds wherever it looks inside a top-level key.
 */
function idsEverywhere(): unknown {
    return new Proxy(["sg-1"], {
        get: (target, key, receiver) =>
            typeof key === "symbol" || key in target ? Reflect.get(target, key, receiver) : idsEverywhere(),
    });
}

/** Properties that hold a group id under every key and block a holder might read. */
function everywhere(reads: Set<string>): Record<string, any> {
    return new Proxy(
        {},
        {
            get: (_, key) => {
                if (typeof key === "string") reads.add(key);
                return idsEverywhere();
            },
        },
    );
}

describe("AWS group holders", () => {
    const holders: { what: string; holder: GroupHolder }[] = [
        ...APP_COMPUTE.map((holder) => ({ what: "app compute", holder })),
        ...BALANCERS.map((holder) => ({ what: "balancer", holder })),
        ...AWS_DATA_STORES.map((holder) => ({ what: "data store", holder })),
        ...Object.values(DATA_INTERMEDIARIES)
            .flat()
            .map((holder) => ({ what: "intermediary", holder })),
    ];

    it("each reads its ids from its own top-level key and no other", () => {
        assert.ok(holders.length > 10);
        for (const { what, holder } of holders) {
            const reads = new Set<string>();
            const ids = holder.read(everywhere(reads));
            assert.deepStrictEqual([...reads], [holder.key], `${what} ${holder.types.join(", ")}`);
            assert.ok(ids.length > 0, `${what} ${holder.types.join(", ")} found its ids`);
        }
    });
});
