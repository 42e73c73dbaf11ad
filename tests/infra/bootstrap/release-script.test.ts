import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BOOTSTRAP_SCRIPT_TEXT } from "../../../infra/bootstrap/bootstrap-script";
import {
    EXIT_KEPT_PREVIOUS,
    EXIT_USAGE,
    RELEASE_SCRIPT_TEXT,
    releaseConfigValues,
    renderReleaseConfig,
} from "../../../infra/bootstrap/release-script";
import { stripComments } from "../../../infra/bootstrap/shell";
import { ENV_SCRIPT_TEXT, EXIT_ENV_UNCHANGED, EXIT_ENV_USAGE } from "../../../infra/bootstrap/env-script";
import { requireTool, run, shellcheck, tempDir } from "./validators";
import { scratchDir } from "../../support/scratch";

/**
 * The sandboxes' git repository, two tagged versions (v1, v2) of a minimal Laravel app on
 * `main`: made once per process (seven git commands), then copied into each sandbox, which may
 * change its own copy.
 */
let template: string | undefined;
function templateRepository(): string {
    if (template) return template;
    const repo = path.join(scratchDir("webtier-release-repo-"), "repo");
    const git = (...args: string[]) => {
        const result = run("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
        assert.strictEqual(result.status, 0, result.stderr);
    };
    fs.mkdirSync(path.join(repo, "public"), { recursive: true });
    fs.mkdirSync(path.join(repo, "storage"));
    git("init", "--quiet", "--initial-branch=main");
    for (const version of ["v1", "v2"]) {
        fs.writeFileSync(path.join(repo, "artisan"), `#!/usr/bin/env php\n<?php // ${version}\n`);
        fs.writeFileSync(path.join(repo, "public", "index.php"), `<?php echo "${version}";\n`);
        fs.writeFileSync(path.join(repo, "storage", ".gitignore"), "*\n");
        git("add", "-A");
        git("commit", "--quiet", "-m", version);
        git("tag", version);
    }
    return (template = repo);
}

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
    readonly envScript = path.join(this.dir, "webtier-env");
    /** What the stand-in for Parameter Store holds (the AWS CLI's `get-parameter` prints it). */
    readonly parameter = path.join(this.dir, "parameter.env");
    readonly envFile = path.join(this.appRoot, "shared", ".env");
    /** The sandbox's clock for release names (see the fake `date`), in seconds since the epoch. */
    readonly clock = path.join(this.dir, "clock");

    constructor(envSource: "ssm" | "user-data" = "ssm") {
        if (process.getuid && process.getuid() !== 0) {
            throw new Error(
                "the release script sandbox must run as root (it chowns to the deploy user, as on the servers); CI runs as root",
            );
        }
        fs.mkdirSync(path.join(this.appRoot, "shared", "storage"), { recursive: true });
        fs.mkdirSync(path.join(this.appRoot, "releases"));
        fs.writeFileSync(path.join(this.appRoot, "shared", ".env"), "APP_KEY=x\n");
        this.fake(
            "php",
            `#!/usr/bin/env bash
echo "php $*" >>"${this.log}"
if [ "$1" = "${path.join(this.dir, "composer")}" ]; then
    for arg in "$@"; do case "$arg" in --working-dir=*) dir="\${arg#--working-dir=}";; esac; done
    [ -n "\${dir:-}" ] || { echo "composer called without --working-dir" >&2; exit 2; }
    mkdir -p "$dir/vendor"; echo '<?php' >"$dir/vendor/autoload.php"; exit 0
fi
if [ -n "\${FAIL_ARTISAN:-}" ] && [ "$2" = "$FAIL_ARTISAN" ]; then echo "artisan $2 failed" >&2; exit 1; fi
`,
        );
        this.fake("composer", "#!/bin/sh\nexit 0\n");
        // The release folder's name is the UTC second (date -u +%Y%m%d%H%M%S), and a release waits
        // for the next second when that folder exists. This clock moves one second per release name
        // asked for, from the sandbox's creation, so a test of several releases does not wait for the
        // real one; every other use of date is the real date.
        fs.mkdirSync(path.join(this.dir, "bin"));
        fs.writeFileSync(this.clock, String(Math.floor(Date.now() / 1000)));
        fs.writeFileSync(
            path.join(this.dir, "bin", "date"),
            `#!/usr/bin/env bash
if [ "$*" = "-u +%Y%m%d%H%M%S" ]; then
    now=$(cat "${this.clock}"); echo $((now + 1)) >"${this.clock}"
    exec ${requireTool("date")} -u -d "@$now" +%Y%m%d%H%M%S
fi
exec ${requireTool("date")} "$@"
`,
            { mode: 0o755 },
        );
        // A stand-in for the AWS CLI: prints the parameter as \`--output text\` does (value, newline).
        this.fake(
            "aws",
            `#!/usr/bin/env bash
echo "aws $*" >>"${this.log}"
if [ -n "\${FAIL_AWS:-}" ]; then echo "An error occurred (AccessDeniedException) when calling the GetParameter operation" >&2; exit 254; fi
cat "${this.parameter}"; echo
`,
        );
        fs.writeFileSync(this.parameter, 'APP_KEY="base64:from-parameter-store"\nDB_PASSWORD="pa$$w0rd\\"quoted"\n');
        this.fake(
            "systemctl",
            `#!/usr/bin/env bash
echo "systemctl $*" >>"${this.log}"
if [ -n "\${FAIL_SYSTEMCTL:-}" ] && [ "$1" = "$FAIL_SYSTEMCTL" ]; then exit 1; fi
`,
        );
        const user = os.userInfo().username;
        const values = {
            ...releaseConfigValues({
                phpVersion: "8.3",
                repository: `file://${this.repo}`,
                branch: "main",
                envSource:
                    envSource === "ssm"
                        ? { kind: "ssm", parameter: "/webtier/test/laravel-env", region: "eu-west-1" }
                        : { kind: "user-data" },
            }),
            ...(envSource === "ssm" ? { AWS_CLI: path.join(this.dir, "aws") } : {}),
            ENV_SCRIPT: this.envScript,
            ENV_FETCH_RETRY_SECONDS: 0,
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
        fs.writeFileSync(this.envScript, stripComments(ENV_SCRIPT_TEXT), { mode: 0o755 });

        // Every sandbox's repository starts the same: a copy of one built once per process.
        fs.cpSync(templateRepository(), this.repo, { recursive: true });
    }

    private fake(name: string, text: string): void {
        fs.writeFileSync(path.join(this.dir, name), text, { mode: 0o755 });
    }

    release(ref: string, env: Record<string, string> = {}): { status: number | null; output: string } {
        const result = run(requireTool("bash"), [this.script, ref], {
            env: {
                PATH: `${path.join(this.dir, "bin")}${path.delimiter}${process.env.PATH}`,
                WEBTIER_RELEASE_CONFIG: this.config,
                ...env,
            },
        });
        return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    env(action: string, env: Record<string, string> = {}): { status: number | null; output: string } {
        const result = run(requireTool("bash"), [this.envScript, action], {
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
        for (const script of [RELEASE_SCRIPT_TEXT, BOOTSTRAP_SCRIPT_TEXT, ENV_SCRIPT_TEXT].flatMap((text) => [
            text,
            stripComments(text),
        ])) {
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
        assert.strictEqual(
            fs.readlinkSync(path.join(current, "storage")),
            path.join(sandbox.appRoot, "shared", "storage"),
        );
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
        assert.ok(
            composer < migrate &&
                migrate < configCache &&
                configCache < reload &&
                reload < restart &&
                restart < workers,
        );
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

    for (const [step, failing] of [
        ["reloading PHP-FPM", "reload"],
        ["starting the workers", "start"],
    ]) {
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

    it("waits for the next second when a release folder of the current one exists", () => {
        const second = Number(fs.readFileSync(sandbox.clock, "utf8"));
        const name = (s: number) => new Date(s * 1000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
        sandbox.oldRelease(name(second));
        const { status, output } = sandbox.release("v1");
        assert.strictEqual(status, 0, output);
        assert.deepStrictEqual(sandbox.releases(), [name(second), name(second + 1)]);
        assert.strictEqual(sandbox.live(), "v1");
    });

    it("keeps the newest 5 releases", () => {
        for (const name of [
            "20200101000001",
            "20200101000002",
            "20200101000003",
            "20200101000004",
            "20200101000005",
            "20200101000006",
        ])
            sandbox.oldRelease(name);
        assert.strictEqual(sandbox.release("v2").status, 0);
        const kept = sandbox.releases();
        assert.strictEqual(kept.length, 5);
        assert.deepStrictEqual(kept.slice(0, 4), [
            "20200101000003",
            "20200101000004",
            "20200101000005",
            "20200101000006",
        ]);
        assert.strictEqual(
            path.join(sandbox.appRoot, "releases", kept[4]),
            fs.realpathSync(path.join(sandbox.appRoot, "current")),
        );
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

describe("server secrets on every release and on webtier-env refresh (a stand-in for Parameter Store)", () => {
    let sandbox: Sandbox;
    afterEach(() => sandbox.remove());
    const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

    it("reads the .env from the stack's parameter before each release and installs it 0640, before composer runs", () => {
        sandbox = new Sandbox();
        const result = sandbox.release("v1");
        assert.strictEqual(result.status, 0, result.output);
        assert.strictEqual(
            fs.readFileSync(sandbox.envFile, "utf8"),
            fs.readFileSync(sandbox.parameter, "utf8"),
            "the same file as the parameter holds",
        );
        assert.strictEqual(mode(sandbox.envFile), "640");
        const calls = sandbox.calls();
        const fetched = calls.indexOf(
            "aws ssm get-parameter --region eu-west-1 --name /webtier/test/laravel-env --with-decryption --query Parameter.Value --output text",
        );
        assert.ok(fetched >= 0, calls.join("\n"));
        assert.ok(
            fetched < calls.findIndex((call) => /composer install/.test(call)),
            "fetched before the release is built",
        );
        // A rotated secret reaches the server with the next release.
        fs.writeFileSync(sandbox.parameter, 'APP_KEY="base64:rotated"\n');
        assert.strictEqual(sandbox.release("v2").status, 0);
        assert.strictEqual(fs.readFileSync(sandbox.envFile, "utf8"), 'APP_KEY="base64:rotated"\n');
    });

    it("keeps the previous release and .env, exiting 75, when the parameter cannot be read", () => {
        sandbox = new Sandbox();
        assert.strictEqual(sandbox.release("v1").status, 0);
        const before = fs.readFileSync(sandbox.envFile, "utf8");
        fs.writeFileSync(sandbox.parameter, 'APP_KEY="base64:rotated"\n');
        const result = sandbox.release("v2", { FAIL_AWS: "1", ENV_FETCH_ATTEMPTS: "2" });
        assert.strictEqual(result.status, EXIT_KEPT_PREVIOUS, result.output);
        assert.match(result.output, /could not read \/webtier\/test\/laravel-env in eu-west-1 after 2 attempts/);
        assert.strictEqual(sandbox.live(), "v1");
        assert.strictEqual(fs.readFileSync(sandbox.envFile, "utf8"), before);
        assert.strictEqual(
            sandbox.calls().filter((call) => call.startsWith("aws ")).length,
            3,
            "one read for v1, two tries for v2",
        );
    });

    it("refresh installs a rotated .env, caches the live release's config again, reloads PHP-FPM and restarts the workers", () => {
        sandbox = new Sandbox();
        assert.strictEqual(sandbox.release("v1").status, 0);
        const live = fs.realpathSync(path.join(sandbox.appRoot, "current"));
        fs.writeFileSync(sandbox.parameter, 'APP_KEY="base64:rotated"\nDB_PASSWORD="new"\n');
        const callsBefore = sandbox.calls().length;
        const result = sandbox.env("refresh");
        assert.strictEqual(result.status, 0, result.output);
        assert.strictEqual(fs.readFileSync(sandbox.envFile, "utf8"), 'APP_KEY="base64:rotated"\nDB_PASSWORD="new"\n');
        assert.strictEqual(mode(sandbox.envFile), "640");
        const calls = sandbox.calls().slice(callsBefore);
        assert.deepStrictEqual(
            calls.slice(1).map((call) => call.replace(live, "<live>")),
            [
                "php <live>/artisan config:cache --no-interaction",
                "systemctl reload php8.3-fpm",
                "php <live>/artisan queue:restart --no-interaction",
                "systemctl start webtier-workers.target",
            ],
        );
        assert.strictEqual(sandbox.live(), "v1", "no new release");
    });

    it("refuses a parameter that is not a .env and keeps the current one", () => {
        sandbox = new Sandbox();
        const before = fs.readFileSync(sandbox.envFile, "utf8");
        fs.writeFileSync(sandbox.parameter, "not an env file\n");
        const result = sandbox.env("refresh");
        assert.strictEqual(result.status, EXIT_ENV_UNCHANGED, result.output);
        assert.match(result.output, /no APP_KEY line/);
        assert.strictEqual(fs.readFileSync(sandbox.envFile, "utf8"), before);
        assert.deepStrictEqual(
            fs.readdirSync(path.dirname(sandbox.envFile)).sort(),
            [".env", "storage"],
            "no temporary file left",
        );
    });

    it("before any release, refresh only installs the .env", () => {
        sandbox = new Sandbox();
        const result = sandbox.env("refresh");
        assert.strictEqual(result.status, 0, result.output);
        assert.match(result.output, /no release yet/);
        assert.ok(!sandbox.calls().some((call) => call.startsWith("php") || call.startsWith("systemctl")));
    });

    it("on DigitalOcean fetches nothing: the .env came with the user data", () => {
        sandbox = new Sandbox("user-data");
        const before = fs.readFileSync(sandbox.envFile, "utf8");
        assert.strictEqual(sandbox.release("v1").status, 0);
        const result = sandbox.env("fetch");
        assert.strictEqual(result.status, 0, result.output);
        assert.match(result.output, /comes with this server's user data/);
        assert.strictEqual(fs.readFileSync(sandbox.envFile, "utf8"), before);
        assert.ok(!sandbox.calls().some((call) => call.startsWith("aws ")));
    });

    it("refuses anything but fetch or refresh", () => {
        sandbox = new Sandbox();
        for (const args of ["", "install", "--help"])
            assert.strictEqual(sandbox.env(args).status, EXIT_ENV_USAGE, args);
    });
});
