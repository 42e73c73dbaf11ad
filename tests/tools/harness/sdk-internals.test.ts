import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkSdkInternals, outputInternals, rpc, runtimeConfig, sdkVersion, settings, stack } from "../../../tools/harness/sdk-internals";

describe("the @pulumi/pulumi internals the harness and the check rely on", () => {
    it("are all still there in the installed SDK", () => {
        const problems = checkSdkInternals();
        assert.deepStrictEqual(problems, [], `@pulumi/pulumi ${sdkVersion()} changed internals that tools/harness and tools/check use:\n- ${problems.join("\n- ")}\nSee tools/harness/sdk-internals.ts.`);
    });

    it("names what moved and who uses it when an upgrade removes one", () => {
        const problems = checkSdkInternals({ settings: { ...settings, getMonitor: undefined }, stack, rpc: { ...rpc, unknownValue: undefined }, runtimeConfig });
        assert.strictEqual(problems.length, 2, problems.join("\n"));
        assert.match(problems[0], /runtime\/settings\.getMonitor .*tools\/harness\/evaluate\.ts/);
        assert.match(problems[1], /runtime\/rpc\.unknownValue/);
    });

    it("reads an Output's value and secretness the way resolveDeep does", async () => {
        const internals = outputInternals(pulumi.secret("s3cret"));
        assert.strictEqual(await internals.promise(true), "s3cret");
        assert.strictEqual(await internals.isSecret, true);
        assert.strictEqual(await internals.isKnown, true);
    });
});
