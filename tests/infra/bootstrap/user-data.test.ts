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
import {
    DROPLET_USER_DATA_LIMIT,
    EC2_USER_DATA_LIMIT,
    dropletUserDataText,
    ec2UserDataText,
} from "../../../infra/bootstrap/compress";
import { FAKE_CA_PEM } from "./fixtures";
import { cloudInitSchema } from "./validators";
import { unwrapSecret } from "../../support/secrets";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const SERVER_TYPES = ["aws:ec2/instance:Instance", "digitalocean:index/droplet:Droplet"];

interface WriteFile {
    path: string;
    content: string;
}

function files(userData: string): Map<string, string> {
    const doc = yaml.load(userData) as { write_files: WriteFile[] };
    return new Map(doc.write_files.map((file) => [file.path, file.content]));
}

async function evaluateStack(stack: string): Promise<Evaluation> {
    const project = readProjectFile(ROOT);
    const config = readStackFile(path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`), {
        project: project.name,
        requiredSecrets: SECRET_KEYS,
    });
    return evaluate({
        program: runWebtier,
        config: config.config,
        secretKeys: config.secretKeys,
        project: project.name,
        stack,
    });
}

/** Reads an Output's value and secrecy (the wrapper's job is to keep the .env secret). */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
    const internal = output as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
    return { value: await internal.promise(), secret: await internal.isSecret };
}

/** The secret values of a rendered .env: the app key, every password, secret key and credentialed URL. */
function envSecrets(env: string): string[] {
    const values: string[] = [];
    for (const line of env.split("\n")) {
        const match = /^([A-Z0-9_]+)="(.*)"$/.exec(line);
        if (
            !match ||
            !/(KEY|PASSWORD|SECRET|TOKEN|_URL)$/.test(match[1]) ||
            match[1] === "APP_URL" ||
            match[1] === "AWS_URL"
        )
            continue;
        if (match[1] === "AWS_ACCESS_KEY_ID") continue; // an identifier, not a secret
        const value = match[2].replace(/\\(["\\$])/g, "$1");
        if (value.length >= 8) values.push(value);
    }
    return values;
}

interface StackView {
    evaluation: Evaluation;
    /** Each server's user data as the provider receives it. */
    received: unknown[];
    /** Each server's cloud-config text, decompressed. */
    texts: string[];
}

function serverViews(evaluation: Evaluation): StackView {
    const servers = evaluation.resources.filter((resource) => SERVER_TYPES.includes(resource.type));
    const received = servers.map((server) =>
        server.type === "aws:ec2/instance:Instance" ? server.inputs.userDataBase64 : server.inputs.userData,
    );
    const texts = servers.map((server, index) => {
        const value = unwrapSecret(received[index]).value as string;
        return server.type === "aws:ec2/instance:Instance" ? ec2UserDataText(value) : dropletUserDataText(value);
    });
    return { evaluation, received, texts };
}

describe("server user data from the real program", () => {
    const stacks = new Map<string, StackView>();

    before(async () => {
        for (const stack of listStacks(readProjectFile(ROOT).stackConfigDir))
            stacks.set(stack, serverViews(await evaluateStack(stack)));
    });

    it("gives every server of every stack valid cloud-config once decompressed", () => {
        assert.ok(stacks.size >= 4, "the repo's four stacks");
        for (const [stack, { texts }] of stacks) {
            assert.ok(texts.length >= 1, `${stack}: no servers found`);
            const result = cloudInitSchema(texts[0]);
            assert.ok(result.ok, `${stack}: ${result.output}`);
        }
    });

    it("holds no secret value in any AWS server's user data, launch template or non-secret output", () => {
        for (const [stack, { evaluation, received, texts }] of stacks) {
            if (!stack.startsWith("aws")) continue;
            const parameter = evaluation.resources.find(
                (r) => r.type === "aws:ssm/parameter:Parameter" && r.inputs.type === "SecureString",
            );
            assert.ok(parameter, `${stack}: no .env parameter`);
            const env = unwrapSecret(parameter.inputs.value);
            assert.ok(env.secret, `${stack}: the parameter's value must reach the provider as a secret`);
            const secrets = [...envSecrets(env.value as string), ...envSecrets(evaluation.outputs.laravelEnv)];
            assert.ok(
                secrets.length >= 3,
                `${stack}: the app key and the database and cache passwords: ${secrets.length}`,
            );
            const launchTemplates = evaluation.resources
                .filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate")
                .map((r) => JSON.stringify(r.inputs));
            const publicOutputs = Object.entries(evaluation.outputs)
                .filter(([key]) => !evaluation.secretOutputs.includes(key))
                .map(([, value]) => JSON.stringify(value));
            for (const secret of secrets) {
                for (const [index, text] of texts.entries()) {
                    assert.ok(!text.includes(secret), `${stack}: server ${index + 1}'s user data holds a secret`);
                    assert.ok(
                        !String(unwrapSecret(received[index]).value).includes(secret),
                        `${stack}: server ${index + 1}'s raw user data holds a secret`,
                    );
                }
                for (const where of [...launchTemplates, ...publicOutputs])
                    assert.ok(!where.includes(secret), `${stack}: a secret in ${where.slice(0, 80)}`);
            }
            assert.ok(
                !texts.some((text) => /^\s*(path: \/var\/www\/app\/shared\/\.env|APP_KEY=)/m.test(text)),
                `${stack}: a .env in the user data`,
            );
        }
    });

    it("on AWS tells the servers to read the .env from the stack's parameter, and is not a secret at all", () => {
        for (const [stack, { evaluation, received, texts }] of stacks) {
            if (!stack.startsWith("aws")) continue;
            const region = evaluation.resources.find((r) => r.type === "pulumi:providers:aws")!.inputs.region;
            for (const text of texts) {
                const config = files(text).get(RELEASE_CONFIG)!;
                assert.match(config, new RegExp(`^ENV_SOURCE='ssm'$`, "m"));
                assert.match(config, new RegExp(`^ENV_PARAMETER='/webtier/${stack}/laravel-env'$`, "m"));
                assert.match(config, new RegExp(`^ENV_REGION='${region}'$`, "m"));
            }
            // Pulumi marks an Output secret when any secret flowed into it: none did.
            for (const value of received)
                assert.strictEqual(unwrapSecret(value).secret, false, `${stack}: user data marked secret`);
        }
    });

    it("on DigitalOcean carries the .env in the user data, as a secret", () => {
        for (const [stack, { received, texts }] of stacks) {
            if (!stack.startsWith("do")) continue;
            for (const value of received) assert.strictEqual(unwrapSecret(value).secret, true, stack);
            for (const text of texts) {
                assert.match(files(text).get(SHARED_ENV)!, /^APP_KEY=/m);
                assert.match(files(text).get(RELEASE_CONFIG)!, /^ENV_SOURCE='user-data'$/m);
            }
        }
    });

    it("stays within half of each cloud's user-data limit on the shipped stacks, even counting EC2's base64", () => {
        for (const [stack, { received }] of stacks) {
            const limit = stack.startsWith("aws") ? EC2_USER_DATA_LIMIT : DROPLET_USER_DATA_LIMIT;
            for (const value of received) {
                const bytes = Buffer.byteLength(unwrapSecret(value).value as string);
                assert.ok(bytes <= limit / 2, `${stack}: ${bytes} bytes`);
            }
        }
    });

    it("names each server differently and otherwise renders them alike", () => {
        for (const [stack, { texts: all }] of stacks) {
            const hostnames = all.map((text) => (yaml.load(text) as { hostname: string }).hostname);
            assert.strictEqual(new Set(hostnames).size, all.length, `${stack}: ${hostnames.join(", ")}`);
            const withoutHost = all.map((text) => text.replace(/^hostname: .*$/m, "").replace(/^# webtier .*$/m, ""));
            assert.strictEqual(new Set(withoutHost).size, 1, `${stack}: servers differ beyond their name`);
        }
    });

    it("on AWS downloads the RDS CA at boot; on DigitalOcean writes the cluster's CA where the .env points", () => {
        const aws = files(stacks.get("aws-prod")!.texts[0]);
        assert.match(
            aws.get(RELEASE_CONFIG)!,
            /^DATABASE_CA_URL='https:\/\/truststore\.pki\.rds\.amazonaws\.com\/.+\.pem'$/m,
        );
        assert.match(
            stacks.get("aws-prod")!.evaluation.outputs.laravelEnv,
            new RegExp(`^MYSQL_ATTR_SSL_CA="${DATABASE_CA_PATH}"$`, "m"),
        );
        const onDo = files(stacks.get("do-prod")!.texts[0]);
        assert.ok(onDo.has(DATABASE_CA_PATH), "the CA file");
        assert.match(onDo.get(SHARED_ENV)!, new RegExp(`^MYSQL_ATTR_SSL_CA="${DATABASE_CA_PATH}"$`, "m"));
    });

    it("runs the workers against SQS on the AWS prod stack and Redis elsewhere", () => {
        const worker = (stack: string) =>
            files(stacks.get(stack)!.texts[0]).get("/etc/systemd/system/webtier-worker@.service")!;
        assert.match(worker("aws-prod"), /queue:work sqs /);
        for (const stack of ["aws-dev", "do-dev", "do-prod"]) assert.match(worker(stack), /queue:work redis /);
    });
});

describe("rotating a secret on AWS", () => {
    it("changes the .env parameter and leaves every server's user data, and so the servers, as they are", async () => {
        const project = readProjectFile(ROOT);
        const file = readStackFile(path.join(project.stackConfigDir, "Pulumi.aws-prod.yaml"), {
            project: project.name,
            requiredSecrets: SECRET_KEYS,
        });
        const run = async (appKey: string) => {
            const evaluation = await evaluate({
                program: runWebtier,
                config: { ...file.config, "webtier:appKey": appKey },
                secretKeys: file.secretKeys,
                project: project.name,
                stack: "aws-prod",
            });
            const instances = evaluation.resources.filter((r) => r.type === "aws:ec2/instance:Instance");
            const parameter = evaluation.resources.find(
                (r) => r.type === "aws:ssm/parameter:Parameter" && r.inputs.type === "SecureString",
            )!;
            return {
                userData: instances.map((i) => i.inputs.userDataBase64),
                env: unwrapSecret(parameter.inputs.value).value as string,
            };
        };
        const before = await run(`base64:${"A".repeat(43)}=`);
        const after = await run(`base64:${"B".repeat(43)}=`);
        assert.notStrictEqual(after.env, before.env, "the new key reaches the parameter");
        assert.match(after.env, /^APP_KEY="base64:B{43}="$/m);
        assert.strictEqual(before.userData.length, 3, "aws-prod has three servers");
        assert.deepStrictEqual(
            after.userData,
            before.userData,
            "a changed secret must not change (and so replace) a server",
        );
    });
});

describe("renderUserData (the Output wrapper)", () => {
    const config: WebtierConfig = parseConfig(
        {
            cloud: "digitalocean",
            region: "ams3",
            environment: "dev",
            appKey: "base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=",
        },
        "do-dev",
    );
    const endpoints = (overrides: Partial<AppEndpoints["database"]> = {}): AppEndpoints => ({
        database: {
            engine: "mysql",
            host: pulumi.output("db.internal"),
            port: pulumi.output(25060),
            name: pulumi.output("app"),
            user: pulumi.output("app"),
            password: pulumi.secret("db-secret"),
            requireTls: true,
            caCertificate: pulumi.output(FAKE_CA_PEM),
            ...overrides,
        },
        cache: {
            engine: "valkey",
            host: pulumi.output("cache.internal"),
            port: pulumi.output(25061),
            user: pulumi.output("default"),
            password: pulumi.secret("cache-secret"),
            tls: true,
        },
        storage: {
            bucket: pulumi.output("uploads"),
            region: "ams3",
            endpoint: "https://ams3.digitaloceanspaces.com",
            cdnDomain: pulumi.output(undefined),
            accessKeyId: pulumi.output("DO00KEY"),
            secretAccessKey: pulumi.secret("spaces-secret"),
        },
        queue: { driver: "redis" },
        appUrl: pulumi.output("http://203.0.113.10"),
    });

    before(() =>
        pulumi.runtime.setMocks(
            { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
            "webtier",
            "do-dev",
            false,
        ),
    );

    it("is a secret, because it carries the .env", async () => {
        const { value, secret } = await settle(
            renderUserData(
                config,
                endpoints(),
                pulumi.secret("base64:key"),
                { index: 0, count: 1 },
                { kind: "user-data" },
            ),
        );
        assert.strictEqual(secret, true);
        assert.match(files(value).get(SHARED_ENV)!, /^DB_PASSWORD="db-secret"$/m);
        assert.strictEqual(files(value).get(DATABASE_CA_PATH), FAKE_CA_PEM);
    });

    it("with a parameter, reads no secret at all: the user data is not a secret and names the parameter", async () => {
        const { value, secret } = await settle(
            renderUserData(
                config,
                endpoints(),
                pulumi.secret("base64:key"),
                { index: 0, count: 1 },
                { kind: "parameter", name: "/webtier/do-dev/laravel-env", region: "eu-west-1" },
            ),
        );
        assert.strictEqual(secret, false);
        assert.ok(!files(value).has(SHARED_ENV));
        assert.ok(!value.includes("db-secret") && !value.includes("cache-secret") && !value.includes("spaces-secret"));
        assert.match(files(value).get(RELEASE_CONFIG)!, /^ENV_PARAMETER='\/webtier\/do-dev\/laravel-env'$/m);
    });

    it("fails before any apply when the health path cannot be written into nginx, naming the key", () => {
        assert.throws(
            () =>
                renderUserData(
                    { ...config, healthCheckPath: "/up;x" },
                    endpoints(),
                    pulumi.secret("k"),
                    { index: 0, count: 1 },
                    { kind: "user-data" },
                ),
            /webtier:healthCheckPath/,
        );
    });

    it("fails loudly when a TLS-only database comes without a CA", async () => {
        const output = renderUserData(
            config,
            endpoints({ caCertificate: undefined }),
            pulumi.secret("k"),
            { index: 0, count: 1 },
            { kind: "user-data" },
        );
        await assert.rejects(settle(output), /requires TLS/);
    });
});
