import * as assert from "assert";
import { parseCliArgs } from "../../../tools/deploy/args";
import {
    ENV_REFRESH_COMMAND,
    refProblem,
    renderReleaseCommand,
    shellQuote,
} from "../../../tools/deploy/release-command";
import { ENV_SCRIPT } from "../../../infra/bootstrap/layout";

describe("release command", () => {
    it("appends the quoted ref to the default release script", () => {
        assert.strictEqual(
            renderReleaseCommand("/usr/local/bin/webtier-release", "v1.2.0"),
            "/usr/local/bin/webtier-release 'v1.2.0'",
        );
    });

    it("puts the quoted ref where an override says {ref}", () => {
        assert.strictEqual(
            renderReleaseCommand("sudo -u app deploy --ref {ref} --migrate", "main"),
            "sudo -u app deploy --ref 'main' --migrate",
        );
    });

    it("runs webtier-env refresh as is, without a ref, by its full path (a rolling refresh of the .env)", () => {
        assert.strictEqual(ENV_REFRESH_COMMAND, `${ENV_SCRIPT} refresh`);
        for (const template of [
            "webtier-env refresh",
            "/usr/local/bin/webtier-env refresh",
            "  webtier-env   refresh ",
        ]) {
            assert.strictEqual(renderReleaseCommand(template, "main"), "/usr/local/bin/webtier-env refresh", template);
        }
        assert.strictEqual(
            renderReleaseCommand("webtier-env refresh {ref}", "main"),
            "webtier-env refresh 'main'",
            "a template of one's own is left alone",
        );
    });

    it("quotes a single quote so the shell sees one argument", () => {
        assert.strictEqual(shellQuote("it's"), `'it'\\''s'`);
    });

    it("refuses refs a shell or the release script could misread", () => {
        assert.match(refProblem("--force") ?? "", /starts with '-'/);
        assert.match(refProblem("main;reboot") ?? "", /only letters, digits/);
        assert.match(refProblem("a..b") ?? "", /'\.\.'/);
        assert.strictEqual(refProblem("release/2024-06_hotfix"), undefined);
        assert.strictEqual(refProblem("3f9c2ab"), undefined);
    });
});

describe("deploy command line", () => {
    it("defaults to the bootstrap's release script, 2 healthy servers and bounded waits", () => {
        const args = parseCliArgs(["--stack", "prod", "--ref", "main"]);
        assert.strictEqual(args.releaseCommand, "/usr/local/bin/webtier-release");
        assert.strictEqual(args.allowDowntime, false);
        assert.strictEqual(args.dryRun, false);
        assert.deepStrictEqual(
            [args.drainTimeoutMs, args.releaseTimeoutMs, args.healthyTimeoutMs, args.pollIntervalMs],
            [360_000, 900_000, 300_000, 5_000],
        );
        assert.strictEqual(args.keptPreviousExitCode, 75);
        assert.strictEqual(args.ssh.user, "deploy");
    });

    it("names the option and what it expects when a value is wrong", () => {
        assert.throws(() => parseCliArgs(["--stack", "p"]), /--ref <git ref> is required/);
        assert.throws(() => parseCliArgs(["--ref", "main"]), /--stack <name> is required/);
        assert.throws(
            () => parseCliArgs(["--stack", "p", "--ref", "x", "--healthy-timeout", "soon"]),
            /--healthy-timeout must be a number of seconds >= 1, got "soon"/,
        );
        assert.throws(
            () => parseCliArgs(["--stack", "p", "--ref", "x", "--ssh-option", "LogLevel"]),
            /--ssh-option "LogLevel": expected key=value/,
        );
        assert.throws(() => parseCliArgs(["--stack", "p", "--ref", "$(id)"]), /--ref "\$\(id\)" is refused/);
        assert.throws(() => parseCliArgs(["--stack", "p", "--ref", "x", "--force"]), /Unknown option '--force'/);
    });
});
