import * as assert from "assert";
import { SsmCommand, SsmRunner, SsmSender } from "../../../../tools/deploy/aws/ssm-runner";
import { FakeClock, server } from "../fakes";

function stubSsm(invocations: Array<Record<string, unknown> | "missing">) {
    const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
    const ssm: SsmSender = {
        async send(command: SsmCommand) {
            const name = command.constructor.name;
            calls.push({ name, input: command.input as unknown as Record<string, unknown> });
            if (name === "SendCommandCommand") return { Command: { CommandId: "cmd-1" } };
            if (name === "CancelCommandCommand") return {};
            const next = invocations.length > 1 ? invocations.shift()! : invocations[0];
            if (next === "missing") {
                const error = new Error("Invocation does not exist");
                error.name = "InvocationDoesNotExist";
                throw error;
            }
            return next;
        },
    };
    return { ssm, calls };
}

describe("AWS SSM runner", () => {
    it("sends AWS-RunShellScript to the instance and returns the invocation's exit code and output", async () => {
        const { ssm, calls } = stubSsm([
            "missing",
            { Status: "InProgress" },
            {
                Status: "Failed",
                ResponseCode: 2,
                StandardOutputContent: "migrating\n",
                StandardErrorContent: "SQLSTATE[42S01]",
            },
        ]);
        const result = await new SsmRunner({ ssm, clock: new FakeClock(), comment: "webtier deploy v2" }).run(
            server(1),
            "/usr/local/bin/webtier-release 'v2'",
            { timeoutMs: 600_000 },
        );
        assert.deepStrictEqual(calls[0], {
            name: "SendCommandCommand",
            input: {
                DocumentName: "AWS-RunShellScript",
                InstanceIds: ["i-1"],
                Parameters: { commands: ["/usr/local/bin/webtier-release 'v2'"], executionTimeout: ["600"] },
                TimeoutSeconds: 60,
                Comment: "webtier deploy v2",
            },
        });
        assert.deepStrictEqual(
            calls.slice(1).map((c) => c.input),
            Array(3).fill({ CommandId: "cmd-1", InstanceId: "i-1" }),
        );
        assert.strictEqual(result.exitCode, 2);
        assert.match(result.output, /migrating\n[\s\S]*SQLSTATE\[42S01\][\s\S]*SSM Failed/);
    });

    it("reports exit code 0 when the invocation succeeds", async () => {
        const { ssm } = stubSsm([{ Status: "Success", ResponseCode: 0, StandardOutputContent: "done" }]);
        const result = await new SsmRunner({ ssm, clock: new FakeClock() }).run(server(1), "true", {
            timeoutMs: 60_000,
        });
        assert.strictEqual(result.exitCode, 0);
    });

    it("cancels the command and fails when it runs past the timeout", async () => {
        const { ssm, calls } = stubSsm([{ Status: "InProgress" }]);
        const clock = new FakeClock();
        const result = await new SsmRunner({ ssm, clock, pollIntervalMs: 10_000 }).run(server(1), "sleep 9999", {
            timeoutMs: 60_000,
        });
        assert.strictEqual(result.exitCode, -1);
        assert.match(result.output, /did not finish within 60s/);
        assert.deepStrictEqual(calls[calls.length - 1], {
            name: "CancelCommandCommand",
            input: { CommandId: "cmd-1", InstanceIds: ["i-1"] },
        });
        assert.ok(clock.time >= 150_000 && clock.time < 170_000, `gave up after ${clock.time}ms`);
    });
});
