import * as assert from "assert";
import { UNKNOWN, UNKNOWN_SENTINELS, isUnknown, plain } from "../../../policies/lib/values";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const proxy = require("@pulumi/policy/proxy");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const rpc = require("@pulumi/pulumi/runtime/rpc");

describe("reading properties that may be unknown", () => {
    it("knows every unknown sentinel of the installed @pulumi/policy and @pulumi/pulumi", () => {
        for (const key of Object.keys(proxy).filter((k) => /^unknown.*Value$/.test(k))) {
            assert.ok(UNKNOWN_SENTINELS.includes(proxy[key]), `${key} missing`);
        }
        assert.ok(isUnknown(rpc.unknownValue));
    });

    it("copies through the policy proxy without throwing, marking unknowns", () => {
        const props = proxy.unknownCheckingProxy({ a: proxy.unknownStringValue, b: [1, proxy.unknownNumberValue], c: { d: "x" } });
        assert.throws(() => props.a);
        const copy = plain(props);
        assert.strictEqual(copy.a, UNKNOWN);
        assert.deepStrictEqual(copy.b, [1, UNKNOWN]);
        assert.deepStrictEqual(copy.c, { d: "x" });
    });
});
