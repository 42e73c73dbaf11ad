// The pack works while the program runs: the check talks to pack processes from a thread of its
// own, as the engine talks to them from its own process, so Analyze reaches the pack while the
// program keeps the main thread busy.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck, startPolicyPack } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, FIXTURE_STACKS, FIXTURES, REPO_ROOT, program } from "./paths";

/** A folder of stack files, one per name, with no config. */
function stacksDir(names: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-thread-stacks-"));
    for (const name of names) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), "config: {}\n");
    return dir;
}

/** A fixture program checked on stacks one, two and three (in `dir`), all on `pack`, one with its own policy config. */
function checkThree(dir: string, file: string, policyConfig: string, pack: PolicyPack) {
    return runCheck({
        distRoot: DIST_ROOT,
        projectDir: REPO_ROOT,
        program: path.relative(REPO_ROOT, program(file)),
        stacksDir: dir,
        stacks: ["one", "two", "three"],
        policyConfig: [policyConfig],
        pack,
    });
}

describe("the pack thread", () => {
    let pack: PolicyPack;
    before(async () => {
        pack = await PolicyPack.start(path.join(FIXTURES, "clock-pack"));
    });
    after(() => pack.close());

    it("has a resource analyzed while the program still holds the main thread", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("busy.js")),
            pack,
        });
        const [stack] = result.stacks;
        assert.strictEqual(stack.error, undefined, stack.error);
        const busy = stack.notes.map((n) => /busy from (\d+) to (\d+)/.exec(n)).find(Boolean);
        assert.ok(busy, `the program says when it was busy: ${stack.notes.join("; ")}`);
        const [from, to] = [Number(busy[1]), Number(busy[2])];
        const analyzedAt = (name: string) => {
            const violation = stack.violations.find((v) => v.resource === name && v.policy === "analyzed-at");
            assert.ok(violation, `${name} was analyzed`);
            return Number(/analyzed at (\d+)/.exec(violation.message)![1]);
        };
        // Sent and answered while the main thread was busy, not after.
        const first = analyzedAt("first");
        assert.ok(first > from && first < to, `first analyzed at ${first}, the program busy from ${from} to ${to}`);
        // The second registers after the busy spell, and is analyzed after it.
        assert.ok(analyzedAt("second") >= to);
    });

    it("keeps the engine's order across stacks: a stack's Analyze calls, then its AnalyzeStack, then the next stack's", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: path.relative(REPO_ROOT, program("tier.ts")),
            stacksDir: path.relative(REPO_ROOT, FIXTURE_STACKS),
            stacks: ["bad", "good"],
            pack,
        });
        const times = result.stacks.map((stack) => {
            assert.strictEqual(stack.error, undefined, stack.error);
            const at = (policy: string) =>
                stack.violations
                    .filter((v) => v.policy === policy)
                    .map((v) => Number(/analyzed at (\d+)/.exec(v.message)![1]));
            const [stackAt] = at("stack-analyzed-at");
            return { analyze: at("analyzed-at"), stack: stackAt };
        });
        assert.strictEqual(times.length, 2);
        for (const t of times) {
            assert.ok(t.analyze.length > 3, "every resource was analyzed");
            assert.ok(Math.max(...t.analyze) <= t.stack, "AnalyzeStack after the stack's last Analyze");
        }
        assert.ok(
            Math.min(...times[1].analyze) >= times[0].stack,
            `the second stack's first Analyze (${Math.min(...times[1].analyze)}) after the first stack's AnalyzeStack (${times[0].stack})`,
        );
    });

    it("goes on to the next stack while the pack still answers for the one before, when no stack remediates", async () => {
        const dir = stacksDir(["one", "two", "three"]);
        try {
            // The first stack's AnalyzeStack answers a second after it is asked; the others' sooner.
            const pause = path.join(dir, "pause.json");
            fs.writeFileSync(
                pause,
                JSON.stringify({ "stack-analyzed-at": { enforcementLevel: "advisory", pauseMs: 1000 } }),
            );
            const result = await checkThree(dir, "stamped.js", `one=${pause}`, pack);
            for (const stack of result.stacks) assert.strictEqual(stack.error, undefined, stack.error);
            const [one, , three] = result.stacks;
            const answered = Number(
                /analyzed at (\d+)/.exec(one.violations.find((v) => v.policy === "stack-analyzed-at")!.message)![1],
            );
            const evaluatedFrom = Number(three.notes.map((n) => /evaluated from (\d+)/.exec(n)).find(Boolean)![1]);
            // Before, the check waited for the pack to answer the second stack's preparation, which
            // the pack takes only after the first stack's AnalyzeStack, before it evaluated the third.
            assert.ok(
                evaluatedFrom < answered,
                `the third stack evaluated from ${evaluatedFrom}, before the pack answered the first stack's AnalyzeStack at ${answered}`,
            );
            assert.ok(three.violations.some((v) => v.policy === "analyzed-at" && v.resource === "stamped"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("holds the next stack back while one that remediates is judged, so that its remediations come first", async () => {
        const fixture = await PolicyPack.start(FIXTURE_PACK);
        const dir = stacksDir(["one", "two", "three"]);
        try {
            // The second stack, whose remediating the check works out itself from the pack it shares.
            const remediate = path.join(dir, "remediate.json");
            fs.writeFileSync(remediate, JSON.stringify({ "bucket-acl-remediation": "remediate" }));
            const result = await checkThree(dir, "public-bucket.js", `two=${remediate}`, fixture);
            const publicBucket = result.stacks.map((stack) => {
                assert.strictEqual(stack.error, undefined, stack.error);
                return stack.violations.some((v) => v.policy === "bucket-private" && v.resource === "assets");
            });
            assert.deepStrictEqual(
                publicBucket,
                [true, false, true],
                "only the second stack's bucket was made private",
            );
            assert.ok(result.stacks[1].notes.some((n) => /policy bucket-acl-remediation remediated assets/.test(n)));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            await fixture.close();
        }
    });

    it("runs the pack below the check's priority, so the program goes first on a busy core", () => {
        assert.strictEqual(os.getPriority(pack.pid), Math.min(19, os.getPriority() + 10));
    });

    it("stops the pack processes when the check's process exits without closing them", () => {
        // The thread writes each pack's process id where the main thread's exit handler reads it
        // without a turn of the event loop: exiting at once leaves no pack behind.
        const script = `
            const { PolicyPack } = require(${JSON.stringify(path.join(DIST_ROOT, "tools", "check", "pack.js"))});
            PolicyPack.start(${JSON.stringify(FIXTURE_PACK)}).then((pack) => {
                process.stdout.write(String(pack.pid));
                process.exit(0);
            });`;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        const pid = Number(run.stdout);
        assert.ok(pid > 0, run.stdout);
        // Running, as opposed to gone or a zombie waiting for whoever adopted it to reap it.
        const alive = () => {
            try {
                const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
                return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
            } catch {
                return false;
            }
        };
        const deadline = Date.now() + 2000;
        while (alive() && Date.now() < deadline) spawnSync("sleep", ["0.05"]);
        assert.strictEqual(alive(), false, `pack process ${pid} outlived the check`);
    });
});

describe("a pack process's compile cache", () => {
    /** Files Node's compile cache holds under `dir` after a pack the check started has run and been stopped. */
    async function cachedAfterPack(
        dir: string,
        start: (dir: string) => Promise<PolicyPack>,
        named = dir,
    ): Promise<number> {
        const saved = process.env.NODE_COMPILE_CACHE;
        process.env.NODE_COMPILE_CACHE = named;
        try {
            const pack = await start(FIXTURE_PACK);
            await pack.close();
        } finally {
            if (saved === undefined) delete process.env.NODE_COMPILE_CACHE;
            else process.env.NODE_COMPILE_CACHE = saved;
        }
        const count = (d: string): number =>
            fs
                .readdirSync(d, { withFileTypes: true })
                .reduce((n, e) => n + (e.isDirectory() ? count(path.join(d, e.name)) : 1), 0);
        return count(dir);
    }

    it("keeps what the pack compiled, though the pack is stopped with a signal", async () => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-pack-cache-"));
        try {
            // Started as the check starts packs: its modules are written while it runs.
            assert.ok(
                (await cachedAfterPack(path.join(scratch, "check"), (dir) => startPolicyPack(dir, "fixture"))) > 20,
            );
            // A relative folder is this process's, not one inside the pack's folder (where the pack runs).
            const relative = path.join(scratch, "relative");
            assert.ok(
                (await cachedAfterPack(
                    relative,
                    (dir) => startPolicyPack(dir, "fixture"),
                    path.relative(process.cwd(), relative),
                )) > 20,
            );
            // Started bare and stopped the same way, it writes nothing.
            assert.strictEqual(
                await cachedAfterPack(path.join(scratch, "bare"), (dir) =>
                    PolicyPack.start(dir, { environment: process.env }),
                ),
                0,
            );
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });
});
