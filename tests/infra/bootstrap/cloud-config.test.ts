import * as assert from "assert";
import * as yaml from "js-yaml";
import { renderCloudConfig, ServerBootstrapValues } from "../../../infra/bootstrap/cloud-config";
import { DATABASE_CA_PATH, envQuote } from "../../../infra/bootstrap/laravel-env";
import { ENV_SCRIPT, RELEASE_CONFIG, RELEASE_SCRIPT, SHARED_ENV, SYSTEMD_DIR } from "../../../infra/bootstrap/layout";
import {
    DROPLET_USER_DATA_LIMIT,
    EC2_USER_DATA_LIMIT,
    dropletUserData,
    dropletUserDataText,
    ec2UserDataBase64,
    ec2UserDataText,
    gzipText,
} from "../../../infra/bootstrap/compress";
import { awsServer, doServer, FAKE_CA_PEM, SECRETS } from "./fixtures";
import { cloudInitSchema, cloudInitTopLevelKeys } from "./validators";

interface WriteFile {
    path: string;
    content: string;
    permissions?: string;
    owner?: string;
    defer?: boolean;
}
interface CloudConfig {
    packages: string[];
    users: Array<string | Record<string, any>>;
    write_files: WriteFile[];
    runcmd: string[][];
    apt?: { sources: Record<string, { source: string }> };
    [key: string]: unknown;
}

function parse(values: ServerBootstrapValues): { text: string; doc: CloudConfig; files: Map<string, WriteFile> } {
    const text = renderCloudConfig(values);
    const doc = yaml.load(text) as CloudConfig;
    return { text, doc, files: new Map(doc.write_files.map((file) => [file.path, file])) };
}

const SHAPES: Array<[string, () => ServerBootstrapValues]> = [
    ["AWS (instance role, SQS, RDS CA by URL, PHP 8.4)", () => awsServer()],
    ["DigitalOcean (Spaces keys, Redis queue, CA as text, PHP 8.3)", () => doServer()],
    [
        "a dev stack (no repository, no SSH key, Postgres)",
        () => doServer({ repository: undefined, databaseEngine: "postgres", size: "large" }),
    ],
];

describe("cloud-init user data", () => {
    for (const [shape, values] of SHAPES) {
        it(`is valid cloud-config for ${shape} (cloud-init schema)`, () => {
            const { text } = parse(values());
            assert.ok(
                text.startsWith("#cloud-config\n"),
                "cloud-init only reads user data that starts with #cloud-config",
            );
            const result = cloudInitSchema(text);
            assert.ok(result.ok, `cloud-init schema rejected it:\n${result.output}`);
            assert.match(result.output, /Valid cloud-config/);
        });
    }

    it("uses only top-level keys that cloud-init's schema defines", () => {
        const known = new Set(cloudInitTopLevelKeys());
        for (const [, values] of SHAPES) {
            for (const key of Object.keys(parse(values()).doc))
                assert.ok(known.has(key), `cloud-init would ignore "${key}"`);
        }
    });

    it("compresses to under half of each cloud's limit, and decompresses to the same text", () => {
        const aws = renderCloudConfig(awsServer({ databaseEngine: "postgres", size: "large" }));
        const onEc2 = ec2UserDataBase64(aws);
        assert.ok(onEc2.length <= EC2_USER_DATA_LIMIT / 2, `EC2: ${onEc2.length} bytes`);
        assert.strictEqual(ec2UserDataText(onEc2), aws);
        const onDo = renderCloudConfig(doServer({ size: "large" }));
        const onDroplet = dropletUserData(onDo);
        assert.ok(onDroplet.length <= DROPLET_USER_DATA_LIMIT / 2, `droplet: ${onDroplet.length} bytes`);
        assert.strictEqual(dropletUserDataText(onDroplet), onDo);
    });

    it("compresses to the same bytes every time (a changed byte would replace the servers)", () => {
        const text = renderCloudConfig(awsServer());
        const gzip = gzipText(text);
        assert.deepStrictEqual(gzipText(text), gzip);
        assert.deepStrictEqual(
            [...gzip.subarray(0, 10)],
            [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3],
            "gzip header: deflate, no name, no timestamp, level 9, Unix",
        );
        assert.strictEqual(ec2UserDataBase64(text), ec2UserDataBase64(renderCloudConfig(awsServer())));
    });

    it("on AWS holds no .env and no secret: the server reads them from its parameter", () => {
        const { text, files } = parse(awsServer());
        assert.ok(!files.has(SHARED_ENV), "no .env entry");
        for (const secret of Object.values(SECRETS))
            assert.ok(!text.includes(secret) && !text.includes(envQuote(secret)));
        assert.match(
            files.get(RELEASE_CONFIG)!.content,
            /^ENV_SOURCE='ssm'\nENV_PARAMETER='\/webtier\/aws-production-eu\/laravel-env'\nENV_REGION='eu-west-1'\nAWS_CLI='\/snap\/bin\/aws'$/m,
        );
        assert.match(
            text,
            /^# Rendered by infra\/bootstrap; no secrets: webtier-env reads the \.env from \/webtier\/aws-production-eu\/laravel-env\.$/m,
        );
    });

    it("installs webtier-env beside the release script", () => {
        for (const [, values] of SHAPES) {
            const env = parse(values()).files.get(ENV_SCRIPT)!;
            assert.strictEqual(env.permissions, "0755");
            assert.ok(env.content.startsWith("#!/usr/bin/env bash\n"));
        }
    });

    it("on DigitalOcean holds secrets only in the .env file, readable by root and the deploy group alone", () => {
        for (const [shape, values] of SHAPES.slice(1)) {
            const { text, files } = parse(values());
            const env = files.get(SHARED_ENV);
            assert.ok(env, `${shape}: no .env`);
            assert.strictEqual(env.permissions, "0640");
            assert.strictEqual(env.owner, "root:deploy");
            const outsideEnv = [
                yaml.dump({
                    ...(yaml.load(text) as object),
                    write_files: [...files.values()].filter((file) => file.path !== SHARED_ENV),
                }),
                ...text.split("\n").filter((line) => line.startsWith("#")),
            ].join("\n");
            for (const secret of Object.values(SECRETS)) {
                assert.ok(
                    !outsideEnv.includes(secret) && !outsideEnv.includes(envQuote(secret)),
                    `${shape}: a secret appears outside the .env`,
                );
            }
            assert.ok(
                env.content.includes(`DB_PASSWORD=${envQuote(SECRETS.dbPassword)}`),
                `${shape}: the .env holds the database password`,
            );
            assert.ok(env.content.includes("APP_KEY="), `${shape}: the .env is the rendered one`);
        }
    });

    it("installs the database driver for the configured engine only, and the extensions Laravel needs", () => {
        const mysql = parse(awsServer()).doc.packages;
        assert.ok(mysql.includes("php8.4-mysql") && !mysql.some((p) => p.endsWith("-pgsql")));
        const pgsql = parse(awsServer({ databaseEngine: "postgres" })).doc.packages;
        assert.ok(pgsql.includes("php8.4-pgsql") && !pgsql.some((p) => p.endsWith("-mysql")));
        for (const extension of ["fpm", "cli", "redis", "mbstring", "xml", "curl", "zip", "bcmath", "intl", "gd"]) {
            assert.ok(mysql.includes(`php8.4-${extension}`), `php8.4-${extension}`);
        }
        for (const tool of ["nginx", "composer", "git", "unattended-upgrades"]) assert.ok(mysql.includes(tool), tool);
    });

    it("adds Ondřej's PPA only for PHP versions Ubuntu 24.04 does not ship", () => {
        assert.strictEqual(parse(doServer({ phpVersion: "8.3" })).doc.apt, undefined);
        for (const version of ["8.2", "8.4"]) {
            const { doc, files } = parse(doServer({ phpVersion: version }));
            assert.deepStrictEqual(
                Object.values(doc.apt?.sources ?? {}).map((s) => s.source),
                ["ppa:ondrej/php"],
            );
            assert.match(
                files.get("/etc/apt/apt.conf.d/20auto-upgrades")!.content,
                /LP-PPA-ondrej-php/,
                "PPA PHP gets unattended upgrades too",
            );
        }
    });

    it("creates a deploy user that may run only the release script and webtier-env as root", () => {
        const { doc } = parse(awsServer());
        const deploy = doc.users.find((u) => typeof u === "object" && u.name === "deploy") as Record<string, any>;
        assert.ok(deploy, "deploy user");
        assert.strictEqual(deploy.sudo, `ALL=(root) NOPASSWD: ${RELEASE_SCRIPT}, ${ENV_SCRIPT}`);
        assert.strictEqual(deploy.lock_passwd, true);
        assert.deepStrictEqual(deploy.ssh_authorized_keys, [awsServer().sshPublicKey]);
        const withoutKey = parse(doServer()).doc.users.find((u) => typeof u === "object") as Record<string, any>;
        assert.strictEqual(withoutKey.ssh_authorized_keys, undefined);
    });

    it("writes the files after the packages and the deploy user exist, and runs the bootstrap once", () => {
        const { doc } = parse(doServer());
        for (const file of doc.write_files)
            assert.strictEqual(
                file.defer,
                true,
                `${file.path} must be deferred (its owner or folder comes from a package)`,
            );
        assert.deepStrictEqual(doc.runcmd, [["/usr/local/sbin/webtier-bootstrap"]]);
    });

    it("writes the database CA text where the .env points on DigitalOcean, and downloads it on AWS", () => {
        const onDo = parse(doServer()).files;
        assert.strictEqual(onDo.get(DATABASE_CA_PATH)!.content, FAKE_CA_PEM);
        assert.match(onDo.get(RELEASE_CONFIG)!.content, /^DATABASE_CA_URL=''$/m);
        const onAws = parse(awsServer()).files;
        assert.ok(!onAws.has(DATABASE_CA_PATH));
        assert.match(
            onAws.get(RELEASE_CONFIG)!.content,
            /^DATABASE_CA_URL='https:\/\/truststore\.pki\.rds\.amazonaws\.com\/global\/global-bundle\.pem'$/m,
        );
        assert.throws(
            () => renderCloudConfig(awsServer({ databaseCa: { url: "http://example.com/ca.pem" } })),
            /https/,
        );
        assert.throws(() => renderCloudConfig(doServer({ databaseCa: { pem: "not a certificate" } })), /PEM/);
    });

    it("releases the configured branch at first boot only when the stack names a repository", () => {
        const withRepo = parse(awsServer()).files.get(RELEASE_CONFIG)!.content;
        assert.match(
            withRepo,
            /^REPOSITORY='https:\/\/github\.com\/example-organisation\/example-laravel-application\.git'$/m,
        );
        assert.match(withRepo, /^DEFAULT_REF='main'$/m);
        assert.match(parse(doServer({ repository: undefined })).files.get(RELEASE_CONFIG)!.content, /^REPOSITORY=''$/m);
    });

    it("runs as many workers as the size class allows, against the stack's queue connection", () => {
        const aws = parse(awsServer({ size: "medium" })).files;
        assert.match(aws.get(`${SYSTEMD_DIR}/webtier-worker@.service`)!.content, /queue:work sqs /);
        assert.match(
            aws.get(`${SYSTEMD_DIR}/webtier-workers.target`)!.content,
            /^Wants=webtier-worker@1\.service webtier-worker@2\.service webtier-worker@3\.service$/m,
        );
        const onDo = parse(doServer({ size: "small" })).files;
        assert.match(onDo.get(`${SYSTEMD_DIR}/webtier-worker@.service`)!.content, /queue:work redis /);
        assert.match(
            onDo.get(`${SYSTEMD_DIR}/webtier-workers.target`)!.content,
            /^Wants=webtier-worker@1\.service webtier-worker@2\.service$/m,
        );
    });

    it("names each host after the stack and its position", () => {
        assert.strictEqual(
            parse(awsServer({ server: { index: 2, count: 3 } })).doc.hostname,
            "aws-production-eu-app-3",
        );
        assert.throws(() => renderCloudConfig(awsServer({ server: { index: 3, count: 3 } })), /outside/);
    });
});
