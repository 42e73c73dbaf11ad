// The pack's bounded memo (policies/lib/recent.ts).
import * as assert from "assert";
import { Recent } from "../../../policies/lib/recent";

describe("Recent", () => {
    it("works an answer out once while it is kept, and again once it has been let go", () => {
        const computed: string[] = [];
        const recent = new Recent<string, string>(2);
        const upper = (key: string) => {
            computed.push(key);
            return key.toUpperCase();
        };
        assert.strictEqual(recent.get("a", upper), "A");
        assert.strictEqual(recent.get("a", upper), "A");
        assert.strictEqual(recent.get("b", upper), "B");
        assert.deepStrictEqual(computed, ["a", "b"]);
        // A third key lets the oldest go, not the one asked for last.
        recent.get("c", upper);
        recent.get("b", upper);
        assert.deepStrictEqual(computed, ["a", "b", "c"]);
        recent.get("a", upper);
        assert.deepStrictEqual(computed, ["a", "b", "c", "a"]);
    });

    it("keeps falsy answers too", () => {
        let calls = 0;
        const recent = new Recent<number, number | undefined>(4);
        const nothing = () => {
            calls++;
            return undefined;
        };
        recent.get(1, nothing);
        recent.get(1, nothing);
        assert.strictEqual(calls, 1);
    });
});
