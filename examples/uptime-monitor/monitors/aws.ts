/**
 * Watches the app from AWS: a Route 53 health check on webtier's URL and a CloudWatch alarm on it
 * that emails through an SNS topic.
 */
import * as aws from "@pulumi/aws";
import type { Monitor } from "../monitor";

export const monitor: Monitor = {
    watch(name, target, alertEmail, parent) {
        const check = new aws.route53.HealthCheck(
            `${name}-check`,
            {
                type: target.https.apply((https) => (https ? "HTTPS" : "HTTP")),
                fqdn: target.host,
                port: target.port,
                resourcePath: target.healthCheckPath,
                failureThreshold: 3,
                requestInterval: 30,
                measureLatency: true,
            },
            { parent },
        );
        const topic = new aws.sns.Topic(`${name}-alerts`, {}, { parent });
        new aws.sns.TopicSubscription(
            `${name}-email`,
            { topic: topic.arn, protocol: "email", endpoint: alertEmail },
            { parent },
        );
        // Route 53 publishes health-check metrics in us-east-1 only; the alarm must live there.
        const useEast1 = new aws.Provider(`${name}-us-east-1`, { region: "us-east-1" }, { parent });
        new aws.cloudwatch.MetricAlarm(
            `${name}-down`,
            {
                namespace: "AWS/Route53",
                metricName: "HealthCheckStatus",
                dimensions: { HealthCheckId: check.id },
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 2,
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                alarmActions: [topic.arn],
                okActions: [topic.arn],
            },
            { parent, provider: useEast1 },
        );
    },
};
