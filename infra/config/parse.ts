import { MODERN_TLS_POLICIES } from "../../policies/lib/config";
import { BROAD_PREFIX, isVeryBroadPublic, isWorldOpen, parseCidr, Cidr, cidrContains } from "../../policies/lib/cidr";
import { CLOUDS, cloudProfile, isCloud } from "../clouds";
import { NAMESPACE } from "./namespace";
import { EXAMPLE_REGION, REGIONS } from "./regions";
import { parseAlerts } from "./alerts";
import {
    defaultEngineVersion,
    engineVersionProblem,
    findEngineVersion,
    today,
} from "../../policies/preflight/engine-versions";
import { refusedNames } from "./names";
import { displayName } from "../../policies/preflight/autoname";
import { defaultVpcCidr, reservedRangeProblem } from "./network";
import {
    AppConfig,
    CACHE_ENGINES,
    CacheConfig,
    Cloud,
    DATABASE_ENGINES,
    DatabaseConfig,
    ENVIRONMENTS,
    Environment,
    QUEUE_DRIVERS,
    QueueConfig,
    ServersConfig,
    SIZE_CLASSES,
    StorageConfig,
    WebtierConfig,
} from "./types";

/** The project's config namespace: every key is `webtier:<key>` in a stack file. */
export { NAMESPACE } from "./namespace";

/** One bad config value: which key, what was wrong, how to fix it. */
export interface ConfigProblem {
    key: string;
    message: string;
}

/** Thrown before any resource is registered when a stack's config is not usable. */
export class ConfigError extends Error {
    // `stackName`, not `stack`: a `stack` field would replace Error.stack, and the language host
    // prints an uncaught error by inspecting it (util.inspect shows `stack`), so users saw
    // "[aws-dev] { problems: [...] }" instead of this message.
    constructor(
        public readonly stackName: string,
        public readonly problems: ConfigProblem[],
    ) {
        super(
            `webtier: stack "${stackName}" has ${problems.length} config problem(s):\n` +
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
    "cloud",
    "region",
    "environment",
    "domain",
    "dnsZone",
    "vpcCidr",
    "zones",
    "healthCheckPath",
    "tlsPolicy",
    "accessLogDays",
    "protectData",
    "servers",
    "database",
    "cache",
    "storage",
    "queue",
    "app",
    "appKey",
    "alerts",
] as const;

/**
 * TLS policies an HTTPS listener may use: the policy pack's list, so that config validation
 * and the pack agree (TLS 1.2 minimum, forward secrecy only).
 */
export { MODERN_TLS_POLICIES };

/**
 * Every default in one place. Values that depend on the environment, the cloud or the stack are
 * functions of them; the README's configuration table states the same values.
 */
export const DEFAULTS = {
    zones: 2,
    healthCheckPath: "/up",
    tlsPolicy: MODERN_TLS_POLICIES[0],
    protectData: true,
    /** AWS: fixed; DigitalOcean: a /16 derived from the stack name (see network.ts). */
    vpcCidr: (cloud: Cloud, stack: string) => defaultVpcCidr(cloud, stack),
    servers: { count: 2, size: "small" as const, healthGate: true, healthGateTimeoutMinutes: 10 },
    database: {
        engine: "mysql" as const,
        /** The newest version in standard support / available on the cloud (engine-versions.ts). */
        version: (cloud: Cloud, engine: (typeof DATABASE_ENGINES)[number]) =>
            defaultEngineVersion(cloud, engine).version,
        size: "small" as const,
        storageGb: 20,
        /** RDS Extended Support is paid: only on the user's explicit opt-in. */
        extendedSupport: false,
    },
    cache: { engine: "valkey" as const, size: "small" as const },
    storage: { cdn: false, versionRetentionDays: 0 },
    queue: { driver: "redis" as const },
    app: { phpVersion: "8.3", branch: "main" },
    byEnvironment: {
        dev: { highAvailability: false, deletionProtection: false, backupRetentionDays: 1, accessLogDays: 7 },
        staging: { highAvailability: false, deletionProtection: false, backupRetentionDays: 7, accessLogDays: 30 },
        prod: { highAvailability: true, deletionProtection: true, backupRetentionDays: 14, accessLogDays: 90 },
    } as Record<
        Environment,
        { highAvailability: boolean; deletionProtection: boolean; backupRetentionDays: number; accessLogDays: number }
    >,
};

/**
 * Bounds on the settings written into the servers' user data, which EC2 limits to 16 KB
 * (DigitalOcean to 64 KiB). Measured on the rendered user data: each character of these values
 * adds about one byte, and the rest (about 15.4 KB on AWS with short values) is webtier's own.
 * The preflight (`webtier-preflight-user-data`) measures the rendered result in the check.
 */
export const APP_LIMITS = { name: 64, repository: 256, branch: 128, healthCheckPath: 128 };

/** The longest stack name: the balancer's autoname (`<stack>-alb-` + 7 characters) then fills ELB's 32 exactly. */
export const MAX_STACK_NAME = 20;

/**
 * The longest `servers.sshPublicKey` line: an RSA-4096 key (the largest RSA key EC2's
 * ImportKeyPair takes: 1024, 2048 or 4096 bits) is 716 base64 characters, with room for a comment.
 */
export const SSH_PUBLIC_KEY_MAX = 1024;

const HOSTNAME = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
const APP_KEY = /^base64:[A-Za-z0-9+/]{43}=$/;
/** ACM's limit on a certificate's first domain name (its subject common name, X.509 ub-common-name). */

/**
 * Collects problems and reads raw values; every section parser works through one. Exported so
 * that a section in its own file (`parseX(r, ctx)`) reads and reports the same way.
 */
export class Reader {
    readonly problems: ConfigProblem[] = [];
    constructor(readonly raw: RawConfig) {}

    problem(key: string, message: string): void {
        this.problems.push({ key, message });
    }

    object(key: string): Record<string, unknown> {
        const text = this.raw[key];
        if (text === undefined || text === "") return {};
        try {
            const value = JSON.parse(text);
            if (value && typeof value === "object" && !Array.isArray(value)) return value;
        } catch {
            // reported below
        }
        this.problem(key, `must be an object (a YAML mapping under ${NAMESPACE}:${key}), got ${JSON.stringify(text)}.`);
        return {};
    }

    oneOf<T extends string>(key: string, value: unknown, allowed: readonly T[], fallback: T, example?: string): T {
        if (value === undefined || value === "") return fallback;
        if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
        this.problem(
            key,
            `${JSON.stringify(value)} is not allowed; use one of ${allowed.join(", ")}${example ? ` (for example ${example})` : ""}.`,
        );
        return fallback;
    }

    integer(key: string, value: unknown, fallback: number, min: number, max: number): number {
        if (value === undefined || value === "") return fallback;
        const n =
            typeof value === "number"
                ? value
                : typeof value === "string" && /^-?\d+$/.test(value.trim())
                  ? Number(value)
                  : NaN;
        if (!Number.isInteger(n) || n < min || n > max) {
            this.problem(key, `${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
            return fallback;
        }
        return n;
    }

    bool(key: string, value: unknown, fallback: boolean): boolean {
        if (value === undefined || value === "") return fallback;
        if (value === true || value === "true") return true;
        if (value === false || value === "false") return false;
        this.problem(key, `${JSON.stringify(value)} must be true or false.`);
        return fallback;
    }

    stringList(key: string, value: unknown): string[] {
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
        this.problem(key, `${JSON.stringify(value)} must be a list of strings, for example ["203.0.113.10/32"].`);
        return [];
    }
}

/** A YAML scalar as text (a version may be written as a number); anything else as its JSON. */
function scalarText(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : JSON.stringify(value);
}

/** Control characters (C0 and DEL): never valid in a value written into user data or shell commands. */
const CONTROL_CHARACTERS = {
    test: (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
};

/** What the section parsers share: the stack, the cloud (known or not), its region and the environment. */
export interface Context {
    stack: string;
    /** The stack name as resources are prefixed with it. */
    name: string;
    cloud: Cloud;
    /** False when `cloud` is missing or invalid: cloud-specific checks are then skipped. */
    cloudKnown: boolean;
    /** The region as written (parseCloud reports a bad one). */
    region: string;
    environment: Environment;
    /** YYYY-MM-DD against which version tables are read. */
    today: string;
}

/** Options of `parseConfig` (tests pin the day the version tables are read on). */
export interface ParseOptions {
    /** YYYY-MM-DD; default today (UTC). */
    today?: string;
}

/** Reads one stack's config into a validated `WebtierConfig`, or throws one `ConfigError` listing every problem. */
export function parseConfig(raw: RawConfig, stack: string, options: ParseOptions = {}): WebtierConfig {
    const r = new Reader(raw);
    for (const key of Object.keys(raw)) {
        if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
            r.problem(key, `is not a webtier setting. Known settings: ${KNOWN_KEYS.join(", ")}.`);
        }
    }
    // Cloud, region and environment first: most other checks depend on them.
    const { cloud, cloudKnown, region } = parseCloud(r);
    const environment = parseEnvironment(r);
    const ctx: Context = {
        stack,
        name: stackResourceName(stack),
        cloud,
        cloudKnown,
        region,
        environment,
        today: options.today ?? today(),
    };

    const { domain, dnsZone } = parseDomain(r, ctx);
    const { vpcCidr, zones } = parseNetwork(r, ctx);
    const { healthCheckPath, tlsPolicy, accessLogDays } = parseBalancer(r, ctx);
    const protectData = r.bool("protectData", raw.protectData, DEFAULTS.protectData);
    const servers = parseServers(r, ctx);
    const database = parseDatabase(r, ctx);
    const cache = parseCache(r, ctx);
    const storage = parseStorage(r);
    const queue = parseQueue(r);
    const app = parseApp(r, ctx);
    const alerts = parseAlerts(
        r.object("alerts"),
        { environment, cloud: cloudKnown ? cloud : undefined },
        (key, message) => r.problem(key, message),
    );
    // A new section: a parseX(r, ctx) in its own file, one line here, one key in KNOWN_KEYS.
    parseSecrets(r);
    parseStackName(r, ctx);

    const config: WebtierConfig = {
        name: ctx.name,
        cloud,
        region,
        environment,
        domain,
        dnsZone,
        vpcCidr,
        zones,
        healthCheckPath,
        tlsPolicy,
        accessLogDays,
        protectData,
        servers,
        database,
        cache,
        storage,
        queue,
        app,
        alerts,
    };
    // The rules only the chosen cloud has (infra/<cloud>/profile.ts).
    if (cloudKnown) {
        cloudProfile(cloud).validate(config, {
            report: (key, message) => r.problem(key, message),
            reported: (key) => r.problems.some((problem) => problem.key === key),
        });
    }
    if (r.problems.length > 0) throw new ConfigError(stack, r.problems);
    return config;
}

/** The stack name as every resource is prefixed with it: lowercase letters, digits and single dashes. */
export function stackResourceName(stack: string): string {
    return stack
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/-+/g, "-")
        .replace(/^-|-$/g, "");
}

function parseCloud(r: Reader): { cloud: Cloud; cloudKnown: boolean; region: string } {
    const cloudText = r.raw.cloud;
    // The registered clouds (infra/clouds.ts), named in the messages as examples.
    const [first, ...others] = CLOUDS;
    let cloud: Cloud = first;
    if (!cloudText) {
        r.problem(
            "cloud",
            `is required; set it with \`pulumi config set ${NAMESPACE}:cloud ${first}\` (or ${others.join(", ")}).`,
        );
    } else {
        const last = CLOUDS[CLOUDS.length - 1];
        cloud = r.oneOf("cloud", cloudText, CLOUDS, first, `\`pulumi config set ${NAMESPACE}:cloud ${last}\``);
    }
    const cloudKnown = !!cloudText && isCloud(cloudText);
    const region = r.raw.region ?? "";
    if (!region) {
        r.problem(
            "region",
            `is required; for example \`pulumi config set ${NAMESPACE}:region ${EXAMPLE_REGION[cloud]}\`.`,
        );
    } else if (cloudKnown && !REGIONS[cloud].includes(region)) {
        r.problem(
            "region",
            `"${region}" is not a ${cloud} region webtier supports. Allowed: ${REGIONS[cloud].join(", ")}.`,
        );
    }
    return { cloud, cloudKnown, region };
}

function parseEnvironment(r: Reader): Environment {
    if (!r.raw.environment) {
        r.problem("environment", `is required so that prod gets prod defaults; one of ${ENVIRONMENTS.join(", ")}.`);
        return "dev";
    }
    return r.oneOf("environment", r.raw.environment, ENVIRONMENTS, "dev");
}

function parseDomain(r: Reader, ctx: Context): { domain?: string; dnsZone?: string } {
    const domain = r.raw.domain?.trim().toLowerCase() || undefined;
    if (domain !== undefined && !HOSTNAME.test(domain)) {
        r.problem(
            "domain",
            `"${r.raw.domain}" is not a hostname; use the bare name the app is served on, for example app.example.com (no scheme, no path).`,
        );
    }
    if (domain === undefined && ctx.environment === "prod") {
        r.problem(
            "domain",
            `is required in prod: without it the balancer cannot terminate TLS. Set it with \`pulumi config set ${NAMESPACE}:domain app.example.com\`.`,
        );
    }
    const dnsZone = r.raw.dnsZone?.trim().toLowerCase().replace(/\.$/, "") || undefined;
    if (dnsZone !== undefined) {
        if (!HOSTNAME.test(dnsZone)) {
            r.problem("dnsZone", `"${r.raw.dnsZone}" is not a DNS zone name; for example example.com.`);
        } else if (domain !== undefined && domain !== dnsZone && !domain.endsWith(`.${dnsZone}`)) {
            r.problem(
                "dnsZone",
                `"${dnsZone}" does not contain the domain "${domain}"; the zone must be the domain or one of its parents.`,
            );
        } else if (domain === undefined) {
            r.problem(
                "dnsZone",
                `is set but ${NAMESPACE}:domain is not; set the domain the balancer serves inside this zone.`,
            );
        }
    }
    return { domain, dnsZone };
}

function parseNetwork(r: Reader, ctx: Context): { vpcCidr: string; zones: number } {
    const vpcCidr = r.raw.vpcCidr?.trim() || DEFAULTS.vpcCidr(ctx.cloud, ctx.name);
    const vpc = parseCidr(vpcCidr);
    if (!vpc || vpc.version !== 4) {
        r.problem("vpcCidr", `"${vpcCidr}" is not an IPv4 CIDR; for example 10.20.0.0/16.`);
    } else if (vpc.hadHostBits) {
        r.problem(
            "vpcCidr",
            `"${vpcCidr}" has host bits set; did you mean ${vpcCidr.replace(/\/.*/, "")} with a matching network address, such as 10.20.0.0/16?`,
        );
    } else if (vpc.prefix < 16 || vpc.prefix > 20) {
        r.problem(
            "vpcCidr",
            `"${vpcCidr}" must be between /16 and /20 so that every zone gets a public and a private subnet.`,
        );
    } else if (
        !["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((p) => cidrContains(parseCidr(p) as Cidr, vpc))
    ) {
        r.problem(
            "vpcCidr",
            `"${vpcCidr}" must be private (RFC 1918: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16).`,
        );
    } else if (ctx.cloudKnown) {
        const reserved = reservedRangeProblem(ctx.cloud, vpc, ctx.region);
        if (reserved) {
            r.problem(
                "vpcCidr",
                `"${vpcCidr}" ${reserved}. Leave vpcCidr unset for a range derived from the stack name (${defaultVpcCidr(ctx.cloud, ctx.name)}), or pick another /16 such as 10.30.0.0/16.`,
            );
        }
    }
    return { vpcCidr, zones: r.integer("zones", r.raw.zones, DEFAULTS.zones, 2, 3) };
}

function parseBalancer(r: Reader, ctx: Context): { healthCheckPath: string; tlsPolicy: string; accessLogDays: number } {
    const healthCheckPath = r.raw.healthCheckPath?.trim() || DEFAULTS.healthCheckPath;
    if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(healthCheckPath)) {
        r.problem("healthCheckPath", `"${healthCheckPath}" must be a URL path starting with "/", for example /up.`);
    } else if (healthCheckPath.length > APP_LIMITS.healthCheckPath) {
        r.problem(
            "healthCheckPath",
            `is ${healthCheckPath.length} characters; at most ${APP_LIMITS.healthCheckPath} (the balancers take 1024, but the path is written into every server's user data, which EC2 limits to 16 KB). Use a short route such as /up.`,
        );
    }
    return {
        healthCheckPath,
        tlsPolicy: r.oneOf("tlsPolicy", r.raw.tlsPolicy, MODERN_TLS_POLICIES, DEFAULTS.tlsPolicy),
        // 3650: ten years, past any audit retention; S3 lifecycle takes more, nobody means it.
        accessLogDays: r.integer(
            "accessLogDays",
            r.raw.accessLogDays,
            ctx.cloudKnown && cloudProfile(ctx.cloud).accessLogs.length > 0
                ? DEFAULTS.byEnvironment[ctx.environment].accessLogDays
                : 0,
            0,
            3650,
        ),
    };
}

function parseServers(r: Reader, ctx: Context): ServersConfig {
    const raw = r.object("servers");
    const count = r.integer("servers.count", raw.count, DEFAULTS.servers.count, 1, 100);
    if (ctx.environment === "prod" && count < 2 && raw.count !== undefined) {
        r.problem("servers.count", `${count} is too few for prod: a load-balanced tier needs at least 2 servers.`);
    }
    const allowSshFrom = r.stringList("servers.allowSshFrom", raw.allowSshFrom);
    for (const text of allowSshFrom) {
        const cidr = parseCidr(text);
        if (!cidr || !text.includes("/")) {
            r.problem(
                "servers.allowSshFrom",
                `"${text}" is not a CIDR; write an address with its prefix, for example 203.0.113.10/32 or 2001:db8::/48.`,
            );
        } else if (isWorldOpen(cidr)) {
            r.problem(
                "servers.allowSshFrom",
                `"${text}" opens SSH to the whole internet; list your office or VPN ranges instead, for example 203.0.113.0/24.`,
            );
        } else if (cidr.hadHostBits) {
            r.problem(
                "servers.allowSshFrom",
                `"${text}" has host bits set; write the network address (for example 203.0.113.0/24) or a single host as /32.`,
            );
        } else if (isVeryBroadPublic(cidr)) {
            r.problem(
                "servers.allowSshFrom",
                `"${text}" is a very broad public range (more public addresses than a /${BROAD_PREFIX[cidr.version]}); narrow it to your office or VPN ranges.`,
            );
        }
    }
    const sshPublicKey = typeof raw.sshPublicKey === "string" ? raw.sshPublicKey.trim() : undefined;
    if (
        raw.sshPublicKey !== undefined &&
        !/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/.test(sshPublicKey ?? "")
    ) {
        r.problem(
            "servers.sshPublicKey",
            `must be an OpenSSH public key line, for example "ssh-ed25519 AAAAC3Nza... you@laptop".`,
        );
    } else if (sshPublicKey !== undefined && sshPublicKey.length > SSH_PUBLIC_KEY_MAX) {
        r.problem(
            "servers.sshPublicKey",
            `is ${sshPublicKey.length} characters; at most ${SSH_PUBLIC_KEY_MAX} are accepted (an RSA-4096 key, the largest EC2 imports, with a comment is about 800; the key goes into every server's user data). Use an ed25519 key (\`ssh-keygen -t ed25519\`) or a shorter comment.`,
        );
    }
    if (raw.image !== undefined && (typeof raw.image !== "string" || !raw.image.trim())) {
        r.problem(
            "servers.image",
            `must be an image id (an AMI id such as ami-0abc... on AWS, an image slug such as ubuntu-24-04-x64 on DigitalOcean).`,
        );
    }
    return {
        count,
        size: r.oneOf("servers.size", raw.size, SIZE_CLASSES, DEFAULTS.servers.size),
        image: typeof raw.image === "string" ? raw.image.trim() : undefined,
        sshPublicKey,
        allowSshFrom,
        healthGate: r.bool("servers.healthGate", raw.healthGate, DEFAULTS.servers.healthGate),
        healthGateTimeoutMinutes: r.integer(
            "servers.healthGateTimeoutMinutes",
            raw.healthGateTimeoutMinutes,
            DEFAULTS.servers.healthGateTimeoutMinutes,
            1,
            60,
        ),
    };
}

function parseDatabase(r: Reader, ctx: Context): DatabaseConfig {
    const raw = r.object("database");
    const envDefaults = DEFAULTS.byEnvironment[ctx.environment];
    const engine = r.oneOf("database.engine", raw.engine, DATABASE_ENGINES, DEFAULTS.database.engine);
    const extendedSupport = r.bool("database.extendedSupport", raw.extendedSupport, DEFAULTS.database.extendedSupport);
    let written = raw.version === undefined || raw.version === "" ? undefined : scalarText(raw.version);
    // YAML reads `version: 8.0` as the number 8: take it as the "8.0" the user wrote.
    if (
        typeof raw.version === "number" &&
        Number.isInteger(raw.version) &&
        ctx.cloudKnown &&
        !findEngineVersion(ctx.cloud, engine, String(raw.version))
    ) {
        if (findEngineVersion(ctx.cloud, engine, `${raw.version}.0`)) written = `${raw.version}.0`;
    }
    let version = written ?? DEFAULTS.database.version(ctx.cloud, engine);
    if (ctx.cloudKnown) {
        const problem = engineVersionProblem(ctx.cloud, engine, version, { extendedSupport, on: ctx.today });
        if (problem) r.problem("database.version", problem);
        // One spelling per version from here on ("8" on DigitalOcean is config's "8.0").
        version = findEngineVersion(ctx.cloud, engine, version)?.version ?? version;
    }
    return {
        engine,
        version,
        extendedSupport,
        size: r.oneOf("database.size", raw.size, SIZE_CLASSES, DEFAULTS.database.size),
        storageGb: r.integer("database.storageGb", raw.storageGb, DEFAULTS.database.storageGb, 20, 16384),
        highAvailability: r.bool("database.highAvailability", raw.highAvailability, envDefaults.highAvailability),
        deletionProtection: r.bool(
            "database.deletionProtection",
            raw.deletionProtection,
            envDefaults.deletionProtection,
        ),
        backupRetentionDays: r.integer(
            "database.backupRetentionDays",
            raw.backupRetentionDays,
            envDefaults.backupRetentionDays,
            1,
            35,
        ),
    };
}

function parseCache(r: Reader, ctx: Context): CacheConfig {
    const raw = r.object("cache");
    const engine = r.oneOf("cache.engine", raw.engine, CACHE_ENGINES, DEFAULTS.cache.engine);
    return {
        engine,
        size: r.oneOf("cache.size", raw.size, SIZE_CLASSES, DEFAULTS.cache.size),
        highAvailability: r.bool(
            "cache.highAvailability",
            raw.highAvailability,
            DEFAULTS.byEnvironment[ctx.environment].highAvailability,
        ),
    };
}

function parseStorage(r: Reader): StorageConfig {
    const raw = r.object("storage");
    const corsOrigins = r.stringList("storage.corsOrigins", raw.corsOrigins);
    for (const origin of corsOrigins) {
        if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin) && !/^http:\/\/localhost(:\d+)?$/.test(origin)) {
            r.problem(
                "storage.corsOrigins",
                `"${origin}" must be an https origin without a path, for example https://app.example.com.`,
            );
        }
    }
    return {
        cdn: r.bool("storage.cdn", raw.cdn, DEFAULTS.storage.cdn),
        corsOrigins,
        // 3650: ten years, as for accessLogDays; 0 keeps every version.
        versionRetentionDays: r.integer(
            "storage.versionRetentionDays",
            raw.versionRetentionDays,
            DEFAULTS.storage.versionRetentionDays,
            0,
            3650,
        ),
    };
}

function parseQueue(r: Reader): QueueConfig {
    const raw = r.object("queue");
    const driver = r.oneOf("queue.driver", raw.driver, QUEUE_DRIVERS, DEFAULTS.queue.driver);
    return { driver };
}

/**
 * The app settings end up in the servers' user data and in shell commands: bounded in length,
 * free of control characters, and (for the branch) a ref git accepts that no git command can
 * mistake for an option.
 */
function parseApp(r: Reader, ctx: Context): AppConfig {
    const raw = r.object("app");
    const phpVersion = raw.phpVersion === undefined ? DEFAULTS.app.phpVersion : scalarText(raw.phpVersion);
    if (!["8.2", "8.3", "8.4"].includes(phpVersion)) {
        r.problem("app.phpVersion", `"${phpVersion}" is not supported; use 8.2, 8.3 or 8.4.`);
    }
    const name = typeof raw.name === "string" && raw.name.trim() ? raw.name.trim() : ctx.stack;
    if (/["\n\\$]/.test(name)) {
        r.problem(
            "app.name",
            `"${name}" may not contain quotes, backslashes, "$" or newlines (it is written into .env).`,
        );
    } else if (CONTROL_CHARACTERS.test(name)) {
        r.problem(
            "app.name",
            `${JSON.stringify(name)} contains control characters; use printable text, for example "Example".`,
        );
    } else if (name.length > APP_LIMITS.name) {
        r.problem(
            "app.name",
            `is ${name.length} characters; at most ${APP_LIMITS.name} (it is written into every server's user data). Use a shorter display name, for example "Example".`,
        );
    }
    const repository = typeof raw.repository === "string" ? raw.repository.trim() : undefined;
    if (repository !== undefined && !/^(https:\/\/|git@)[^\s]+$/.test(repository)) {
        r.problem("app.repository", `"${repository}" must be an https:// or git@ repository address.`);
    } else if (repository !== undefined && CONTROL_CHARACTERS.test(repository)) {
        r.problem(
            "app.repository",
            `contains control characters; write the plain address, for example https://github.com/example/app.git.`,
        );
    } else if (repository !== undefined && repository.length > APP_LIMITS.repository) {
        r.problem(
            "app.repository",
            `is ${repository.length} characters; at most ${APP_LIMITS.repository} (it is written into every server's user data). Use the repository's canonical address, for example https://github.com/example/app.git.`,
        );
    }
    const branch = typeof raw.branch === "string" && raw.branch.trim() ? raw.branch.trim() : DEFAULTS.app.branch;
    const badRef = branchProblem(branch);
    if (badRef)
        r.problem(
            "app.branch",
            `"${branch.length > 60 ? `${branch.slice(0, 60)}...` : branch}" ${badRef}; use a branch or tag name such as main or v1.4.2.`,
        );
    return { name, phpVersion, repository, branch };
}

/** Why git (check-ref-format) or webtier refuses a branch or tag name, or undefined. */
export function branchProblem(branch: string): string | undefined {
    if (branch.length > APP_LIMITS.branch)
        return `is ${branch.length} characters, over ${APP_LIMITS.branch} (it is written into every server's user data)`;
    if (!/^[A-Za-z0-9._/-]+$/.test(branch)) return "is not a branch or tag name (letters, digits, . _ / - only)";
    if (branch.startsWith("-")) return 'starts with "-", which git commands would read as an option';
    if (
        branch.includes("..") ||
        branch.includes("//") ||
        branch.endsWith("/") ||
        branch.endsWith(".") ||
        branch.startsWith("/")
    ) {
        return 'is not a ref name git accepts (no "..", "//", leading "/" or trailing "/" or ".")';
    }
    if (branch.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"))) {
        return 'is not a ref name git accepts (no component may start with "." or end with ".lock")';
    }
    return undefined;
}

/** Secrets: present and well formed. The value itself is read again as a secret Output. */
function parseSecrets(r: Reader): void {
    const appKey = r.raw.appKey;
    if (!appKey) {
        r.problem(
            "appKey",
            `is required: carry over the APP_KEY of the existing server (sessions and encrypted data depend on it): \`pulumi config set --secret ${NAMESPACE}:appKey "base64:..."\`; for a new app, \`php artisan key:generate --show\` prints one.`,
        );
    } else if (!APP_KEY.test(appKey)) {
        r.problem(
            "appKey",
            `is not a Laravel key; it must look like "base64:" followed by 44 base64 characters (what \`php artisan key:generate --show\` prints).`,
        );
    }
}

/**
 * The stack name prefixes every resource: its shape first, then every name derived from it
 * against the cloud's rules for the resource it names, after autonaming.
 */
function parseStackName(r: Reader, ctx: Context): void {
    const key = "(stack name)";
    if (!new RegExp(`^[a-z][a-z0-9-]{0,${MAX_STACK_NAME - 1}}$`).test(ctx.name)) {
        r.problem(
            key,
            `stack "${ctx.stack}" must start with a letter and have at most ${MAX_STACK_NAME} letters, digits or dashes; its name prefixes every resource.`,
        );
        return;
    }
    if (!ctx.cloudKnown) return;
    // One problem per resource type and reason (four security groups fail alike).
    const grouped = new Map<string, { roles: string[]; names: string[]; problems: string[] }>();
    for (const refusal of refusedNames(ctx.cloud, ctx.name)) {
        const id = `${refusal.derived.type} ${refusal.problems.join("; ")}`;
        const entry = grouped.get(id) ?? { roles: [], names: [], problems: refusal.problems };
        if (!entry.roles.includes(refusal.derived.role)) entry.roles.push(refusal.derived.role);
        entry.names.push(`"${displayName(refusal.name)}"`);
        grouped.set(id, entry);
    }
    for (const entry of grouped.values()) {
        r.problem(
            key,
            `stack "${ctx.stack}" names ${entry.roles.join(", ")} ${entry.names.join(", ")} (after the provider's autonaming), which ${cloudProfile(ctx.cloud).label} refuses: ${entry.names.length > 1 ? "each" : "it"} ${entry.problems.join("; ")}. ` +
                `Choose another stack name (\`pulumi stack rename\`), for example "${cloudProfile(ctx.cloud).stackPrefix}-${ctx.environment}".`,
        );
    }
}
