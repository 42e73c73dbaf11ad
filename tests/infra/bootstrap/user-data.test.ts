import * as assert from "assert";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { evaluate, Evaluation } from "../../../tools/harness/evaluate";
import { listStacks, readProjectFile, readStackFile } from "../../../tools/check/stack-config";
import { runWebtier } from "../../../infra/program";
import { SECRET_KEYS, WebtierConfig } from "../../../infra/config/types";
import { parseConfig } from "../../../infra/config/parse";
import { AppEndpoints } from "../../../infra/components";
import { renderUserData } from "../../../infra/bootstrap/user-data";
import { DATABASE_CA_PATH } from "../../../infra/bootstrap/laravel-env";
import { RELEASE_CONFIG, SHARED_ENV } from "../../../infra/bootstrap/layout";
import { FAKE_CA_PEM } from "./fixtures";
import { cloudInitSchema } from "./validators";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const SERVER_TYPES = ["aws:ec2/instance:Instance", "digitalocean:index/droplet:Droplet"];

interface WriteFile { path: string; content: string }

function files(userData: string): Map<string, string> {
    const doc = yaml.load(userData) as { write_files: WriteFile[] };
    return new Map(doc.write_files.map((file) => [file.path, file.content]));
}

/** Pulumi's wire form of a secret value: the signature key and the secret signature. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function unwrapSecret(value: unknown): { secret: boolean; value: unknown } {
    if (value && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) {
        return { secret: true, value: (value as Record<string, unknown>).value };
    }
    return { secret: false, value };
}

async function evaluateStack(stack: string): Promise<Evaluation> {
    const project = readProjectFile(ROOT);
    const config = readStackFile(path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`), { project: project.name, requiredSecrets: SECRET_KEYS });
    return evaluate({ program: runWebtier, config: config.config, secretKeys: config.secretKeys, project: project.name, stack });
}

/** Reads an Output's value and secrecy (the wrapper's job is to keep the .env secret). */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
    const internal = output as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
    return { value: await internal.promise(), secret: await internal.isSecret };
}

describe("server user data from the real program", () => {
    const userData = new Map<string, string[]>();
    const secrecy = new Map<string, boolean[]>();

    before(async () => {
        for (const stack of listStacks(readProjectFile(ROOT).stackConfigDir)) {
            const evaluation = await evaluateStack(stack);
            const servers = evaluation.resources.filter((resource) => SERVER_TYPES.includes(resource.type));
            const unwrapped = servers.map((server) => unwrapSecret(server.inputs.userData));
            userData.set(stack, unwrapped.map((input) => input.value as string));
            secrecy.set(stack, unwrapped.map((input) => input.secret));
        }
    });

    it("gives every server of every stack valid cloud-config", () => {
        assert.ok(userData.size >= 4, "the repo's four stacks");
        for (const [stack, all] of userData) {
            assert.ok(all.length >= 1, `${stack}: no servers found`);
            for (const text of all) assert.strictEqual(typeof text, "string", `${stack}: user data is known at deploy time`);
            const result = cloudInitSchema(all[0]);
            assert.ok(result.ok, `${stack}: ${result.output}`);
        }
    });

    it("reaches the provider as a secret on every server (it carries the .env)", () => {
        for (const [stack, all] of secrecy) assert.ok(all.every(Boolean), `${stack}: ${all}`);
    });

    it("fits EC2's 16 KB user-data limit on every AWS stack", () => {
        for (const [stack, all] of userData) {
            if (!stack.startsWith("aws")) continue;
            for (const text of all) assert.ok(Buffer.byteLength(text) <= 16384, `${stack}: ${Buffer.byteLength(text)} bytes`);
        }
    });

    it("names each server differently and otherwise renders them alike", () => {
        for (const [stack, all] of userData) {
            const hostnames = all.map((text) => (yaml.load(text) as { hostname: string }).hostname);
            assert.strictEqual(new Set(hostnames).size, all.length, `${stack}: ${hostnames}`);
            const withoutHost = all.map((text) => text.replace(/^hostname: .*$/m, "").replace(/^# webtier .*$/m, ""));
            assert.strictEqual(new Set(withoutHost).size, 1, `${stack}: servers differ beyond their name`);
        }
    });

    it("on AWS downloads the RDS CA at boot; on DigitalOcean writes the cluster's CA where the .env points", () => {
        const aws = files(userData.get("aws-prod")![0]);
        assert.match(aws.get(RELEASE_CONFIG)!, /^DATABASE_CA_URL='https:\/\/truststore\.pki\.rds\.amazonaws\.com\/.+\.pem'$/m);
        assert.match(aws.get(SHARED_ENV)!, new RegExp(`^MYSQL_ATTR_SSL_CA="${DATABASE_CA_PATH}"$`, "m"));
        const onDo = files(userData.get("do-prod")![0]);
        assert.ok(onDo.has(DATABASE_CA_PATH), "the CA file");
        assert.match(onDo.get(SHARED_ENV)!, new RegExp(`^MYSQL_ATTR_SSL_CA="${DATABASE_CA_PATH}"$`, "m"));
    });

    it("runs the workers against SQS on the AWS prod stack and Redis elsewhere", () => {
        const worker = (stack: string) => files(userData.get(stack)![0]).get("/etc/systemd/system/webtier-worker@.service")!;
        assert.match(worker("aws-prod"), /queue:work sqs /);
        for (const stack of ["aws-dev", "do-dev", "do-prod"]) assert.match(worker(stack), /queue:work redis /);
    });
});

describe("renderUserData (the Output wrapper)", () => {
    const config: WebtierConfig = parseConfig(
        { cloud: "digitalocean", region: "ams3", environment: "dev", appKey: "base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=" },
        "do-dev",
    );
    const endpoints = (overrides: Partial<AppEndpoints["database"]> = {}): AppEndpoints => ({
        database: {
            engine: "mysql", host: pulumi.output("db.internal"), port: pulumi.output(25060), name: pulumi.output("app"),
            user: pulumi.output("app"), password: pulumi.secret("db-secret"), requireTls: true, caCertificate: pulumi.output(FAKE_CA_PEM), ...overrides,
        },
        cache: { engine: "valkey", host: pulumi.output("cache.internal"), port: pulumi.output(25061), user: pulumi.output("default"), password: pulumi.secret("cache-secret"), tls: true },
        storage: {
            bucket: pulumi.output("uploads"), region: "ams3", endpoint: "https://ams3.digitaloceanspaces.com", cdnDomain: pulumi.output(undefined),
            accessKeyId: pulumi.output("DO00KEY"), secretAccessKey: pulumi.secret("spaces-secret"),
        },
        queue: { driver: "redis" },
        appUrl: pulumi.output("http://203.0.113.10"),
    });

    before(() => pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs }, "webtier", "do-dev", false));

    it("is a secret, because it carries the .env", async () => {
        const { value, secret } = await settle(renderUserData(config, endpoints(), pulumi.secret("base64:key"), { index: 0, count: 1 }));
        assert.strictEqual(secret, true);
        assert.match(files(value).get(SHARED_ENV)!, /^DB_PASSWORD="db-secret"$/m);
        assert.strictEqual(files(value).get(DATABASE_CA_PATH), FAKE_CA_PEM);
    });

    it("fails before any apply when the health path cannot be written into nginx, naming the key", () => {
        assert.throws(
            () => renderUserData({ ...config, healthCheckPath: "/up;x" }, endpoints(), pulumi.secret("k"), { index: 0, count: 1 }),
            /webtier:healthCheckPath/,
        );
    });

    it("fails loudly when a TLS-only database comes without a CA", async () => {
        const output = renderUserData(config, endpoints({ caCertificate: undefined }), pulumi.secret("k"), { index: 0, count: 1 });
        await assert.rejects(settle(output), /requires TLS/);
    });
});
