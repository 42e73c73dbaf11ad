import * as assert from "assert";
import { OutputsContractError, parseWebtierOutputs, REDACTED_SECRET } from "../../../infra/outputs/validate";
import { awsOutputs, doOutputs, withoutSecrets, withValue } from "./fixtures";

/** The problems `parseWebtierOutputs` reports for `value`, or [] when it passes. */
function problemsOf(value: unknown, options?: { redactedSecrets: true }): string[] {
    try {
        if (options) parseWebtierOutputs(value, "test", options);
        else parseWebtierOutputs(value, "test");
        return [];
    } catch (error) {
        assert.ok(error instanceof OutputsContractError, String(error));
        return error.problems;
    }
}

/** "servers.0.id" as the validator names it: "$.servers[0].id". */
function jsonPath(path: string): string {
    return `$.${path}`.replace(/\.(\d+)/g, "[$1]");
}

const REQUIRED = [
    "contractVersion",
    "cloud",
    "region",
    "environment",
    "loadBalancer",
    "servers",
    "database",
    "cache",
    "storage",
    "queue",
    "laravelEnv",
    "loadBalancer.address",
    "loadBalancer.url",
    "loadBalancer.https",
    "loadBalancer.healthCheckPath",
    "loadBalancer.id",
    "servers.0.name",
    "servers.0.id",
    "servers.0.privateIp",
    "servers.0.zone",
    "database.engine",
    "database.host",
    "database.port",
    "database.name",
    "database.user",
    "database.password",
    "database.requireTls",
    "cache.engine",
    "cache.host",
    "cache.port",
    "cache.user",
    "cache.password",
    "cache.tls",
    "storage.bucket",
    "storage.region",
    "storage.endpoint",
    "queue.driver",
    "alerts.enabled",
    "alerts.emails",
    "alerts.items",
    "alerts.items.0.name",
    "alerts.items.0.id",
    "alerts.items.0.target",
    "alerts.items.0.metric",
];

const WRONG: Array<[string, unknown, RegExp]> = [
    ["cloud", "gcp", /must be one of "aws", "digitalocean", got "gcp"/],
    ["environment", "qa", /must be one of "dev", "staging", "prod"/],
    ["region", "", /must not be empty/],
    ["loadBalancer", "lb", /expected object, got string/],
    ["loadBalancer.url", "app.example.com", /does not match \^https\?:\/\//],
    ["loadBalancer.https", "yes", /expected boolean, got string/],
    ["loadBalancer.healthCheckPath", "up", /does not match \^\//],
    ["loadBalancer.memberTag", "", /must not be empty/],
    ["servers", [], /needs at least 1 item/],
    ["servers.1", "web-2", /expected object, got string/],
    ["servers.1.id", 500000030, /expected string, got integer/],
    ["database.engine", "oracle", /must be one of "mysql", "postgres"/],
    ["database.port", 0, /must be at least 1, got 0/],
    ["cache.port", 70000, /must be at most 65535, got 70000/],
    ["cache.port", 6379.5, /expected integer, got number/],
    ["storage.endpoint", "http://s3.example.com", /does not match \^https:\/\//],
    ["queue.driver", "beanstalkd", /must be one of "redis", "sqs"/],
    ["laravelEnv", "", /must not be empty/],
    ["alerts.enabled", "yes", /expected boolean, got string/],
    ["alerts.topic", "aws-prod-alerts", /does not match \^arn:aws/],
    ["alerts.items.0.target", "network", /must be one of "balancer", "servers", "database", "cache", "queue"/],
    ["alerts.items.0.id", "", /must not be empty/],
];

describe("the outputs contract (infra/outputs/validate.ts)", () => {
    it("accepts the outputs of an AWS and of a DigitalOcean stack", () => {
        assert.deepStrictEqual(problemsOf(awsOutputs()), []);
        assert.deepStrictEqual(problemsOf(doOutputs()), []);
        const parsed = parseWebtierOutputs(doOutputs(), "test");
        assert.strictEqual(parsed.loadBalancer.memberTag, "do-prod-lb");
    });

    for (const cloud of [awsOutputs, doOutputs]) {
        for (const path of REQUIRED) {
            it(`reports ${jsonPath(path)} missing from ${cloud().cloud} outputs`, () => {
                assert.ok(
                    problemsOf(withValue(cloud(), path, undefined)).includes(`${jsonPath(path)}: is required`),
                    problemsOf(withValue(cloud(), path, undefined)).join("\n"),
                );
            });
        }
    }

    for (const [path, value, expected] of WRONG) {
        it(`reports ${jsonPath(path)} = ${JSON.stringify(value)} by its path`, () => {
            const problems = problemsOf(withValue(doOutputs(), path, value));
            assert.strictEqual(problems.length, 1, problems.join("\n"));
            assert.ok(problems[0].startsWith(`${jsonPath(path)}: `), problems[0]);
            assert.match(problems[0], expected);
        });
    }

    it("accepts outputs without alerts (stacks last deployed before the section existed), but not a partial one", () => {
        assert.deepStrictEqual(problemsOf(withValue(awsOutputs(), "alerts", undefined)), []);
        assert.deepStrictEqual(problemsOf(withValue(doOutputs(), "alerts.items", undefined)), [
            "$.alerts.items: is required",
        ]);
    });

    it("reports every problem at once, in an error naming the source", () => {
        const broken = withValue(withValue(awsOutputs(), "region", undefined), "database.port", "3306");
        assert.throws(
            () => parseWebtierOutputs(broken, 'stack reference "acme/webtier/aws-prod"'),
            (error: Error) => {
                assert.match(
                    error.message,
                    /^webtier outputs from stack reference "acme\/webtier\/aws-prod" do not match contract version 1:/,
                );
                assert.match(error.message, /\n {2}- \$\.region: is required/);
                assert.match(error.message, /\n {2}- \$\.database\.port: expected integer, got string/);
                return true;
            },
        );
    });

    it("reports a different contractVersion alone, saying to upgrade the reader", () => {
        const newer = withValue(withValue(doOutputs(), "contractVersion", 2), "region", undefined);
        assert.throws(
            () => parseWebtierOutputs(newer, "test"),
            (error: OutputsContractError) => {
                assert.deepStrictEqual(error.problems.length, 1);
                assert.match(
                    error.problems[0],
                    /^\$\.contractVersion: this reader understands version 1, the stack exports 2; upgrade the reader/,
                );
                assert.strictEqual(error.otherVersion, 2);
                return true;
            },
        );
        assert.strictEqual(new OutputsContractError("test", ["x"]).otherVersion, undefined);
    });

    it("refuses a value that is not an object at all", () => {
        assert.deepStrictEqual(problemsOf(null), ["$: expected object, got null"]);
        assert.deepStrictEqual(problemsOf([]), ["$: expected object, got array"]);
    });

    it("does not echo a password of the wrong type", () => {
        const problems = problemsOf(withValue(awsOutputs(), "database.password", 12345678));
        assert.deepStrictEqual(problems, ["$.database.password: expected string, got integer"]);
    });

    describe("outputs read without --show-secrets", () => {
        it("accepts [secret] in place of each secret output", () => {
            assert.deepStrictEqual(problemsOf(withoutSecrets(doOutputs()), { redactedSecrets: true }), []);
            assert.deepStrictEqual(problemsOf(withoutSecrets(awsOutputs()), { redactedSecrets: true }), []);
        });

        it("accepts [secret] for a secret nested in an object that is itself readable", () => {
            assert.deepStrictEqual(
                problemsOf(withValue(doOutputs(), "cache.password", REDACTED_SECRET), { redactedSecrets: true }),
                [],
            );
        });

        it("still requires the secret outputs to be there", () => {
            const problems = problemsOf(withValue(withoutSecrets(doOutputs()), "database", undefined), {
                redactedSecrets: true,
            });
            assert.deepStrictEqual(problems, ["$.database: is required"]);
        });

        it("accepts [secret] nowhere else", () => {
            const redactedBalancer = withValue(withoutSecrets(doOutputs()), "loadBalancer", REDACTED_SECRET);
            assert.deepStrictEqual(problemsOf(redactedBalancer, { redactedSecrets: true }), [
                "$.loadBalancer: expected object, got string",
            ]);
            const redactedHost = withValue(doOutputs(), "database.port", REDACTED_SECRET);
            assert.deepStrictEqual(problemsOf(redactedHost, { redactedSecrets: true }), [
                "$.database.port: expected integer, got string",
            ]);
        });

        it("refuses [secret] for a caller that asked for the secrets", () => {
            assert.deepStrictEqual(problemsOf(withoutSecrets(doOutputs())), [
                "$.database: expected object, got string",
                "$.cache: expected object, got string",
            ]);
        });

        it("still judges the rest of a redacted document", () => {
            const broken = withValue(withoutSecrets(doOutputs()), "loadBalancer.url", undefined);
            assert.deepStrictEqual(problemsOf(broken, { redactedSecrets: true }), ["$.loadBalancer.url: is required"]);
        });
    });
});
