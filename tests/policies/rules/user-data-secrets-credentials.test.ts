/**
 * The everyday credentials webtier-user-data-secrets finds in scripts (registry logins, tokens in
 * URLs, Authorization headers, chpasswd, .npmrc, docker's config.json, .pgpass), the shell forms
 * that are references and not secrets, the commands that only look like a MySQL client's `-p`,
 * and DigitalOcean autoscale pools, whose droplet template the API shows.
 */
import { gzipSync } from "zlib";
import { renderCloudConfig } from "../../../infra/bootstrap/cloud-config";
import { userDataSecrets } from "../../../policies/rules/user-data-secrets";
import { doServer } from "../../infra/bootstrap/fixtures";
import { UNKNOWN_STRING, assertNone, assertViolation, validateResource } from "../helpers";

const INSTANCE = "aws:ec2/instance:Instance";
const POOL = "digitalocean:index/dropletAutoscale:DropletAutoscale";
const PASSWORD = "Xk9#mQ2!vR7zLp4w";

const script = (...lines: string[]) => `#!/bin/bash\nset -euo pipefail\n${lines.join("\n")}\n`;

function violations(type: string, props: Record<string, any>): Promise<string[]> {
    return validateResource(userDataSecrets, type, props);
}

describe("webtier-user-data-secrets: everyday credentials in scripts", () => {
    it("flags credentials handed to commands: registry logins, tokens as a URL's user, Authorization headers, chpasswd", async () => {
        for (const [line, what] of [
            [`docker login -u deploy -p '${PASSWORD}' registry.gitlab.com`, "a registry login password"],
            [`docker login -u deploy --password ${PASSWORD} ghcr.io`, "the password assignment"],
            [
                "git clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/acme/app.git /opt/app",
                "a URL with a token",
            ],
            ["git clone https://glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.com/acme/app.git", "a URL with a token"],
            ["redis-cli -u rediss://:Zq7vW2pLx9TrYk3N@cache.internal:6379/0 ping", "a URL with a password"],
            [
                'curl -fsSL -H "Authorization: Bearer sk_live_51HqLyjWDarjtT1zdp7dcXYZ" https://api.example.com/register',
                "an Authorization header",
            ],
            ["curl -H 'Authorization: Basic ZGVwbG95OnB3' https://repo.example.com/", "an Authorization header"],
            [`echo 'admin:${PASSWORD}' | chpasswd`, "a user's password for chpasswd"],
            [`chpasswd <<< "root:${PASSWORD}"`, "a user's password for chpasswd"],
        ]) {
            assertViolation(await violations(INSTANCE, { userData: script(line) }), what);
            // Compressed, as user data usually is.
            assertViolation(
                await violations(INSTANCE, { userDataBase64: gzipSync(script(line)).toString("base64") }),
                what,
            );
        }
    });

    it("flags credentials written to a client's file: .npmrc, docker's config.json, .pgpass", async () => {
        assertViolation(
            await violations(INSTANCE, {
                userData: script(
                    'echo "//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ" > /home/app/.npmrc',
                ),
            }),
            "the _authToken assignment",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData: script(
                    "cat > /root/.docker/config.json <<'JSON'",
                    '{"auths":{"ghcr.io":{"auth":"ZGVwbG95OmdocF8xNkM3ZTQyRjI5MmM2OTEyRTc3MTBjODM4MzQ3QWUxNzhCNGE="}}}',
                    "JSON",
                ),
            }),
            "the auth assignment",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData: script('echo "db.internal:5432:app:app:Zq7vW2pLx9Tr" > /home/app/.pgpass'),
            }),
            "a .pgpass line",
        );
        assertViolation(
            await violations(INSTANCE, {
                userData: script("cat > /root/.pgpass <<'EOF'", "10.0.1.5:5432:*:app:Zq7vW2pLx9Tr", "EOF"),
            }),
            "a .pgpass line",
        );
    });

    it("passes those forms when the credential is read on the server", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: script(
                    'docker login -u AWS -p "$(aws ecr get-login-password)" 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
                    "aws ecr get-login-password | docker login -u AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                    'git clone "https://${GITHUB_TOKEN}@github.com/acme/app.git" /opt/app',
                    "git clone https://deploy@bitbucket.org/acme/app.git /opt/app",
                    'curl -H "Authorization: Bearer $(cat /run/secrets/token)" https://api.example.com/',
                    'curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com/',
                    'echo "admin:${ADMIN_PASSWORD}" | chpasswd',
                    'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > /home/app/.npmrc',
                    'echo "db.internal:5432:app:app:$PGPASSWORD_FROM_SSM" > /home/app/.pgpass',
                    "echo 'runs at 10:30:00:00:00'",
                    '{"auths":{"ghcr.io":{}}, "credsStore": "ecr-login", "auth": {}}',
                ),
            }),
        );
    });

    it("reads shell expansions with a fallback from the server or an error as references, and a literal fallback as the secret", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: script(
                    'DB_PASSWORD="${DB_PASSWORD:-$(aws ssm get-parameter --name /app/prod/db_password --with-decryption --query Parameter.Value --output text)}"',
                    'APP_KEY="${APP_KEY:?APP_KEY must be set}"',
                    'REDIS_PASSWORD="${REDIS_PASSWORD:=$(cat /run/secrets/redis)}"',
                    "MAIL_PASSWORD=${MAIL_PASSWORD-}",
                    "API_TOKEN=${API_TOKEN?}",
                    // Unquoted, and as the variable set for one command.
                    "DB_PASSWORD=${DB_PASSWORD:-$(cat /run/secrets/db)}",
                    "MAIL_PASSWORD=${MAIL_PASSWORD:-} php artisan queue:work",
                    "docker run -e REDIS_PASSWORD=${REDIS_PASSWORD:-$(cat /run/secrets/redis)} app:latest",
                    'echo "DB_PASSWORD=${DB_PASSWORD}" >> /var/www/app/.env',
                    'echo "PASSWORD_MIN_LENGTH=12" >> /var/www/app/.env',
                    'echo "DB_PASSWORD_FILE=/run/secrets/db" >> /var/www/app/.env',
                ),
            }),
        );
        for (const line of [
            `DB_PASSWORD="\${DB_PASSWORD:-${PASSWORD}}"`,
            "DB_PASSWORD=${DB_PASSWORD:-hunter2} php artisan",
        ])
            assertViolation(await violations(INSTANCE, { userData: script(line) }), "the DB_PASSWORD assignment");
    });

    it("takes -p for a MySQL client's password only in the client's own command", async () => {
        assertNone(
            await violations(INSTANCE, {
                userData: script(
                    "docker run -d --restart always --name mysql -p3306:3306 -e MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db mysql:8.4",
                    "find /var/lib/mysql -type f -perm 0644 -exec chmod 0640 {} +",
                    "apt-get install -y mysql-client && mkdir -pv /opt/backup",
                    "systemctl restart mysql && mkdir -pv /var/log/app",
                    // The word is a long option's value; a port mapping follows the image name.
                    "docker run -d --name mysql -p=3306:3306 mysql:8.4",
                    "docker run -d mysql -p127.0.0.1:3306:3306",
                ),
            }),
        );
        for (const line of [
            `docker exec -i db mysql -uroot -p${PASSWORD.replace(/[#!]/g, "")} app < /opt/schema.sql`,
            `/usr/bin/mysqladmin -uroot -p'${PASSWORD}' status`,
        ])
            assertViolation(await violations(INSTANCE, { userData: script(line) }), "a MySQL -p password");
    });
});

describe("webtier-user-data-secrets: DigitalOcean autoscale pools", () => {
    const pool = (userData: unknown) => ({
        name: "web",
        config: { minInstances: 2, maxInstances: 4, targetCpuUtilization: 0.6 },
        dropletTemplate: { size: "s-1vcpu-1gb", region: "ams3", image: "ubuntu-24-04-x64", sshKeys: ["1"], userData },
    });

    it("flags secrets in a pool's droplet template, which the API shows", async () => {
        assertViolation(
            await violations(POOL, pool(script(`echo "DB_PASSWORD=${PASSWORD}" >> /var/www/app/.env`))),
            "the DB_PASSWORD assignment",
            "dropletTemplate.userData",
            "GET /v2/droplets/autoscale",
        );
        assertViolation(await violations(POOL, pool(UNKNOWN_STRING)), "dropletTemplate.userData is unknown");
        assertNone(await violations(POOL, pool(script("apt-get install -y nginx"))));
    });

    it("leaves a droplet's own user data alone: only the droplet's metadata address serves it", async () => {
        assertNone(await violations("digitalocean:index/droplet:Droplet", { userData: renderCloudConfig(doServer()) }));
    });
});
