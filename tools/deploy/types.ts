/**
 * The deploy tool's two seams. The rolling logic (`rollout.ts`) only talks to a
 * `BalancerApi` and a `RemoteRunner`; each cloud supplies one of each (`aws/`,
 * `digitalocean/`, `ssh-runner.ts`), so the logic is cloud-free and tested against fakes.
 */
import { HealthSource, MemberStatus, OperatorError } from "../../infra/balancer-health/status";
import { ServerOutput } from "../../infra/outputs/contract";

export { Clock, MemberHealth, MemberStatus, systemClock } from "../../infra/balancer-health/status";

/** One app server, as the stack outputs describe it. */
export type DeployServer = ServerOutput;

/** The load balancer, reduced to what a rolling deploy needs: the health gate's reading, plus membership. */
export interface BalancerApi extends HealthSource {
    /** Every current member with its health. Servers that are not members are not listed. */
    listMembers(): Promise<MemberStatus[]>;
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

/** An error whose message is meant for the person running the deploy, as is. */
export class DeployError extends OperatorError {
    constructor(message: string) {
        super(message);
        this.name = "DeployError";
    }
}
