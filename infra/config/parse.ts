import { MODERN_TLS_POLICIES } from "../../policies/lib/config";
import { isVeryBroadPublic, isWorldOpen, parseCidr, Cidr, cidrContains } from "../../policies/lib/cidr";
import { EXAMPLE_REGION, REGIONS } from "./regions";
import { parseAlerts } from "./alerts";
import {
    CACHE_ENGINES, CLOUDS, Cloud, DATABASE_ENGINES, ENVIRONMENTS, Environment, QUEUE_DRIVERS,
    SIZE_CLASSES, WebtierConfig,
} from "./types";

/** The project's config namespace: every key is `webtier:<key>` in a stack file. */
export const NAMESPACE = "webtier";

/** One bad config value: which key, what was wrong, how to fix it. */
export interface ConfigProblem {
    key: string;
    message: string;
}

/** Thrown before any resource is registered when a stack's config is not usable. */
export class ConfigError extends Error {
    constructor(public readonly stack: string, public readonly problems: ConfigProblem[]) {
        super(
            `webtier: stack "${stack}" has ${problems.length} config problem(s):\n` +
                problems.map((p) => `  - ${NAMESPACE}:${p.key}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/**
 * Raw config as Pulumi stores it: key (without the namespace) to string; structured values
 * (objects, lists) are JSON text, exactly as `pulumi.runtime.allConfig()` hands them over.
 */
export type RawConfig = Record<string, string | undefined>;

const KNOWN_KEYS = [
    "cloud", "region", "environment", "domain", "dnsZone", "vpcCidr", "zones", "healthCheckPath", "tlsPolicy",
    "protectData", "servers", "database", "cache", "storage", "queue", "app", "appKey", "alerts",
] as const;

/**
 * TLS policies an HTTPS listener may use: the policy pack's list, so that config validation
 * and the pack agree (TLS 1.2 minimum, forward secrecy only).
 */
export { MODERN_TLS_POLICIES };

const DEFAULTS_BY_ENVIRONMENT: Record<Environment, { highAvailability: boolean; deletionProtection: boolean; backupRetentionDays: number }> = {
    dev: { highAvailability: false, deletionProtection: false, backupRetentionDays: 1 },
    staging: { highAvailability: false, deletionProtection: false, backupRetentionDays: 7 },
    prod: { highAvailability: true, deletionProtection: true, backupRetentionDays: 14 },
};

const HOSTNAME = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
const APP_KEY = /^base64:[A-Za-z0-9+/]{43}=$/;

/** Reads one stack's config into a validated `WebtierConfig`, or throws one `ConfigError` listing every problem. */
export function parseConfig(raw: RawConfig, stack: string): WebtierConfig {
    const problems: ConfigProblem[] = [];
    const problem = (key: string, message: string) => problems.push({ key, message });

    for (const key of Object.keys(raw)) {
        if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
            problem(key, `is not a webtier setting. Known settings: ${KNOWN_KEYS.join(", ")}.`);
        }
    }

    const object = (key: string): Record<string, unknown> => {
        const text = raw[key];
        if (text === undefined || text === "") return {};
        try {
            const value = JSON.parse(text);
            if (value && typeof value === "object" && !Array.isArray(value)) return value;
        } catch {
            // reported below
        }
        problem(key, `must be an object (a YAML mapping under ${NAMESPACE}:${key}), got ${JSON.stringify(text)}.`);
        return {};
    };
    const oneOf = <T extends string>(key: string, value: unknown, allowed: readonly T[], fallback: T, example?: string): T => {
        if (value === undefined || value === "") return fallback;
        if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
        problem(key, `${JSON.stringify(value)} is not allowed; use one of ${allowed.join(", ")}${example ? ` (for example ${example})` : ""}.`);
        return fallback;
    };
    const integer = (key: string, value: unknown, fallback: number, min: number, max: number): number => {
        if (value === undefined || value === "") return fallback;
        const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < min || n > max) {
            problem(key, `${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
            return fallback;
        }
        return n;
    };
    const bool = (key: string, value: unknown, fallback: boolean): boolean => {
        if (value === undefined || value === "") return fallback;
        if (value === true || value === "true") return true;
        if (value === false || value === "false") return false;
        problem(key, `${JSON.stringify(value)} must be true or false.`);
        return fallback;
    };
    const stringList = (key: string, value: unknown): string[] => {
        if (value === undefined || value === "") return [];
        let list: unknown = value;
        if (typeof value === "string") {
            try {
                list = JSON.parse(value);
            } catch {
                list = undefined;
            }
        }
        if (Array.isArray(list) && list.every((item) => typeof item === "string")) return list;
        problem(key, `${JSON.stringify(value)} must be a list of strings, for example ["203.0.113.10/32"].`);
        return [];
    };

    // Cloud and region first: most other checks depend on them.
    const cloudText = raw.cloud;
    let cloud: Cloud = "aws";
    if (!cloudText) {
        problem("cloud", `is required; set it with \`pulumi config set ${NAMESPACE}:cloud aws\` (or digitalocean).`);
    } else {
        cloud = oneOf("cloud", cloudText, CLOUDS, "aws", `\`pulumi config set ${NAMESPACE}:cloud digitalocean\``);
    }
    const cloudKnown = !!cloudText && (CLOUDS as readonly string[]).includes(cloudText);
    const region = raw.region ?? "";
    if (!region) {
        problem("region", `is required; for example \`pulumi config set ${NAMESPACE}:region ${EXAMPLE_REGION[cloud]}\`.`);
    } else if (cloudKnown && !REGIONS[cloud].includes(region)) {
        problem("region", `"${region}" is not a ${cloud} region webtier supports. Allowed: ${REGIONS[cloud].join(", ")}.`);
    }

    let environment: Environment = "dev";
    if (!raw.environment) {
        problem("environment", `is required so that prod gets prod defaults; one of ${ENVIRONMENTS.join(", ")}.`);
    } else {
        environment = oneOf("environment", raw.environment, ENVIRONMENTS, "dev");
    }
    const envDefaults = DEFAULTS_BY_ENVIRONMENT[environment];

    const domain = raw.domain?.trim().toLowerCase() || undefined;
    if (domain !== undefined && !HOSTNAME.test(domain)) {
        problem("domain", `"${raw.domain}" is not a hostname; use the bare name the app is served on, for example app.example.com (no scheme, no path).`);
    }
    if (domain === undefined && environment === "prod") {
        problem("domain", `is required in prod: without it the balancer cannot terminate TLS. Set it with \`pulumi config set ${NAMESPACE}:domain app.example.com\`.`);
    }
    const dnsZone = raw.dnsZone?.trim().toLowerCase().replace(/\.$/, "") || undefined;
    if (dnsZone !== undefined) {
        if (!HOSTNAME.test(dnsZone)) {
            problem("dnsZone", `"${raw.dnsZone}" is not a DNS zone name; for example example.com.`);
        } else if (domain !== undefined && domain !== dnsZone && !domain.endsWith(`.${dnsZone}`)) {
            problem("dnsZone", `"${dnsZone}" does not contain the domain "${domain}"; the zone must be the domain or one of its parents.`);
        } else if (domain === undefined) {
            problem("dnsZone", `is set but ${NAMESPACE}:domain is not; set the domain the balancer serves inside this zone.`);
        }
    }
    if (cloud === "digitalocean" && cloudKnown && domain !== undefined && dnsZone === undefined) {
        problem("dnsZone", `is required on DigitalOcean when a domain is set: Let's Encrypt certificates need the zone in DigitalOcean DNS (for example \`pulumi config set ${NAMESPACE}:dnsZone example.com\`).`);
    }

    const vpcCidr = raw.vpcCidr?.trim() || "10.20.0.0/16";
    const vpc = parseCidr(vpcCidr);
    if (!vpc || vpc.version !== 4) {
        problem("vpcCidr", `"${vpcCidr}" is not an IPv4 CIDR; for example 10.20.0.0/16.`);
    } else if (vpc.hadHostBits) {
        problem("vpcCidr", `"${vpcCidr}" has host bits set; did you mean ${vpcCidr.replace(/\/.*/, "")} with a matching network address, such as 10.20.0.0/16?`);
    } else if (vpc.prefix < 16 || vpc.prefix > 20) {
        problem("vpcCidr", `"${vpcCidr}" must be between /16 and /20 so that every zone gets a public and a private subnet.`);
    } else if (!["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((p) => cidrContains(parseCidr(p) as Cidr, vpc))) {
        problem("vpcCidr", `"${vpcCidr}" must be private (RFC 1918: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16).`);
    }
    const zones = integer("zones", raw.zones, 2, 2, 3);

    const healthCheckPath = raw.healthCheckPath?.trim() || "/up";
    if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(healthCheckPath) || healthCheckPath.length > 1024) {
        problem("healthCheckPath", `"${healthCheckPath}" must be a URL path starting with "/", for example /up.`);
    }
    const tlsPolicy = oneOf("tlsPolicy", raw.tlsPolicy, MODERN_TLS_POLICIES, MODERN_TLS_POLICIES[0]);
    const protectData = bool("protectData", raw.protectData, true);

    // Servers.
    const serversRaw = object("servers");
    const count = integer("servers.count", serversRaw.count, 2, 1, 100);
    if (environment === "prod" && count < 2 && serversRaw.count !== undefined) {
        problem("servers.count", `${count} is too few for prod: a load-balanced tier needs at least 2 servers.`);
    }
    const allowSshFrom = stringList("servers.allowSshFrom", serversRaw.allowSshFrom);
    for (const text of allowSshFrom) {
        const cidr = parseCidr(text);
        if (!cidr || !text.includes("/")) {
            problem("servers.allowSshFrom", `"${text}" is not a CIDR; write an address with its prefix, for example 203.0.113.10/32 or 2001:db8::/48.`);
        } else if (isWorldOpen(cidr)) {
            problem("servers.allowSshFrom", `"${text}" opens SSH to the whole internet; list your office or VPN ranges instead, for example 203.0.113.0/24.`);
        } else if (cidr.hadHostBits) {
            problem("servers.allowSshFrom", `"${text}" has host bits set; write the network address (for example 203.0.113.0/24) or a single host as /32.`);
        } else if (isVeryBroadPublic(cidr)) {
            problem("servers.allowSshFrom", `"${text}" is a very broad public range (shorter than /${cidr.version === 4 ? 8 : 32}); narrow it to your office or VPN ranges.`);
        }
    }
    const sshPublicKey = typeof serversRaw.sshPublicKey === "string" ? serversRaw.sshPublicKey.trim() : undefined;
    if (serversRaw.sshPublicKey !== undefined && !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/.test(sshPublicKey ?? "")) {
        problem("servers.sshPublicKey", `must be an OpenSSH public key line, for example "ssh-ed25519 AAAAC3Nza... you@laptop".`);
    }
    if (serversRaw.image !== undefined && (typeof serversRaw.image !== "string" || !serversRaw.image.trim())) {
        problem("servers.image", `must be an image id (an AMI id such as ami-0abc... on AWS, an image slug such as ubuntu-24-04-x64 on DigitalOcean).`);
    } else if (cloudKnown && cloud === "aws" && typeof serversRaw.image === "string" && !/^ami-[0-9a-f]{8,17}$/.test(serversRaw.image)) {
        problem("servers.image", `"${serversRaw.image}" is not an AMI id; on AWS use an id such as ami-0123456789abcdef0.`);
    }
    const servers = {
        count,
        size: oneOf("servers.size", serversRaw.size, SIZE_CLASSES, "small"),
        image: typeof serversRaw.image === "string" ? serversRaw.image.trim() : undefined,
        sshPublicKey,
        allowSshFrom,
        healthGate: bool("servers.healthGate", serversRaw.healthGate, true),
        healthGateTimeoutMinutes: integer("servers.healthGateTimeoutMinutes", serversRaw.healthGateTimeoutMinutes, 10, 1, 60),
    };

    // Database.
    const dbRaw = object("database");
    const dbEngine = oneOf("database.engine", dbRaw.engine, DATABASE_ENGINES, "mysql");
    const dbVersion = dbRaw.version === undefined ? (dbEngine === "mysql" ? "8.0" : "16") : String(dbRaw.version);
    const allowedVersions = dbEngine === "mysql" ? ["8.0", "8.4"] : ["14", "15", "16", "17"];
    if (!allowedVersions.includes(dbVersion)) {
        problem("database.version", `"${dbVersion}" is not a supported ${dbEngine} version; use one of ${allowedVersions.join(", ")}.`);
    }
    const database = {
        engine: dbEngine,
        version: dbVersion,
        size: oneOf("database.size", dbRaw.size, SIZE_CLASSES, "small"),
        storageGb: integer("database.storageGb", dbRaw.storageGb, 20, 20, 16384),
        highAvailability: bool("database.highAvailability", dbRaw.highAvailability, envDefaults.highAvailability),
        deletionProtection: bool("database.deletionProtection", dbRaw.deletionProtection, envDefaults.deletionProtection),
        backupRetentionDays: integer("database.backupRetentionDays", dbRaw.backupRetentionDays, envDefaults.backupRetentionDays, 1, 35),
    };

    // Cache.
    const cacheRaw = object("cache");
    const cacheEngine = oneOf("cache.engine", cacheRaw.engine, CACHE_ENGINES, "valkey");
    if (cloudKnown && cloud === "digitalocean" && cacheEngine === "redis") {
        problem("cache.engine", `"redis" cannot be created on DigitalOcean any more; use "valkey" (Laravel's Redis drivers work with it unchanged).`);
    }
    const cache = {
        engine: cacheEngine,
        size: oneOf("cache.size", cacheRaw.size, SIZE_CLASSES, "small"),
        highAvailability: bool("cache.highAvailability", cacheRaw.highAvailability, envDefaults.highAvailability),
    };

    // Storage.
    const storageRaw = object("storage");
    const corsOrigins = stringList("storage.corsOrigins", storageRaw.corsOrigins);
    for (const origin of corsOrigins) {
        if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin) && !/^http:\/\/localhost(:\d+)?$/.test(origin)) {
            problem("storage.corsOrigins", `"${origin}" must be an https origin without a path, for example https://app.example.com.`);
        }
    }
    const storage = { cdn: bool("storage.cdn", storageRaw.cdn, false), corsOrigins };

    // Queue.
    const queueRaw = object("queue");
    const queueDriver = oneOf("queue.driver", queueRaw.driver, QUEUE_DRIVERS, "redis");
    if (cloudKnown && cloud === "digitalocean" && queueDriver === "sqs") {
        problem("queue.driver", `"sqs" exists only on AWS; use "redis" on DigitalOcean.`);
    }

    // App.
    const appRaw = object("app");
    const phpVersion = appRaw.phpVersion === undefined ? "8.3" : String(appRaw.phpVersion);
    if (!["8.2", "8.3", "8.4"].includes(phpVersion)) {
        problem("app.phpVersion", `"${phpVersion}" is not supported; use 8.2, 8.3 or 8.4.`);
    }
    const appName = typeof appRaw.name === "string" && appRaw.name.trim() ? appRaw.name.trim() : stack;
    if (/["\n\\$]/.test(appName)) {
        problem("app.name", `"${appName}" may not contain quotes, backslashes, "$" or newlines (it is written into .env).`);
    }
    const repository = typeof appRaw.repository === "string" ? appRaw.repository.trim() : undefined;
    if (repository !== undefined && !/^(https:\/\/|git@)[^\s]+$/.test(repository)) {
        problem("app.repository", `"${repository}" must be an https:// or git@ repository address.`);
    }
    const branch = typeof appRaw.branch === "string" && appRaw.branch.trim() ? appRaw.branch.trim() : "main";
    if (!/^[A-Za-z0-9._\/-]+$/.test(branch)) {
        problem("app.branch", `"${branch}" is not a branch or tag name.`);
    }

    const alerts = parseAlerts(object("alerts"), { environment, cloud: cloudKnown ? cloud : undefined }, problem);

    // Secrets: present and well formed. The value itself is read again as a secret Output.
    const appKey = raw.appKey;
    if (!appKey) {
        problem("appKey", `is required: carry over the APP_KEY of the existing server (sessions and encrypted data depend on it): \`pulumi config set --secret ${NAMESPACE}:appKey "base64:..."\`; for a new app, \`php artisan key:generate --show\` prints one.`);
    } else if (!APP_KEY.test(appKey)) {
        problem("appKey", `is not a Laravel key; it must look like "base64:" followed by 44 base64 characters (what \`php artisan key:generate --show\` prints).`);
    }

    const name = stack.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    if (!/^[a-z][a-z0-9-]{0,19}$/.test(name)) {
        problems.push({ key: "(stack name)", message: `stack "${stack}" must start with a letter and have at most 20 letters, digits or dashes; its name prefixes every resource.` });
    }

    if (problems.length > 0) throw new ConfigError(stack, problems);
    return {
        name, cloud, region, environment, domain, dnsZone, vpcCidr, zones, healthCheckPath, tlsPolicy, protectData,
        servers, database, cache, storage, queue: { driver: queueDriver },
        app: { name: appName, phpVersion, repository, branch }, alerts,
    };
}
