// A Laravel app on App Runner, built by CodeBuild and with a Batch job for nightly reports, its
// secrets written the quick ways: the database password in App Runner's runtime variables, a
// deploy token as a CodeBuild variable of the default (PLAINTEXT) type, the mail password in the
// report job's container environment. Next to them, the sound forms the same program also
// uses: the app key through runtimeEnvironmentSecrets (an ARN), the build's database password
// as a PARAMETER_STORE variable (a name), the job's database password through `secrets`.
import * as aws from "@pulumi/aws";

const APP_KEY_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/app-key-AbCdEf";

export = function program() {
    new aws.apprunner.Service("shop-web", {
        serviceName: "shop-web",
        sourceConfiguration: {
            autoDeploymentsEnabled: false,
            imageRepository: {
                imageIdentifier: "public.ecr.aws/shop/web:1.4.2",
                imageRepositoryType: "ECR_PUBLIC",
                imageConfiguration: {
                    port: "8080",
                    runtimeEnvironmentVariables: {
                        APP_ENV: "production",
                        DB_HOST: "shop-db.cluster-abc.eu-west-1.rds.amazonaws.com",
                        DB_PASSWORD: "Sup3r-Secret-db-pw",
                    },
                    runtimeEnvironmentSecrets: { APP_KEY: APP_KEY_ARN },
                },
            },
        },
    });
    new aws.codebuild.Project("shop-build", {
        serviceRole: "arn:aws:iam::123456789012:role/shop-build",
        artifacts: { type: "NO_ARTIFACTS" },
        source: { type: "GITHUB", location: "https://github.com/shop/web.git" },
        environment: {
            computeType: "BUILD_GENERAL1_SMALL",
            image: "aws/codebuild/standard:7.0",
            type: "LINUX_CONTAINER",
            environmentVariables: [
                { name: "APP_ENV", value: "production" },
                { name: "DB_PASSWORD", value: "/shop/prod/db_password", type: "PARAMETER_STORE" },
                { name: "FORGE_DEPLOY_TOKEN", value: "fdt_9f8e7d6c5b4a39281706" },
            ],
        },
    });
    new aws.batch.JobDefinition("shop-reports", {
        type: "container",
        platformCapabilities: ["FARGATE"],
        containerProperties: JSON.stringify({
            image: "public.ecr.aws/shop/web:1.4.2",
            command: ["php", "artisan", "reports:nightly"],
            executionRoleArn: "arn:aws:iam::123456789012:role/shop-batch",
            resourceRequirements: [
                { type: "VCPU", value: "0.5" },
                { type: "MEMORY", value: "1024" },
            ],
            environment: [{ name: "MAIL_PASSWORD", value: "m4il-Pa55word-2026" }],
            secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/prod/db_password" }],
        }),
    });
};
