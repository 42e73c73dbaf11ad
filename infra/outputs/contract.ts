/**
 * The stack outputs contract: what other programs (a deploy tool, the app's configuration,
 * another stack through `StackReference`) may rely on. Identical in shape on both clouds.
 * Bump `CONTRACT_VERSION` on any breaking change and document it in the README.
 */
export const CONTRACT_VERSION = 1;

export interface ServerOutput {
    name: string;
    id: string;
    privateIp: string;
    /** Only on clouds whose servers have a public address. */
    publicIp?: string;
    zone: string;
}

/** Version 1 of webtier's stack outputs. Fields marked secret are Pulumi secrets. */
export interface WebtierOutputs {
    contractVersion: 1;
    cloud: "aws" | "digitalocean";
    region: string;
    environment: "dev" | "staging" | "prod";
    loadBalancer: {
        /** Hostname (AWS) or IP (DigitalOcean) to point DNS at. */
        address: string;
        url: string;
        https: boolean;
        /** The path the balancer's health check requests (and monitors may reuse). */
        healthCheckPath: string;
        /** The balancer's ARN (AWS) or id (DigitalOcean). */
        id: string;
        /** AWS only: the target group the servers are registered in. */
        targetGroupArn?: string;
        /**
         * DigitalOcean only: the in-rotation tag the balancer selects droplets by. Removing it
         * from a droplet takes the droplet out of rotation without touching its firewall access.
         */
        memberTag?: string;
    };
    servers: ServerOutput[];
    database: {
        engine: "mysql" | "postgres";
        host: string;
        port: number;
        name: string;
        user: string;
        /** Secret. */
        password: string;
        requireTls: boolean;
    };
    cache: {
        engine: "valkey" | "redis";
        host: string;
        port: number;
        user: string;
        /** Secret. */
        password: string;
        tls: boolean;
    };
    storage: {
        bucket: string;
        region: string;
        endpoint: string;
        cdnDomain?: string;
    };
    queue: {
        driver: "redis" | "sqs";
        url?: string;
        name?: string;
    };
    /** Secret: the rendered Laravel .env the servers run with (without per-server values). */
    laravelEnv: string;
    /**
     * The stack's alerting. An addition to version 1 (readers that do not know it ignore it):
     * absent only on stacks last deployed before alerts existed.
     */
    alerts?: AlertsOutput;
}

/** What a stack alerts on and where alerts go; the same shape on both clouds. */
export interface AlertsOutput {
    /** False when the stack runs without alerts (`webtier:alerts.enabled: false`); `items` is then empty. */
    enabled: boolean;
    /** AWS only: the ARN of the SNS topic every alarm notifies (subscribe more receivers to it). */
    topic?: string;
    /** The addresses alerts are emailed to. */
    emails: string[];
    items: AlertItemOutput[];
}

export interface AlertItemOutput {
    /** The logical name of the alarm / alert policy in the stack. */
    name: string;
    /** The alarm's name (AWS, as the CloudWatch console and API know it) or the alert's id (DigitalOcean). */
    id: string;
    /** The part of the tier it watches. */
    target: "balancer" | "servers" | "database" | "cache" | "queue";
    /** The metric, expression or check it watches. */
    metric: string;
}

/** The top-level output keys that must be secret. */
export const SECRET_OUTPUT_PATHS = ["database.password", "cache.password", "laravelEnv"] as const;
