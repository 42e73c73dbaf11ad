import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { SCRIPT, secretsInText } from "../../../policies/lib/secrets";
import { userDataLayers, userDataSecrets } from "../../../policies/rules/user-data-secrets";
import { renderCloudConfig } from "../../../infra/bootstrap/cloud-config";
import { dropletUserData, ec2UserDataBase64 } from "../../../infra/bootstrap/compress";
import { awsServer, doServer, SECRETS } from "../../infra/bootstrap/fixtures";
import { UNKNOWN_STRING, assertNone, assertViolation, validateResource } from "../helpers";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const NATIVE_LAUNCH_TEMPLATE = "aws-native:ec2:LaunchTemplate";

const DB_PASSWORD = "hunter2-Correct-Horse";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const gzipB64 = (text: string) => gzipSync(Buffer.from(text)).toString("base64");

async function violations(type: string, props: Record<string, any>): Promise<string[]> {
    return validateResource(userDataSecrets, type, props);
}

describe("webtier-user-data-secrets", () => {
    it("passes webtier's own AWS user data, gzip-compressed as the servers get it", async () => {
        assertNone(await violations(INSTANCE, { userDataBase64: ec2UserDataBase64(renderCloudConfig(awsServer())) }));
        assertNone(await violations(INSTANCE, { userData: renderCloudConfig(awsServer()) }));
    });

    it("flags a .env in AWS user data through gzip and base64, naming the keys and never the values", async () => {
        const withEnv = renderCloudConfig(doServer());
        const messages = await violations(INSTANCE, { userDataBase64: ec2UserDataBase64(withEnv) });
        assertViolation(
            messages,
            "the DB_PASSWORD assignment",
            "the APP_KEY assignment",
            "the REDIS_PASSWORD assignment",
            "AWS_SECRET_ACCESS_KEY",
            "userDataBase64 (base64 > gzip)",
        );
        for (const secret of Object.values(SECRETS))
            assert.ok(!messages.join("\n").includes(secret), "a message must not repeat the secret");
    });

    it("reads a MIME message with a gzip part, as cloud-init does (DigitalOcean's encoding, on an AWS resource)", async () => {
        assertViolation(
            await violations(INSTANCE, { userData: dropletUserData(renderCloudConfig(doServer())) }),
            "DB_PASSWORD",
            "MIME part > gzip",
        );
    });

    it("flags secret assignments in shell, .env, YAML and JSON forms", async () => {
        for (const [text, key] of [
            [`#!/bin/bash\nexport DB_PASSWORD='${DB_PASSWORD}'\n`, "DB_PASSWORD"],
            [`APP_KEY=base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=\n`, "APP_KEY"],
            [`#cloud-config\nusers:\n  - name: ops\n    plain_text_passwd: ${DB_PASSWORD}\n`, "plain_text_passwd"],
            [`#cloud-config\nwrite_files:\n- content: '{"api_key": "sk-0123456789abcdef"}'\n`, "api_key"],
            [
                `#!/bin/sh\ncat >/etc/app.json <<EOF\n{\n  "client_secret": "abc123def456",\n  "user": "app"\n}\nEOF\n`,
                "client_secret",
            ],
            [`[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`, "aws_secret_access_key"],
            [`#cloud-config\nusers:\n- name: ops\n  hashed_passwd: $6$rounds=4096$salt$hash\n`, "hashed_passwd"],
        ]) {
            assertViolation(await violations(INSTANCE, { userData: text }), `the ${key} assignment`);
        }
    });

    it("flags secret assignments further into a line: echoed into a .env, passed to a container or a command, given as an option", async () => {
        for (const [line, key] of [
            [`echo "DB_PASSWORD=${DB_PASSWORD}" >> /srv/app/.env`, "DB_PASSWORD"],
            [`echo APP_KEY=base64:q1w2e3r4t5y6u7i8o9p0 | tee -a /srv/app/.env`, "APP_KEY"],
            [`docker run -d -e APP_ENV=production -e REDIS_PASSWORD='${DB_PASSWORD}' app:latest`, "REDIS_PASSWORD"],
            [`env DB_PASSWORD=${DB_PASSWORD} php artisan migrate --force`, "DB_PASSWORD"],
            [`(cd /srv/app && MAIL_PASSWORD=${DB_PASSWORD} php artisan queue:work)`, "MAIL_PASSWORD"],
            [`/opt/agent/install --api-key=sk-0123456789abcdef --region eu-west-1`, "api-key"],
            [`/opt/agent/install --region eu-west-1 --api-key "sk-0123456789abcdef"`, "api-key"],
            [`sed -i "s|^DB_PASSWORD=.*|DB_PASSWORD=${DB_PASSWORD}|" /srv/app/.env`, "DB_PASSWORD"],
            // What clients and other frameworks name it: psql's own variable, Rails' key, PHP apps' *_PASS.
            [`PGPASSWORD=${DB_PASSWORD} psql -h db.internal -U app -c 'select 1'`, "PGPASSWORD"],
            [`export SECRET_KEY_BASE=9f2b6c0d4e8a1f3b5c7d9e0a2b4c6d8e`, "SECRET_KEY_BASE"],
            [`echo "DB_PASS=${DB_PASSWORD}" >> /var/www/.env`, "DB_PASS"],
            [`REDISCLI_AUTH=${DB_PASSWORD} redis-cli -h cache.internal ping`, "REDISCLI_AUTH"],
        ]) {
            assertViolation(
                await violations(INSTANCE, { userData: `#!/bin/bash\n${line}\n` }),
                `the ${key} assignment`,
            );
            // The same line, compressed as user data usually is.
            assertViolation(
                await violations(INSTANCE, { userData: gzipB64(`#!/bin/bash\n${line}\n`) }),
                `the ${key} assignment`,
            );
        }
    });

    it("flags a password glued to a MySQL client's -p, and not one read on the server", async () => {
        for (const line of [
            `mysql -h db.internal -uapp -p${DB_PASSWORD} laravel < schema.sql`,
            `mysqldump -uroot -p'${DB_PASSWORD}' --all-databases > /backup/all.sql`,
        ]) {
            assertViolation(await violations(INSTANCE, { userData: `#!/bin/bash\n${line}\n` }), "a MySQL -p password");
        }
        assertNone(
            await violations(INSTANCE, {
                userData: '#!/bin/bash\nmysql -uapp -p"$DB_PASSWORD" -e "select 1"\nmysql -uapp -p laravel\n',
            }),
        );
    });

    it("passes those forms when the value is read on the server, a shell pattern or a printf conversion", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: [
                    "#!/bin/bash",
                    'echo "DB_PASSWORD=$(aws ssm get-parameter --name /app/db --with-decryption --query Parameter.Value --output text)" >> .env',
                    'echo "REDIS_PASSWORD=${REDIS_PASSWORD}" >> .env',
                    "DB_PASSWORD=`cat /run/secrets/db` php artisan migrate",
                    'docker run -e APP_KEY="$APP_KEY" -e DB_PASSWORD app:latest',
                    "printf 'DB_PASSWORD=%s\\n' \"$password\" >> .env",
                    'if [[ "$line" == APP_KEY=* ]]; then echo found; fi',
                    'grep -q "^APP_KEY=" .env || php artisan key:generate',
                    "docker login --username ci --password-stdin < /run/secrets/registry",
                    'mysql --password="$DB_PASSWORD" --execute "select 1"',
                    'TOKEN=$(curl -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
                    "aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text",
                ].join("\n"),
            }),
        );
    });

    it("reads base64 inside the text, as cloud-init's write_files encodings and scripts that decode a file carry it", async () => {
        const env = `APP_NAME=shop\nAPP_KEY=base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6\nDB_PASSWORD=${DB_PASSWORD}\n`;
        const wrapped = b64(env.repeat(3))
            .match(/.{1,76}/g)!
            .join("\n      ");
        for (const [userData, layer] of [
            [
                `#cloud-config\nwrite_files:\n  - path: /srv/app/.env\n    encoding: b64\n    content: ${b64(env)}\n`,
                "embedded base64",
            ],
            [
                `#cloud-config\nwrite_files:\n  - path: /srv/app/.env\n    encoding: gzip+base64\n    content: ${gzipB64(env)}\n`,
                "embedded base64 > gzip",
            ],
            [
                `#cloud-config\nwrite_files:\n  - path: /srv/app/.env\n    encoding: base64\n    content: |\n      ${wrapped}\n`,
                "embedded base64",
            ],
            [`#!/bin/bash\necho ${b64(env)} | base64 -d > /srv/app/.env\n`, "embedded base64"],
        ]) {
            assertViolation(await violations(INSTANCE, { userData }), "the DB_PASSWORD assignment", layer);
            // Inside the compressed user data as well.
            assertViolation(
                await violations(INSTANCE, { userDataBase64: gzipB64(userData) }),
                "the APP_KEY assignment",
            );
        }
    });

    it("leaves base64 that decodes to neither text nor gzip alone: keys, hashes, fingerprints", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: [
                    "#cloud-config",
                    "ssh_authorized_keys:",
                    "  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3xK9sQm2v1x4Y8b7n6p5o4i3u2y1t0r9e8w7q6a5s4 ops@example.com",
                    "write_files:",
                    "  - path: /etc/apt/keyrings/repo.gpg",
                    "    encoding: b64",
                    `    content: ${Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37 + 11) % 256)).toString("base64")}`,
                    "runcmd:",
                    "  - echo 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 > /etc/app.sha256",
                    "  - gpg --recv-keys 937616F3450B7D806CBD9725D58167303B789C72",
                ].join("\n"),
            }),
        );
    });

    it("flags AWS access key ids, private keys and URLs with a password", async () => {
        assertViolation(
            await violations(INSTANCE, {
                userData: "#!/bin/sh\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n",
            }),
            "an AWS access key id",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData:
                    "#cloud-config\nwrite_files:\n- path: /root/.ssh/id_ed25519\n  content: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAA\n    -----END OPENSSH PRIVATE KEY-----\n",
            }),
            "a private key",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData: "#!/bin/sh\nmysql --init-command='' mysql://app:s3cr3t-pw@db.internal:3306/app\n",
            }),
            "a URL with a password",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData: `DB_URL="pgsql://app:${encodeURIComponent(DB_PASSWORD)}@db:5432/app?sslmode=verify-full"\n`,
            }),
            "a URL with a password",
        );
    });

    it("covers every resource shape that carries user data, at any depth", async () => {
        const script = `#!/bin/bash\nexport REDIS_PASSWORD=${DB_PASSWORD}\n`;
        assertViolation(
            await violations(LAUNCH_TEMPLATE, { userData: b64(script) }),
            "REDIS_PASSWORD",
            "userData (base64)",
        );
        assertViolation(await violations(SPOT, { userDataBase64: gzipB64(script) }), "REDIS_PASSWORD", "base64 > gzip");
        assertViolation(
            await violations(NATIVE_LAUNCH_TEMPLATE, { launchTemplateData: { userData: b64(script) } }),
            "launchTemplateData.userData",
        );
        assertViolation(
            await violations("aws:ec2/spotFleetRequest:SpotFleetRequest", {
                launchSpecifications: [{ userData: script }],
            }),
            "launchSpecifications[0].userData",
        );
    });

    it("passes values resolved on the server, booleans, empty values and keys that hold no secret", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: [
                    "#!/bin/bash",
                    "DB_PASSWORD=$(aws ssm get-parameter --name /app/db --with-decryption --query Parameter.Value --output text)",
                    'export REDIS_PASSWORD="${REDIS_PASSWORD}"',
                    "APP_KEY=$APP_KEY",
                    "SECRET_KEY=",
                    "git clone https://github.com/example/app.git /srv/app",
                    "AWS_ACCESS_KEY_ID_FILE=/run/keys/id",
                ].join("\n"),
            }),
        );
        assertNone(
            await violations(INSTANCE, {
                userData:
                    "#cloud-config\nusers:\n- name: deploy\n  lock_passwd: true\n  ssh_authorized_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3x ops@example.com\nssh_pwauth: false\n",
            }),
        );
    });

    it("does not pass user data it cannot read: unknown during preview, or gzip that does not decompress", async () => {
        assertViolation(await violations(INSTANCE, { userData: UNKNOWN_STRING }), "userData is unknown during preview");
        assertViolation(
            await violations(LAUNCH_TEMPLATE, { userData: UNKNOWN_STRING, imageId: "ami-1" }),
            "unknown during preview",
        );
        const corrupt = gzipSync(Buffer.from("DB_PASSWORD=x\n".repeat(50)))
            .subarray(0, 30)
            .toString("base64");
        assertViolation(await violations(INSTANCE, { userDataBase64: corrupt }), "does not decompress");
    });

    it("passes known, clean user data whatever else is unknown during preview", async () => {
        assertNone(
            await violations(LAUNCH_TEMPLATE, {
                userData: ec2UserDataBase64(renderCloudConfig(awsServer())),
                imageId: UNKNOWN_STRING,
                vpcSecurityGroupIds: [UNKNOWN_STRING],
            }),
        );
        assertNone(
            await violations(NATIVE_LAUNCH_TEMPLATE, {
                launchTemplateData: { userData: b64("#!/bin/sh\necho ok\n"), imageId: UNKNOWN_STRING },
            }),
        );
    });

    it("leaves other clouds and resources without user data alone", async () => {
        assertNone(await violations("digitalocean:index/droplet:Droplet", { userData: renderCloudConfig(doServer()) }));
        assertNone(await violations(INSTANCE, { instanceType: "t3.small" }));
    });

    it("names the keys it found, once each", () => {
        assert.deepStrictEqual(secretsInText("A_PASSWORD=x1\nA_PASSWORD=x2\nTOKEN: abc\n", SCRIPT), [
            "the A_PASSWORD assignment",
            "the TOKEN assignment",
        ]);
    });

    it("judges every line wherever it is: the first, the last without a newline, after CRLF, beside a lone CR", () => {
        const lines = [
            `export DB_PASSWORD=${DB_PASSWORD}`,
            "hostname: app-1",
            "DATABASE_URL=mysql://app:p4ssw0rd@db.internal/app",
            "plain\rline --api-key abcdef123456 with a lone CR before it",
            "AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP",
            "-----BEGIN RSA PRIVATE KEY-----",
            "token: $TOKEN",
            `APP_KEY=base64:${"A".repeat(43)}=`,
        ];
        const expected = [
            "the DB_PASSWORD assignment",
            "a URL with a password",
            "the api-key assignment",
            "an AWS access key id",
            "a private key",
            "the APP_KEY assignment",
        ];
        for (const newline of ["\n", "\r\n"]) {
            const text = lines.join(newline);
            // Each line judged alone, as `text.split(/\r?\n/)` gives them, finds the same.
            const alone = [...new Set(text.split(/\r?\n/).flatMap((line) => secretsInText(line, SCRIPT)))];
            assert.deepStrictEqual(alone, expected, JSON.stringify(newline));
            assert.deepStrictEqual(secretsInText(text, SCRIPT), expected, JSON.stringify(newline));
            assert.deepStrictEqual(secretsInText(`${text}${newline}`, SCRIPT), expected, JSON.stringify(newline));
        }
        // Candidates in a line that holds no secret: the line is judged, and passes.
        assert.deepStrictEqual(
            secretsInText("curl -H X-aws-ec2-metadata-token https://169.254.169.254/\n", SCRIPT),
            [],
        );
    });

    it("judges each server's user data on its own, though most lines repeat from server to server", () => {
        const server = (n: number, extra: string) =>
            `#cloud-config\nhostname: app-${n}\nwrite_files:\n  - path: /etc/app.env\n    content: |\n${extra}      APP_ENV=production\n`;
        assert.deepStrictEqual(secretsInText(server(1, `      DB_PASSWORD=${DB_PASSWORD}\n`), SCRIPT), [
            "the DB_PASSWORD assignment",
        ]);
        // The same lines again, without the secret: nothing is carried over from the last server.
        assert.deepStrictEqual(secretsInText(server(2, ""), SCRIPT), []);
        assert.deepStrictEqual(
            secretsInText(
                server(3, `      AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n      DB_PASSWORD=${DB_PASSWORD}\n`),
                SCRIPT,
            ),
            ["an AWS access key id", "the DB_PASSWORD assignment"],
        );
    });

    it("is advisory by default and mandatory in the prod policy config", () => {
        assert.strictEqual(userDataSecrets.enforcementLevel, "advisory");
        const prod = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../policies/config/prod.json"), "utf8"));
        assert.strictEqual(prod["webtier-user-data-secrets"].enforcementLevel, "mandatory");
    });

    it("reads a decoded layer as text only when it is text: UTF-8 without control characters", () => {
        const layersOf = (bytes: Buffer) => userDataLayers(bytes.toString("base64")).map((l) => l.layer);
        assert.deepStrictEqual(layersOf(Buffer.from("#!/bin/sh\nexport DB_PASSWORD=hunter2\n")), ["", "base64"]);
        // Whitespace controls (tab, CR, form feed) are text.
        assert.deepStrictEqual(layersOf(Buffer.from("#!/bin/sh\r\n\texport A=1\f\n")), ["", "base64"]);
        for (const control of [0x00, 0x01, 0x08, 0x0e, 0x1b, 0x1f]) {
            const bytes = Buffer.concat([Buffer.from("#!/bin/sh\n"), Buffer.from([control]), Buffer.from("A=1\n")]);
            assert.deepStrictEqual(layersOf(bytes), [""], `byte 0x${control.toString(16)} makes it binary`);
        }
        // Not UTF-8 either.
        assert.deepStrictEqual(layersOf(Buffer.from([0x23, 0x21, 0xff, 0xfe, 0x41, 0x0a])), [""]);
    });
});
