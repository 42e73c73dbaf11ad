import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { WebtierOutputs } from "../../infra/outputs/contract";

/** What a health checker needs to know about the app. */
export interface HealthTarget {
    https: boolean;
    host: string;
    port: number;
    /** The full URL of the health endpoint. */
    url: string;
    /** The health endpoint's path (webtier's `healthCheckPath`). */
    healthCheckPath: string;
}

/**
 * A service the app is watched from: one file per service in `monitors/` (`monitors/aws.ts`
 * exports `monitor`), found by its file name. The service need not be the cloud the webtier stack
 * runs on (an outside vantage point is the point of an uptime check), so a cloud webtier gains
 * later needs nothing here: its stacks are watched from any service in `monitors/`.
 */
export interface Monitor {
    /** Declares the check of `target` and its alert to `alertEmail`, as children of `parent`. */
    watch(name: string, target: pulumi.Output<HealthTarget>, alertEmail: string, parent: pulumi.Resource): void;
}

/** What the monitor needs from a webtier stack: its public URL and health path. */
export interface MonitorArgs {
    /** The webtier stack's outputs, as `readWebtierOutputs` returns them. */
    web: pulumi.Output<WebtierOutputs>;
    /** The service to watch from (see `loadMonitor`). */
    monitor: Monitor;
    /** Where alerts go. */
    alertEmail: string;
}

/** Splits the app URL into what health checkers want: scheme, host and port. */
export function healthTarget(outputs: Pick<WebtierOutputs, "loadBalancer">): HealthTarget {
    const url = new URL(outputs.loadBalancer.url);
    const https = url.protocol === "https:";
    return {
        https,
        host: url.hostname,
        port: url.port ? Number(url.port) : https ? 443 : 80,
        url: `${url.origin}${outputs.loadBalancer.healthCheckPath}`,
        healthCheckPath: outputs.loadBalancer.healthCheckPath,
    };
}

const MONITORS = path.join(__dirname, "monitors");

/** The services in `monitors/`, by file name. */
export function availableMonitors(): string[] {
    const names = fs
        .readdirSync(MONITORS)
        .filter((file) => /^[a-z][a-z0-9-]*\.(ts|js)$/.test(file) && !file.endsWith(".d.ts"))
        .map((file) => file.replace(/\.(ts|js)$/, ""));
    return [...new Set(names)].sort();
}

/**
 * The monitor of the service `name` (`monitors/<name>.ts`). `reason` says where the name came
 * from, for the error when there is no such service: a clear refusal, never a fallback to another.
 */
export async function loadMonitor(name: string, reason: string): Promise<Monitor> {
    const available = availableMonitors();
    if (!available.includes(name)) {
        throw new Error(
            `uptime-monitor: there is no monitor for ${JSON.stringify(name)} (${reason}); set uptime-monitor:monitorWith ` +
                `to one of ${available.join(", ")} (examples/uptime-monitor/monitors/), or add monitors/${name}.ts.`,
        );
    }
    const loaded = (await import(path.join(MONITORS, name))) as { monitor?: Monitor };
    if (!loaded.monitor) throw new Error(`uptime-monitor: monitors/${name} exports no \`monitor\`.`);
    return loaded.monitor;
}

/** An uptime check on the app's health endpoint from outside, with an alert (see each monitor). */
export class UptimeMonitor extends pulumi.ComponentResource {
    public readonly checkedUrl: pulumi.Output<string>;

    constructor(name: string, args: MonitorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier-example:index:UptimeMonitor", name, {}, opts);
        const target = args.web.apply((o) => healthTarget(o));
        this.checkedUrl = target.url;
        args.monitor.watch(name, target, args.alertEmail, this);
        this.registerOutputs({ checkedUrl: this.checkedUrl });
    }
}
