// The bench's comparison: what `npm run bench` reports against issue #12's 1.5x target.
import * as assert from "assert";
import { SizeRun, TARGET_RATIO, best, compare, median, wholeVerdict } from "../../../tools/check/bench";

const run = (
    servers: number,
    resources: number,
    checkMs: number,
    bareMs: number,
    programMs = checkMs,
    trivialMs = bareMs / 2,
): SizeRun => ({
    servers,
    resources,
    checkMs,
    programMs,
    bareMs,
    trivialMs,
});

describe("the bench's comparison with bare registration", () => {
    it("compares the check with the bare registration of the same resources, per resource", () => {
        const [size] = compare([run(2, 100, 300, 200, 250, 50)]).sizes;
        assert.strictEqual(size.checkPerResource, 3);
        assert.strictEqual(size.barePerResource, 2);
        assert.strictEqual(size.programPerResource, 2.5);
        assert.strictEqual(size.trivialPerResource, 0.5);
        assert.strictEqual(size.checkToBare, 1.5);
        assert.strictEqual(size.programToBare, 1.25);
    });

    it("judges the cost per added resource against the issue's 1.5x, at or under it passing", () => {
        assert.strictEqual(TARGET_RATIO, 1.5);
        // 100 resources added: 150 ms more for the check, 100 ms more bare.
        const atTarget = compare([run(2, 100, 250, 100), run(50, 200, 400, 200)]);
        assert.strictEqual(atTarget.marginal?.checkToBare, 1.5);
        assert.strictEqual(atTarget.met, true);
        // Each whole size is over 1.5x (a fixed cost), yet what a resource adds is within it.
        assert.deepStrictEqual(
            atTarget.sizes.map((s) => s.withinTarget),
            [false, false],
        );
        const over = compare([run(2, 100, 150, 100), run(50, 200, 301, 200)]);
        assert.strictEqual(over.marginal?.checkToBare, 1.51);
        assert.strictEqual(over.met, false);
        assert.deepStrictEqual(
            over.sizes.map((s) => s.withinTarget),
            [true, false],
        );
        assert.strictEqual(compare([run(2, 100, 150, 100)]).met, false, "one size has no slope to judge");
        assert.strictEqual(compare([]).met, false, "no measurement meets no target");
    });

    it("reports the cost per added resource between the smallest and the largest size", () => {
        const { marginal } = compare([run(50, 240, 700, 400, 600), run(2, 96, 268, 184, 240)]);
        assert.ok(marginal);
        assert.deepStrictEqual([marginal.fromResources, marginal.toResources], [96, 240]);
        assert.strictEqual(marginal.check, (700 - 268) / 144);
        assert.strictEqual(marginal.program, (600 - 240) / 144);
        assert.strictEqual(marginal.bare, (400 - 184) / 144);
        assert.strictEqual(marginal.checkToBare, (700 - 268) / (400 - 184));
        assert.strictEqual(compare([run(2, 96, 268, 184)]).marginal, undefined, "one size has no slope");
    });

    it("takes the fastest of repeated runs, since noise only adds time", () => {
        assert.strictEqual(best([310, 295, 402]), 295);
        assert.throws(() => best([]), /no runs/);
    });

    it("also gives the ratio between the median runs, beside the verdict on the best ones", () => {
        assert.strictEqual(median([310, 295, 402]), 310);
        assert.strictEqual(median([300, 400, 200, 500]), 350);
        assert.throws(() => median([]), /no runs/);
        // Best runs: 150 ms more for the check, 100 more bare (1.5x, met); median runs: 200 and 125 (1.6x).
        const small = { ...run(2, 100, 250, 100), checkMedianMs: 280, bareMedianMs: 110 };
        const large = { ...run(50, 200, 400, 200), checkMedianMs: 480, bareMedianMs: 235 };
        const comparison = compare([large, small]);
        assert.strictEqual(comparison.marginal?.checkToBare, 1.5);
        assert.strictEqual(comparison.marginal?.checkToBareMedian, 1.6);
        assert.strictEqual(comparison.met, true, "the verdict stays on the best runs");
        assert.strictEqual(
            compare([small, run(50, 200, 400, 200)]).marginal?.checkToBareMedian,
            undefined,
            "a size without medians gives no median ratio",
        );
    });
});

describe("the bench's whole-check verdict", () => {
    const runs = { check: 1200, checkCold: 1800, floor: 1900, floorCached: 1300 };

    it("compares the check with the floor under the same compile cache: warm with warm, cold with cold", () => {
        const verdict = wholeVerdict(runs);
        assert.strictEqual(verdict.warm, 1200 / 1300);
        assert.strictEqual(verdict.cold, 1800 / 1900);
        assert.strictEqual(verdict.met, true);
    });

    it("is not met when either comparison is over 1x", () => {
        assert.strictEqual(wholeVerdict({ ...runs, check: 1301 }).met, false, "warm over");
        assert.strictEqual(wholeVerdict({ ...runs, checkCold: 1901 }).met, false, "cold over");
        // A warm check is not held to the cold floor, which would flatter it.
        assert.strictEqual(wholeVerdict({ ...runs, check: 1500 }).met, false);
    });
});
