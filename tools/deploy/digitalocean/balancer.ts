/**
 * `BalancerApi` for a DigitalOcean load balancer whose members are listed by droplet id.
 * Out: DELETE /v2/load_balancers/{id}/droplets, then wait until the droplet is no longer
 * listed and a grace period for in-flight requests (DO exposes no draining state). In: POST
 * the same path. Health: see `health.ts`.
 */
import { pollUntil } from "../poll";
import { BalancerApi, Clock, DeployError, DeployServer, MemberStatus } from "../types";
import { DigitalOceanApi } from "./api";
import { dropletHealthFromMetrics, MetricsResponse } from "./health";

interface LoadBalancerBody {
    id: string;
    name?: string;
    ip?: string;
    status?: string;
    droplet_ids?: number[];
    tag?: string;
}

export interface DigitalOceanBalancerArgs {
    api: DigitalOceanApi;
    /** The balancer's IP from the outputs (`loadBalancer.address`), to find it without an id. */
    address: string;
    /** The balancer's UUID (`loadBalancer.id`), when the outputs carry it. */
    loadBalancerId?: string;
    /** The stack's servers: droplet ids plus the names and IPs health metrics may label them by. */
    servers: DeployServer[];
    clock: Clock;
    /** How often membership is polled while taking a droplet out. Default 5 s. */
    pollIntervalMs?: number;
    /**
     * Wait after the droplet left the member list, for requests it was serving to finish
     * (DigitalOcean reports no draining state). Default 15 s.
     */
    drainGraceMs?: number;
    /** How far back health metrics are read. Default 10 min (samples come every minute or two). */
    metricsWindowMs?: number;
}

function dropletId(serverId: string): number {
    const id = Number(serverId);
    if (!Number.isInteger(id) || id <= 0) {
        throw new DeployError(`Server id ${JSON.stringify(serverId)} is not a droplet id; the outputs of a DigitalOcean stack list numeric droplet ids.`);
    }
    return id;
}

export class DigitalOceanBalancer implements BalancerApi {
    private id?: Promise<string>;
    /** When each droplet was put back: health samples older than that do not count. */
    private readonly addedAt = new Map<string, number>();

    constructor(private readonly args: DigitalOceanBalancerArgs) {}

    get description(): string {
        return `load balancer ${this.args.address}`;
    }

    loadBalancerId(): Promise<string> {
        this.id ??= this.args.loadBalancerId ? Promise.resolve(this.args.loadBalancerId) : this.findByAddress();
        return this.id;
    }

    private async findByAddress(): Promise<string> {
        let path: string | undefined = "/v2/load_balancers?per_page=200";
        while (path) {
            const page: { load_balancers?: LoadBalancerBody[]; links?: { pages?: { next?: string } } } = await this.args.api.request("GET", path);
            const match = (page.load_balancers ?? []).find((lb) => lb.ip === this.args.address);
            if (match) return match.id;
            const next = page.links?.pages?.next;
            path = next ? next.replace(/^https?:\/\/[^/]+/, "") : undefined;
        }
        throw new DeployError(`No DigitalOcean load balancer has the IP ${this.args.address}; check that DIGITALOCEAN_TOKEN belongs to the stack's team.`);
    }

    private async loadBalancer(): Promise<LoadBalancerBody> {
        const id = await this.loadBalancerId();
        const body: { load_balancer: LoadBalancerBody } = await this.args.api.request("GET", `/v2/load_balancers/${id}`);
        const lb = body.load_balancer;
        if (lb.tag) {
            throw new DeployError(
                `Load balancer ${lb.name ?? id} selects droplets by the tag "${lb.tag}", so single droplets cannot be taken out of it ` +
                    `(removing the tag could also detach firewall rules). Attach droplets by id (droplet_ids) for rolling deploys.`,
            );
        }
        return lb;
    }

    private async metrics(): Promise<MetricsResponse> {
        const id = await this.loadBalancerId();
        const end = Math.floor(this.args.clock.now() / 1000);
        const start = end - Math.floor((this.args.metricsWindowMs ?? 600_000) / 1000);
        return this.args.api.request("GET", `/v2/monitoring/metrics/load_balancer/droplets_health_checks?lb_id=${encodeURIComponent(id)}&start=${start}&end=${end}`);
    }

    private server(id: string): DeployServer {
        return this.args.servers.find((server) => server.id === id) ?? { id, name: id, privateIp: "", zone: "" };
    }

    private async statuses(only?: string): Promise<MemberStatus[]> {
        const lb = await this.loadBalancer();
        const members = (lb.droplet_ids ?? []).map(String).filter((id) => only === undefined || id === only);
        if (members.length === 0) return [];
        if (lb.status !== "active") {
            return members.map((id) => ({ id, health: "pending" as const, detail: `load balancer status ${lb.status ?? "unknown"}` }));
        }
        const metrics = await this.metrics();
        return members.map((id) => dropletHealthFromMetrics(metrics, this.server(id), this.addedAt.get(id)));
    }

    listMembers(): Promise<MemberStatus[]> {
        return this.statuses();
    }

    async health(serverId: string): Promise<MemberStatus> {
        const [status] = await this.statuses(serverId);
        return status ?? { id: serverId, health: "absent" };
    }

    async removeAndDrain(serverId: string, timeoutMs: number): Promise<void> {
        const droplet = dropletId(serverId);
        const id = await this.loadBalancerId();
        const started = this.args.clock.now();
        await this.args.api.request("DELETE", `/v2/load_balancers/${id}/droplets`, { droplet_ids: [droplet] });
        await pollUntil<true, string>(
            this.args.clock,
            { timeoutMs, intervalMs: this.args.pollIntervalMs ?? 5000 },
            async () => {
                const lb = await this.loadBalancer();
                if ((lb.droplet_ids ?? []).includes(droplet)) return { last: "still listed" };
                if (lb.status !== "active") return { last: `load balancer status ${lb.status}` };
                return { done: true };
            },
            (last) => `droplet ${serverId} was ${last ?? "still listed"} in ${this.description} after ${timeoutMs / 1000}s`,
        );
        const grace = Math.min(this.args.drainGraceMs ?? 15_000, Math.max(0, started + timeoutMs - this.args.clock.now()));
        if (grace > 0) await this.args.clock.sleep(grace);
        this.addedAt.delete(serverId);
    }

    async add(serverId: string): Promise<void> {
        const id = await this.loadBalancerId();
        await this.args.api.request("POST", `/v2/load_balancers/${id}/droplets`, { droplet_ids: [dropletId(serverId)] });
        this.addedAt.set(serverId, this.args.clock.now());
    }
}
