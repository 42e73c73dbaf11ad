import * as assert from "assert";
import { ConfigError, parseConfig, RawConfig } from "../../../infra/config/parse";

const APP_KEY = `base64:${"A".repeat(43)}=`;

function base(overrides: RawConfig = {}): RawConfig {
    return { cloud: "aws", region: "eu-west-1", environment: "dev", appKey: APP_KEY, ...overrides };
}

/** Parses and returns the single ConfigError's problems (fails the test if it parses). */
function problemsOf(raw: RawConfig, stack = "aws-dev") {
    try {
        parseConfig(raw, stack);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        return err.problems;
    }
    assert.fail("expected the config to be refused");
}

function assertProblem(raw: RawConfig, key: string, ...fragments: string[]) {
    const problems = problemsOf(raw);
    const match = problems.find((p) => p.key === key);
    assert.ok(match, `expected a problem for ${key}, got ${JSON.stringify(problems)}`);
    for (const fragment of fragments) {
        assert.ok(
            match.message.includes(fragment),
            `message for ${key} should mention "${fragment}": ${match.message}`,
        );
    }
}

describe("config validation", () => {
    describe("accepts", () => {
        it("a minimal dev stack and fills in safe defaults", () => {
            const config = parseConfig(base(), "aws-dev");
            assert.strictEqual(config.cloud, "aws");
            assert.strictEqual(config.servers.count, 2);
            assert.strictEqual(config.servers.size, "small");
            assert.deepStrictEqual(config.servers.allowSshFrom, []);
            assert.strictEqual(config.healthCheckPath, "/up");
            assert.strictEqual(config.database.engine, "mysql");
            assert.strictEqual(config.cache.engine, "valkey");
            assert.strictEqual(config.protectData, true);
            assert.strictEqual(config.database.highAvailability, false);
            assert.ok(config.database.backupRetentionDays >= 1, "backups are on even in dev");
        });

        it("gives prod high availability, deletion protection and longer backups by default", () => {
            const config = parseConfig(
                base({
                    environment: "prod",
                    domain: "app.example.com",
                    alerts: JSON.stringify({ emails: ["ops@example.com"] }),
                }),
                "aws-prod",
            );
            assert.strictEqual(config.database.highAvailability, true);
            assert.strictEqual(config.database.deletionProtection, true);
            assert.strictEqual(config.cache.highAvailability, true);
            assert.ok(config.database.backupRetentionDays >= 7);
        });

        it("reads structured values as Pulumi stores them (JSON text)", () => {
            const config = parseConfig(
                base({
                    servers: JSON.stringify({
                        count: 3,
                        size: "large",
                        allowSshFrom: ["203.0.113.0/24", "2001:db8::/48"],
                    }),
                    database: JSON.stringify({ engine: "postgres", highAvailability: true }),
                }),
                "aws-dev",
            );
            assert.strictEqual(config.servers.count, 3);
            assert.strictEqual(config.servers.size, "large");
            assert.deepStrictEqual(config.servers.allowSshFrom, ["203.0.113.0/24", "2001:db8::/48"]);
            assert.strictEqual(config.database.engine, "postgres");
            assert.strictEqual(config.database.version, "17", "the newest PostgreSQL in RDS standard support");
            assert.strictEqual(config.database.highAvailability, true);
        });

        it("lets an explicit setting override the environment default", () => {
            const config = parseConfig(base({ database: JSON.stringify({ deletionProtection: true }) }), "aws-dev");
            assert.strictEqual(config.database.deletionProtection, true);
        });
    });

    describe("refuses, naming the key and the fix", () => {
        it("an unknown cloud", () => assertProblem(base({ cloud: "gcp" }), "cloud", '"gcp"', "aws", "digitalocean"));
        it("a missing cloud", () =>
            assertProblem(base({ cloud: undefined }), "cloud", "pulumi config set webtier:cloud"));
        it("a region of the other cloud", () =>
            assertProblem(base({ region: "nyc3" }), "region", '"nyc3"', "us-east-1"));
        it("an AWS region on DigitalOcean", () =>
            assertProblem(base({ cloud: "digitalocean", region: "us-east-1" }), "region", '"us-east-1"', "ams3"));
        it("a missing environment", () =>
            assertProblem(base({ environment: undefined }), "environment", "dev, staging, prod"));
        it("a server count below 1", () =>
            assertProblem(base({ servers: JSON.stringify({ count: 0 }) }), "servers.count", "from 1 to 100"));
        it("a server count that is not a number", () =>
            assertProblem(base({ servers: JSON.stringify({ count: "two" }) }), "servers.count", '"two"'));
        it("a single server in prod", () =>
            assertProblem(
                base({ environment: "prod", domain: "app.example.com", servers: JSON.stringify({ count: 1 }) }),
                "servers.count",
                "at least 2",
            ));
        it("an unknown size class", () =>
            assertProblem(
                base({ servers: JSON.stringify({ size: "huge" }) }),
                "servers.size",
                '"huge"',
                "small, medium, large",
            ));
        it("an unknown database size class", () =>
            assertProblem(base({ database: JSON.stringify({ size: "xl" }) }), "database.size", "small, medium, large"));
        it("a malformed SSH CIDR", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["203.0.113.300/24"] }) }),
                "servers.allowSshFrom",
                "not a CIDR",
                "203.0.113.10/32",
            ));
        it("an SSH address without a prefix", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["203.0.113.7"] }) }),
                "servers.allowSshFrom",
                "not a CIDR",
            ));
        it("SSH open to the IPv4 world", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["0.0.0.0/0"] }) }),
                "servers.allowSshFrom",
                "whole internet",
            ));
        it("SSH open to the IPv6 world", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["::/0"] }) }),
                "servers.allowSshFrom",
                "whole internet",
            ));
        it("SSH from a very broad public range", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["64.0.0.0/3"] }) }),
                "servers.allowSshFrom",
                "very broad",
            ));
        it("an SSH CIDR with host bits set", () =>
            assertProblem(
                base({ servers: JSON.stringify({ allowSshFrom: ["203.0.113.7/24"] }) }),
                "servers.allowSshFrom",
                "host bits",
            ));
        it("a domain with a scheme", () =>
            assertProblem(base({ domain: "https://app.example.com" }), "domain", "app.example.com"));
        it("a domain that is not a hostname", () =>
            assertProblem(base({ domain: "app_example" }), "domain", "not a hostname"));
        it("prod without a domain (no TLS possible)", () =>
            assertProblem(base({ environment: "prod" }), "domain", "required in prod"));
        it("a DNS zone that does not contain the domain", () =>
            assertProblem(base({ domain: "app.example.com", dnsZone: "example.org" }), "dnsZone", "does not contain"));
        it("a domain on DigitalOcean without its DNS zone", () =>
            assertProblem(
                base({ cloud: "digitalocean", region: "ams3", domain: "app.example.com" }),
                "dnsZone",
                "Let's Encrypt",
            ));
        it("a missing app key secret", () =>
            assertProblem(base({ appKey: undefined }), "appKey", "pulumi config set --secret webtier:appKey"));
        it("an app key that is not a Laravel key", () =>
            assertProblem(base({ appKey: "hunter2" }), "appKey", "base64:"));
        it("a public VPC range", () => assertProblem(base({ vpcCidr: "8.8.0.0/16" }), "vpcCidr", "private"));
        it("a VPC range too small for the subnets", () =>
            assertProblem(base({ vpcCidr: "10.0.0.0/24" }), "vpcCidr", "/16 and /20"));
        it("Redis on DigitalOcean, which creates only Valkey", () =>
            assertProblem(
                base({ cloud: "digitalocean", region: "ams3", cache: JSON.stringify({ engine: "redis" }) }),
                "cache.engine",
                "valkey",
            ));
        it("SQS on DigitalOcean", () =>
            assertProblem(
                base({ cloud: "digitalocean", region: "ams3", queue: JSON.stringify({ driver: "sqs" }) }),
                "queue.driver",
                "only on AWS",
            ));
        it("a health check path without a leading slash", () =>
            assertProblem(base({ healthCheckPath: "up" }), "healthCheckPath", "/up"));
        it("an outdated TLS policy", () =>
            assertProblem(
                base({ tlsPolicy: "ELBSecurityPolicy-2016-08" }),
                "tlsPolicy",
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
            ));
        it("an AMI id that is not an AMI id", () =>
            assertProblem(base({ servers: JSON.stringify({ image: "ubuntu-24-04-x64" }) }), "servers.image", "ami-"));
        it("a misspelt key rather than silently ignoring it", () =>
            assertProblem(base({ serverCount: "3" }), "serverCount", "not a webtier setting"));
        it("a structured key given as plain text", () =>
            assertProblem(base({ servers: "3" }), "servers", "must be an object"));
        it("a database engine it cannot build", () =>
            assertProblem(
                base({ database: JSON.stringify({ engine: "oracle" }) }),
                "database.engine",
                "mysql, postgres",
            ));
        it("backups switched off", () =>
            assertProblem(
                base({ database: JSON.stringify({ backupRetentionDays: 0 }) }),
                "database.backupRetentionDays",
                "from 1 to 35",
            ));
        it("a CORS origin with a path", () =>
            assertProblem(
                base({ storage: JSON.stringify({ corsOrigins: ["https://app.example.com/upload"] }) }),
                "storage.corsOrigins",
                "without a path",
            ));
    });

    it("reports every problem at once, not just the first", () => {
        const problems = problemsOf(
            base({ cloud: "gcp", servers: JSON.stringify({ count: 0, size: "huge" }), appKey: undefined }),
        );
        const keys = problems.map((p) => p.key);
        for (const key of ["cloud", "servers.count", "servers.size", "appKey"])
            assert.ok(keys.includes(key), `missing ${key} in ${keys.join(", ")}`);
    });

    it("names the stack and the namespaced key in the error text", () => {
        try {
            parseConfig(base({ region: "mars-1" }), "aws-dev");
            assert.fail("expected a ConfigError");
        } catch (err) {
            assert.match(String((err as Error).message), /stack "aws-dev"/);
            assert.match(String((err as Error).message), /webtier:region: "mars-1"/);
        }
    });

    describe("storage.versionRetentionDays", () => {
        it("keeps every version by default, and removes older ones after the days given", () => {
            assert.strictEqual(parseConfig(base(), "aws-dev").storage.versionRetentionDays, 0);
            const days = (value: unknown) =>
                parseConfig(base({ storage: JSON.stringify({ versionRetentionDays: value }) }), "aws-dev").storage
                    .versionRetentionDays;
            assert.strictEqual(days(30), 30);
            assert.strictEqual(days("90"), 90);
        });

        it("refuses what is not a whole number of days from 0 to 3650", () => {
            for (const value of [-1, 3651, 7.5, "a month"])
                assertProblem(
                    base({ storage: JSON.stringify({ versionRetentionDays: value }) }),
                    "storage.versionRetentionDays",
                );
        });
    });

    describe("accessLogDays", () => {
        it("keeps access logs on both clouds by default, longer the closer to production", () => {
            const prod = { domain: "app.example.com", alerts: JSON.stringify({ emails: ["ops@example.com"] }) };
            for (const [stack, cloud, prodExtra] of [
                ["aws-x", {}, {}],
                // DigitalOcean's certificates need the domain's zone in its DNS.
                ["do-x", { cloud: "digitalocean", region: "fra1" }, { dnsZone: "example.com" }],
            ] as const) {
                const days = (environment: string) =>
                    parseConfig(
                        base({ ...cloud, environment, ...(environment === "prod" ? { ...prod, ...prodExtra } : {}) }),
                        stack,
                    ).accessLogDays;
                assert.deepStrictEqual([days("dev"), days("staging"), days("prod")], [7, 30, 90], stack);
                assert.strictEqual(parseConfig(base({ ...cloud, accessLogDays: "400" }), stack).accessLogDays, 400);
                assert.strictEqual(parseConfig(base({ ...cloud, accessLogDays: "0" }), stack).accessLogDays, 0);
            }
        });

        it("refuses what is not a whole number of days from 0 to 3650", () => {
            for (const value of ["-1", "3651", "7.5", "a week"])
                assertProblem(base({ accessLogDays: value }), "accessLogDays");
        });
    });
});
