/**
 * Pure planning: in which order the servers are released, and whether a rolling deploy may
 * start at all. No I/O here; `rollout.ts` executes the plan.
 */
import { DeployServer, MemberHealth, MemberStatus } from "./types";

export interface PlannedStep {
    server: DeployServer;
    /** How the balancer saw the server when the plan was made. */
    before: MemberStatus;
}

export interface DeployPlan {
    steps: PlannedStep[];
    /** Healthy members of the balancer (any member, even one not in the stack outputs). */
    healthyInService: number;
    /** Set when the deploy must not start; says why and what to do. */
    refusal?: string;
    /** Things the person deploying should know but that do not stop the deploy. */
    warnings: string[];
}

/**
 * Servers already out of the balancer go first (releasing them costs no capacity; it is also
 * how a deploy that stopped halfway resumes), then those in service but not healthy, then the
 * healthy ones. Within a group the stack outputs' order is kept.
 */
const ORDER: Record<MemberHealth, number> = { absent: 0, draining: 1, unhealthy: 2, pending: 3, healthy: 4 };

export function planDeploy(
    servers: DeployServer[],
    members: MemberStatus[],
    options: { allowDowntime: boolean; balancer: string },
): DeployPlan {
    const byId = new Map(members.map((member) => [member.id, member]));
    const steps = servers
        .map((server, index) => ({
            server,
            index,
            before: byId.get(server.id) ?? { id: server.id, health: "absent" as const },
        }))
        .sort((a, b) => ORDER[a.before.health] - ORDER[b.before.health] || a.index - b.index)
        .map(({ server, before }) => ({ server, before }));

    const serverIds = new Set(servers.map((server) => server.id));
    const warnings = members
        .filter((member) => !serverIds.has(member.id))
        .map(
            (member) =>
                `${options.balancer} also serves ${member.id}, which is not one of the stack's servers: it keeps its current release.`,
        );
    for (const step of steps) {
        if (step.before.health === "absent") {
            warnings.push(
                `${step.server.name} (${step.server.id}) is not in ${options.balancer}; it is released first and then put in.`,
            );
        }
    }

    const healthyInService = members.filter((member) => member.health === "healthy").length;
    const plan: DeployPlan = { steps, healthyInService, warnings };
    if (healthyInService < 2 && !options.allowDowntime) {
        const states = members.length
            ? members
                  .map((member) => `${member.id}: ${member.health}${member.detail ? ` (${member.detail})` : ""}`)
                  .join(", ")
            : "no members";
        plan.refusal =
            `Refusing to deploy: ${options.balancer} has ${healthyInService} healthy server(s) in service (${states}), ` +
            `and a rolling deploy needs at least 2 so that one keeps serving while another is out. ` +
            `Fix the unhealthy servers first, or re-run with --allow-downtime to accept that the app is unavailable while a server is out.`;
    }
    return plan;
}

/** Human-readable plan, printed by `--dry-run` and before a real run. */
export function renderPlan(
    plan: DeployPlan,
    context: { balancer: string; runner: string; command: string; ref: string },
): string {
    const lines = [
        `Rolling deploy of ${context.ref} behind ${context.balancer}, one server at a time.`,
        `Each server runs (via ${context.runner}): ${context.command}`,
        `Healthy servers in service now: ${plan.healthyInService}.`,
    ];
    plan.steps.forEach((step, index) => {
        const { server, before } = step;
        const out =
            before.health === "absent"
                ? "already out of the balancer"
                : `take out of the balancer and wait until drained (now ${before.health}${before.detail ? `: ${before.detail}` : ""})`;
        lines.push(
            `  ${index + 1}. ${server.name} (${server.id}, ${server.zone}): ${out}; run the release; put back; wait until healthy.`,
        );
    });
    for (const warning of plan.warnings) lines.push(`Warning: ${warning}`);
    if (plan.refusal) lines.push(plan.refusal);
    return lines.join("\n");
}
