// When a program is done, as the language host decides it: its process ends when the event loop
// drains, settled promise or not. Here the check's own work keeps the process alive, so the
// harness ends a program that can make no more progress, and waits for one that still can.
import * as assert from "assert";
import { spawn } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";

class Bucket extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("fixture:index:Bucket", name, props);
    }
}

function bucket(name: string, acl: pulumi.Input<string> = "private") {
    return new Bucket(name, { acl });
}

/** The custom resources an evaluation registered, by name. */
const registered = (evaluation: Awaited<ReturnType<typeof evaluate>>) =>
    evaluation.resources.filter((r) => r.custom).map((r) => r.name);

/** Evaluates with a time limit: before, a program that never settled was waited for for ever. */
function evaluateWithin(program: () => unknown): Promise<Awaited<ReturnType<typeof evaluate>>> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the evaluation did not end")), 10_000);
    });
    return Promise.race([evaluate({ program }), limit]).finally(() => clearTimeout(timer));
}

describe("the end of a program", () => {
    it("a program whose promise never settles ends once idle, with what it registered", async () => {
        const evaluation = await evaluateWithin(async () => {
            bucket("assets");
            await new Promise(() => undefined);
        });
        assert.deepStrictEqual(registered(evaluation), ["assets"]);
    });

    it("a registration that can never be sent fails the program with the SDK's message at exit", async () => {
        await assert.rejects(
            evaluateWithin(() => {
                bucket("stuck", new Promise<string>(() => undefined));
            }),
            /^Error: Program exited with non-zero exit code: 1\. [^]*(still active|waiting)/,
        );
    });

    it("a registration that can never be sent ends the run without that message once the program logged an error", async () => {
        // The SDK's exit handler leaves out its message, and the failure, after `log.error` (runtime/debuggable.ts).
        const evaluation = await evaluateWithin(() => {
            void pulumi.log.error("the acl could not be looked up");
            bucket("assets");
            bucket("stuck", new Promise<string>(() => undefined));
        });
        assert.deepStrictEqual(registered(evaluation), ["assets"]);
    });

    it("a program still waiting on a timer or a child process is not cut short", async () => {
        const evaluation = await evaluateWithin(async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            bucket("after-timer");
            const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 200)"]);
            await new Promise((resolve) => child.on("exit", resolve));
            bucket("after-child");
            return {};
        });
        assert.deepStrictEqual(registered(evaluation), ["after-timer", "after-child"]);
    });
});

describe("process.exit in a program", () => {
    it("with a non-zero code fails the run as the language host reports it, and runs nothing after it", async () => {
        let after = false;
        await assert.rejects(
            evaluateWithin(() => {
                bucket("assets");
                process.exit(3);
                after = true;
            }),
            /^Error: Program exited with non-zero exit code: 3$/,
        );
        assert.strictEqual(after, false);
    });

    it("with 0 once registrations are done ends the run with what it registered", async () => {
        const evaluation = await evaluateWithin(async () => {
            const assets = bucket("assets");
            await new Promise((resolve) => assets.urn.apply(resolve));
            process.exit(0);
        });
        assert.deepStrictEqual(registered(evaluation), ["assets"]);
    });

    it("with 0 while a registration is pending fails with code 1 and the SDK's message, as its exit handler does", async () => {
        await assert.rejects(
            evaluateWithin(() => {
                bucket("assets");
                process.exit(0);
            }),
            /Program exited with non-zero exit code: 1\. The Pulumi runtime detected/,
        );
    });
});

describe("process.exitCode set by a program", () => {
    it("fails the run with that code, as the host's process ends with it, and does not stay set here", async () => {
        const before = process.exitCode;
        await assert.rejects(
            evaluateWithin(() => {
                bucket("assets");
                process.exitCode = 5;
            }),
            /^Error: Program exited with non-zero exit code: 5$/,
        );
        assert.strictEqual(process.exitCode, before);
    });
});
