/**
 * The real validators the bootstrap tests run. A missing validator fails the test (never skips
 * it), naming the script that installs it.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const INSTALL_HINT = "run scripts/install-validators.sh (as root) to install cloud-init, nginx and shellcheck";

/** The absolute path of a validator, or an error naming the install script. */
export function requireTool(name: string): string {
    const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
    for (const dir of dirs) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // keep looking
        }
    }
    throw new Error(`${name} is not installed: ${INSTALL_HINT}`);
}

export function run(
    command: string,
    args: string[],
    options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): SpawnSyncReturns<string> {
    const result = spawnSync(command, args, {
        encoding: "utf8",
        input: options.input,
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: 60_000,
    });
    if (result.error) throw result.error;
    return result;
}

export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `webtier-${prefix}-`));
}

/** `cloud-init schema --config-file`: exit status and output. */
export function cloudInitSchema(userData: string): { ok: boolean; output: string } {
    const cloudInit = requireTool("cloud-init");
    const dir = tempDir("cloud-init");
    const file = path.join(dir, "user-data.yaml");
    fs.writeFileSync(file, userData);
    const result = run(cloudInit, ["schema", "--config-file", file]);
    fs.rmSync(dir, { recursive: true, force: true });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** cloud-init's own interpreter (the shebang of its command), which is the Python that has its modules. */
function cloudInitPython(): string {
    const shebang = fs.readFileSync(requireTool("cloud-init"), "utf8").split("\n")[0];
    return shebang.startsWith("#!") ? shebang.slice(2).trim().split(/\s+/)[0] : "/usr/bin/python3";
}

/**
 * What the installed cloud-init makes of raw user data, as a server would receive it: its own
 * UserDataProcessor (base64 MIME parts decoded, gzip decompressed, content types detected), each
 * resulting part's content type and text.
 */
export function cloudInitUserDataParts(raw: Buffer): Array<{ type: string; text: string }> {
    const dir = tempDir("user-data");
    try {
        const file = path.join(dir, "user-data");
        fs.writeFileSync(file, raw);
        const result = run(cloudInitPython(), [
            "-c",
            [
                "import json, sys",
                "from cloudinit import helpers, user_data",
                "msg = user_data.UserDataProcessor(helpers.Paths({})).process(open(sys.argv[1], 'rb').read())",
                "parts = [{'type': p.get_content_type(), 'text': p.get_payload(decode=True).decode('utf-8')} for p in msg.walk() if p.get_content_maintype() != 'multipart']",
                "print(json.dumps(parts))",
            ].join("\n"),
            file,
        ]);
        if (result.status !== 0) throw new Error(`cloud-init's user data processing failed: ${result.stderr}`);
        return JSON.parse(result.stdout);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The top-level keys the installed cloud-init's schema defines (it does not reject unknown ones itself). */
export function cloudInitTopLevelKeys(): string[] {
    const result = run(cloudInitPython(), [
        "-c",
        [
            "import json",
            "from cloudinit.config.schema import get_schema",
            "s = get_schema()",
            "keys = set(s.get('properties', {}))",
            "for part in s.get('allOf', []):",
            "    ref = part.get('$ref')",
            "    d = s['$defs'][ref.split('/')[-1]] if ref else part",
            "    keys.update(d.get('properties', {}))",
            "print(json.dumps(sorted(keys)))",
        ].join("\n"),
    ]);
    if (result.status !== 0) throw new Error(`reading cloud-init's schema failed: ${result.stderr}`);
    return JSON.parse(result.stdout);
}

/**
 * `nginx -t` on a minimal main nginx.conf that includes the generated site, with every path
 * (pid, logs, temp folders) inside a temp prefix, and the distribution's fastcgi_params beside it
 * (the site includes it by relative name, as on the servers).
 */
export function nginxTest(site: string): { ok: boolean; output: string } {
    const nginx = requireTool("nginx");
    const dir = tempDir("nginx");
    try {
        fs.writeFileSync(path.join(dir, "site.conf"), site);
        fs.copyFileSync("/etc/nginx/fastcgi_params", path.join(dir, "fastcgi_params"));
        fs.writeFileSync(path.join(dir, "nginx.conf"), minimalNginxConf(dir, "include site.conf;"));
        const result = run(nginx, [
            "-t",
            "-q",
            "-p",
            `${dir}/`,
            "-c",
            path.join(dir, "nginx.conf"),
            "-e",
            path.join(dir, "error.log"),
        ]);
        return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

export function minimalNginxConf(dir: string, body: string): string {
    return `pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
daemon off;
master_process off;
events { worker_connections 64; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/body;
    fastcgi_temp_path ${dir}/fastcgi;
    proxy_temp_path ${dir}/proxy;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    ${body}
}
`;
}

/** shellcheck on a script's text: exit status and findings. */
export function shellcheck(script: string): { ok: boolean; output: string } {
    const result = run(requireTool("shellcheck"), ["--shell=bash", "-"], { input: script });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
