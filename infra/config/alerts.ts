/**
 * The `webtier:alerts` section: whether the stack alerts, where alerts go and when they fire.
 * Pure: `parseAlerts` turns the raw section into `AlertsConfig`, reporting every bad value
 * through the parser's `problem` callback (so one `ConfigError` lists them all, before any
 * resource is registered).
 *
 * ```yaml
 * webtier:alerts:
 *   emails: [ops@example.com]
 *   slack: { url: https://hooks.slack.com/services/T000/B000/XXXX, channel: "#ops" }   # DigitalOcean
 *   httpsEndpoint: https://events.pagerduty.com/integration/abc/enqueue               # AWS (SNS)
 *   thresholds: { serverCpuPercent: 85 }
 * ```
 */
import { cloudProfile } from "../clouds";
import { AlertsConfig, AlertThresholds, Cloud, Environment } from "./types";

/**
 * The thresholds every stack starts from, and why. Each is the level at which someone should
 * look soon, not the level at which the app is already down: the tier keeps serving above
 * most of them, but not for long.
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
    // 5 minutes above 80% leaves no room for a traffic spike or a slow deploy.
    serverCpuPercent: 80,
    // PHP-FPM children are sized to fit; above 90% the kernel is about to kill one.
    serverMemoryPercent: 90,
    // Releases, logs and Composer caches fill the root volume; 85% leaves days, not hours.
    serverDiskPercent: 85,
    // A five-minute load average above 2 runnable tasks per vCPU means requests queue.
    serverLoadPerCpu: 2,
    // Share of requests answered 5xx (by the app, or by the balancer itself) over 5 minutes.
    errorRatePercent: 5,
    // 95th percentile time to first byte; Laravel pages usually answer in well under a second.
    responseTimeSeconds: 2,
    databaseCpuPercent: 80,
    // Used share of the database's storage; RDS and DigitalOcean both stop writes when full.
    databaseDiskPercent: 85,
    // Connections in use as a share of the engine's limit for the instance size (AWS).
    databaseConnectionsPercent: 80,
    // How far the cache's replica may trail its primary before a failover loses writes (AWS).
    replicaLagSeconds: 30,
    cacheMemoryPercent: 80,
    cacheCpuPercent: 80,
    // The cache holds sessions, jobs and scheduler locks: any eviction loses one of them.
    cacheEvictions: 0,
    // Jobs that failed every retry and now wait in the SQS dead-letter queue (AWS).
    deadLetterJobs: 0,
};

/** Each threshold's allowed range, for validation and the README. */
export const THRESHOLD_LIMITS: Record<keyof AlertThresholds, { min: number; max: number; unit: string }> = {
    serverCpuPercent: { min: 1, max: 100, unit: "%" },
    serverMemoryPercent: { min: 1, max: 100, unit: "%" },
    serverDiskPercent: { min: 1, max: 100, unit: "%" },
    serverLoadPerCpu: { min: 0.1, max: 100, unit: "runnable tasks per vCPU" },
    errorRatePercent: { min: 0.1, max: 100, unit: "%" },
    responseTimeSeconds: { min: 0.05, max: 60, unit: "s" },
    databaseCpuPercent: { min: 1, max: 100, unit: "%" },
    databaseDiskPercent: { min: 1, max: 99, unit: "%" },
    databaseConnectionsPercent: { min: 1, max: 100, unit: "%" },
    replicaLagSeconds: { min: 1, max: 3600, unit: "s" },
    cacheMemoryPercent: { min: 1, max: 100, unit: "%" },
    cacheCpuPercent: { min: 1, max: 100, unit: "%" },
    cacheEvictions: { min: 0, max: 1_000_000, unit: "evictions per 5 minutes" },
    deadLetterJobs: { min: 0, max: 1_000_000, unit: "messages" },
};

const KNOWN = ["enabled", "emails", "httpsEndpoint", "slack", "thresholds"];
// Deliberately loose (RFC 5322 is not the point): one @, a dot in the domain, no spaces or commas.
const EMAIL = /^[^\s@,;"<>]+@[^\s@,;"<>]+\.[^\s@,;"<>]+$/;

export interface AlertsContext {
    environment: Environment;
    /** The stack's cloud, when `webtier:cloud` itself is valid (cloud-specific checks are skipped otherwise). */
    cloud?: Cloud;
}

/**
 * Reads `webtier:alerts` (already parsed from JSON; `{}` when absent). Alerts are on by default
 * in prod and off elsewhere; when on, at least one destination is required, since an alarm
 * nobody receives is no alarm.
 */
export function parseAlerts(
    raw: Record<string, unknown>,
    context: AlertsContext,
    problem: (key: string, message: string) => void,
): AlertsConfig {
    // What the cloud can deliver to besides email (its profile); unknown cloud: no cloud rule.
    const destinations = context.cloud ? cloudProfile(context.cloud).alertDestinations : undefined;
    for (const key of Object.keys(raw)) {
        if (!KNOWN.includes(key)) problem(`alerts.${key}`, `is not an alerts setting. Known: ${KNOWN.join(", ")}.`);
    }

    let enabled = context.environment === "prod";
    if (raw.enabled !== undefined && raw.enabled !== "") {
        if (raw.enabled === true || raw.enabled === "true") enabled = true;
        else if (raw.enabled === false || raw.enabled === "false") enabled = false;
        else problem("alerts.enabled", `${JSON.stringify(raw.enabled)} must be true or false.`);
    }

    const emails: string[] = [];
    if (raw.emails !== undefined) {
        if (!Array.isArray(raw.emails) || !raw.emails.every((item) => typeof item === "string")) {
            problem("alerts.emails", `must be a list of email addresses, for example ["ops@example.com"].`);
        } else {
            for (const email of raw.emails) {
                if (!EMAIL.test(email.trim()))
                    problem("alerts.emails", `"${email}" is not an email address; for example ops@example.com.`);
                else if (!emails.includes(email.trim())) emails.push(email.trim());
            }
        }
    }

    let httpsEndpoint: string | undefined;
    if (raw.httpsEndpoint !== undefined) {
        if (typeof raw.httpsEndpoint !== "string" || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(raw.httpsEndpoint)) {
            problem(
                "alerts.httpsEndpoint",
                `must be an https:// URL that accepts Amazon SNS notifications (PagerDuty, Opsgenie, a chat relay), for example https://events.pagerduty.com/integration/<key>/enqueue.`,
            );
        } else if (typeof destinations?.httpsEndpoint === "string") {
            problem("alerts.httpsEndpoint", destinations.httpsEndpoint);
        } else {
            httpsEndpoint = raw.httpsEndpoint;
        }
    }

    let slack: AlertsConfig["slack"];
    if (raw.slack !== undefined) {
        const value = raw.slack as Record<string, unknown>;
        const url = value && typeof value === "object" ? value.url : undefined;
        const channel = value && typeof value === "object" ? value.channel : undefined;
        if (
            typeof url !== "string" ||
            !/^https:\/\/hooks\.slack\.com\/\S+$/.test(url) ||
            typeof channel !== "string" ||
            !channel.trim()
        ) {
            problem(
                "alerts.slack",
                `must be { url: <a Slack incoming-webhook URL, https://hooks.slack.com/...>, channel: "#ops" }.`,
            );
        } else if (typeof destinations?.slack === "string") {
            problem("alerts.slack", destinations.slack);
        } else {
            slack = { url, channel: channel.trim() };
        }
    }

    const thresholds: AlertThresholds = { ...DEFAULT_THRESHOLDS };
    if (raw.thresholds !== undefined) {
        const given = raw.thresholds;
        if (!given || typeof given !== "object" || Array.isArray(given)) {
            problem(
                "alerts.thresholds",
                `must be a mapping of threshold names to numbers, for example { serverCpuPercent: 85 }.`,
            );
        } else {
            for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
                if (!(key in DEFAULT_THRESHOLDS)) {
                    problem(
                        `alerts.thresholds.${key}`,
                        `is not a threshold. Known: ${Object.keys(DEFAULT_THRESHOLDS).join(", ")}.`,
                    );
                    continue;
                }
                const limits = THRESHOLD_LIMITS[key as keyof AlertThresholds];
                const n =
                    typeof value === "number"
                        ? value
                        : typeof value === "string" && value.trim() !== ""
                          ? Number(value)
                          : NaN;
                if (!Number.isFinite(n) || n < limits.min || n > limits.max) {
                    problem(
                        `alerts.thresholds.${key}`,
                        `${JSON.stringify(value)} must be a number from ${limits.min} to ${limits.max} (${limits.unit}); the default is ${DEFAULT_THRESHOLDS[key as keyof AlertThresholds]}.`,
                    );
                    continue;
                }
                thresholds[key as keyof AlertThresholds] = n;
            }
        }
    }

    if (enabled && emails.length === 0 && httpsEndpoint === undefined && slack === undefined) {
        const why =
            raw.enabled === undefined ? `alerts are on by default in ${context.environment}` : "alerts are enabled";
        problem(
            "alerts.emails",
            `${why} but go nowhere: set at least one destination, for example \`pulumi config set --path 'webtier:alerts.emails[0]' ops@example.com\`` +
                ` (or alerts.${destinations?.slack === true ? "slack" : "httpsEndpoint"}); to run without alerts on purpose, set alerts.enabled to false.`,
        );
    }
    return { enabled, emails, httpsEndpoint, slack, thresholds };
}
