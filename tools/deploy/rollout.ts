/**
 * The rolling deploy: one server at a time, out of the balancer, release, back in, healthy,
 * next. Cloud-free: everything cloud-specific is behind `BalancerApi` and `RemoteRunner`.
 */
import { planDeploy, renderPlan, DeployPlan } from "./plan";
import { pollUntil } from "../../infra/balancer-health/poll";
import { BalancerApi, Clock, DeployServer, MemberStatus, RemoteRunner, RunResult } from "./types";

export interface RolloutOptions {
    /** The git ref being released, for messages. */
    ref: string;
    /** The full command line each server runs (see `renderReleaseCommand`). */
    command: string;
    /** Allow a deploy that leaves no healthy server in service while one is out. Default false. */
    allowDowntime: boolean;
    /** How long a server may take to drain once taken out. AWS drains for the target group's deregistration delay (300 s by default). */
    drainTimeoutMs: number;
    /** How long the release command may run on one server before it counts as failed. */
    releaseTimeoutMs: number;
    /** How long a server may take to pass the balancer's health checks once put back. */
    healthyTimeoutMs: number;
    /** How often health is polled. */
    pollIntervalMs: number;
    /**
     * The release command's exit code for "failed, but the previous release is intact and
     * serving" (the release script rolled back or never switched). A server reporting it is put
     * back in the balancer on its previous release before the deploy stops. Default 75 (EX_TEMPFAIL).
     */
    keptPreviousExitCode: number;
    /** Print the plan and stop: nothing is taken out, run or put back. Default false. */
    dryRun?: boolean;
}

export interface RolloutFailure {
    server: DeployServer;
    /** What went wrong, for the person deploying. */
    reason: string;
    /** Where that left the server ("out of the balancer", "back in service on its previous release"). */
    state: string;
}

export interface RolloutResult {
    plan: DeployPlan;
    /** Servers now serving the new release, in the order they were done. */
    deployed: DeployServer[];
    /** The server the deploy stopped at, when it stopped. */
    failure?: RolloutFailure;
    /** Servers not touched because the deploy refused to start or stopped before them. */
    untouched: DeployServer[];
}

export interface RolloutDeps {
    balancer: BalancerApi;
    runner: RemoteRunner;
    clock: Clock;
    log: (line: string) => void;
}

/** The last lines of a command's output, enough to see why it failed. */
export function tail(output: string, lines = 20): string {
    const all = output.trimEnd().split("\n");
    return (all.length > lines ? [`... (${all.length - lines} earlier lines)`, ...all.slice(-lines)] : all).join("\n");
}

class StepFailure extends Error {
    constructor(
        readonly reason: string,
        readonly state: string,
    ) {
        super(reason);
    }
}

export async function rollingDeploy(
    servers: DeployServer[],
    options: RolloutOptions,
    deps: RolloutDeps,
): Promise<RolloutResult> {
    const { balancer, log } = deps;
    const plan = planDeploy(servers, await balancer.listMembers(), {
        allowDowntime: options.allowDowntime,
        balancer: balancer.description,
    });
    log(
        renderPlan(plan, {
            balancer: balancer.description,
            runner: deps.runner.description,
            command: options.command,
            ref: options.ref,
        }),
    );
    if (plan.refusal || options.dryRun) return { plan, deployed: [], untouched: plan.steps.map((step) => step.server) };

    const deployed: DeployServer[] = [];
    for (let index = 0; index < plan.steps.length; index++) {
        const server = plan.steps[index].server;
        const label = `[${index + 1}/${plan.steps.length}] ${server.name} (${server.id})`;
        try {
            await releaseOne(server, label, options, deps);
            deployed.push(server);
        } catch (error) {
            const failure =
                error instanceof StepFailure
                    ? { server, reason: error.reason, state: error.state }
                    : {
                          server,
                          reason: (error as Error).message,
                          state: "unknown: check it in the balancer before re-running",
                      };
            log(`${label}: FAILED: ${failure.reason}`);
            return { plan, deployed, failure, untouched: plan.steps.slice(index + 1).map((step) => step.server) };
        }
    }
    return { plan, deployed, untouched: [] };
}

async function waitHealthy(server: DeployServer, options: RolloutOptions, deps: RolloutDeps): Promise<void> {
    await pollUntil<true, MemberStatus>(
        deps.clock,
        { timeoutMs: options.healthyTimeoutMs, intervalMs: options.pollIntervalMs },
        async () => {
            const status = await deps.balancer.health(server.id);
            return status.health === "healthy" ? { done: true } : { last: status };
        },
        (last) =>
            `${server.name} did not become healthy in ${deps.balancer.description} within ${options.healthyTimeoutMs / 1000}s ` +
            `(last seen ${last ? `${last.health}${last.detail ? `: ${last.detail}` : ""}` : "never"})`,
    );
}

/** Takes a server that failed after being put back out again; says where that left it. */
async function takeBackOut(server: DeployServer, options: RolloutOptions, deps: RolloutDeps): Promise<string> {
    try {
        await deps.balancer.removeAndDrain(server.id, options.drainTimeoutMs);
        return "taken out of the balancer again";
    } catch (error) {
        return `still in the balancer (taking it out again failed: ${(error as Error).message}); the balancer routes no traffic to it while it fails health checks`;
    }
}

async function releaseOne(
    server: DeployServer,
    label: string,
    options: RolloutOptions,
    deps: RolloutDeps,
): Promise<void> {
    const { balancer, runner, log } = deps;
    const untouched = "untouched: in service on its previous release";

    // 1. Out of the balancer, unless that would leave nothing healthy serving.
    let current: MemberStatus;
    let healthyOthers: number;
    try {
        const members = await balancer.listMembers();
        current = members.find((member) => member.id === server.id) ?? { id: server.id, health: "absent" };
        healthyOthers = members.filter((member) => member.id !== server.id && member.health === "healthy").length;
    } catch (error) {
        throw new StepFailure(`reading ${balancer.description} failed: ${(error as Error).message}`, untouched);
    }
    if (current.health !== "absent") {
        if (healthyOthers < 1 && !options.allowDowntime) {
            throw new StepFailure(
                `taking it out would leave no healthy server in ${balancer.description} (the others are not healthy right now); ` +
                    `fix them, or re-run with --allow-downtime`,
                untouched,
            );
        }
        log(`${label}: taking it out of ${balancer.description} and waiting until drained`);
        try {
            await balancer.removeAndDrain(server.id, options.drainTimeoutMs);
        } catch (error) {
            throw new StepFailure(
                `taking it out of the balancer failed: ${(error as Error).message}`,
                "being taken out of the balancer (on its previous release); check it before re-running",
            );
        }
    } else {
        log(`${label}: already out of ${balancer.description}`);
    }

    // 2. The release, while it gets no traffic.
    log(`${label}: running ${options.command}`);
    let result: RunResult;
    try {
        result = await runner.run(server, options.command, { timeoutMs: options.releaseTimeoutMs });
    } catch (error) {
        result = { exitCode: -1, output: `${runner.description} failed: ${(error as Error).message}` };
    }
    if (result.exitCode === options.keptPreviousExitCode) {
        log(
            `${label}: the release failed and kept the previous release (exit ${result.exitCode}); putting it back on the previous release`,
        );
        try {
            await balancer.add(server.id);
            await waitHealthy(server, options, deps);
        } catch (error) {
            const state = await takeBackOut(server, options, deps);
            throw new StepFailure(
                `the release failed (exit ${result.exitCode}) and then ${(error as Error).message}:\n${tail(result.output)}`,
                state,
            );
        }
        throw new StepFailure(
            `the release failed (exit ${result.exitCode}, previous release kept):\n${tail(result.output)}`,
            "back in service on its previous release",
        );
    }
    if (result.exitCode !== 0) {
        throw new StepFailure(
            `the release failed (exit ${result.exitCode}) on ${runner.description}:\n${tail(result.output)}`,
            "out of the balancer, in whatever state the release left it",
        );
    }

    // 3. Back in, and healthy on the balancer before the next server goes out.
    log(`${label}: released; putting it back into ${balancer.description} and waiting until healthy`);
    try {
        await balancer.add(server.id);
    } catch (error) {
        throw new StepFailure(
            `putting it back into the balancer failed: ${(error as Error).message}`,
            "out of the balancer, on the new release",
        );
    }
    try {
        await waitHealthy(server, options, deps);
    } catch (error) {
        const state = await takeBackOut(server, options, deps);
        throw new StepFailure(`${(error as Error).message} after the release`, `${state}, on the new release`);
    }
    log(`${label}: healthy and back in service on ${options.ref}`);
}
