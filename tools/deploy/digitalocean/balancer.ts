/**
 * `BalancerApi` for a DigitalOcean load balancer. webtier's balancers select their members by
 * an in-rotation tag (`loadBalancer.memberTag` in the outputs), which only the balancer keys
 * on: out is DELETE /v2/tags/{tag}/resources for the droplet, in is POST to the same path.
 * Firewalls and database firewalls trust the app tag, which the droplet keeps throughout.
 * A balancer that lists droplets by id (one made outside webtier, or before the tag) is
 * driven through DELETE/POST /v2/load_balancers/{id}/droplets instead. Either way, out waits
 * until the droplet is no longer listed and a grace period for in-flight requests (DO exposes
 * no draining state). Health: infra/balancer-health/digitalocean.ts, which the health gate reads too.
 */
import {
    DigitalOceanApi,
    getLoadBalancer,
    LoadBalancerBody,
    memberStatuses,
} from "../../../infra/balancer-health/digitalocean";
import { pollUntil } from "../../../infra/balancer-health/poll";
import { BalancerApi, Clock, DeployError, DeployServer, MemberStatus } from "../types";

export interface DigitalOceanBalancerArgs {
    api: DigitalOceanApi;
    /** The balancer's IP from the outputs (`loadBalancer.address`), to find it without an id. */
    address: string;
    /** The balancer's UUID (`loadBalancer.id`), when the outputs carry it. */
    loadBalancerId?: string;
    /**
     * The in-rotation tag the balancer selects droplets by (`loadBalancer.memberTag`). Default:
     * none, for outputs of stacks whose balancer lists droplets by id; a balancer that selects by
     * any other tag (the app tag, say) is then refused.
     */
    memberTag?: string;
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
        throw new DeployError(
            `Server id ${JSON.stringify(serverId)} is not a droplet id; the outputs of a DigitalOcean stack list numeric droplet ids.`,
        );
    }
    return id;
}

export class DigitalOceanBalancer implements BalancerApi {
    private id?: Promise<string>;
    /** When each droplet was put back: health samples older than that do not count. */
    private readonly addedAt: Map<string, number>;

    constructor(private readonly args: DigitalOceanBalancerArgs) {
        this.addedAt = new Map();
    }

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
            const page: { load_balancers?: LoadBalancerBody[]; links?: { pages?: { next?: string } } } =
                await this.args.api.request("GET", path);
            const match = (page.load_balancers ?? []).find((lb) => lb.ip === this.args.address);
            if (match) return match.id;
            const next = page.links?.pages?.next;
            path = next ? next.replace(/^https?:\/\/[^/]+/, "") : undefined;
        }
        throw new DeployError(
            `No DigitalOcean load balancer has the IP ${this.args.address}; check that DIGITALOCEAN_TOKEN belongs to the stack's team.`,
        );
    }

    private async loadBalancer(): Promise<LoadBalancerBody> {
        const id = await this.loadBalancerId();
        const lb = await getLoadBalancer(this.args.api, id);
        const memberTag = this.args.memberTag;
        if (lb.tag && lb.tag !== memberTag) {
            throw new DeployError(
                `Load balancer ${lb.name ?? id} selects droplets by the tag "${lb.tag}", ` +
                    (memberTag
                        ? `not by the in-rotation tag "${memberTag}" the stack outputs name`
                        : `and the stack outputs name no in-rotation tag (loadBalancer.memberTag)`) +
                    `, so single droplets cannot be taken out of it safely (removing "${lb.tag}" could also detach firewall rules that trust it). ` +
                    `Run \`pulumi up\` with this webtier version, which gives the balancer a tag of its own, or attach droplets by id (droplet_ids).`,
            );
        }
        if (memberTag && !lb.tag) {
            throw new DeployError(
                `The stack outputs say droplets join load balancer ${lb.name ?? id} through the tag "${memberTag}", but it lists droplets by id; ` +
                    `run \`pulumi up\` so the balancer and the outputs agree, then deploy again.`,
            );
        }
        return lb;
    }

    /** Where membership is changed: the in-rotation tag's resources, or the balancer's droplet list. */
    private membershipPath(loadBalancerId: string): string {
        const tag = this.args.memberTag;
        return tag ? `/v2/tags/${encodeURIComponent(tag)}/resources` : `/v2/load_balancers/${loadBalancerId}/droplets`;
    }

    private membershipBody(droplet: number): unknown {
        return this.args.memberTag
            ? { resources: [{ resource_id: String(droplet), resource_type: "droplet" }] }
            : { droplet_ids: [droplet] };
    }

    private async statuses(only?: string): Promise<MemberStatus[]> {
        const lb = await this.loadBalancer();
        const { api, servers, clock, metricsWindowMs } = this.args;
        return memberStatuses(
            { api, loadBalancerId: await this.loadBalancerId(), servers, clock, metricsWindowMs },
            lb,
            only,
            this.addedAt,
        );
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
        // Untag only once the balancer is known to select by that tag (it throws otherwise).
        if (this.args.memberTag) await this.loadBalancer();
        await this.args.api.request("DELETE", this.membershipPath(id), this.membershipBody(droplet));
        await pollUntil<true, string>(
            this.args.clock,
            { timeoutMs, intervalMs: this.args.pollIntervalMs ?? 5000 },
            async () => {
                const lb = await this.loadBalancer();
                if ((lb.droplet_ids ?? []).includes(droplet)) return { last: "still listed" };
                if (lb.status !== "active") return { last: `load balancer status ${lb.status}` };
                return { done: true };
            },
            (last) =>
                `droplet ${serverId} was ${last ?? "still listed"} in ${this.description} after ${timeoutMs / 1000}s`,
        );
        const grace = Math.min(
            this.args.drainGraceMs ?? 15_000,
            Math.max(0, started + timeoutMs - this.args.clock.now()),
        );
        if (grace > 0) await this.args.clock.sleep(grace);
        this.addedAt.delete(serverId);
    }

    async add(serverId: string): Promise<void> {
        const id = await this.loadBalancerId();
        await this.args.api.request("POST", this.membershipPath(id), this.membershipBody(dropletId(serverId)));
        this.addedAt.set(serverId, this.args.clock.now());
    }
}
