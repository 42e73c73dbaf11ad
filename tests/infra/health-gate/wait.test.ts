/** The health gate's polling loop, against a scripted health reader and a fake clock. */
import * as assert from "assert";
import { balancerHealthReader, HealthGateError, HealthReader, waitUntilHealthy } from "../../../infra/health-gate/wait";
import { MemberStatus } from "../../../infra/balancer-health/status";
import { FakeBalancer, FakeClock } from "../../tools/deploy/fakes";

type Answer = MemberStatus["health"] | Error;

/** Answers `health()` from a script, one entry per call; the last entry sticks. */
function scriptedReader(script: Answer[], permanent?: (error: unknown) => boolean) {
    const calls: number[] = [];
    const clock = new FakeClock();
    const reader: HealthReader = {
        description: "target group prod-tg",
        requiredPermission: "elasticloadbalancing:DescribeTargetHealth",
        isPermanent: permanent,
        async health(serverId) {
            calls.push(clock.now());
            const answer = script.length > 1 ? script.shift()! : script[0];
            if (answer instanceof Error) throw answer;
            return {
                id: serverId,
                health: answer,
                detail: answer === "unhealthy" ? "unhealthy: Target.ResponseCodeMismatch" : undefined,
            };
        },
    };
    return { reader, calls, clock };
}

const target = { serverId: "i-0abc", serverName: "prod-app-2" };

describe("health gate: waiting for a server to be healthy", () => {
    it("resolves once the balancer reports the server healthy, reading every interval", async () => {
        const { reader, calls, clock } = scriptedReader(["absent", "pending", "pending", "healthy"]);
        const status = await waitUntilHealthy(reader, target, { timeoutMs: 600_000, intervalMs: 10_000, clock });
        assert.strictEqual(status.health, "healthy");
        assert.deepStrictEqual(calls, [0, 10_000, 20_000, 30_000]);
    });

    it("times out when the server stays unhealthy, naming the server, the balancer and the last state", async () => {
        const { reader, calls, clock } = scriptedReader(["pending", "unhealthy"]);
        await assert.rejects(
            waitUntilHealthy(reader, target, { timeoutMs: 60_000, intervalMs: 10_000, clock }),
            (error: Error) => {
                assert.ok(error instanceof HealthGateError, `a HealthGateError, got ${error.name}`);
                assert.match(
                    error.message,
                    /prod-app-2 \(i-0abc\) did not become healthy behind target group prod-tg within 1 min/,
                );
                assert.match(error.message, /last seen: unhealthy \(unhealthy: Target\.ResponseCodeMismatch\)/);
                assert.match(error.message, /before any server it replaces was deleted/);
                assert.match(error.message, /healthGateTimeoutMinutes/);
                return true;
            },
        );
        assert.strictEqual(clock.now(), 60_000, "gave up at the timeout, not before");
        assert.strictEqual(calls.length, 7);
    });

    it("retries passing API errors and still resolves when the server gets healthy", async () => {
        const throttled = Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
        const { reader, calls, clock } = scriptedReader([throttled, new Error("socket hang up"), "pending", "healthy"]);
        const status = await waitUntilHealthy(reader, target, { timeoutMs: 600_000, intervalMs: 5_000, clock });
        assert.strictEqual(status.health, "healthy");
        assert.strictEqual(calls.length, 4);
    });

    it("reports the last API error when errors last until the timeout", async () => {
        const { reader, clock } = scriptedReader([new Error("connect ETIMEDOUT")]);
        await assert.rejects(
            waitUntilHealthy(reader, target, { timeoutMs: 30_000, intervalMs: 10_000, clock }),
            /did not become healthy .* within 30 s; last seen: the last health read failed: connect ETIMEDOUT/,
        );
    });

    it("fails at once on an error waiting cannot fix, naming the permission and the opt-out", async () => {
        const denied = Object.assign(
            new Error("User is not authorized to perform: elasticloadbalancing:DescribeTargetHealth"),
            { name: "AccessDenied" },
        );
        const { reader, calls, clock } = scriptedReader([denied], (error) => (error as Error).name === "AccessDenied");
        await assert.rejects(
            waitUntilHealthy(reader, target, { timeoutMs: 600_000, intervalMs: 10_000, clock }),
            (error: Error) => {
                assert.match(
                    error.message,
                    /cannot read the health of prod-app-2 \(i-0abc\) from target group prod-tg: User is not authorized/,
                );
                assert.match(error.message, /needs elasticloadbalancing:DescribeTargetHealth/);
                assert.match(error.message, /webtier:servers\.healthGate: false/);
                return true;
            },
        );
        assert.strictEqual(calls.length, 1, "no retries");
        assert.strictEqual(clock.now(), 0);
    });

    it("never counts draining or absent as healthy", async () => {
        const { reader, clock } = scriptedReader(["draining", "absent"]);
        await assert.rejects(
            waitUntilHealthy(reader, target, { timeoutMs: 20_000, intervalMs: 10_000, clock }),
            /last seen: not a member of the balancer/,
        );
    });

    it("reads a cloud's health through its deploy balancer adapter, failing at once on what the cloud calls permanent", async () => {
        const clock = new FakeClock();
        const balancer = new FakeBalancer([], clock, ["i-0abc"]);
        balancer.members.set("i-0abc", { health: "healthy" });
        const denied = Object.assign(new Error("no"), { name: "AccessDenied" });
        const reader = balancerHealthReader(
            balancer,
            "elasticloadbalancing:DescribeTargetHealth",
            (error) => error === denied,
        );
        assert.strictEqual(reader.description, balancer.description);
        assert.strictEqual(
            (await waitUntilHealthy(reader, target, { timeoutMs: 60_000, intervalMs: 10_000, clock })).health,
            "healthy",
        );
        balancer.health = async () => Promise.reject(denied);
        await assert.rejects(
            waitUntilHealthy(reader, target, { timeoutMs: 60_000, intervalMs: 10_000, clock }),
            /needs elasticloadbalancing:DescribeTargetHealth/,
        );
        assert.strictEqual(clock.now(), 0, "no retry on a permanent error");
    });
});
