import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BOOTSTRAP_SCRIPT_TEXT } from "../../../infra/bootstrap/bootstrap-script";
import {
    EXIT_KEPT_PREVIOUS, EXIT_USAGE, RELEASE_SCRIPT_TEXT, releaseConfigValues, renderReleaseConfig,
} from "../../../infra/bootstrap/release-script";
import { stripComments } from "../../../infra/bootstrap/shell";
import { requireTool, run, shellcheck, tempDir } from "./validators";

/**
 * A sandbox server: an app folder, a git repository with two tagged versions, and fake php,
 * composer and systemctl that log what they were asked to do (and fail on request).
 */
class Sandbox {
    readonly dir = tempDir("release");
    readonly appRoot = path.join(this.dir, "app");
    readonly repo = path.join(this.dir, "repo");
    readonly log = path.join(this.dir, "calls.log");
    readonly script = path.join(this.dir, "webtier-release");
    readonly config = path.join(this.dir, "release.env");

    constructor() {
        if (process.getuid && process.getuid() !== 0) {
            throw new Error("the release script sandbox must run as root (it chowns to the deploy user, as on the servers); CI runs as root");
        }
        fs.mkdirSync(path.join(this.appRoot, "shared", "storage"), { recursive: true });
        fs.mkdirSync(path.join(this.appRoot, "releases"));
        fs.writeFileSync(path.join(this.appRoot, "shared", ".env"), "APP_KEY=x\n");
        this.fake("php", `#!/usr/bin/env bash
echo "php $*" >>"${this.log}"
if [ "$1" = "${path.join(this.dir, "composer")}" ]; then
    for arg in "$@"; do case "$arg" in --working-dir=*) dir="\${arg#--working-dir=}";; esac; done
    [ -n "\${dir:-}" ] || { echo "composer called without --working-dir" >&2; exit 2; }
    mkdir -p "$dir/vendor"; echo '<?php' >"$dir/vendor/autoload.php"; exit 0
fi
if [ -n "\${FAIL_ARTISAN:-}" ] && [ "$2" = "$FAIL_ARTISAN" ]; then echo "artisan $2 failed" >&2; exit 1; fi
`);
        this.fake("composer", "#!/bin/sh\nexit 0\n");
        this.fake("systemctl", `#!/usr/bin/env bash
echo "systemctl $*" >>"${this.log}"
if [ -n "\${FAIL_SYSTEMCTL:-}" ] && [ "$1" = "$FAIL_SYSTEMCTL" ]; then exit 1; fi
`);
        const user = os.userInfo().username;
        const values = {
            ...releaseConfigValues({ phpVersion: "8.3", repository: `file://${this.repo}`, branch: "main" }),
            APP_ROOT: this.appRoot,
            DEPLOY_USER: user,
            DEPLOY_HOME: this.dir,
            PHP_BIN: path.join(this.dir, "php"),
            COMPOSER_BIN: path.join(this.dir, "composer"),
            SYSTEMCTL: path.join(this.dir, "systemctl"),
            RELEASE_PENDING_MARKER: path.join(this.appRoot, ".first-release-pending"),
            LOCK_FILE: path.join(this.dir, "release.lock"),
        };
        fs.writeFileSync(this.config, renderReleaseConfig(values));
        fs.writeFileSync(this.script, stripComments(RELEASE_SCRIPT_TEXT), { mode: 0o755 });

        const git = (...args: string[]) => {
            const result = run("git", ["-C", this.repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
            assert.strictEqual(result.status, 0, result.stderr);
        };
        fs.mkdirSync(path.join(this.repo, "public"), { recursive: true });
        fs.mkdirSync(path.join(this.repo, "storage"));
        git("init", "--quiet", "--initial-branch=main");
        for (const version of ["v1", "v2"]) {
            fs.writeFileSync(path.join(this.repo, "artisan"), `#!/usr/bin/env php\n<?php // ${version}\n`);
            fs.writeFileSync(path.join(this.repo, "public", "index.php"), `<?php echo "${version}";\n`);
            fs.writeFileSync(path.join(this.repo, "storage", ".gitignore"), "*\n");
            git("add", "-A");
            git("commit", "--quiet", "-m", version);
            git("tag", version);
        }
    }

    private fake(name: string, text: string): void {
        fs.writeFileSync(path.join(this.dir, name), text, { mode: 0o755 });
    }

    release(ref: string, env: Record<string, string> = {}): { status: number | null; output: string } {
        const result = run(requireTool("bash"), [this.script, ref], {
            env: { PATH: process.env.PATH, WEBTIER_RELEASE_CONFIG: this.config, ...env },
        });
        return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    /** What `current` serves: the version written in its front controller. */
    live(): string | undefined {
        const index = path.join(this.appRoot, "current", "public", "index.php");
        return fs.existsSync(index) ? /"(v\d)"/.exec(fs.readFileSync(index, "utf8"))?.[1] : undefined;
    }

    releases(): string[] {
        return fs.readdirSync(path.join(this.appRoot, "releases")).sort();
    }

    calls(): string[] {
        return fs.existsSync(this.log) ? fs.readFileSync(this.log, "utf8").trim().split("\n") : [];
    }

    /** A release made earlier (the names are UTC timestamps, oldest first). */
    oldRelease(name: string): void {
        fs.mkdirSync(path.join(this.appRoot, "releases", name, "public"), { recursive: true });
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

describe("release script (webtier-release)", () => {
    let sandbox: Sandbox;
    beforeEach(() => (sandbox = new Sandbox()));
    afterEach(() => sandbox.remove());

    it("passes shellcheck, as do the bootstrap script and their comment-stripped forms", () => {
        for (const script of [RELEASE_SCRIPT_TEXT, BOOTSTRAP_SCRIPT_TEXT, stripComments(RELEASE_SCRIPT_TEXT), stripComments(BOOTSTRAP_SCRIPT_TEXT)]) {
            const result = shellcheck(script);
            assert.ok(result.ok, `shellcheck found problems:\n${result.output}`);
        }
    });

    it("releases a tag: new release folder, shared storage and .env linked, current switched", () => {
        const result = sandbox.release("v1");
        assert.strictEqual(result.status, 0, result.output);
        assert.strictEqual(sandbox.live(), "v1");
        const current = fs.realpathSync(path.join(sandbox.appRoot, "current"));
        assert.strictEqual(path.dirname(current), path.join(sandbox.appRoot, "releases"));
        assert.strictEqual(fs.readlinkSync(path.join(current, "storage")), path.join(sandbox.appRoot, "shared", "storage"));
        assert.strictEqual(fs.readlinkSync(path.join(current, ".env")), path.join(sandbox.appRoot, "shared", ".env"));
        assert.ok(!fs.existsSync(path.join(current, ".git")), "no git metadata in a release");
        assert.match(fs.readFileSync(path.join(current, "REVISION"), "utf8"), /^[0-9a-f]{40}\n$/);
    });

    it("installs without dev packages, migrates with --isolated, caches, then reloads FPM and restarts the workers", () => {
        assert.strictEqual(sandbox.release("main").status, 0);
        const calls = sandbox.calls();
        const index = (pattern: RegExp) => {
            const found = calls.findIndex((call) => pattern.test(call));
            assert.ok(found >= 0, `expected a call matching ${pattern} in:\n${calls.join("\n")}`);
            return found;
        };
        const composer = index(/composer install .*--no-dev/);
        const migrate = index(/artisan migrate --force --isolated/);
        const configCache = index(/artisan config:cache/);
        index(/artisan route:cache/);
        index(/artisan view:cache/);
        const reload = index(/^systemctl reload php8\.3-fpm$/);
        const restart = index(/artisan queue:restart/);
        const workers = index(/^systemctl start webtier-workers\.target$/);
        assert.ok(composer < migrate && migrate < configCache && configCache < reload && reload < restart && restart < workers);
        assert.strictEqual(sandbox.live(), "v2");
    });

    it("keeps the previous release live and exits 75 when a step before the switch fails", () => {
        assert.strictEqual(sandbox.release("v1").status, 0);
        const before = sandbox.releases();
        const reloads = () => sandbox.calls().filter((call) => call.startsWith("systemctl reload")).length;
        const reloadsBefore = reloads();
        const result = sandbox.release("v2", { FAIL_ARTISAN: "migrate" });
        assert.strictEqual(result.status, EXIT_KEPT_PREVIOUS, result.output);
        assert.strictEqual(sandbox.live(), "v1");
        assert.deepStrictEqual(sandbox.releases(), before, "the failed release folder is removed");
        assert.strictEqual(reloads(), reloadsBefore, "FPM is not touched");
    });

    for (const [step, failing] of [["reloading PHP-FPM", "reload"], ["starting the workers", "start"]]) {
        it(`switches back to the previous release and exits 75 when ${step} fails after the switch`, () => {
            assert.strictEqual(sandbox.release("v1").status, 0);
            const kept = sandbox.releases();
            const result = sandbox.release("v2", { FAIL_SYSTEMCTL: failing });
            assert.strictEqual(result.status, EXIT_KEPT_PREVIOUS, result.output);
            assert.strictEqual(sandbox.live(), "v1");
            assert.match(result.output, /switched back/);
            assert.deepStrictEqual(sandbox.releases(), kept, "the failed release folder is removed");
        });
    }

    it("removes current again and exits 75 when the very first release fails after the switch", () => {
        const result = sandbox.release("v1", { FAIL_ARTISAN: "queue:restart" });
        assert.strictEqual(result.status, EXIT_KEPT_PREVIOUS, result.output);
        assert.strictEqual(sandbox.live(), undefined);
        assert.ok(!fs.existsSync(path.join(sandbox.appRoot, "current")));
    });

    it("exits 75 when the ref does not exist, with nothing changed", () => {
        assert.strictEqual(sandbox.release("v1").status, 0);
        const result = sandbox.release("no-such-branch");
        assert.strictEqual(result.status, EXIT_KEPT_PREVIOUS, result.output);
        assert.strictEqual(sandbox.live(), "v1");
    });

    it("refuses refs a shell or git could misread, before touching anything", () => {
        for (const ref of ["--upload-pack=touch /tmp/x", "a..b", "v1;reboot", ""]) {
            const result = sandbox.release(ref);
            assert.strictEqual(result.status, EXIT_USAGE, `${ref}: ${result.output}`);
        }
        assert.deepStrictEqual(sandbox.releases(), []);
        assert.deepStrictEqual(sandbox.calls(), []);
    });

    it("keeps the newest 5 releases", () => {
        for (const name of ["20200101000001", "20200101000002", "20200101000003", "20200101000004", "20200101000005", "20200101000006"]) sandbox.oldRelease(name);
        assert.strictEqual(sandbox.release("v2").status, 0);
        const kept = sandbox.releases();
        assert.strictEqual(kept.length, 5);
        assert.deepStrictEqual(kept.slice(0, 4), ["20200101000003", "20200101000004", "20200101000005", "20200101000006"]);
        assert.strictEqual(path.join(sandbox.appRoot, "releases", kept[4]), fs.realpathSync(path.join(sandbox.appRoot, "current")));
    });

    it("clears the first-release marker so the health check hands over to the app", () => {
        const marker = path.join(sandbox.appRoot, ".first-release-pending");
        fs.writeFileSync(marker, "");
        assert.strictEqual(sandbox.release("v1", { FAIL_ARTISAN: "migrate" }).status, EXIT_KEPT_PREVIOUS);
        assert.ok(fs.existsSync(marker), "still pending after a failed release");
        assert.strictEqual(sandbox.release("v1").status, 0);
        assert.ok(!fs.existsSync(marker));
    });
});
