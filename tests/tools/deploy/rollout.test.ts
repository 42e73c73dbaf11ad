import * as assert from "assert";
import { rollingDeploy, RolloutOptions, tail } from "../../../tools/deploy/rollout";
import { world } from "./fakes";

const options: RolloutOptions = {
    ref: "v2.0.0",
    command: "/usr/local/bin/webtier-release 'v2.0.0'",
    allowDowntime: false,
    drainTimeoutMs: 300_000,
    releaseTimeoutMs: 900_000,
    healthyTimeoutMs: 300_000,
    pollIntervalMs: 5_000,
    keptPreviousExitCode: 75,
};

describe("rolling deploy", () => {
    it("takes each server out, waits until drained, releases it, puts it back and waits until healthy, in that order", async () => {
        const w = world(2);
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure, undefined);
        assert.deepStrictEqual(w.events, [
            "remove:i-1",
            "drained:i-1",
            `run:i-1:${options.command}`,
            "add:i-1",
            "healthy:i-1",
            "remove:i-2",
            "drained:i-2",
            `run:i-2:${options.command}`,
            "add:i-2",
            "healthy:i-2",
        ]);
        assert.deepStrictEqual(
            result.deployed.map((s) => s.id),
            ["i-1", "i-2"],
        );
    });

    it("never has more than one server out of service at a time (capacity N-1)", async () => {
        const w = world(4);
        await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(w.balancer.maxOut, 1);
        assert.strictEqual(w.events.filter((e) => e.startsWith("run:")).length, 4);
    });

    it("runs the release only while the server is out of the balancer", async () => {
        const w = world(3);
        await rollingDeploy(w.servers, options, w.deps);
        assert.deepStrictEqual([...w.runner.healthAtRun.values()], ["absent", "absent", "absent"]);
    });

    it("stops at the first failed release, leaving that server out of the balancer and the rest untouched", async () => {
        const w = world(3);
        w.runner.results.set("i-2", { exitCode: 1, output: "composer install failed\n" });
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure?.server.id, "i-2");
        assert.match(result.failure.reason, /exit 1[\s\S]*composer install failed/);
        assert.match(result.failure.state, /out of the balancer/);
        assert.deepStrictEqual(
            result.deployed.map((s) => s.id),
            ["i-1"],
        );
        assert.deepStrictEqual(
            result.untouched.map((s) => s.id),
            ["i-3"],
        );
        assert.strictEqual(w.balancer.members.has("i-2"), false, "the failed server stays out");
        assert.ok(!w.events.some((e) => e.endsWith(":i-3") || e.includes(":i-3:")), "i-3 was touched");
        assert.strictEqual(w.balancer.members.get("i-3")?.health, "healthy");
    });

    it("puts a server whose release kept the previous release back in service, then stops", async () => {
        const w = world(3);
        w.runner.results.set("i-1", { exitCode: 75, output: "migration failed; kept previous release\n" });
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure?.server.id, "i-1");
        assert.strictEqual(result.failure.state, "back in service on its previous release");
        assert.strictEqual(w.balancer.members.get("i-1")?.health, "healthy");
        assert.deepStrictEqual(
            result.untouched.map((s) => s.id),
            ["i-2", "i-3"],
        );
        assert.deepStrictEqual(result.deployed, []);
    });

    it("refuses to start with fewer than 2 healthy servers in service", async () => {
        const w = world(2);
        w.balancer.members.set("i-2", { health: "unhealthy", detail: "Target.Timeout" });
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.match(
            result.plan.refusal ?? "",
            /1 healthy server\(s\).*i-2: unhealthy \(Target\.Timeout\).*--allow-downtime/,
        );
        assert.deepStrictEqual(w.events, [], "nothing was taken out or run");
        assert.deepStrictEqual(result.untouched.map((s) => s.id).sort(), ["i-1", "i-2"]);
    });

    it("refuses a single-server stack unless downtime is allowed, and deploys it when it is", async () => {
        const refused = world(1);
        const first = await rollingDeploy(refused.servers, options, refused.deps);
        assert.ok(first.plan.refusal);
        assert.deepStrictEqual(refused.events, []);

        const allowed = world(1);
        const second = await rollingDeploy(allowed.servers, { ...options, allowDowntime: true }, allowed.deps);
        assert.strictEqual(second.failure, undefined);
        assert.deepStrictEqual(
            second.deployed.map((s) => s.id),
            ["i-1"],
        );
    });

    it("refuses to take a server out when the others stopped being healthy mid-deploy", async () => {
        const w = world(3);
        w.balancer.onEvent = (event) => {
            if (event === "healthy:i-1") {
                w.balancer.members.set("i-1", { health: "unhealthy" });
                w.balancer.members.set("i-3", { health: "unhealthy" });
            }
        };
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure?.server.id, "i-2");
        assert.match(result.failure.reason, /would leave no healthy server/);
        assert.ok(!w.events.includes("remove:i-2"), "i-2 was taken out anyway");
        assert.strictEqual(w.balancer.members.get("i-2")?.health, "healthy");
    });

    it("stops when a server does not become healthy within the timeout, and takes it out again", async () => {
        const w = world(2);
        w.balancer.afterAdd.set("i-1", ["pending", "unhealthy"]);
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure?.server.id, "i-1");
        assert.match(result.failure.reason, /did not become healthy in fake-lb within 300s \(last seen unhealthy\)/);
        assert.match(result.failure.state, /taken out of the balancer again/);
        assert.ok(w.clock.time >= 300_000 && w.clock.time < 310_000, `waited ${w.clock.time}ms`);
        assert.strictEqual(w.balancer.members.has("i-1"), false);
        assert.deepStrictEqual(
            result.untouched.map((s) => s.id),
            ["i-2"],
        );
    });

    it("stops when a server does not drain within the timeout, without running the release", async () => {
        const w = world(2);
        w.balancer.stuckDraining.add("i-1");
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.strictEqual(result.failure?.server.id, "i-1");
        assert.match(result.failure.reason, /still draining after 300s/);
        assert.ok(!w.events.some((e) => e.startsWith("run:")));
    });

    it("stops with the server out when the runner cannot reach it", async () => {
        const w = world(2);
        w.runner.results.set("i-1", () => {
            throw new Error("ssh: connect to host 203.0.113.1 port 22: Connection timed out");
        });
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.match(result.failure!.reason, /exit -1[\s\S]*Connection timed out/);
        assert.strictEqual(w.balancer.members.has("i-1"), false);
    });

    it("stops with the server out when putting it back fails", async () => {
        const w = world(2);
        w.balancer.addFails.add("i-1");
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.match(result.failure!.reason, /putting it back .* failed: API refused/);
        assert.strictEqual(result.failure!.state, "out of the balancer, on the new release");
        assert.deepStrictEqual(
            result.untouched.map((s) => s.id),
            ["i-2"],
        );
    });

    it("releases servers already out of the balancer first, without taking them out", async () => {
        const w = world(3);
        w.balancer.members.delete("i-2");
        const result = await rollingDeploy(w.servers, options, w.deps);
        assert.deepStrictEqual(
            result.deployed.map((s) => s.id),
            ["i-2", "i-1", "i-3"],
        );
        assert.deepStrictEqual(w.events.slice(0, 3), [`run:i-2:${options.command}`, "add:i-2", "healthy:i-2"]);
        assert.strictEqual(w.balancer.maxOut, 1);
    });

    it("shows only the last lines of a failed command's output", () => {
        const output = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
        const shown = tail(output, 5).split("\n");
        assert.deepStrictEqual(shown, [
            "... (45 earlier lines)",
            "line 45",
            "line 46",
            "line 47",
            "line 48",
            "line 49",
        ]);
    });
});
