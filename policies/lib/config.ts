/**
 * Policy configuration: the keys every rule understands, their JSON schemas (which the
 * Pulumi CLI uses to validate `--policy-pack-config` and fill in defaults) and a reader that
 * applies the same defaults when a rule runs without the CLI (offline, or in tests).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** Policies a load balancer may use on its HTTPS listener: TLS 1.2 minimum, forward secrecy only. */
export const MODERN_TLS_POLICIES: readonly string[] = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    // The hybrid post-quantum policies; -Res-PQ- is the console's default for a new listener.
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

/**
 * A classic load balancer offers none of the TLS 1.3 policies: its newest predefined policy,
 * TLS 1.2 only, is the modern one it can have (its listeners are also judged by the allowed list).
 */
export const CLASSIC_MODERN_TLS_POLICIES: readonly string[] = ["ELBSecurityPolicy-TLS-1-2-2017-01"];

export interface WebtierPolicyConfig {
    /**
     * CIDRs allowed to reach port 22. Default [] (no allowlist): then only world-open sources
     * (0.0.0.0/0, ::/0) are refused and very broad public ranges are warned about.
     * Set it to the stack's `webtier:servers.allowSshFrom`.
     */
    allowSshFrom: string[];
    /** The path every balancer health check must request. Default "/up" (Laravel 11+). */
    healthCheckPath: string;
    /** Servers the balancer must spread across. Default 2: one server is a single point of failure. */
    minServers: number;
    /** TLS policies an AWS HTTPS listener may use. Default: `MODERN_TLS_POLICIES`. */
    allowedTlsPolicies: string[];
    /**
     * Let a balancer serve plain HTTP without an HTTPS listener. Default false; a dev stack
     * with no domain (hence no certificate) sets it to true.
     */
    allowHttpOnly: boolean;
}

export const CONFIG_DEFAULTS: WebtierPolicyConfig = {
    allowSshFrom: [],
    healthCheckPath: "/up",
    minServers: 2,
    allowedTlsPolicies: [...MODERN_TLS_POLICIES],
    allowHttpOnly: false,
};

type Key = keyof WebtierPolicyConfig;

const PROPERTIES: { [K in Key]: PolicyConfigSchema["properties"][string] } = {
    allowSshFrom: {
        type: "array",
        items: { type: "string" },
        default: CONFIG_DEFAULTS.allowSshFrom,
        description:
            'CIDRs allowed to reach port 22, for example ["203.0.113.0/24"]. Empty: only world-open sources are refused.',
    },
    healthCheckPath: {
        type: "string",
        default: CONFIG_DEFAULTS.healthCheckPath,
        description: "The path balancer health checks must request.",
    },
    minServers: {
        type: "integer",
        minimum: 1,
        default: CONFIG_DEFAULTS.minServers,
        description: "The fewest app servers the balancer may have.",
    },
    allowedTlsPolicies: {
        type: "array",
        items: { type: "string" },
        default: CONFIG_DEFAULTS.allowedTlsPolicies,
        description: "TLS policies an AWS HTTPS listener may use.",
    },
    allowHttpOnly: {
        type: "boolean",
        default: CONFIG_DEFAULTS.allowHttpOnly,
        description: "Allow a balancer without HTTPS (dev stacks without a domain).",
    },
};

/** The config schema of a rule that reads `keys`. */
export function schemaFor(...keys: Key[]): PolicyConfigSchema {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const key of keys) properties[key] = PROPERTIES[key];
    return { properties };
}

/**
 * The rule's config with defaults filled in. Values of the wrong shape fall back to the
 * default rather than throwing in the middle of a deployment (the CLI validates the schema).
 */
export function readConfig(args: { getConfig<T extends object>(): T }): WebtierPolicyConfig {
    const given = args.getConfig<Partial<WebtierPolicyConfig>>() ?? {};
    const strings = (value: unknown, fallback: string[]) =>
        Array.isArray(value) && value.every((v): v is string => typeof v === "string") ? value : fallback;
    return {
        allowSshFrom: strings(given.allowSshFrom, CONFIG_DEFAULTS.allowSshFrom),
        healthCheckPath:
            typeof given.healthCheckPath === "string" && given.healthCheckPath
                ? given.healthCheckPath
                : CONFIG_DEFAULTS.healthCheckPath,
        minServers:
            Number.isInteger(given.minServers) && (given.minServers as number) >= 1
                ? (given.minServers as number)
                : CONFIG_DEFAULTS.minServers,
        allowedTlsPolicies: strings(given.allowedTlsPolicies, CONFIG_DEFAULTS.allowedTlsPolicies),
        allowHttpOnly: typeof given.allowHttpOnly === "boolean" ? given.allowHttpOnly : CONFIG_DEFAULTS.allowHttpOnly,
    };
}
