/**
 * Builds the web tier on DigitalOcean under the mock harness for a dev-like and a prod-like
 * stack, once per test run, and offers small finders over the registered resources.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate, Evaluation, RegisteredResource } from "../../../tools/harness/evaluate";
import { parseConfig, RawConfig } from "../../../infra/config/parse";
import { WebTier } from "../../../infra/webtier";
import { CloudPlatform } from "../../../infra/components";
import { digitaloceanPlatform } from "../../../infra/digitalocean";
import { buildOutputs } from "../../../infra/outputs/build";
import { CREDENTIAL_VARIABLES } from "../../../infra/digitalocean/provider";

export const APP_KEY = `base64:${"Q".repeat(43)}=`;

/** One droplet, no domain, SSH closed: the do-dev stack's shape. */
export const DEV_CONFIG: RawConfig = {
    cloud: "digitalocean",
    region: "ams3",
    environment: "dev",
    servers: JSON.stringify({ count: 1, size: "small" }),
    appKey: APP_KEY,
};

export const SSH_ALLOWLIST = ["203.0.113.0/24", "2001:db8:1234::/48"];

/** Three droplets behind HTTPS, standbys, CDN and CORS: the do-prod stack's shape. */
export const PROD_CONFIG: RawConfig = {
    cloud: "digitalocean",
    region: "ams3",
    environment: "prod",
    domain: "app.example.com",
    dnsZone: "example.com",
    servers: JSON.stringify({
        count: 3,
        size: "medium",
        allowSshFrom: SSH_ALLOWLIST,
        sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMock ops@example.com",
    }),
    database: JSON.stringify({ engine: "mysql", size: "medium" }),
    storage: JSON.stringify({ cdn: true, corsOrigins: ["https://app.example.com"] }),
    alerts: JSON.stringify({
        emails: ["ops@example.com"],
        slack: { url: "https://hooks.slack.com/services/T000/B000/XXXX", channel: "#ops" },
    }),
    appKey: APP_KEY,
};

/** What the user-data renderer was asked for, per evaluation. */
export interface Built {
    evaluation: Evaluation;
    renderCalls: Array<{ index: number; count: number }>;
}

export interface BuildOptions {
    /** Evaluate as `pulumi preview` (computed values unknown). Default false. */
    preview?: boolean;
    /** Default: the platform `infra/platforms.ts` selects for DigitalOcean. */
    platform?: CloudPlatform;
}

/** Evaluates the tier for `raw` as stack `stack` and returns the graph plus the renderer's calls. */
export async function build(raw: RawConfig, stack: string, options: BuildOptions = {}): Promise<Built> {
    const renderCalls: Array<{ index: number; count: number }> = [];
    // The provider warns when its credentials are missing from the environment; these runs
    // never reach DigitalOcean, so stand-ins keep the warning out of the test output.
    const saved = Object.fromEntries(Object.values(CREDENTIAL_VARIABLES).map((v) => [v, process.env[v]]));
    for (const variable of Object.values(CREDENTIAL_VARIABLES))
        process.env[variable] = process.env[variable] || "test-stand-in";
    try {
        return { evaluation: await evaluateTier(raw, stack, options, renderCalls), renderCalls };
    } finally {
        for (const [variable, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[variable];
            else process.env[variable] = value;
        }
    }
}

function evaluateTier(
    raw: RawConfig,
    stack: string,
    options: BuildOptions,
    renderCalls: Array<{ index: number; count: number }>,
): Promise<Evaluation> {
    return evaluate({
        stack,
        preview: options.preview ?? false,
        program: () => {
            const config = parseConfig(raw, stack);
            const tier = new WebTier(config.name, options.platform ?? digitaloceanPlatform, {
                config,
                userData: (endpoints, server) => {
                    renderCalls.push(server);
                    return pulumi.interpolate`#cloud-config\n# server ${server.index + 1} of ${server.count}\n# database ${endpoints.database.host}\n# cache ${endpoints.cache.host}\n`;
                },
            });
            const { endpoints } = tier.resources;
            return {
                ...buildOutputs(config, tier.resources, pulumi.secret(APP_KEY)),
                probeDatabasePassword: endpoints.database.password,
                probeCachePassword: endpoints.cache.password,
                probeSpacesSecretKey: endpoints.storage.secretAccessKey,
                probeSpacesAccessKeyId: endpoints.storage.accessKeyId,
                probeAppUrl: endpoints.appUrl,
            };
        },
    });
}

let dev: Promise<Built> | undefined;
let prod: Promise<Built> | undefined;

/** The dev-like stack, evaluated once per run (Pulumi's runtime is global: one evaluation at a time). */
export function devTier(): Promise<Built> {
    dev = dev ?? build(DEV_CONFIG, "do-dev");
    return dev;
}

/** The prod-like stack, evaluated once per run, after the dev one. */
export function prodTier(): Promise<Built> {
    prod = prod ?? devTier().then(() => build(PROD_CONFIG, "do-prod"));
    return prod;
}

export function ofType(ev: Evaluation, type: string): RegisteredResource[] {
    return ev.resources.filter((r) => r.type === type);
}

/** Every resource of `type`, failing when there is none: a loop over them then checks something. */
export function someOf(ev: Evaluation, type: string): RegisteredResource[] {
    const found = ofType(ev, type);
    assert.ok(found.length > 0, `expected at least one ${type}, found none`);
    return found;
}

/** The single resource of `type` (and logical `name`, when given); fails if there is not exactly one. */
export function only(ev: Evaluation, type: string, name?: string): RegisteredResource {
    const found = ofType(ev, type).filter((r) => name === undefined || r.name === name);
    assert.strictEqual(
        found.length,
        1,
        `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`,
    );
    return found[0];
}

/** The stack's one Spaces bucket of `role` (its logical name ends with `-<role>`). */
function bucketWithRole(ev: Evaluation, role: "uploads" | "access-logs"): RegisteredResource {
    const found = ofType(ev, T.bucket).filter((r) => r.name.endsWith(`-${role}`));
    assert.strictEqual(
        found.length,
        1,
        `expected one ${role} bucket, found ${found.map((r) => r.name).join(", ") || "none"}`,
    );
    return found[0];
}

/** The uploads bucket (the stack has another, for its access logs, unless accessLogDays is 0). */
export function uploadsBucket(ev: Evaluation): RegisteredResource {
    return bucketWithRole(ev, "uploads");
}

/** The access-log bucket (absent when accessLogDays is 0). */
export function accessLogsBucket(ev: Evaluation): RegisteredResource {
    return bucketWithRole(ev, "access-logs");
}

export const T = {
    provider: "pulumi:providers:digitalocean",
    vpc: "digitalocean:index/vpc:Vpc",
    cluster: "digitalocean:index/databaseCluster:DatabaseCluster",
    databaseDb: "digitalocean:index/databaseDb:DatabaseDb",
    databaseUser: "digitalocean:index/databaseUser:DatabaseUser",
    databaseFirewall: "digitalocean:index/databaseFirewall:DatabaseFirewall",
    bucket: "digitalocean:index/spacesBucket:SpacesBucket",
    cors: "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",
    bucketLogging: "digitalocean:index/spacesBucketLogging:SpacesBucketLogging",
    cdn: "digitalocean:index/cdn:Cdn",
    spacesKey: "digitalocean:index/spacesKey:SpacesKey",
    tag: "digitalocean:index/tag:Tag",
    sshKey: "digitalocean:index/sshKey:SshKey",
    droplet: "digitalocean:index/droplet:Droplet",
    loadBalancer: "digitalocean:index/loadBalancer:LoadBalancer",
    certificate: "digitalocean:index/certificate:Certificate",
    dnsRecord: "digitalocean:index/dnsRecord:DnsRecord",
    firewall: "digitalocean:index/firewall:Firewall",
} as const;

/** The database cluster (engine mysql/pg) and the cache cluster (engine valkey). */
export function clusters(ev: Evaluation): { database: RegisteredResource; cache: RegisteredResource } {
    const all = ofType(ev, T.cluster);
    const cache = all.filter((c) => c.inputs.engine === "valkey");
    const database = all.filter((c) => c.inputs.engine !== "valkey");
    assert.strictEqual(cache.length, 1, "expected one Valkey cluster");
    assert.strictEqual(database.length, 1, "expected one SQL cluster");
    return { database: database[0], cache: cache[0] };
}
