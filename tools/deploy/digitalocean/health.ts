/**
 * Reading a droplet's health on a DigitalOcean load balancer. The load balancer object itself
 * (GET /v2/load_balancers/{id}) lists member droplets but not their health; the per-droplet
 * health-check status comes from the monitoring API
 * (GET /v2/monitoring/metrics/load_balancer/droplets_health_checks), a Prometheus-style matrix.
 */
import { DeployServer, MemberStatus } from "../types";

export interface MetricSeries {
    metric: Record<string, string>;
    values: Array<[number, string | number]>;
}

export interface MetricsResponse {
    status?: string;
    data?: { resultType?: string; result?: MetricSeries[] };
}

/**
 * The series describing one droplet. Series are matched on any label whose value names the
 * droplet (its id, name, private or public IP, with or without a port), so the match does
 * not hinge on one label name.
 */
export function seriesForDroplet(response: MetricsResponse, server: DeployServer): MetricSeries[] {
    const names = new Set([server.id, server.name, server.privateIp, server.publicIp].filter((v): v is string => !!v));
    const namesTheDroplet = (value: string) => names.has(value) || names.has(value.replace(/:\d+$/, ""));
    return (response.data?.result ?? []).filter((series) => Object.values(series.metric ?? {}).some((value) => namesTheDroplet(String(value))));
}

/**
 * A member droplet's health from the metrics: the newest sample at or after `notBefore`
 * (Unix ms; the moment it was put back, so a sample from before it was taken out never
 * counts) decides: above 0 healthy, 0 unhealthy. No such sample yet: pending.
 */
export function dropletHealthFromMetrics(response: MetricsResponse, server: DeployServer, notBefore: number | undefined): MemberStatus {
    const samples = seriesForDroplet(response, server)
        .flatMap((series) => series.values ?? [])
        .map(([at, value]) => ({ at: Number(at) * 1000, value: Number(value) }))
        .filter((sample) => Number.isFinite(sample.at) && Number.isFinite(sample.value))
        .sort((a, b) => a.at - b.at);
    const latest = samples[samples.length - 1];
    if (!latest) {
        const labels = [...new Set((response.data?.result ?? []).flatMap((s) => Object.entries(s.metric ?? {}).map(([k, v]) => `${k}=${v}`)))];
        return {
            id: server.id,
            health: "pending",
            detail: `no health-check metrics for it yet${labels.length ? ` (series seen: ${labels.slice(0, 6).join(", ")})` : ""}`,
        };
    }
    if (notBefore !== undefined && latest.at < notBefore) {
        return { id: server.id, health: "pending", detail: "no health-check sample since it was put back" };
    }
    return latest.value > 0
        ? { id: server.id, health: "healthy", detail: `health checks passing (${latest.value})` }
        : { id: server.id, health: "unhealthy", detail: "health checks failing" };
}
