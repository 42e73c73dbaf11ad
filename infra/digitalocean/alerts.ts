import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import * as inputs from "@pulumi/digitalocean/types/input";
import { AlertInfo, AlertsInfo, AlertTarget } from "../components";
import { AlertsConfig, SizeClass } from "../config/types";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

/** vCPUs of each droplet size class (infra/sizing.ts: s-1vcpu-2gb, s-2vcpu-4gb, s-4vcpu-8gb), for the load alert. */
export const DROPLET_VCPUS: Record<SizeClass, number> = { small: 1, medium: 2, large: 4 };

/** One monitoring alert policy to create: everything but where it notifies. */
export interface MonitorAlertPlan {
    /** Logical name suffix, unique in the stack: `${name}-alert-${key}`. */
    key: string;
    target: AlertTarget;
    args: Omit<digitalocean.MonitorAlertArgs, "alerts" | "type"> & { type: string };
}

/** What the alert policies watch. */
export interface MonitorSubjects {
    /**
     * The tag every app droplet carries (the app tag): policies select droplets by it, so a
     * replacement droplet is watched from its first minute without changing the policy.
     */
    dropletTag: pulumi.Input<string>;
    /** The droplets' size class: the load alert scales with their vCPUs. */
    dropletSize: SizeClass;
    loadBalancerId: pulumi.Input<string>;
    databaseClusterId: pulumi.Input<string>;
    cacheClusterId: pulumi.Input<string>;
}

/**
 * The alert policies of a tier, from its thresholds. Pure. DigitalOcean offers policies for
 * droplets (CPU, memory, disk, load), the balancer (5xx rate) and managed databases (CPU,
 * memory, disk); it has none for connections, evictions or replica lag.
 */
export function monitorAlertPlans(
    subjects: MonitorSubjects,
    thresholds: AlertsConfig["thresholds"],
): MonitorAlertPlan[] {
    const droplets = (key: string, type: string, value: number, description: string): MonitorAlertPlan => ({
        key: `servers-${key}`,
        target: "servers",
        args: {
            type: `v1/insights/droplet/${type}`,
            compare: "GreaterThan",
            value,
            window: "5m",
            tags: [subjects.dropletTag],
            enabled: true,
            description,
        },
    });
    const cluster = (
        target: "database" | "cache",
        id: pulumi.Input<string>,
        key: string,
        type: string,
        value: number,
        description: string,
    ): MonitorAlertPlan => ({
        key: `${target}-${key}`,
        target,
        args: {
            type: `v1/dbaas/alerts/${type}`,
            compare: "GreaterThan",
            value,
            window: "5m",
            entities: [id],
            enabled: true,
            description,
        },
    });
    const load = thresholds.serverLoadPerCpu * DROPLET_VCPUS[subjects.dropletSize];
    return [
        droplets(
            "cpu",
            "cpu",
            thresholds.serverCpuPercent,
            `An app droplet is using more than ${thresholds.serverCpuPercent}% CPU (README "Alerts").`,
        ),
        droplets(
            "memory",
            "memory_utilization_percent",
            thresholds.serverMemoryPercent,
            `An app droplet is using more than ${thresholds.serverMemoryPercent}% of its memory (README "Alerts").`,
        ),
        droplets(
            "disk",
            "disk_utilization_percent",
            thresholds.serverDiskPercent,
            `An app droplet's disk is more than ${thresholds.serverDiskPercent}% full (README "Alerts").`,
        ),
        droplets(
            "load",
            "load_5",
            load,
            `An app droplet's 5-minute load is above ${load} (${thresholds.serverLoadPerCpu} per vCPU) (README "Alerts").`,
        ),
        {
            key: "balancer-5xx-rate",
            target: "balancer",
            args: {
                type: "v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx",
                compare: "GreaterThan",
                value: thresholds.errorRatePercent,
                window: "5m",
                entities: [subjects.loadBalancerId],
                enabled: true,
                description: `The load balancer answered more than ${thresholds.errorRatePercent}% of requests with a 5xx (README "Alerts").`,
            },
        },
        cluster(
            "database",
            subjects.databaseClusterId,
            "cpu",
            "cpu_alerts",
            thresholds.databaseCpuPercent,
            `The database is using more than ${thresholds.databaseCpuPercent}% CPU (README "Alerts").`,
        ),
        cluster(
            "database",
            subjects.databaseClusterId,
            "disk",
            "disk_utilization_alerts",
            thresholds.databaseDiskPercent,
            `The database's disk is more than ${thresholds.databaseDiskPercent}% full (README "Alerts").`,
        ),
        cluster(
            "cache",
            subjects.cacheClusterId,
            "memory",
            "memory_utilization_alerts",
            thresholds.cacheMemoryPercent,
            `The cache is using more than ${thresholds.cacheMemoryPercent}% of its memory; it refuses writes when full (README "Alerts").`,
        ),
        cluster(
            "cache",
            subjects.cacheClusterId,
            "cpu",
            "cpu_alerts",
            thresholds.cacheCpuPercent,
            `The cache is using more than ${thresholds.cacheCpuPercent}% CPU (README "Alerts").`,
        ),
    ];
}

/** How the uptime check alerts: down, slow, and (over HTTPS) a certificate about to expire. */
export function uptimeAlertPlans(
    https: boolean,
    thresholds: AlertsConfig["thresholds"],
): { key: string; metric: string; args: Omit<digitalocean.UptimeAlertArgs, "checkId" | "notifications"> }[] {
    return [
        { key: "uptime-down", metric: "uptime check: down", args: { type: "down", period: "2m" } },
        {
            key: "uptime-latency",
            metric: "uptime check: latency",
            // Milliseconds, as DigitalOcean's uptime alerts measure latency.
            args: {
                type: "latency",
                comparison: "greater_than",
                threshold: Math.round(thresholds.responseTimeSeconds * 1000),
                period: "5m",
            },
        },
        // Let's Encrypt renews 30 days ahead; two weeks left means renewal has been failing.
        ...(https
            ? [
                  {
                      key: "uptime-certificate",
                      metric: "uptime check: certificate expiry",
                      args: { type: "ssl_expiry", threshold: 14, period: "1h" },
                  },
              ]
            : []),
    ];
}

/** Escape hatches for the alerts' children, by role. */
export interface AlertsTransform {
    /** Called for every alert policy, with its name (for example "do-prod-alert-servers-cpu"). */
    monitorAlert?: Transform<digitalocean.MonitorAlertArgs>;
    uptimeCheck?: Transform<digitalocean.UptimeCheckArgs>;
    /** Called for every uptime alert, with its name (for example "do-prod-alert-uptime-down"). */
    uptimeAlert?: Transform<digitalocean.UptimeAlertArgs>;
}

export interface AlertsArgs {
    /**
     * The validated `webtier:alerts` section: destinations and thresholds. Required: its defaults
     * (thresholds) are parseConfig's (infra/config/alerts.ts).
     */
    alerts: AlertsConfig;
    /** What the alert policies watch. Required. */
    subjects: MonitorSubjects;
    /**
     * The URL the uptime check requests: the app's URL plus its health path, for example
     * https://app.example.com/up. Required.
     */
    healthUrl: pulumi.Input<string>;
    /** Whether `healthUrl` is https (adds the certificate-expiry alert). Required. */
    https: boolean;
    /**
     * Regions DigitalOcean checks the app from. Default ["eu_west", "us_east"] (the API's names; the SDK docs print them camel-cased): two continents,
     * so one region's network trouble is not mistaken for the app being down.
     */
    uptimeRegions?: string[];
    /** Escape hatches for the children. Default: none. */
    transform?: AlertsTransform;
}

/**
 * Monitoring alert policies on the app droplets, the balancer, the database and the cache, and
 * an uptime check on the app's health URL with its alerts, all notifying the configured emails
 * (and Slack channel).
 */
export class Alerts extends pulumi.ComponentResource {
    public readonly monitorAlerts: digitalocean.MonitorAlert[];
    public readonly uptimeCheck: digitalocean.UptimeCheck;
    public readonly uptimeAlerts: digitalocean.UptimeAlert[];
    /** The neutral view the outputs use. */
    public readonly info: AlertsInfo;

    constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:digitalocean:Alerts", name, {}, opts);
        const { alerts } = args;
        const t = args.transform ?? {};
        // The webhook URL is a credential: secret in the state.
        const slacks = alerts.slack
            ? [{ channel: alerts.slack.channel, url: pulumi.secret(alerts.slack.url) }]
            : undefined;
        const destinations: inputs.MonitorAlertAlerts = {
            emails: alerts.emails.length > 0 ? [...alerts.emails] : undefined,
            slacks,
        };

        const plans = monitorAlertPlans(args.subjects, alerts.thresholds);
        this.monitorAlerts = plans.map((plan) => {
            return new digitalocean.MonitorAlert(
                ...transform(
                    t.monitorAlert,
                    childName(name, `alert-${plan.key}`),
                    { ...plan.args, alerts: destinations },
                    { parent: this },
                ),
            );
        });

        this.uptimeCheck = new digitalocean.UptimeCheck(
            ...transform(
                t.uptimeCheck,
                childName(name, "uptime"),
                {
                    name: `${name} health`,
                    target: args.healthUrl,
                    type: args.https ? "https" : "http",
                    regions: args.uptimeRegions ?? ["eu_west", "us_east"],
                    enabled: true,
                },
                { parent: this },
            ),
        );
        const notifications: inputs.UptimeAlertNotification[] = [{ emails: [...alerts.emails], slacks }];
        const uptimePlans = uptimeAlertPlans(args.https, alerts.thresholds);
        this.uptimeAlerts = uptimePlans.map(
            (plan) =>
                new digitalocean.UptimeAlert(
                    ...transform(
                        t.uptimeAlert,
                        childName(name, `alert-${plan.key}`),
                        {
                            ...plan.args,
                            name: `${name} ${plan.metric}`,
                            checkId: this.uptimeCheck.id,
                            notifications,
                        },
                        { parent: this },
                    ),
                ),
        );

        const list: AlertInfo[] = [
            ...plans.map((plan, index) => ({
                name: childName(name, `alert-${plan.key}`),
                target: plan.target,
                metric: plan.args.type,
                id: this.monitorAlerts[index].id,
            })),
            ...uptimePlans.map((plan, index) => ({
                name: childName(name, `alert-${plan.key}`),
                target: "balancer" as const,
                metric: plan.metric,
                id: this.uptimeAlerts[index].id,
            })),
        ];
        this.info = { enabled: true, emails: [...alerts.emails], alerts: list };
        this.registerOutputs({ uptimeCheck: this.uptimeCheck.id, alerts: this.monitorAlerts.map((alert) => alert.id) });
    }
}
