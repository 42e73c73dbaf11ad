import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { plaintextSecrets } from "../../../policies/rules/plaintext-secrets";
import type { ResourceValidation } from "@pulumi/policy";
import { UNKNOWN_STRING, assertNone, assertViolation, resourceArgs, validateResource } from "../helpers";

const PARAMETER = "aws:ssm/parameter:Parameter";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const FUNCTION = "aws:lambda/function:Function";
const BEANSTALK = "aws:elasticbeanstalk/environment:Environment";
const APP = "digitalocean:index/app:App";

const PASSWORD = "hunter2-Correct-Horse";
const ENV_FILE = `APP_NAME=shop\nAPP_KEY=base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6\nDB_PASSWORD=${PASSWORD}\n`;

function violations(type: string, props: Record<string, any>): Promise<string[]> {
    return validateResource(plaintextSecrets, type, props);
}

const container = (environment: Array<{ name: string; value: string }>, name = "app") => ({
    name,
    image: "php:8.3-fpm",
    essential: true,
    environment,
});

describe("webtier-plaintext-secrets", () => {
    describe("SSM parameters", () => {
        it("flags a String parameter named like a secret, or holding a .env, never naming the value", async () => {
            const named = await violations(PARAMETER, {
                name: "/shop/prod/db_password",
                type: "String",
                value: PASSWORD,
            });
            assertViolation(named, 'SSM parameter "', "a secret by its name (db_password)", "SecureString");
            assert.ok(!named.join("\n").includes(PASSWORD), "the value is never in a message");
            assertViolation(
                await violations(PARAMETER, { name: "/shop/prod/env", type: "StringList", insecureValue: ENV_FILE }),
                "StringList parameter",
                "the APP_KEY assignment",
                "the DB_PASSWORD assignment",
            );
            // Write-only values are still answered by GetParameter; the native provider's parameter alike.
            assertViolation(
                await violations(PARAMETER, {
                    name: "cloudflare-tunnel-token",
                    type: "String",
                    valueWo: "eyJhIjoiMTIzIn0",
                }),
                "a secret by its name (cloudflare-tunnel-token)",
            );
            assertViolation(
                await violations("aws-native:ssm:Parameter", {
                    name: "/shop/api_key",
                    type: "String",
                    value: "sk-live-1",
                }),
                "a secret by its name (api_key)",
            );
        });

        it("reads the resource's name when the parameter has no name of its own", async () => {
            const named = async (name: string) => {
                const messages: string[] = [];
                const args = resourceArgs(plaintextSecrets, PARAMETER, { type: "String", value: PASSWORD }, {}, name);
                await (plaintextSecrets.validateResource as ResourceValidation)(args, (m) => messages.push(m));
                return messages;
            };
            assertViolation(await named("db-password"), "a secret by its name (db-password)");
            assertNone(await named("release-channel"));
        });

        it("passes SecureString parameters, non-secret values, references and values unknown during preview", async () => {
            assertNone(await violations(PARAMETER, { name: "/shop/prod/env", type: "SecureString", value: ENV_FILE }));
            assertNone(
                await violations(PARAMETER, {
                    name: "/shop/prod/cwagent-config",
                    type: "String",
                    value: JSON.stringify({
                        metrics: { metrics_collected: { mem: { measurement: ["mem_used_percent"] } } },
                    }),
                }),
            );
            assertNone(
                await violations(PARAMETER, {
                    name: "/shop/prod/db_secret",
                    type: "String",
                    value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf",
                }),
            );
            assertNone(
                await violations(PARAMETER, { name: "/shop/prod/db_password", type: "String", value: UNKNOWN_STRING }),
            );
            assertNone(
                await violations(PARAMETER, { name: "/shop/prod/db_password", type: UNKNOWN_STRING, value: PASSWORD }),
            );
        });
    });

    describe("ECS task definitions", () => {
        it("flags secrets in a container's environment, naming the container and the variable", async () => {
            const definitions = JSON.stringify([
                container([{ name: "APP_ENV", value: "production" }], "nginx"),
                container([
                    { name: "DB_PASSWORD", value: PASSWORD },
                    { name: "DATABASE_URL", value: `mysql://shop:${PASSWORD}@db.internal:3306/shop` },
                ]),
            ]);
            const found = await violations(TASK_DEFINITION, { family: "shop", containerDefinitions: definitions });
            assert.strictEqual(found.length, 1, found.join("\n"));
            assertViolation(found, 'container "app"', "the DB_PASSWORD variable", "a URL with a password", "valueFrom");
            assert.ok(!found[0].includes(PASSWORD));
            // The native provider's definitions are objects, not JSON text.
            assertViolation(
                await violations("aws-native:ecs:TaskDefinition", {
                    containerDefinitions: [container([{ name: "STRIPE_SECRET", value: "sk_live_abc" }])],
                }),
                "the STRIPE_SECRET variable",
            );
        });

        it("passes secrets passed as secrets, references, and definitions it cannot read", async () => {
            const definitions = JSON.stringify([
                {
                    ...container([
                        { name: "DB_SECRET", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" },
                        { name: "DB_PASSWORD_PARAMETER", value: "/shop/prod/db_password" },
                        { name: "SESSION_SECURE_COOKIE", value: "true" },
                    ]),
                    secrets: [
                        { name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" },
                    ],
                },
            ]);
            assertNone(await violations(TASK_DEFINITION, { containerDefinitions: definitions }));
            assertNone(await violations(TASK_DEFINITION, { containerDefinitions: UNKNOWN_STRING }));
            assertNone(await violations(TASK_DEFINITION, { containerDefinitions: "not json" }));
        });
    });

    describe("Lambda functions and Elastic Beanstalk", () => {
        it("flags secrets in a function's environment variables (classic and native provider)", async () => {
            for (const type of [FUNCTION, "aws-native:lambda:Function"]) {
                assertViolation(
                    await violations(type, {
                        environment: { variables: { APP_ENV: "production", APP_KEY: "base64:abcdef0123456789" } },
                    }),
                    "the APP_KEY variable",
                    "lambda:GetFunctionConfiguration",
                );
            }
            assertNone(
                await violations(FUNCTION, {
                    environment: { variables: { APP_KEY_PARAMETER: "/shop/app_key", APP_KEY: "" } },
                }),
            );
            assertNone(await violations(FUNCTION, { environment: { variables: { APP_KEY: UNKNOWN_STRING } } }));
        });

        it("flags secrets in a Beanstalk environment's properties, and only in that namespace", async () => {
            const setting = (namespace: string, name: string, value: string) => ({ namespace, name, value });
            assertViolation(
                await violations(BEANSTALK, {
                    settings: [
                        setting("aws:elasticbeanstalk:application:environment", "DB_PASSWORD", PASSWORD),
                        setting("aws:autoscaling:launchconfiguration", "InstanceType", "t3.small"),
                    ],
                }),
                "Elastic Beanstalk environment",
                "the DB_PASSWORD variable",
                "DescribeConfigurationSettings",
            );
            assertNone(
                await violations(BEANSTALK, {
                    settings: [
                        setting("aws:elasticbeanstalk:xray", "XRayEnabled", "true"),
                        // Beanstalk's own way (2025): the variable names a secret it fetches at boot.
                        setting(
                            "aws:elasticbeanstalk:application:environmentsecrets",
                            "DB_PASSWORD",
                            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf",
                        ),
                    ],
                }),
            );
        });
    });

    describe("DigitalOcean App Platform", () => {
        it("flags GENERAL variables holding secrets, app-wide and per component, and passes SECRET ones", async () => {
            const found = await violations(APP, {
                spec: {
                    name: "shop",
                    envs: [{ key: "APP_KEY", value: "base64:abcdef0123456789", scope: "RUN_TIME" }],
                    services: [
                        {
                            name: "web",
                            envs: [
                                { key: "DB_PASSWORD", value: PASSWORD, type: "GENERAL" },
                                { key: "REDIS_PASSWORD", value: PASSWORD, type: "SECRET" },
                            ],
                        },
                    ],
                    workers: [{ name: "queue", envs: [{ key: "MAIL_PASSWORD", value: PASSWORD, type: "secret" }] }],
                },
            });
            assert.strictEqual(found.length, 2, found.join("\n"));
            assertViolation(found, "the app has the APP_KEY variable", 'type: "SECRET"');
            assertViolation(found, 'service "web" has the DB_PASSWORD variable');
            assert.ok(!found.join("\n").includes(PASSWORD));
        });

        it("passes an app whose secrets are all of type SECRET, or whose variable types are unknown", async () => {
            assertNone(
                await violations(APP, {
                    spec: {
                        name: "shop",
                        services: [{ name: "web", envs: [{ key: "DB_PASSWORD", value: PASSWORD, type: "SECRET" }] }],
                        jobs: [
                            { name: "migrate", envs: [{ key: "DB_PASSWORD", value: PASSWORD, type: UNKNOWN_STRING }] },
                        ],
                    },
                }),
            );
        });
    });

    it("is advisory by default and mandatory in the prod policy config", () => {
        assert.strictEqual(plaintextSecrets.enforcementLevel, "advisory");
        const prod = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../policies/config/prod.json"), "utf8"));
        assert.strictEqual(prod["webtier-plaintext-secrets"].enforcementLevel, "mandatory");
    });

    it("leaves other resources alone, whatever their properties are called", async () => {
        assertNone(await violations("aws:ec2/instance:Instance", { tags: { DB_PASSWORD: PASSWORD } }));
        assertNone(await violations("digitalocean:index/droplet:Droplet", { name: "db_password", userData: ENV_FILE }));
    });
});
