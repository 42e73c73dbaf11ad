// A Laravel app moved to Fargate, with a Lambda for image resizing and a queue worker still on
// EC2, its secrets written the quick ways: the web container's database password in its
// `environment`, the Lambda's app key in its variables, the worker echoing the Redis password
// into its .env from user data, the mail password in a plain String parameter. Next to them,
// the sound forms the same program also uses: the web container's app key through `secrets`
// (valueFrom an SSM SecureString), the Lambda's database secret by ARN, the worker reading its
// .env from Parameter Store at boot.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("shop");
    new aws.ssm.Parameter("shop-app-key", {
        name: "/shop/prod/app_key",
        type: "SecureString",
        value: "base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=",
    });
    new aws.ssm.Parameter("shop-mail-password", {
        name: "/shop/prod/mail_password",
        type: "String",
        value: "m4il-Pa55word-2026",
    });
    new aws.ecs.TaskDefinition("shop-web", {
        family: "shop-web",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "512",
        memory: "1024",
        // The parameter's ARN written out (a preview knows it), as teams often copy it from the console.
        containerDefinitions: JSON.stringify([
            {
                name: "php",
                image: "public.ecr.aws/shop/php:8.3",
                essential: true,
                environment: [
                    { name: "APP_ENV", value: "production" },
                    { name: "DB_HOST", value: "shop-db.internal" },
                    { name: "DB_PASSWORD", value: "Sup3r-Secret-db-pw" },
                ],
                secrets: [{ name: "APP_KEY", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/prod/app_key" }],
            },
        ]),
    });
    new aws.lambda.Function("shop-resize", {
        runtime: "provided.al2023",
        handler: "bootstrap",
        role: "arn:aws:iam::123456789012:role/shop-resize",
        s3Bucket: "shop-artifacts",
        s3Key: "resize.zip",
        environment: {
            variables: {
                APP_KEY: "base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=",
                DB_SECRET: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf",
            },
        },
    });
    new aws.ec2.Instance("shop-worker", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        userData: [
            "#!/bin/bash",
            "aws ssm get-parameter --name /shop/prod/env --with-decryption --query Parameter.Value --output text > /srv/shop/.env",
            'echo "REDIS_PASSWORD=r3dis-Pa55word" >> /srv/shop/.env',
            "systemctl restart shop-queue",
        ].join("\n"),
    });
}
