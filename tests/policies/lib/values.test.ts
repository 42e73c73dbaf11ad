import * as assert from "assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN, UNKNOWN_SENTINELS, isUnknown, plain } from "../../../policies/lib/values";

// @pulumi/policy/proxy declares no types (its .d.ts exports nothing).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy");

describe("reading properties that may be unknown", () => {
    it("knows every unknown sentinel of the installed @pulumi/policy and @pulumi/pulumi", () => {
        for (const key of Object.keys(proxy).filter((k) => /^unknown.*Value$/.test(k))) {
            assert.ok(UNKNOWN_SENTINELS.includes(proxy[key]), `${key} missing`);
        }
        assert.ok(isUnknown(rpc.unknownValue));
    });

    it("copies through the policy proxy without throwing, marking unknowns", () => {
        const props = proxy.unknownCheckingProxy({
            a: proxy.unknownStringValue,
            b: [1, proxy.unknownNumberValue],
            c: { d: "x" },
        });
        assert.throws(() => props.a);
        const copy = plain(props);
        assert.strictEqual(copy.a, UNKNOWN);
        assert.deepStrictEqual(copy.b, [1, UNKNOWN]);
        assert.deepStrictEqual(copy.c, { d: "x" });
    });
});
