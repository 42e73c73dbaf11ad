/**
 * DigitalOcean: a minimal API v2 client over global `fetch`, and a member droplet's health on a
 * load balancer. The load balancer object (GET /v2/load_balancers/{id}) lists member droplets
 * but not their health; the per-droplet health-check status comes from the monitoring API
 * (GET /v2/monitoring/metrics/load_balancer/droplets_health_checks), a Prometheus-style matrix.
 * Written here rather than with a client library: the gate's provider is serialized into the
 * state, and these few calls keep it small.
 */
import { Clock, HealthSource, MemberStatus, OperatorError } from "./status";

export type Fetch = (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
    status: number;
    text(): Promise<string>;
}>;

export const DIGITALOCEAN_API = "https://api.digitalocean.com";

/** A request the API refused; `status` lets callers tell "not allowed" (401, 403) from a passing failure. */
export class DigitalOceanApiError extends OperatorError {
    public readonly status: number;

    constructor(message: string, status: number) {
        super(message);
        this.status = status;
    }
}

export class DigitalOceanApi {
    constructor(
        private readonly token: string,
        private readonly fetchFn: Fetch = (url, init) => fetch(url, init),
        private readonly baseUrl: string = DIGITALOCEAN_API,
    ) {
        if (!token) {
            throw new OperatorError(
                "DIGITALOCEAN_TOKEN is not set. Create a token that can read load balancers and monitoring and " +
                    "tag and untag droplets (scopes load_balancer:read, monitoring:read, tag:create, tag:delete) " +
                    "and export it, e.g. `export DIGITALOCEAN_TOKEN=dop_v1_...`.",
            );
        }
    }

    /** Sends one request; returns the parsed JSON body (undefined for 204) or throws a `DigitalOceanApiError`. */
    async request<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
        const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "application/json" };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        const response = await this.fetchFn(`${this.baseUrl}${path}`, {
            method,
            headers,
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await response.text();
        if (response.status < 200 || response.status >= 300) {
            let message = text;
            try {
                const parsed = JSON.parse(text) as { id?: string; message?: string };
                message = [parsed.id, parsed.message].filter(Boolean).join(": ") || text;
            } catch {
                // not JSON: keep the raw text
            }
            throw new DigitalOceanApiError(
                `DigitalOcean API ${method} ${path} answered ${response.status}: ${message}`,
                response.status,
            );
        }
        return (text ? JSON.parse(text) : undefined) as T;
    }
}

/** A droplet as health metrics may label it: its id, name and addresses. */
export interface DropletIdentity {
    id: string;
    name: string;
    privateIp: string;
    publicIp?: string;
}

export interface MetricSeries {
    metric: Record<string, string>;
    values: Array<[number, string | number]>;
}

export interface MetricsResponse {
    status?: string;
    data?: { resultType?: string; result?: MetricSeries[] };
}

/** The part of GET /v2/load_balancers/{id} read here. */
export interface LoadBalancerBody {
    id: string;
    name?: string;
    ip?: string;
    status?: string;
    droplet_ids?: number[];
    tag?: string;
}

/**
 * The series describing one droplet. Series are matched on any label whose value names the
 * droplet (its id, name, private or public IP, with or without a port), so the match does
 * not hinge on one label name.
 */
export function seriesForDroplet(response: MetricsResponse, server: DropletIdentity): MetricSeries[] {
    const names = new Set([server.id, server.name, server.privateIp, server.publicIp].filter((v): v is string => !!v));
    const namesTheDroplet = (value: string) => names.has(value) || names.has(value.replace(/:\d+$/, ""));
    return (response.data?.result ?? []).filter((series) =>
        Object.values(series.metric ?? {}).some((value) => namesTheDroplet(String(value))),
    );
}

/**
 * A member droplet's health from the metrics: the newest sample at or after `notBefore`
 * (Unix ms; the moment it was put back, so a sample from before it was taken out never
 * counts) decides: above 0 healthy, 0 unhealthy. No such sample yet: pending.
 */
export function dropletHealthFromMetrics(
    response: MetricsResponse,
    server: DropletIdentity,
    notBefore: number | undefined,
): MemberStatus {
    const samples = seriesForDroplet(response, server)
        .flatMap((series) => series.values ?? [])
        .map(([at, value]) => ({ at: Number(at) * 1000, value: Number(value) }))
        .filter((sample) => Number.isFinite(sample.at) && Number.isFinite(sample.value))
        .sort((a, b) => a.at - b.at);
    const latest = samples[samples.length - 1];
    if (!latest) {
        const labels = [
            ...new Set(
                (response.data?.result ?? []).flatMap((s) =>
                    Object.entries(s.metric ?? {}).map(([k, v]) => `${k}=${v}`),
                ),
            ),
        ];
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

export interface LoadBalancerHealthArgs {
    api: DigitalOceanApi;
    /** The balancer's UUID. */
    loadBalancerId: string;
    /** The droplets metrics may name: ids plus names and IPs. */
    servers: DropletIdentity[];
    clock: Clock;
    /** How far back health metrics are read. Default 10 min (samples come every minute or two). */
    metricsWindowMs?: number;
}

/** The balancer object, as the API returns it. */
export async function getLoadBalancer(api: DigitalOceanApi, loadBalancerId: string): Promise<LoadBalancerBody> {
    const body: { load_balancer: LoadBalancerBody } = await api.request("GET", `/v2/load_balancers/${loadBalancerId}`);
    return body.load_balancer;
}

/**
 * The health of the balancer's members (`only`: one of them) given its body: pending while the
 * balancer is not active, otherwise from the health-check metrics. `addedAt` says when a
 * droplet was put back, so older samples do not count.
 */
export async function memberStatuses(
    args: LoadBalancerHealthArgs,
    lb: LoadBalancerBody,
    only?: string,
    addedAt?: Map<string, number>,
): Promise<MemberStatus[]> {
    const members = (lb.droplet_ids ?? []).map(String).filter((id) => only === undefined || id === only);
    if (members.length === 0) return [];
    if (lb.status !== "active") {
        return members.map((id) => ({
            id,
            health: "pending" as const,
            detail: `load balancer status ${lb.status ?? "unknown"}`,
        }));
    }
    const end = Math.floor(args.clock.now() / 1000);
    const start = end - Math.floor((args.metricsWindowMs ?? 600_000) / 1000);
    const metrics: MetricsResponse = await args.api.request(
        "GET",
        `/v2/monitoring/metrics/load_balancer/droplets_health_checks?lb_id=${encodeURIComponent(args.loadBalancerId)}&start=${start}&end=${end}`,
    );
    const server = (id: string): DropletIdentity =>
        args.servers.find((s) => s.id === id) ?? { id, name: id, privateIp: "" };
    return members.map((id) => dropletHealthFromMetrics(metrics, server(id), addedAt?.get(id)));
}

/**
 * One balancer's member health (what the health gate reads): membership, then metrics. With
 * `memberTag`, a balancer that selects droplets by another tag says so in the status's detail.
 */
export function loadBalancerHealth(
    args: LoadBalancerHealthArgs & { address: string; memberTag?: string },
): HealthSource {
    return {
        description: `load balancer ${args.address}`,
        health: async (serverId) => {
            const lb = await getLoadBalancer(args.api, args.loadBalancerId);
            const [status] = await memberStatuses(args, lb, serverId);
            if (status) return status;
            const otherTag = args.memberTag && lb.tag && lb.tag !== args.memberTag;
            return {
                id: serverId,
                health: "absent",
                ...(otherTag
                    ? { detail: `the balancer selects droplets by the tag "${lb.tag}", not "${args.memberTag}"` }
                    : {}),
            };
        },
    };
}
