// Laravel on Elastic Beanstalk as AWS's own tutorial sets it up, then made "secure": production
// behind an application load balancer with an HTTPS listener added, but its default HTTP
// listener left on (option settings cannot make it redirect; the team meant to add an
// .ebextensions file); staging as a single instance to save money, so its instance is the
// public entry point on port 80. The queue worker environment has no balancer and is fine.
import * as aws from "@pulumi/aws";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const STACK = "64bit Amazon Linux 2023 v4.3.0 running PHP 8.3";

type Setting = aws.types.input.elasticbeanstalk.EnvironmentSetting;
const setting = (namespace: string, name: string, value: string): Setting => ({ namespace, name, value });

export = function program() {
    const app = new aws.elasticbeanstalk.Application("shop", { description: "Laravel shop" });
    const common = [
        setting("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"),
        setting("aws:elasticbeanstalk:container:php:phpini", "document_root", "/public"),
    ];
    new aws.elasticbeanstalk.Environment("shop-prod", {
        application: app.name,
        solutionStackName: STACK,
        settings: [
            ...common,
            setting("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"),
            setting("aws:autoscaling:asg", "MinSize", "2"),
            setting("aws:elbv2:listener:443", "Protocol", "HTTPS"),
            setting("aws:elbv2:listener:443", "SSLCertificateArns", CERT),
            setting("aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            setting("aws:elasticbeanstalk:environment:process:default", "HealthCheckPath", "/up"),
        ],
    });
    new aws.elasticbeanstalk.Environment("shop-staging", {
        application: app.name,
        solutionStackName: STACK,
        settings: [...common, setting("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance")],
    });
    new aws.elasticbeanstalk.Environment("shop-queue", {
        application: app.name,
        solutionStackName: STACK,
        tier: "Worker",
        settings: common,
    });
};
