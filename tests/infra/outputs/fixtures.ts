/**
 * Outputs documents that honour contract version 1, one per cloud, shaped like what a real
 * prod stack exports: what `pulumi stack output --json --show-secrets` prints.
 */
import { WebtierOutputs } from "../../../infra/outputs/contract";
import { RedactedWebtierOutputs, REDACTED_SECRET } from "../../../infra/outputs/validate";

export function awsOutputs(): WebtierOutputs {
    return {
        contractVersion: 1,
        cloud: "aws",
        region: "eu-west-1",
        environment: "prod",
        loadBalancer: {
            address: "aws-prod-alb-1234567890.eu-west-1.elb.amazonaws.com",
            url: "https://app.example.com",
            https: true,
            healthCheckPath: "/up",
            id: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/aws-prod-alb/50dc6c495c0c9188",
            targetGroupArn:
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/aws-prod-tg/73e2d6bc24d8a067",
        },
        servers: [
            { name: "aws-prod-app-1", id: "i-0a1b2c3d4e5f60001", privateIp: "10.20.16.10", zone: "eu-west-1a" },
            { name: "aws-prod-app-2", id: "i-0a1b2c3d4e5f60002", privateIp: "10.20.32.10", zone: "eu-west-1b" },
        ],
        database: {
            engine: "mysql",
            host: "aws-prod-db.c9akciq32.eu-west-1.rds.amazonaws.com",
            port: 3306,
            name: "laravel",
            user: "laravel",
            password: "db-Pa55word",
            requireTls: true,
        },
        cache: {
            engine: "valkey",
            host: "master.aws-prod-cache.abcdef.euw1.cache.amazonaws.com",
            port: 6379,
            user: "default",
            password: "cache-auth-token",
            tls: true,
        },
        storage: {
            bucket: "aws-prod-uploads-8f3c2a1",
            region: "eu-west-1",
            endpoint: "https://s3.eu-west-1.amazonaws.com",
            cdnDomain: "d111111abcdef8.cloudfront.net",
        },
        queue: {
            driver: "sqs",
            url: "https://sqs.eu-west-1.amazonaws.com/123456789012/aws-prod-jobs",
            name: "aws-prod-jobs",
        },
        laravelEnv: 'APP_ENV="production"\n',
        alerts: {
            enabled: true,
            topic: "arn:aws:sns:eu-west-1:123456789012:aws-prod-alerts-1a2b3c4",
            emails: ["ops@example.com"],
            items: [
                {
                    name: "aws-prod-alarm-target-5xx-rate",
                    id: "aws-prod-target-5xx-rate",
                    target: "balancer",
                    metric: "100 * HTTPCode_Target_5XX_Count / RequestCount (AWS/ApplicationELB)",
                },
                {
                    name: "aws-prod-alarm-app-1-memory",
                    id: "aws-prod-app-1-memory",
                    target: "servers",
                    metric: "mem_used_percent (CWAgent)",
                },
            ],
        },
    };
}

export function doOutputs(): WebtierOutputs {
    return {
        contractVersion: 1,
        cloud: "digitalocean",
        region: "ams3",
        environment: "prod",
        loadBalancer: {
            address: "198.51.100.25",
            url: "https://app.example.com",
            https: true,
            healthCheckPath: "/up",
            id: "4de7ac8b-495b-4884-9a69-1050c6793cd6",
            memberTag: "do-prod-lb",
        },
        servers: [
            { name: "do-prod-app-1", id: "500000028", privateIp: "10.20.0.44", publicIp: "203.0.113.44", zone: "ams3" },
            { name: "do-prod-app-2", id: "500000030", privateIp: "10.20.0.52", publicIp: "203.0.113.52", zone: "ams3" },
        ],
        database: {
            engine: "mysql",
            host: "private-do-prod-db-do-user-1.db.ondigitalocean.com",
            port: 25060,
            name: "app",
            user: "app",
            password: "db-Pa55word",
            requireTls: true,
        },
        cache: {
            engine: "valkey",
            host: "private-do-prod-cache-do-user-1.db.ondigitalocean.com",
            port: 25061,
            user: "default",
            password: "cache-auth-token",
            tls: true,
        },
        storage: { bucket: "do-prod-uploads-8f3c2a1", region: "ams3", endpoint: "https://ams3.digitaloceanspaces.com" },
        queue: { driver: "redis" },
        laravelEnv: 'APP_ENV="production"\n',
        alerts: {
            enabled: true,
            emails: ["ops@example.com"],
            items: [
                {
                    name: "do-prod-alert-servers-cpu",
                    id: "0b2c6a35-7c3e-4a3a-9f6b-5e1c2d3f4a5b",
                    target: "servers",
                    metric: "v1/insights/droplet/cpu",
                },
            ],
        },
    };
}

/** `outputs` as `pulumi stack output --json` prints them without --show-secrets. */
export function withoutSecrets(outputs: WebtierOutputs): RedactedWebtierOutputs {
    return { ...outputs, database: REDACTED_SECRET, cache: REDACTED_SECRET, laravelEnv: REDACTED_SECRET };
}

/** A deep copy of `outputs` with `path` ("loadBalancer.url", "servers.0.id") set to `value`; undefined deletes it. */
export function withValue(outputs: unknown, path: string, value: unknown): any {
    const copy = JSON.parse(JSON.stringify(outputs));
    const keys = path.split(".");
    const parent = keys.slice(0, -1).reduce((node, key) => node[key], copy);
    if (value === undefined) delete parent[keys[keys.length - 1]];
    else parent[keys[keys.length - 1]] = value;
    return copy;
}
