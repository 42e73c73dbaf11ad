/**
 * How a balancer sees one server, in words both clouds share. The health gate (a resource of
 * the program) and the rolling deploy (an operator tool, tools/deploy) both read health through
 * this folder, so they judge a server alike; the dependency points from the tool to here.
 */

/**
 * How the balancer sees one server, normalised across clouds:
 * - `healthy`: in service and passing health checks, so it receives traffic.
 * - `pending`: registered, health checks not yet conclusive (AWS `initial`, DO no fresh sample).
 * - `unhealthy`: registered but failing health checks (or otherwise not routed to).
 * - `draining`: being taken out; finishes in-flight requests, gets no new ones.
 * - `absent`: not a member of the balancer at all.
 */
export type MemberHealth = "healthy" | "pending" | "unhealthy" | "draining" | "absent";

export interface MemberStatus {
    /** The server id the balancer knows it by (EC2 instance id, droplet id). */
    id: string;
    health: MemberHealth;
    /** The cloud's own words for the state, for messages ("unhealthy: Target.Timeout"). */
    detail?: string;
}

/** Reads one server's health from one balancer: what the health gate needs of a cloud. */
export interface HealthSource {
    /** Names the balancer (and target group) in messages. */
    readonly description: string;
    /** The health of one server; `absent` when it is not a member. */
    health(serverId: string): Promise<MemberStatus>;
}

/** Time, injected so tests run scripted health transitions and timeouts instantly. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** An error whose message is meant for the person running `pulumi up` or a deploy, as is. */
export class OperatorError extends Error {
    constructor(message: string) {
        super(message);
        // Set again on purpose: this class also runs inside the health gate's dynamic provider,
        // where Pulumi's closure serializer rewrites `super(message)` as `Error.call(this, message)`,
        // which leaves `message` unset.
        this.message = message;
        this.name = "OperatorError";
    }
}
