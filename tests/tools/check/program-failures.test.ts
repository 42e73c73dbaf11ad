// Programs that fail the way a script fails, through the check's CLI: an exception thrown in a
// timer and process.exit both end the language host's process, which reports them; the check
// reports them on the stack and carries on (both used to end the check's own process). Run as a
// child process: mocha fails whichever test is running on any uncaught exception in its own.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { errorText } from "../../../tools/check/run";
import { CLI, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

function check(
    file: string,
    env: NodeJS.ProcessEnv = {},
): { status: number | null; error?: string; errorAt?: { file: string; line: number }; notes: string[] } {
    const run = spawnSync(
        process.execPath,
        [CLI, "--program", path.relative(REPO_ROOT, program(file)), "--policy-pack", FIXTURE_PACK, "--format", "json"],
        // A check that never ends (a program's open handle keeping it alive) fails here, not the suite.
        { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 },
    );
    const [stack] = (
        JSON.parse(run.stdout) as {
            stacks: { error?: string; errorAt?: { file: string; line: number }; notes: string[] }[];
        }
    ).stacks;
    return { status: run.status, error: stack.error, errorAt: stack.errorAt, notes: stack.notes };
}

describe("a program that fails as a script does", () => {
    it("an exception thrown in a timer fails the stack as an unhandled exception", () => {
        const { status, error } = check("throws-later.js");
        assert.strictEqual(status, 2);
        assert.match(error ?? "", /^Running program '.*' failed with an unhandled exception:\n.*failed in a timer/);
    });

    it("a program that fails on what an unanswered data source returned is told which one, as the check's doing", () => {
        const { status, error, notes } = check("unanswered-lookup.js");
        assert.strictEqual(status, 2);
        assert.match(error ?? "", /Cannot read properties of undefined/);
        assert.ok(
            notes.some(
                (note) =>
                    note.includes("aws:organizations/getOrganization:getOrganization") &&
                    note.includes("it is the check's, not the program's"),
            ),
            notes.join("\n"),
        );
    });

    it("an error the program logs is shown and fails nothing, as under the engine", () => {
        const { status, error, notes } = check("logs-error.js");
        assert.strictEqual(error, undefined);
        // The fixture pack's own verdict on the bucket (1 for a mandatory violation), not a failed run (2).
        assert.strictEqual(status, 1);
        assert.ok(
            notes.includes("program output: error: the bucket name is not what the team agreed"),
            notes.join("\n"),
        );
    });

    it("a second resource under the same URN fails the stack with the engine's message", () => {
        const { status, error } = check("duplicate-urn.js");
        assert.strictEqual(status, 2);
        assert.match(
            error ?? "",
            /Duplicate resource URN 'urn:pulumi:offline::webtier::fixture:index:Bucket::assets'; try giving it a unique name/,
        );
    });

    it("a registration under the URN of a resource read by id fails the stack the same way", () => {
        const { status, error } = check("duplicate-urn-read.js");
        assert.strictEqual(status, 2);
        assert.match(error ?? "", /Duplicate resource URN 'urn:pulumi:offline::webtier::fixture:index:Bucket::assets'/);
    });

    it("a closure the serializer refuses fails the stack naming each function's file and position, as the language host does", () => {
        // cmd/run opens the serializer's inspector session before the program and the SDK's dynamic
        // module load; the positions come from it. The SDK's own `() => provider` is in dynamic/index.js.
        const dynamic = fs.readFileSync(require.resolve("@pulumi/pulumi/dynamic/index.js"), "utf8").split("\n");
        const line = dynamic.findIndex((text) => text.includes("serializeFunction(() => provider"));
        const column = dynamic[line].indexOf("() => provider");
        const { status, error } = check("unserializable.js");
        assert.strictEqual(status, 2);
        const text = error ?? "";
        // A ResourceError that hides its stack: cmd/run prints its message alone, with no header.
        assert.ok(text.startsWith(`error serializing property "__provider": Error serializing '() => provider'`), text);
        assert.ok(
            text.includes(`Error serializing '() => provider': index.js(${line + 1},${column})\n`),
            `the SDK's function at dynamic/index.js:${line + 1}:${column} in:\n${text}`,
        );
        assert.match(
            text,
            /\n\s+function 'create': unserializable\.js\(7,16\): which captured\n\s+'isPromise', a function defined at\n/,
        );
        assert.match(text, /function is not a bound function/);
    });

    it("a ResourceError naming a resource is located at the line that declares it, where the engine logs it", () => {
        const { status, error, errorAt } = check("component-refuses.js");
        assert.strictEqual(status, 2);
        assert.strictEqual(error, "blog: a site needs a domain");
        assert.deepStrictEqual(errorAt && { file: errorAt.file, line: errorAt.line }, {
            file: "tests/fixtures/programs/component-refuses.js",
            line: 12,
        });
        const sarif = spawnSync(
            process.execPath,
            [
                CLI,
                "--program",
                path.relative(REPO_ROOT, program("component-refuses.js")),
                "--policy-pack",
                FIXTURE_PACK,
                "--format",
                "sarif",
            ],
            { cwd: REPO_ROOT, encoding: "utf8" },
        );
        const [notification] = JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications;
        assert.strictEqual(notification.locations[0].physicalLocation.region.startLine, 12);
        // One the SDK raises about no resource (the serializer's) stays on the stack.
        assert.strictEqual(check("unserializable.js").errorAt, undefined);
    });

    it("a timer left behind runs before the program is done, as the host's process waits for it", () => {
        // exit(0) ends the run as it stands (the public bucket is judged, and the check's own
        // exit code is its verdict), any other code fails the stack, a throw is an unhandled exception.
        const passed = spawnSync(
            process.execPath,
            [CLI, "--program", path.relative(REPO_ROOT, program("exits-later.js")), "--policy-pack", FIXTURE_PACK],
            { cwd: REPO_ROOT, env: { ...process.env, WEBTIER_TEST_LATE: "exit:0" }, encoding: "utf8" },
        );
        assert.strictEqual(passed.status, 1, passed.stdout + passed.stderr);
        assert.match(passed.stdout, /bucket assets has acl "public-read"/);
        const failed = check("exits-later.js", { WEBTIER_TEST_LATE: "exit:3" });
        assert.strictEqual(failed.status, 2);
        assert.strictEqual(failed.error, "Program exited with non-zero exit code: 3");
        const thrown = check("exits-later.js", { WEBTIER_TEST_LATE: "throw" });
        assert.strictEqual(thrown.status, 2);
        assert.match(thrown.error ?? "", /failed with an unhandled exception:\n.*failed after the program returned/);
    });

    it("a handle the program never closes is waited for up to the limit, named in the notes, and the check still ends", () => {
        const { status, notes } = check("keeps-interval.js");
        assert.strictEqual(status, 1, "the public bucket is judged, and the process ends with the verdict");
        assert.ok(
            notes.some((note) => note.startsWith("the program still holds handles open (Timeout)")),
            notes.join("\n"),
        );
    });

    it("a custom timeout Go cannot parse fails the registration, as the resource monitor refuses it", () => {
        const { status, error } = check("bad-timeout.js");
        assert.strictEqual(status, 2);
        assert.match(
            error ?? "",
            /failed to register new resource assets \[fixture:index:Bucket\]: 2 UNKNOWN: unable to parse customTimeout Value 90/,
        );
    });

    it("process.exit with a code fails the stack with the language host's message", () => {
        const { status, error } = check("exits.js", { WEBTIER_TEST_EXIT_CODE: "4" });
        assert.strictEqual(status, 2);
        assert.strictEqual(error, "Program exited with non-zero exit code: 4");
    });
});

describe("a program's environment", () => {
    it("starts each stack as the engine starts each run: unchanged by the previous stack's program", () => {
        const run = spawnSync(
            process.execPath,
            [
                CLI,
                "--program",
                path.join("tests", "fixtures", "projects", "environment"),
                "--stack",
                "first",
                "--stack",
                "second",
                "--policy-pack",
                FIXTURE_PACK,
                "--format",
                "json",
            ],
            { cwd: REPO_ROOT, encoding: "utf8" },
        );
        const stacks = (JSON.parse(run.stdout) as { stacks: { name: string; violations: { policy: string }[] }[] })
            .stacks;
        assert.deepStrictEqual(
            stacks.map((s) => [s.name, s.violations.filter((v) => v.policy === "bucket-private").length]),
            [
                ["first", 0],
                ["second", 0],
            ],
        );
    });
});

describe("a program's failure as cmd/run prints it", () => {
    const main = "/p/index.ts";
    it("a ResourceError that hides its stack: its message alone", () => {
        assert.strictEqual(
            errorText(new pulumi.ResourceError("bucket: refused", undefined, true), main),
            "bucket: refused",
        );
    });

    it("any other ResourceError: inspected, its stack included, with no header", () => {
        const text = errorText(new pulumi.ResourceError("bucket: refused", undefined, false), main);
        assert.match(text, /^ResourceError: bucket: refused\n\s+at /);
    });

    it("an error that only resembles one (another field name) gets the header, as any other error", () => {
        const lookalike = Object.assign(new Error("refused"), { __pulumiResourceError: true, hideStack: true });
        assert.match(
            errorText(lookalike, main),
            /^Running program '\/p\/index\.ts' failed with an unhandled exception:\nError: refused\n\s+at /,
        );
    });

    it("an error with no stack: its message, as defaultErrorMessage falls back to", () => {
        const bare = new Error("no frames");
        bare.stack = "";
        assert.strictEqual(
            errorText(bare, main),
            "Running program '/p/index.ts' failed with an unhandled exception:\nno frames",
        );
    });
});
