// What the clouds would refuse is refused by config validation, before any resource exists.
import * as assert from "assert";
import { ConfigError, parseConfig, RawConfig, MAX_STACK_NAME } from "../../../infra/config/parse";
import { refusedNames } from "../../../infra/config/names";
import { reservedRangeProblem } from "../../../infra/config/network";
import { Cidr, parseCidr } from "../../../policies/lib/cidr";

const APP_KEY = `base64:${"A".repeat(43)}=`;
const ON = "2026-12-01";

function aws(overrides: RawConfig = {}): RawConfig {
    return { cloud: "aws", region: "eu-west-1", environment: "dev", appKey: APP_KEY, ...overrides };
}
function digitalocean(overrides: RawConfig = {}): RawConfig {
    return { cloud: "digitalocean", region: "ams3", environment: "dev", appKey: APP_KEY, ...overrides };
}

function problemsOf(raw: RawConfig, stack: string, on = ON) {
    try {
        parseConfig(raw, stack, { today: on });
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        return err.problems;
    }
    assert.fail("expected the config to be refused");
}

function assertRefused(raw: RawConfig, stack: string, key: string, ...fragments: string[]) {
    const problems = problemsOf(raw, stack).filter((p) => p.key === key);
    assert.ok(problems.length > 0, `expected a problem for ${key}, got ${JSON.stringify(problemsOf(raw, stack))}`);
    const text = problems.map((p) => p.message).join("\n");
    for (const fragment of fragments)
        assert.ok(text.includes(fragment), `message for ${key} should mention "${fragment}": ${text}`);
}

describe("config refuses what the chosen cloud refuses", () => {
    describe("names derived from the stack name, after autonaming", () => {
        it("refuses an AWS stack named sg-…: its security groups would be called sg-…", () =>
            assertRefused(
                aws(),
                "sg-dev",
                "(stack name)",
                "security group",
                '"sg-dev-lb-sg-',
                'starts with "sg-"',
                "pulumi stack rename",
            ));

        it("refuses an AWS stack named internal-…: the balancer name is reserved for internal balancers", () =>
            assertRefused(aws(), "internal-tools", "(stack name)", "load balancer", 'starts with "internal-"'));

        it("refuses stacks whose bucket would take S3's reserved prefixes, on both clouds", () => {
            assertRefused(aws(), "sthree-dev", "(stack name)", "uploads bucket", 'starts with "sthree-"');
            assertRefused(aws(), "amzn-s3-demo-app", "(stack name)", "uploads bucket", 'starts with "amzn-s3-demo-"');
            assertRefused(digitalocean(), "sthree-dev", "(stack name)", "uploads bucket", "sthree-");
        });

        it("accepts the same stack names where the cloud does not reserve them", () => {
            assert.doesNotThrow(() => parseConfig(digitalocean(), "sg-dev", { today: ON }));
            assert.doesNotThrow(() => parseConfig(digitalocean(), "internal-tools", { today: ON }));
        });

        it("keeps the balancer's autoname within ELB's 32 characters at the longest stack name", () => {
            const longest = "a".repeat(MAX_STACK_NAME);
            assert.doesNotThrow(() => parseConfig(aws(), longest, { today: ON }));
            assert.deepStrictEqual(refusedNames("aws", longest), []);
            assert.deepStrictEqual(refusedNames("digitalocean", longest), []);
            // The margin is exactly zero: one more character and the balancer is refused.
            const refusal = refusedNames("aws", "a".repeat(MAX_STACK_NAME + 1));
            assert.ok(
                refusal.some(
                    (r) =>
                        r.derived.type === "aws:lb/loadBalancer:LoadBalancer" &&
                        r.problems.some((p) => p.includes("33 characters")),
                ),
                JSON.stringify(refusal),
            );
            assertRefused(aws(), "a".repeat(MAX_STACK_NAME + 1), "(stack name)", `at most ${MAX_STACK_NAME}`);
        });
    });

    describe("domain", () => {
        const longDomain = `${"a".repeat(40)}.${"b".repeat(20)}.example.com`; // 73 characters, a valid hostname
        it("refuses an AWS domain over ACM's 64 characters", () =>
            assertRefused(aws({ domain: longDomain }), "aws-dev", "domain", "73 characters", "64"));
        it("accepts a 64-character domain on AWS", () => {
            const domain = `${"a".repeat(52)}.example.com`;
            assert.strictEqual(domain.length, 64);
            assert.strictEqual(parseConfig(aws({ domain }), "aws-dev", { today: ON }).domain, domain);
        });
    });

    describe("database engine and version pairs the cloud offers", () => {
        it("refuses DigitalOcean MySQL 8.4 (the API offers 8)", () =>
            assertRefused(
                digitalocean({ database: JSON.stringify({ engine: "mysql", version: "8.4" }) }),
                "do-dev",
                "database.version",
                '"8.4"',
                "8.0",
            ));

        it("accepts DigitalOcean MySQL written as 8 or 8.0, and sends 8", () => {
            for (const version of ["8", "8.0"]) {
                const config = parseConfig(digitalocean({ database: JSON.stringify({ version }) }), "do-dev", {
                    today: ON,
                });
                assert.strictEqual(config.database.version, "8.0");
            }
        });

        it("refuses DigitalOcean PostgreSQL 14 after its end of availability (2026-05-12), and accepts it the day before", () => {
            const raw = digitalocean({ database: JSON.stringify({ engine: "postgres", version: "14" }) });
            assertRefused(raw, "do-dev", "database.version", "2026-05-12", "17");
            assert.doesNotThrow(() => parseConfig(raw, "do-dev", { today: "2026-05-11" }));
        });

        it("reads YAML's number 8 (from `version: 8.0`) as 8.0", () => {
            const opted = parseConfig(
                aws({ database: JSON.stringify({ version: 8.0, extendedSupport: true }) }),
                "aws-dev",
                { today: ON },
            );
            assert.strictEqual(opted.database.version, "8.0");
            assertRefused(
                aws({ database: JSON.stringify({ version: 8.0 }) }),
                "aws-dev",
                "database.version",
                "past RDS standard support",
            );
        });

        it("refuses a version no cloud table knows", () =>
            assertRefused(
                aws({ database: JSON.stringify({ engine: "postgres", version: "12" }) }),
                "aws-dev",
                "database.version",
                '"12"',
                "15, 16, 17, 18",
            ));

        it("refuses RDS MySQL 8.0 past standard support unless Extended Support is chosen", () => {
            assertRefused(
                aws({ database: JSON.stringify({ version: "8.0" }) }),
                "aws-dev",
                "database.version",
                "2026-07-31",
                "database.extendedSupport: true",
                "8.4",
            );
            const opted = parseConfig(
                aws({ database: JSON.stringify({ version: "8.0", extendedSupport: true }) }),
                "aws-dev",
                { today: ON },
            );
            assert.strictEqual(opted.database.extendedSupport, true);
        });

        it("defaults to the newest major version in standard support, Extended Support off", () => {
            const config = parseConfig(aws(), "aws-dev", { today: ON });
            assert.deepStrictEqual([config.database.version, config.database.extendedSupport], ["8.4", false]);
            assert.strictEqual(
                parseConfig(digitalocean({ database: JSON.stringify({ engine: "postgres" }) }), "do-dev", { today: ON })
                    .database.version,
                "17",
            );
        });

        it("refuses Extended Support on DigitalOcean, which has none", () =>
            assertRefused(
                digitalocean({ database: JSON.stringify({ extendedSupport: true }) }),
                "do-dev",
                "database.extendedSupport",
                "RDS",
            ));
    });

    describe("app settings written into the user data", () => {
        const app = (value: Record<string, unknown>) => aws({ app: JSON.stringify(value) });
        it("bounds app.name", () => {
            assertRefused(app({ name: "N".repeat(65) }), "aws-dev", "app.name", "65 characters", "64");
            assert.doesNotThrow(() => parseConfig(app({ name: "N".repeat(64) }), "aws-dev", { today: ON }));
            assertRefused(app({ name: "tab\there" }), "aws-dev", "app.name", "control characters");
        });
        it("bounds healthCheckPath, which is written into the user data", () => {
            assertRefused(
                aws({ healthCheckPath: `/${"h".repeat(128)}` }),
                "aws-dev",
                "healthCheckPath",
                "129 characters",
                "128",
            );
            assert.doesNotThrow(() =>
                parseConfig(aws({ healthCheckPath: `/${"h".repeat(127)}` }), "aws-dev", { today: ON }),
            );
        });
        it("bounds servers.sshPublicKey, which goes into every server's user data", () => {
            const servers = (sshPublicKey: string) => aws({ servers: JSON.stringify({ count: 1, sshPublicKey }) });
            // An RSA-4096 key (716 base64 characters, the largest EC2 imports) with a comment fits.
            const rsa4096 = `ssh-rsa AAAAB3NzaC1yc2E${"A".repeat(700)} ops@bastion.example.com`;
            assert.doesNotThrow(() => parseConfig(servers(rsa4096), "aws-dev", { today: ON }));
            assertRefused(
                servers(`ssh-rsa AAAAB3NzaC1yc2E${"A".repeat(1400)} ops@laptop`),
                "aws-dev",
                "servers.sshPublicKey",
                "at most 1024",
                "ed25519",
            );
            assertRefused(
                servers(`ssh-ed25519 AAAAC3Nz ${"c".repeat(1100)}`),
                "aws-dev",
                "servers.sshPublicKey",
                "at most 1024",
            );
        });
        it("bounds app.repository", () => {
            assertRefused(
                app({ repository: `https://github.com/${"x".repeat(250)}.git` }),
                "aws-dev",
                "app.repository",
                "at most 256",
            );
        });
        it("bounds app.branch and refuses refs git refuses or could read as an option", () => {
            assertRefused(app({ branch: "b".repeat(129) }), "aws-dev", "app.branch", "over 128");
            assertRefused(app({ branch: "-evil" }), "aws-dev", "app.branch", "option");
            assertRefused(app({ branch: "release..1" }), "aws-dev", "app.branch", "git accepts");
            assertRefused(app({ branch: "feature/x.lock" }), "aws-dev", "app.branch", ".lock");
            assert.strictEqual(
                parseConfig(app({ branch: "release/v1.4.2" }), "aws-dev", { today: ON }).app.branch,
                "release/v1.4.2",
            );
        });
    });

    describe("networks", () => {
        it("refuses a DigitalOcean range DigitalOcean reserves", () => {
            assertRefused(
                digitalocean({ vpcCidr: "10.244.0.0/16" }),
                "do-dev",
                "vpcCidr",
                "10.244.0.0/16",
                "Kubernetes",
            );
        });
        it("holds NYC1's reserved range against NYC1 only (webtier's regions take it)", () => {
            assert.strictEqual(
                parseConfig(digitalocean({ vpcCidr: "10.10.0.0/20" }), "do-dev", { today: ON }).vpcCidr,
                "10.10.0.0/20",
            );
            assert.match(
                reservedRangeProblem("digitalocean", parseCidr("10.10.0.0/20") as Cidr, "nyc1") ?? "",
                /overlaps 10\.10\.0\.0\/16, reserved in the nyc1 region/,
            );
            assert.strictEqual(
                reservedRangeProblem("digitalocean", parseCidr("10.10.0.0/20") as Cidr, "ams3"),
                undefined,
            );
        });
        it("accepts the same range on AWS, which reserves none of them", () =>
            assert.strictEqual(
                parseConfig(aws({ vpcCidr: "10.244.0.0/16" }), "aws-dev", { today: ON }).vpcCidr,
                "10.244.0.0/16",
            ));
    });
});
