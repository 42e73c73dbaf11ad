import * as assert from "assert";
import { DATABASE_CA_PATH, envQuote, laravelEnv, REDIS_DATABASES } from "../../../infra/bootstrap/laravel-env";
import { awsEnvValues, doEnvValues, SECRETS } from "./fixtures";

/** The .env as phpdotenv would read it: key to unquoted value (the subset of the syntax we write). */
function parseEnv(text: string): Map<string, string> {
    const entries = new Map<string, string>();
    for (const line of text.split("\n")) {
        if (line === "") continue;
        const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
        assert.ok(match, `not a KEY=value line: ${line}`);
        const raw = match[2];
        const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(["\\$])/g, "$1") : raw;
        assert.ok(!entries.has(match[1]), `${match[1]} appears twice`);
        entries.set(match[1], value);
    }
    return entries;
}

describe("laravel .env", () => {
    it("round-trips every secret exactly through its quoting", () => {
        const env = parseEnv(laravelEnv(doEnvValues()));
        assert.strictEqual(env.get("DB_PASSWORD"), SECRETS.dbPassword);
        assert.strictEqual(env.get("REDIS_PASSWORD"), SECRETS.cachePassword);
        assert.strictEqual(env.get("AWS_SECRET_ACCESS_KEY"), SECRETS.spacesSecret);
        assert.strictEqual(env.get("APP_KEY"), SECRETS.appKey);
    });

    it("refuses a value with a line break rather than writing a broken .env", () => {
        assert.throws(() => envQuote("a\nb"), /line break/);
    });

    it("separates its groups by exactly one blank line, with none at the start or end", () => {
        const text = laravelEnv(awsEnvValues());
        assert.ok(!text.startsWith("\n") && text.endsWith("\n") && !text.endsWith("\n\n"));
        assert.ok(!text.includes("\n\n\n"), "no double blank lines");
        const groups = text.trimEnd().split("\n\n");
        assert.deepStrictEqual(
            groups.map((group) => group.split("\n")[0].split("=")[0]),
            ["APP_NAME", "DB_CONNECTION", "REDIS_CLIENT", "QUEUE_CONNECTION", "FILESYSTEM_DISK"],
        );
    });

    it("keeps scheduler locks, sessions and queues in Redis database 0 and the cache in database 1", () => {
        const env = parseEnv(laravelEnv(awsEnvValues()));
        assert.strictEqual(env.get("REDIS_DB"), "0");
        assert.strictEqual(env.get("REDIS_CACHE_DB"), "1");
        assert.notStrictEqual(REDIS_DATABASES.default, REDIS_DATABASES.cache);
        assert.strictEqual(env.get("REDIS_CACHE_LOCK_CONNECTION"), "default", "locks survive cache:clear");
        assert.strictEqual(env.get("REDIS_CACHE_CONNECTION"), "cache");
        assert.strictEqual(env.get("SESSION_CONNECTION"), "default");
        assert.strictEqual(env.get("CACHE_STORE"), "redis");
    });

    it("trusts only the VPC range as proxies", () => {
        assert.strictEqual(parseEnv(laravelEnv(awsEnvValues())).get("TRUSTED_PROXIES"), "10.20.0.0/16");
    });

    it("on AWS gives the app no storage keys (the instance role grants S3) and points SQS at the queue", () => {
        const env = parseEnv(laravelEnv(awsEnvValues()));
        for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT"])
            assert.ok(!env.has(key), `${key} must not be set`);
        assert.strictEqual(env.get("FILESYSTEM_DISK"), "s3");
        assert.strictEqual(env.get("QUEUE_CONNECTION"), "sqs");
        assert.strictEqual(`${env.get("SQS_PREFIX")}/${env.get("SQS_QUEUE")}`, awsEnvValues().queue.url);
        assert.strictEqual(env.get("AWS_URL"), "https://d111111abcdef8.cloudfront.net");
    });

    it("on DigitalOcean gives the app its Spaces keys and endpoint and the Redis queue", () => {
        const env = parseEnv(laravelEnv(doEnvValues()));
        assert.strictEqual(env.get("AWS_ENDPOINT"), "https://ams3.digitaloceanspaces.com");
        assert.strictEqual(env.get("AWS_ACCESS_KEY_ID"), "DO00ABCDEFGHIJKLMNOP");
        assert.strictEqual(env.get("QUEUE_CONNECTION"), "redis");
        assert.ok(!env.has("SQS_PREFIX"));
    });

    it("verifies a MySQL database against the CA file when one is given", () => {
        const env = parseEnv(laravelEnv(doEnvValues()));
        assert.strictEqual(env.get("MYSQL_ATTR_SSL_CA"), DATABASE_CA_PATH);
        const plain = parseEnv(
            laravelEnv(awsEnvValues({ database: { ...awsEnvValues().database, caFile: undefined } })),
        );
        assert.ok(!plain.has("MYSQL_ATTR_SSL_CA"));
    });

    it("makes Postgres verify the server through DB_URL, which Laravel's stock config honours", () => {
        const values = doEnvValues({ database: { ...doEnvValues().database, engine: "postgres" } });
        const env = parseEnv(laravelEnv(values));
        assert.strictEqual(env.get("DB_CONNECTION"), "pgsql");
        const url = new URL(env.get("DB_URL") as string);
        assert.strictEqual(url.protocol, "pgsql:");
        assert.strictEqual(decodeURIComponent(url.password), SECRETS.dbPassword);
        assert.strictEqual(url.hostname, values.database.host);
        assert.strictEqual(url.port, "25060");
        assert.strictEqual(url.searchParams.get("sslmode"), "verify-full");
        assert.strictEqual(url.searchParams.get("sslrootcert"), DATABASE_CA_PATH);
        assert.ok(!env.has("MYSQL_ATTR_SSL_CA"));
    });

    it("refuses a database that requires TLS when there is no CA to verify it with", () => {
        const values = doEnvValues({ database: { ...doEnvValues().database, caFile: undefined } });
        assert.throws(() => laravelEnv(values), /requires TLS.*caCertificate/);
    });

    it("marks the session cookie secure only when the app is served over https", () => {
        assert.strictEqual(parseEnv(laravelEnv(awsEnvValues())).get("SESSION_SECURE_COOKIE"), "true");
        assert.strictEqual(
            parseEnv(laravelEnv(awsEnvValues({ appUrl: "http://lb-123.eu-west-1.elb.amazonaws.com" }))).get(
                "SESSION_SECURE_COOKIE",
            ),
            "false",
        );
    });

    it("refuses an SQS queue URL that does not end with the queue's name", () => {
        assert.throws(
            () =>
                laravelEnv(
                    awsEnvValues({
                        queue: { driver: "sqs", url: "https://sqs.eu-west-1.amazonaws.com/1/other", name: "q" },
                    }),
                ),
            /does not end with/,
        );
    });
});
