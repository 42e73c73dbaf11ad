/**
 * What webtier-plaintext-secrets counts as a secret in the places a cloud stores values as
 * written: names in every spelling, values nothing expands, and the references and flags that
 * hold none; and the places beyond environments that the APIs show too (container command lines,
 * inline buildspecs, the native provider's Beanstalk settings).
 */
import type { ResourceValidation } from "@pulumi/policy";
import { plaintextSecrets } from "../../../policies/rules/plaintext-secrets";
import { assertNone, assertViolation, resourceArgs, validateResource } from "../helpers";

const PARAMETER = "aws:ssm/parameter:Parameter";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const FUNCTION = "aws:lambda/function:Function";
const BATCH = "aws:batch/jobDefinition:JobDefinition";
const PROJECT = "aws:codebuild/project:Project";
const APP = "digitalocean:index/app:App";

const PASSWORD = "hunter2-Correct-Horse";

function violations(type: string, props: Record<string, any>): Promise<string[]> {
    return validateResource(plaintextSecrets, type, props);
}

const lambda = (variables: Record<string, string>) => violations(FUNCTION, { environment: { variables } });

describe("webtier-plaintext-secrets: what holds a secret where nothing expands it", () => {
    describe("names", () => {
        it("reads camelCase names in parameters, JSON keys and variables", async () => {
            assertViolation(
                await violations(PARAMETER, { name: "/myapp/prod/dbPassword", type: "String", value: PASSWORD }),
                "a secret by its name (dbPassword)",
            );
            assertViolation(
                await violations(PARAMETER, {
                    name: "/myapp/prod/config",
                    type: "String",
                    value: JSON.stringify({ dbHost: "db.internal", dbPassword: PASSWORD }),
                }),
                "the dbPassword assignment",
            );
            const found = await lambda({ adminPassword: PASSWORD, stripeSecretKey: "sk_live_51HqLyjWDarjtT1zdp7" });
            assertViolation(found, "the adminPassword variable", "the stripeSecretKey variable");
            assertNone(
                await lambda({ passwordMinLength: "12", accessKeyId: "AKIA-not-a-key", publicKey: "ssh-ed25519 AAAA" }),
            );
        });

        it("names master, encryption and signing keys and *_AUTH secrets, not their ids, names or mechanisms", async () => {
            const found = await lambda({
                RAILS_MASTER_KEY: "9f3c2a7b1e5d4c8a0b6f2e1d3c5a7b9e",
                ENCRYPTION_KEY: "hQ3k9Zp2Lw7Xv4Tn8Rb6Yc1Md5Fj0Gs",
                JWT_SIGNING_KEY: "k8Jd2mQ9xV4pL7rT1wZ6nB3cF5hG0sA",
                JWT_SECRET: "k8Jd2mQ9xV4pL7rT1wZ6nB3cF5hG0sA",
                REDIS_AUTH: "Zq7vW2pLx9TrYk3N",
            });
            for (const name of ["RAILS_MASTER_KEY", "ENCRYPTION_KEY", "JWT_SIGNING_KEY", "JWT_SECRET", "REDIS_AUTH"])
                assertViolation(found, `the ${name} variable`);
            assertNone(
                await lambda({
                    PASSWORD_MIN_LENGTH: "12",
                    ENCRYPTION_KEY_ID: "1234abcd-12ab-34cd-56ef-1234567890ab",
                    PUBLIC_KEY: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3x",
                    KEY_NAME: "deploy",
                    SMTP_AUTH: "login",
                    AUTH_URL: "https://id.example.com/oauth2/token",
                }),
            );
        });

        it("judges an unnamed parameter by its logical name, not the name autonaming makes of it", async () => {
            const named = async (name: string, props: Record<string, any>) => {
                const messages: string[] = [];
                const args = resourceArgs(plaintextSecrets, PARAMETER, { type: "String", ...props }, {}, name);
                await (plaintextSecrets.validateResource as ResourceValidation)(args, (m) => messages.push(m));
                return messages;
            };
            // What the engine hands the policy after autonaming: the logical name and a random suffix.
            assertViolation(
                await named("db-password", { name: "db-password-1a2b3c4", value: PASSWORD }),
                "a secret by its name (db-password)",
            );
            assertViolation(
                await named("stripe", { name: "stripe-api-key-9f8e7d6", value: "rk_live_51HqLyjWDarjtT1zdp7" }),
                "a secret by its name (stripe-api-key)",
            );
            assertNone(await named("release-channel", { name: "release-channel-1a2b3c4", value: "stable" }));
        });
    });

    describe("values", () => {
        it("takes a value starting with $ as the secret where nothing expands it (functions, containers, parameters, Beanstalk, App Platform)", async () => {
            assertViolation(
                await lambda({ DB_PASSWORD: "$uperS3cretPassw0rd", SMTP_PASSWORD: "${Spring2024}" }),
                "the DB_PASSWORD variable",
                "the SMTP_PASSWORD variable",
            );
            assertViolation(
                await violations(TASK_DEFINITION, {
                    containerDefinitions: JSON.stringify([
                        { name: "app", image: "app", environment: [{ name: "APP_KEY", value: "$(openssl)x9" }] },
                    ]),
                }),
                "the APP_KEY variable",
            );
            assertViolation(
                await violations(PARAMETER, { name: "/shop/db_password", type: "String", value: "$uperS3cret" }),
                "a secret by its name (db_password)",
            );
            assertViolation(
                await violations("aws:elasticbeanstalk/environment:Environment", {
                    settings: [
                        {
                            namespace: "aws:elasticbeanstalk:application:environment",
                            name: "DB_PASSWORD",
                            value: "`backtick`S3cret",
                        },
                    ],
                }),
                "the DB_PASSWORD variable",
            );
            assertViolation(
                await violations(APP, {
                    spec: { name: "shop", envs: [{ key: "DB_PASSWORD", value: "$uperS3cret", scope: "RUN_TIME" }] },
                }),
                "the DB_PASSWORD variable",
            );
            // A placeholder spelled as a variable's name shows a name, whether or not anything fills it.
            assertNone(await lambda({ APP_KEY: "${APP_KEY}", DB_PASSWORD: "$DB_PASSWORD" }));
        });

        it("passes flags, references to where the secret is kept and Secrets Manager names with a path", async () => {
            assertNone(
                await lambda({
                    DB_SECRET: "prod/app/db",
                    APP_KEY_SECRET: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app/key-AbCdEf",
                    TOKEN: "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/token",
                    DB_PASSWORD: "{{resolve:secretsmanager:prod/app/db:SecretString:password}}",
                    REQUIRE_PASSWORD: "1",
                    PASSWORD_RESET: "0",
                    MFA_SECRET: "false",
                    PASSWORD_RESET_TOKEN: "",
                    GOOGLE_CREDENTIALS: "/var/task/credentials.json",
                }),
            );
            // Base64 carries slashes with capitals: a secret, not a path.
            assertViolation(
                await lambda({ DB_SECRET: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }),
                "the DB_SECRET variable",
            );
        });

        it("reads App Platform's bindable variables as the references App Platform fills at run time", async () => {
            assertNone(
                await violations(APP, {
                    spec: {
                        name: "shop",
                        envs: [{ key: "APP_URL", value: "${APP_URL}" }],
                        services: [
                            {
                                name: "web",
                                envs: [
                                    { key: "DB_PASSWORD", value: "${db.PASSWORD}", scope: "RUN_TIME" },
                                    { key: "DB_USERNAME", value: "${db.USERNAME}" },
                                    { key: "INTERNAL_TOKEN_URL", value: "${_self.PRIVATE_URL}" },
                                    {
                                        key: "DATABASE_URL",
                                        value: "postgresql://${db.USERNAME}:${db.PASSWORD}@${db.HOSTNAME}:${db.PORT}/${db.DATABASE}",
                                    },
                                    { key: "CACHE_AUTH", value: "${shop-cache.PASSWORD}" },
                                ],
                            },
                        ],
                    },
                }),
            );
        });
    });

    describe("places beyond environments", () => {
        it("flags a container's command line (ECS command and entryPoint, Batch command), passing a shell's references", async () => {
            const definitions = (container: Record<string, any>) =>
                JSON.stringify([{ name: "redis", image: "redis:7", essential: true, ...container }]);
            assertViolation(
                await violations(TASK_DEFINITION, {
                    containerDefinitions: definitions({ command: ["redis-server", "--requirepass", PASSWORD] }),
                }),
                'container "redis" has the requirepass assignment in its command line',
                "ecs:DescribeTaskDefinition",
            );
            assertViolation(
                await violations("aws-native:ecs:TaskDefinition", {
                    containerDefinitions: [
                        {
                            name: "app",
                            entryPoint: ["/app/start", "--db-url"],
                            command: [`mysql://app:${PASSWORD}@db/app`],
                        },
                    ],
                }),
                "a URL with a password in its command line",
            );
            assertViolation(
                await violations(BATCH, {
                    containerProperties: JSON.stringify({
                        image: "shop/worker",
                        command: ["php", "artisan", "queue:work", `--redis-password=${PASSWORD}`],
                    }),
                }),
                "the redis-password assignment in its command line",
                "batch:DescribeJobDefinitions",
            );
            // A command substitution nothing runs is text; a script handed to a shell runs it.
            assertViolation(
                await violations(TASK_DEFINITION, {
                    containerDefinitions: definitions({
                        command: ["redis-server", "--requirepass", "$(cat /run/secrets/redis)"],
                    }),
                }),
                "the requirepass assignment in its command line",
            );
            assertNone(
                await violations(TASK_DEFINITION, {
                    containerDefinitions: definitions({
                        command: ["/bin/sh", "-ec", 'exec redis-server --requirepass "$(cat /run/secrets/redis)"'],
                    }),
                }),
            );
            // The shell resolves the variable the container's secrets set; Kubernetes fills $(NAME).
            assertNone(
                await violations(TASK_DEFINITION, {
                    containerDefinitions: definitions({
                        entryPoint: ["sh", "-c"],
                        command: ['exec redis-server --requirepass "$REDIS_PASSWORD"'],
                        secrets: [{ name: "REDIS_PASSWORD", valueFrom: "arn:aws:ssm:eu-west-1:1:parameter/redis" }],
                    }),
                }),
            );
            assertNone(
                await violations(BATCH, {
                    eksProperties: {
                        podProperties: {
                            containers: [
                                {
                                    image: "redis:7",
                                    command: ["redis-server"],
                                    args: ["--requirepass", "$(REDIS_PASSWORD)"],
                                },
                            ],
                        },
                    },
                }),
            );
        });

        it("flags an inline CodeBuild buildspec's variables and commands, and passes its secrets-manager and parameter-store names", async () => {
            const buildspec = (env: string) =>
                `version: 0.2\nenv:\n${env}phases:\n  build:\n    commands:\n      - npm ci && npm test\n`;
            const project = (source: Record<string, any>) => ({
                serviceRole: "arn:aws:iam::123456789012:role/build",
                artifacts: { type: "NO_ARTIFACTS" },
                source,
            });
            assertViolation(
                await violations(
                    PROJECT,
                    project({
                        type: "NO_SOURCE",
                        buildspec: buildspec('  variables:\n    SONAR_TOKEN: "squ_9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n'),
                    }),
                ),
                "the SONAR_TOKEN assignment in its inline buildspec",
                "codebuild:BatchGetProjects",
            );
            assertViolation(
                await violations(
                    "aws-native:codebuild:Project",
                    project({
                        type: "NO_SOURCE",
                        buildSpec: buildspec("").replace("npm ci", `curl -u ci:${PASSWORD}@x https://ci:${PASSWORD}@x`),
                    }),
                ),
                "a URL with a password in its inline buildspec",
            );
            assertNone(
                await violations(
                    PROJECT,
                    project({
                        type: "NO_SOURCE",
                        buildspec: buildspec(
                            "  variables:\n    NODE_ENV: production\n" +
                                "  secrets-manager:\n    SONAR_TOKEN: prod/sonar:token\n    NPM_TOKEN: prod/npm:TOKEN::AWSCURRENT\n" +
                                "  parameter-store:\n    DB_PASSWORD: /ci/db_password\n",
                        ).replace("npm ci", 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci'),
                    }),
                ),
            );
            assertNone(await violations(PROJECT, project({ type: "GITHUB", buildspec: "ci/buildspec.yml" })));
        });

        it("flags the native provider's Elastic Beanstalk environment properties (optionSettings)", async () => {
            const optionSettings = [
                {
                    namespace: "aws:elasticbeanstalk:application:environment",
                    optionName: "DB_PASSWORD",
                    value: PASSWORD,
                },
                {
                    namespace: "aws:autoscaling:launchconfiguration",
                    optionName: "IamInstanceProfile",
                    value: "aws-elasticbeanstalk-ec2-role",
                },
            ];
            for (const type of [
                "aws-native:elasticbeanstalk:Environment",
                "aws-native:elasticbeanstalk:ConfigurationTemplate",
            ])
                assertViolation(
                    await violations(type, { applicationName: "shop", optionSettings }),
                    "the DB_PASSWORD variable in its environment properties",
                );
            assertNone(
                await violations("aws-native:elasticbeanstalk:Environment", {
                    applicationName: "shop",
                    optionSettings: optionSettings.slice(1),
                }),
            );
        });
    });
});
