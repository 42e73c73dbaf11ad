/**
 * The deploy tool's two seams. The rolling logic (`rollout.ts`) only talks to a
 * `BalancerApi` and a `RemoteRunner`; each cloud supplies one of each (`aws/`,
 * `digitalocean/`, `ssh-runner.ts`), so the logic is cloud-free and tested against fakes.
 */
import { ServerOutput } from "../../infra/outputs/contract";

/** One app server, as the stack outputs describe it. */
export type DeployServer = ServerOutput;

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

/** The load balancer, reduced to what a rolling deploy needs. */
export interface BalancerApi {
    /** Names the balancer (and target group) in messages. */
    readonly description: string;
    /** Every current member with its health. Servers that are not members are not listed. */
    listMembers(): Promise<MemberStatus[]>;
    /** The health of one server; `absent` when it is not a member. */
    health(serverId: string): Promise<MemberStatus>;
    /**
     * Takes the server out of service and resolves once it is drained (gets no traffic and
     * has finished in-flight requests). Rejects with a `DeployError` after `timeoutMs`.
     */
    removeAndDrain(serverId: string, timeoutMs: number): Promise<void>;
    /** Puts the server back. Resolves once the request is accepted; health is polled apart. */
    add(serverId: string): Promise<void>;
}

export interface RunResult {
    /** The command's exit code; -1 when it never ran or was killed. */
    exitCode: number;
    /** Combined standard output and error (possibly truncated by the transport). */
    output: string;
}

/** Runs a shell command on one server (SSM on AWS, SSH on DigitalOcean). */
export interface RemoteRunner {
    readonly description: string;
    run(server: DeployServer, command: string, options: { timeoutMs: number }): Promise<RunResult>;
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

/** An error whose message is meant for the person running the deploy, as is. */
export class DeployError extends Error {
    constructor(message: string) {
        super(message);
        // Set again on purpose: this class also runs inside the health gate's dynamic provider,
        // where Pulumi's closure serializer rewrites `super(message)` as `Error.call(this, message)`,
        // which leaves `message` unset.
        this.message = message;
        this.name = "DeployError";
    }
}
