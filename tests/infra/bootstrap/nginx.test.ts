import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";
import { renderNginxSite } from "../../../infra/bootstrap/nginx";
import { startFastcgiCapture } from "./fastcgi-capture";
import { minimalNginxConf, nginxTest, requireTool, tempDir } from "./validators";

const SITE = { vpcCidr: "10.20.0.0/16", healthCheckPath: "/up", phpVersion: "8.3" };

/** Top-level and server-level directives of the site, without comments. */
function directives(site: string): string[] {
    return site
        .split("\n")
        .map((line) => line.replace(/#.*$/, "").trim())
        .filter(Boolean);
}

describe("nginx site", () => {
    it("passes nginx -t inside a main nginx.conf", () => {
        const result = nginxTest(renderNginxSite(SITE));
        assert.ok(result.ok, `nginx -t failed:\n${result.output}`);
    });

    it("passes nginx -t with a custom health path and another PHP version", () => {
        const result = nginxTest(renderNginxSite({ ...SITE, healthCheckPath: "/health/ready", phpVersion: "8.4" }));
        assert.ok(result.ok, `nginx -t failed:\n${result.output}`);
    });

    it("listens on port 80 only, without TLS (the balancer terminates it)", () => {
        const lines = directives(renderNginxSite(SITE));
        assert.deepStrictEqual(
            lines.filter((line) => line.startsWith("listen ")),
            ["listen 80 default_server;"],
        );
        assert.ok(!lines.some((line) => /\bssl\b|\b443\b.*listen|^ssl_/.test(line)), "no ssl listener or certificate");
    });

    it("takes the client address from X-Forwarded-For only from the VPC range", () => {
        const lines = directives(renderNginxSite(SITE));
        assert.deepStrictEqual(
            lines.filter((line) => line.startsWith("set_real_ip_from ")),
            ["set_real_ip_from 10.20.0.0/16;"],
        );
        assert.ok(lines.includes("real_ip_header X-Forwarded-For;"));
        assert.ok(lines.includes("real_ip_recursive on;"));
    });

    it("sends PHP to the webtier FPM socket, running only the front controller", () => {
        const site = renderNginxSite(SITE);
        assert.match(site, /fastcgi_pass unix:\/run\/php\/php8\.3-fpm-webtier\.sock;/);
        assert.deepStrictEqual(
            directives(site).filter((line) => line.startsWith("location ~") && line.includes("php")),
            ["location ~ ^/index\\.php(/|$) {"],
        );
    });

    it("refuses a VPC range or health path it cannot write safely, naming the setting", () => {
        assert.throws(() => renderNginxSite({ ...SITE, vpcCidr: "0.0.0.0" }), /vpcCidr/);
        assert.throws(() => renderNginxSite({ ...SITE, healthCheckPath: "/up;return 200" }), /healthCheckPath/);
    });

    // The site running for real, PHP-FPM replaced by a responder that echoes the FastCGI params.
    describe("serving requests", function () {
        let dir: string;
        let nginx: ChildProcess | undefined;
        let capture: net.Server | undefined;
        let port: number;

        async function freePort(): Promise<number> {
            return new Promise((resolve) => {
                const server = net.createServer().listen(0, "127.0.0.1", () => {
                    const { port: free } = server.address() as net.AddressInfo;
                    server.close(() => resolve(free));
                });
            });
        }

        function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
            return new Promise((resolve, reject) => {
                const request = http.get({ host: "127.0.0.1", port, path: urlPath, headers }, (response) => {
                    let body = "";
                    response.on("data", (chunk) => (body += chunk));
                    response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
                });
                request.on("error", reject);
            });
        }

        async function start(vpcCidr: string): Promise<void> {
            await stop();
            const binary = requireTool("nginx");
            dir = tempDir("nginx-live");
            port = await freePort();
            const appRoot = path.join(dir, "app");
            fs.mkdirSync(appRoot);
            const socket = path.join(dir, "fpm.sock");
            capture = await startFastcgiCapture(socket);
            fs.writeFileSync(
                path.join(dir, "site.conf"),
                renderNginxSite({ ...SITE, vpcCidr, appRoot, port, fastcgiSocket: socket }),
            );
            fs.copyFileSync("/etc/nginx/fastcgi_params", path.join(dir, "fastcgi_params"));
            fs.writeFileSync(path.join(dir, "nginx.conf"), minimalNginxConf(dir, "include site.conf;"));
            nginx = spawn(
                binary,
                ["-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")],
                { stdio: "ignore" },
            );
            for (let attempt = 0; attempt < 50; attempt++) {
                try {
                    await get("/favicon.ico");
                    return;
                } catch {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
            }
            throw new Error(
                `nginx did not start: ${fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : ""}`,
            );
        }

        async function stop(): Promise<void> {
            if (nginx && nginx.exitCode === null) {
                const exited = new Promise((resolve) => nginx!.once("exit", resolve));
                nginx.kill("SIGTERM");
                await exited;
            }
            nginx = undefined;
            if (capture) await new Promise((resolve) => capture!.close(resolve));
            capture = undefined;
            if (dir) fs.rmSync(dir, { recursive: true, force: true });
        }

        function release(name: string): string {
            const public_ = path.join(dir, "app", "releases", name, "public");
            fs.mkdirSync(public_, { recursive: true });
            fs.writeFileSync(path.join(public_, "index.php"), "<?php // the app\n");
            fs.rmSync(path.join(dir, "app", "current"), { force: true });
            fs.symlinkSync(path.join(dir, "app", "releases", name), path.join(dir, "app", "current"));
            return fs.realpathSync(path.join(public_, "index.php"));
        }

        after(stop);

        it("answers the health path with a static 200 before any release is live", async () => {
            await start("127.0.0.0/8");
            const response = await get("/up");
            assert.strictEqual(response.status, 200);
            assert.match(response.body, /no release deployed yet/);
        });

        it("answers 503 on the health path while a server's own first release is pending", async () => {
            fs.writeFileSync(path.join(dir, "app", ".first-release-pending"), "");
            assert.strictEqual((await get("/up")).status, 503);
            fs.rmSync(path.join(dir, "app", ".first-release-pending"));
        });

        it("hands the health path to the app once a release is live, in the release's real folder", async () => {
            const script = release("20250101000000");
            const response = await get("/up");
            assert.strictEqual(response.status, 200);
            const params = JSON.parse(response.body);
            assert.strictEqual(params.REQUEST_URI, "/up", "Laravel routes /up itself");
            assert.strictEqual(
                params.SCRIPT_FILENAME,
                script,
                "the symlink is resolved, so a request never mixes releases",
            );
        });

        it("sees the client address and HTTPS when the balancer (a VPC address) forwards them", async () => {
            release("20250101000000");
            const params = JSON.parse(
                (
                    await get("/orders?page=2", {
                        "X-Forwarded-For": "198.51.100.66, 203.0.113.7",
                        "X-Forwarded-Proto": "https",
                    })
                ).body,
            );
            assert.strictEqual(
                params.REMOTE_ADDR,
                "203.0.113.7",
                "the rightmost address the balancer appended, not the forged one",
            );
            assert.strictEqual(params.HTTPS, "on");
            assert.strictEqual(params.SERVER_PORT, "443");
            assert.strictEqual(params.REQUEST_SCHEME, "https");
        });

        it("ignores X-Forwarded-For and X-Forwarded-Proto from a peer outside the VPC", async () => {
            await start("10.20.0.0/16");
            release("20250101000000");
            const params = JSON.parse(
                (await get("/", { "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https" })).body,
            );
            assert.strictEqual(params.REMOTE_ADDR, "127.0.0.1");
            assert.ok(!params.HTTPS, `HTTPS must not be set, got ${JSON.stringify(params.HTTPS)}`);
            assert.strictEqual(params.SERVER_PORT, String(port));
        });

        it("refuses to serve dotfiles such as the .env", async () => {
            fs.writeFileSync(path.join(dir, "app", "current", "public", ".env"), "APP_KEY=secret\n");
            assert.strictEqual((await get("/.env")).status, 403);
        });
    });
});
