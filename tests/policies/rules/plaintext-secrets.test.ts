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
            // A StringList's items are comma-separated, each its own assignment.
            const list = await violations(PARAMETER, {
                name: "/shop/prod/flags",
                type: "StringList",
                value: `LOG_LEVEL=info,REDIS_PASSWORD=${PASSWORD},QUEUE=redis`,
            });
            assertViolation(list, "StringList parameter", "the REDIS_PASSWORD assignment");
            assert.ok(!list.join("\n").includes(PASSWORD), "the value is never in a message");
            assert.deepStrictEqual(
                await violations(PARAMETER, {
                    name: "/shop/prod/flags",
                    type: "StringList",
                    value: "LOG_LEVEL=info,QUEUE=redis",
                }),
                [],
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
            // Names in the plural hold secrets too; names that merely end in such letters do not.
            const plural = await violations(FUNCTION, {
                environment: {
                    variables: {
                        API_TOKENS: "tok-1a2b3c4d5e,tok-6f7a8b9c0d",
                        DB_PASSWORDS: PASSWORD,
                        apiTokens: "tok-1a2b3c4d5e",
                        SECRETS: "s3cr3t-v4lu3",
                        PROCESS: "worker",
                        ACCESS: "public",
                    },
                },
            });
            for (const name of ["API_TOKENS", "DB_PASSWORDS", "apiTokens", "SECRETS"])
                assertViolation(plural, `the ${name} variable`);
            assert.ok(!/PROCESS|the ACCESS variable/.test(plural.join("\n")), plural.join("\n"));
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

    describe("App Runner, CodeBuild, Amplify, Batch and Lightsail containers", () => {
        it("flags App Runner runtime environment variables, in image and code configuration", async () => {
            const image = await violations("aws:apprunner/service:Service", {
                sourceConfiguration: {
                    imageRepository: {
                        imageIdentifier: "public.ecr.aws/shop/web:1",
                        imageRepositoryType: "ECR_PUBLIC",
                        imageConfiguration: {
                            runtimeEnvironmentVariables: { APP_ENV: "production", DB_PASSWORD: PASSWORD },
                            runtimeEnvironmentSecrets: {
                                APP_KEY: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/app-AbCdEf",
                            },
                        },
                    },
                },
            });
            assertViolation(
                image,
                "the DB_PASSWORD variable",
                "apprunner:DescribeService",
                "runtimeEnvironmentSecrets",
            );
            assert.ok(!image.join("\n").includes("APP_KEY"), "a secret passed by ARN is not flagged");
            assertViolation(
                await violations("aws:apprunner/service:Service", {
                    sourceConfiguration: {
                        codeRepository: {
                            repositoryUrl: "https://github.com/shop/web",
                            codeConfiguration: {
                                configurationSource: "API",
                                codeConfigurationValues: {
                                    runtime: "PHP_81",
                                    runtimeEnvironmentVariables: { APP_KEY: "base64:abcdef0123456789" },
                                },
                            },
                        },
                    },
                }),
                "the APP_KEY variable",
            );
            // The native provider's key-value list (CloudFormation's shape).
            assertViolation(
                await violations("aws-native:apprunner:Service", {
                    sourceConfiguration: {
                        imageRepository: {
                            imageConfiguration: {
                                runtimeEnvironmentVariables: [{ name: "REDIS_PASSWORD", value: PASSWORD }],
                            },
                        },
                    },
                }),
                "the REDIS_PASSWORD variable",
            );
        });

        it("flags CodeBuild PLAINTEXT variables (the default type) and passes names of parameters and secrets", async () => {
            const project = (variables: Array<Record<string, string>>) => ({
                environment: {
                    computeType: "BUILD_GENERAL1_SMALL",
                    image: "aws/codebuild/standard:7.0",
                    type: "LINUX_CONTAINER",
                    environmentVariables: variables,
                },
            });
            assertViolation(
                await violations("aws:codebuild/project:Project", project([{ name: "DB_PASSWORD", value: PASSWORD }])),
                "the DB_PASSWORD variable",
                "PLAINTEXT",
                "codebuild:BatchGetProjects",
            );
            assertViolation(
                await violations(
                    "aws:codebuild/project:Project",
                    project([{ name: "FORGE_API_TOKEN", value: "tok-1a2b3c4d5e", type: "PLAINTEXT" }]),
                ),
                "the FORGE_API_TOKEN variable",
            );
            assertNone(
                await violations(
                    "aws:codebuild/project:Project",
                    project([
                        { name: "DB_PASSWORD", value: "/shop/prod/db_password", type: "PARAMETER_STORE" },
                        { name: "APP_KEY", value: "shop/app-key", type: "SECRETS_MANAGER" },
                        { name: "APP_ENV", value: "production" },
                    ]),
                ),
            );
            assertNone(
                await violations(
                    "aws:codebuild/project:Project",
                    project([{ name: "DB_PASSWORD", value: PASSWORD, type: UNKNOWN_STRING }]),
                ),
            );
        });

        it("flags Amplify app and branch environment variables", async () => {
            assertViolation(
                await violations("aws:amplify/app:App", {
                    name: "shop",
                    environmentVariables: { STRIPE_SECRET: "sk_live_1a2b3c4d5e6f", APP_ENV: "production" },
                }),
                "the STRIPE_SECRET variable",
                "amplify:GetApp",
            );
            assertViolation(
                await violations("aws:amplify/branch:Branch", {
                    branchName: "main",
                    environmentVariables: { DATABASE_URL: "mysql://shop:" + PASSWORD + "@db.internal:3306/shop" },
                }),
                "amplify:GetBranch",
            );
        });

        it("flags Batch job containers' environment, in every kind of job properties", async () => {
            const env = [{ name: "DB_PASSWORD", value: PASSWORD }];
            const cases: Record<string, any>[] = [
                { containerProperties: JSON.stringify({ image: "shop/worker", environment: env }) },
                {
                    ecsProperties: JSON.stringify({
                        taskProperties: [{ containers: [{ name: "worker", image: "shop/worker", environment: env }] }],
                    }),
                },
                {
                    nodeProperties: JSON.stringify({
                        mainNode: 0,
                        numNodes: 2,
                        nodeRangeProperties: [
                            { targetNodes: "0:", container: { image: "shop/worker", environment: env } },
                        ],
                    }),
                },
                { eksProperties: { podProperties: { containers: [{ image: "shop/worker", envs: env }] } } },
                // The native provider's objects.
                { containerProperties: { image: "shop/worker", environment: env } },
            ];
            for (const props of cases) {
                assertViolation(
                    await violations("aws:batch/jobDefinition:JobDefinition", props),
                    "the DB_PASSWORD variable",
                    "batch:DescribeJobDefinitions",
                );
            }
            assertNone(
                await violations("aws:batch/jobDefinition:JobDefinition", {
                    containerProperties: JSON.stringify({
                        image: "shop/worker",
                        environment: [{ name: "QUEUE", value: "default" }],
                        secrets: [
                            { name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/db" },
                        ],
                    }),
                }),
            );
            assertNone(await violations("aws:batch/jobDefinition:JobDefinition", { containerProperties: "{not json" }));
        });

        it("flags Lightsail container deployments' environment, naming the container", async () => {
            assertViolation(
                await violations("aws:lightsail/containerServiceDeploymentVersion:ContainerServiceDeploymentVersion", {
                    serviceName: "shop",
                    containers: [
                        {
                            containerName: "web",
                            image: "shop/web:1",
                            environment: { APP_KEY: "base64:abcdef0123456789" },
                        },
                        { containerName: "queue", image: "shop/web:1", environment: { QUEUE: "default" } },
                    ],
                }),
                'container "web" has the APP_KEY variable',
                "lightsail:GetContainerServiceDeployments",
            );
        });
    });

    describe("Secrets Manager resource policies", () => {
        const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
        const statement = (extra: Record<string, unknown>) =>
            JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*", ...extra }] });

        it('flags a policy that lets every principal read the value: Principal "*", AWS "*", NotPrincipal, wildcard and NotAction forms', async () => {
            const publicPolicies = [
                statement({ Principal: "*", Action: "secretsmanager:GetSecretValue" }),
                statement({ Principal: { AWS: "*" }, Action: ["secretsmanager:Describe*", "secretsmanager:Get*"] }),
                statement({ Principal: { AWS: "*" }, Action: "*" }),
                statement({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/x" }, Action: "SecretsManager:*" }),
                statement({ Principal: "*", NotAction: "secretsmanager:DeleteSecret" }),
                // An unlimiting condition (TLS only) limits nobody.
                statement({
                    Principal: "*",
                    Action: "secretsmanager:GetSecretValue",
                    Condition: { Bool: { "aws:SecureTransport": "true" } },
                }),
            ];
            for (const policy of publicPolicies) {
                assertViolation(
                    await violations(SECRET_POLICY, {
                        secretArn: "arn:aws:secretsmanager:eu-west-1:1:secret:db",
                        policy,
                    }),
                    "Secrets Manager secret policy",
                    "every principal",
                    "secretsmanager:GetSecretValue",
                );
            }
            // The secret's own inline policy, and the getPolicyDocument form of a statement.
            assertViolation(
                await violations("aws:secretsmanager/secret:Secret", {
                    name: "db",
                    policy: statement({ Principal: "*", Action: "secretsmanager:GetSecretValue" }),
                }),
                'Secrets Manager secret "',
                "blockPublicPolicy",
            );
            assertViolation(
                await violations(SECRET_POLICY, {
                    secretArn: "arn",
                    policy: {
                        statements: [
                            {
                                effect: "Allow",
                                principals: [{ type: "*", identifiers: ["*"] }],
                                actions: ["secretsmanager:GetSecretValue"],
                            },
                        ],
                    },
                }),
                "every principal",
            );
        });

        it("passes named principals, a condition naming fixed sources, broad grants of actions that do not read the value, Deny, and policies unknown during preview", async () => {
            const privatePolicies = [
                statement({
                    Principal: { AWS: "arn:aws:iam::123456789012:role/app" },
                    Action: "secretsmanager:GetSecretValue",
                }),
                statement({
                    Principal: "*",
                    Action: "secretsmanager:GetSecretValue",
                    Condition: { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/app" } },
                }),
                statement({
                    Principal: "*",
                    Action: ["secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
                }),
                statement({ Principal: "*", NotAction: "secretsmanager:Get*" }),
                JSON.stringify({
                    Statement: [
                        { Effect: "Deny", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" },
                    ],
                }),
                UNKNOWN_STRING,
                statement({ Principal: "*", Action: UNKNOWN_STRING }),
            ];
            for (const policy of privatePolicies)
                assertNone(await violations(SECRET_POLICY, { secretArn: "arn", policy }));
            assertNone(await violations("aws:secretsmanager/secret:Secret", { name: "db" }));
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
