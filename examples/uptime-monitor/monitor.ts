import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import { WebtierOutputs } from "../../infra/outputs/contract";

/** What the monitor needs from a webtier stack: its public URL and health path. */
export interface MonitorArgs {
    /** The webtier stack's outputs, as `readWebtierOutputs` returns them. */
    web: pulumi.Output<WebtierOutputs>;
    /** Which cloud the webtier stack runs on (read before resources are declared). */
    cloud: WebtierOutputs["cloud"];
    /** Where alerts go. */
    alertEmail: string;
}

/** Splits the app URL into what health checkers want: scheme, host and port. */
export function healthTarget(outputs: Pick<WebtierOutputs, "loadBalancer">): {
    https: boolean;
    host: string;
    port: number;
    url: string;
} {
    const url = new URL(outputs.loadBalancer.url);
    const https = url.protocol === "https:";
    return {
        https,
        host: url.hostname,
        port: url.port ? Number(url.port) : https ? 443 : 80,
        url: `${url.origin}${outputs.loadBalancer.healthCheckPath}`,
    };
}

/**
 * An uptime check on the app's health endpoint from outside the cloud, with an alert:
 * Route 53 health check + CloudWatch alarm on AWS, an uptime check + alert on DigitalOcean.
 */
export class UptimeMonitor extends pulumi.ComponentResource {
    public readonly checkedUrl: pulumi.Output<string>;

    constructor(name: string, args: MonitorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier-example:index:UptimeMonitor", name, {}, opts);
        const target = args.web.apply((o) => healthTarget(o));
        this.checkedUrl = target.url;
        switch (args.cloud) {
            case "aws": {
                const check = new aws.route53.HealthCheck(
                    `${name}-check`,
                    {
                        type: target.https.apply((https) => (https ? "HTTPS" : "HTTP")),
                        fqdn: target.host,
                        port: target.port,
                        resourcePath: args.web.apply((o) => o.loadBalancer.healthCheckPath),
                        failureThreshold: 3,
                        requestInterval: 30,
                        measureLatency: true,
                    },
                    { parent: this },
                );
                const topic = new aws.sns.Topic(`${name}-alerts`, {}, { parent: this });
                new aws.sns.TopicSubscription(
                    `${name}-email`,
                    { topic: topic.arn, protocol: "email", endpoint: args.alertEmail },
                    { parent: this },
                );
                // Route 53 publishes health-check metrics in us-east-1 only; the alarm must live there.
                const useEast1 = new aws.Provider(`${name}-us-east-1`, { region: "us-east-1" }, { parent: this });
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
                    { parent: this, provider: useEast1 },
                );
                break;
            }
            case "digitalocean": {
                const check = new digitalocean.UptimeCheck(
                    `${name}-check`,
                    {
                        name: `${name}-health`,
                        target: target.url,
                        type: target.https.apply((https) => (https ? "https" : "http")),
                        regions: ["us_east", "eu_west"],
                        enabled: true,
                    },
                    { parent: this },
                );
                new digitalocean.UptimeAlert(
                    `${name}-down`,
                    {
                        name: `${name}-down`,
                        checkId: check.id,
                        type: "down",
                        period: "2m",
                        notifications: [{ emails: [args.alertEmail] }],
                    },
                    { parent: this },
                );
                break;
            }
            default: {
                // A cloud the contract gains later is a compile error here, and a clear one at run time.
                const unknown: never = args.cloud;
                throw new Error(
                    `uptime-monitor: webtier's outputs name the cloud ${JSON.stringify(unknown)}, which this example does not monitor yet.`,
                );
            }
        }
        this.registerOutputs({ checkedUrl: this.checkedUrl });
    }
}
