import * as assert from "assert";
import { chmodSync, writeFileSync } from "fs";
import { join } from "path";
import { sshArguments, SshRunner } from "../../../tools/deploy/ssh-runner";
import { server } from "./fakes";
import { scratchDir } from "../../support/scratch";

/** A stand-in `ssh` binary: a shell script with the given body. */
function fakeSsh(body: string): string {
    const path = join(scratchDir("fake-ssh-"), "ssh");
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
}

describe("SSH runner", () => {
    it("logs in as the deploy user on the public IP, non-interactively, and passes the command as one argument", () => {
        const argv = sshArguments(
            { identityFile: "/keys/deploy", port: 2222, options: ["UserKnownHostsFile=./kh"] },
            server(1),
            "/usr/local/bin/webtier-release 'v2'",
        );
        assert.deepStrictEqual(argv, [
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=15",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4",
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "UserKnownHostsFile=./kh",
            "-i",
            "/keys/deploy",
            "-p",
            "2222",
            "deploy@203.0.113.1",
            "/usr/local/bin/webtier-release 'v2'",
        ]);
    });

    it("refuses a server without a public IP", () => {
        assert.throws(
            () => sshArguments({}, { ...server(1), publicIp: undefined }, "true"),
            /web-1 \(i-1\) has no public IP/,
        );
    });

    it("returns the remote command's exit code and its combined output", async () => {
        const ssh = fakeSsh(`for a in "$@"; do last="$a"; done; echo "ran: $last"; echo "oops" >&2; exit 3`);
        const result = await new SshRunner({ sshPath: ssh, user: "app" }).run(server(2), "release 'v2'", {
            timeoutMs: 10_000,
        });
        assert.strictEqual(result.exitCode, 3);
        assert.match(result.output, /ran: release 'v2'/);
        assert.match(result.output, /oops/);
    });

    it("stops a command that runs past the timeout and reports it as failed", async () => {
        const ssh = fakeSsh("exec sleep 30");
        const started = Date.now();
        const result = await new SshRunner({ sshPath: ssh }).run(server(1), "true", { timeoutMs: 300 });
        assert.strictEqual(result.exitCode, -1);
        assert.match(result.output, /timed out after 0.3s/);
        assert.ok(Date.now() - started < 5000);
    });

    it("explains ssh's own failure (exit 255)", async () => {
        const ssh = fakeSsh(`echo "Permission denied (publickey)." >&2; exit 255`);
        const result = await new SshRunner({ sshPath: ssh }).run(server(1), "true", { timeoutMs: 10_000 });
        assert.strictEqual(result.exitCode, 255);
        assert.match(result.output, /Permission denied[\s\S]*is this machine in allowSshFrom/);
    });
});
