/**
 * webtier-alerts on DigitalOcean: a monitoring alert policy covers droplets through its entities
 * (their ids) or tags (one the droplet carries; an autoscale pool's droplets only by a tag of its
 * template), a balancer or a database cluster through its
 * entities; an uptime alert covers a balancer when its check requests the balancer's IP or a DNS
 * record of the stack that points at it. Either reaches a person when it is enabled and names an
 * email or a Slack channel.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Res, describe, isUnknown, listOf, present } from "../../values";
import { digitalOceanClusters } from "../data-access";
import { DO_TYPES, carriedTags, carriesTag, isAutoscalePool } from "../droplets";
import { DO } from "../types";

export const ALERT_TYPES = {
    doMonitorAlerts: ["digitalocean:index/monitorAlert:MonitorAlert"],
    doUptimeChecks: ["digitalocean:index/uptimeCheck:UptimeCheck"],
    doUptimeAlerts: ["digitalocean:index/uptimeAlert:UptimeAlert"],
    doDnsRecords: ["digitalocean:index/dnsRecord:DnsRecord"],
    doTags: ["digitalocean:index/tag:Tag"],
} as const;

function strings(value: unknown): string[] {
    return typeof value === "string" && !isUnknown(value) && value !== "" ? [value] : [];
}

/** Whether a DigitalOcean alert names someone to tell, in MonitorAlert `alerts` or UptimeAlert `notifications` shape. */
function doNotifiesSomeone(destinations: unknown): boolean {
    return listOf<Record<string, unknown>>(destinations).some(
        (entry) =>
            !!entry &&
            !isUnknown(entry) &&
            (listOf(entry.emails).some((e) => isUnknown(e) || present(e)) || listOf(entry.slacks).length > 0),
    );
}

/** Whether `reference` (an entity id or a tag of a monitor alert) names `target`, by identity or dependency. */
function doRefersTo(graph: StackGraph, from: Res, key: string, target: Res): boolean {
    const ids = ["id", "uuid", "urn", "name"].flatMap((k) => strings(target.props[k]));
    if (listOf(from.props[key]).some((value) => typeof value === "string" && ids.includes(value))) return true;
    return (from.propertyDependencies[key] ?? []).includes(target.urn);
}

/** Whether a droplet or a pool's template carries one of a monitor alert's tags (by value, or through the same Tag resource). */
function doTaggedFor(graph: StackGraph, alert: Res, server: Res): boolean {
    const tags = listOf(alert.props.tags).flatMap(strings);
    const carried = carriedTags(graph, server);
    if (tags.some((tag) => carriesTag(carried, tag))) return true;
    return graph.dependenciesOf(alert, "tags", ALERT_TYPES.doTags).some((tag) => carried.tagResources.has(tag));
}

/** The host an uptime check requests. */
function hostOf(target: unknown): string | undefined {
    if (typeof target !== "string" || isUnknown(target)) return undefined;
    try {
        return new URL(/^[a-z]+:\/\//.test(target) ? target : `http://${target}`).hostname.toLowerCase();
    } catch {
        return undefined;
    }
}

/** Whether an uptime check requests this balancer: its IP, a DNS record pointing at it, or a value computed from it. */
function doCheckWatchesBalancer(graph: StackGraph, check: Res, balancer: Res): boolean {
    if ((check.propertyDependencies.target ?? []).includes(balancer.urn)) return true;
    const host = hostOf(check.props.target);
    if (!host) return false;
    if (strings(balancer.props.ip).includes(host)) return true;
    return graph.ofType(ALERT_TYPES.doDnsRecords).some((record) => {
        const domain = strings(record.props.domain)[0]?.toLowerCase();
        const name = strings(record.props.name)[0]?.toLowerCase();
        if (!domain || !name) return false;
        const fqdn = name === "@" ? domain : `${name}.${domain}`;
        if (fqdn !== host) return false;
        return (
            strings(record.props.value).some((value) => strings(balancer.props.ip).includes(value)) ||
            (record.propertyDependencies.value ?? []).includes(balancer.urn)
        );
    });
}

/** Each droplet, autoscale pool, balancer and cluster without an alert that reaches a person. */
export function digitalOceanAlertFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const monitorAlerts = graph.ofType(ALERT_TYPES.doMonitorAlerts).filter((alert) => alert.props.enabled !== false);
    const ofKind = (prefix: string) =>
        monitorAlerts.filter((alert) => typeof alert.props.type === "string" && alert.props.type.startsWith(prefix));
    const reaches = (alert: Res) => doNotifiesSomeone(alert.props.alerts);
    const report = (subject: Res, what: string, watching: number, reached: boolean, fix: string) => {
        if (reached) return;
        findings.push({
            urn: subject.urn,
            message:
                watching === 0
                    ? `${describe(subject)} (the ${what}) has no alert: nobody hears when it is unwell. Add ${fix} with an email or Slack destination (webtier: webtier:alerts).`
                    : `${describe(subject)} (the ${what}) has ${watching} alert(s), but none is enabled with an email or a Slack channel to tell (webtier: webtier:alerts.emails).`,
        });
    };

    // A pool's droplets are watched as any droplet, by a droplet alert policy, but only through a
    // tag of its template: the policy's entities are droplet ids, which the program never sees.
    const dropletAlerts = ofKind("v1/insights/droplet/");
    for (const server of graph.ofType(DO_TYPES.servers)) {
        const pool = isAutoscalePool(server);
        const watching = dropletAlerts.filter(
            (alert) => (!pool && doRefersTo(graph, alert, "entities", server)) || doTaggedFor(graph, alert, server),
        );
        report(
            server,
            "app server",
            watching.length,
            watching.some(reaches),
            pool
                ? "a monitoring alert policy (v1/insights/droplet/cpu, memory, disk or load) on a tag of its dropletTemplate"
                : "a monitoring alert policy (v1/insights/droplet/cpu, memory, disk or load) on its id or a tag it carries",
        );
    }

    const checks = graph.ofType(ALERT_TYPES.doUptimeChecks).filter((check) => check.props.enabled !== false);
    const uptimeAlerts = graph.ofType(ALERT_TYPES.doUptimeAlerts);
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const policies = ofKind("v1/insights/lbaas/").filter((alert) => doRefersTo(graph, alert, "entities", balancer));
        const watchingChecks = checks.filter((check) => doCheckWatchesBalancer(graph, check, balancer));
        const uptime = uptimeAlerts.filter((alert) =>
            graph
                .resolve(alert, "checkId", alert.props.checkId, ALERT_TYPES.doUptimeChecks)
                .candidates.some((c) => watchingChecks.includes(c)),
        );
        const reached = policies.some(reaches) || uptime.some((alert) => doNotifiesSomeone(alert.props.notifications));
        report(
            balancer,
            "balancer",
            policies.length + uptime.length,
            reached,
            "an uptime check on the app's URL with an uptime alert, or a v1/insights/lbaas/ alert policy on its id,",
        );
    }

    const clusterAlerts = ofKind("v1/dbaas/alerts/");
    for (const kind of ["database", "cache"] as const) {
        for (const cluster of digitalOceanClusters(graph, kind)) {
            const watching = clusterAlerts.filter((alert) => doRefersTo(graph, alert, "entities", cluster));
            report(
                cluster,
                kind,
                watching.length,
                watching.some(reaches),
                "a monitoring alert policy (v1/dbaas/alerts/cpu_alerts, memory or disk) on its id",
            );
        }
    }
    return findings;
}
