/**
 * Target health on an AWS Application Load Balancer: DescribeTargetHealth on one target group,
 * normalised. The AWS SDK command class is passed in, not imported, so that the health gate's
 * serialized provider requires the SDK at run time in the provider host instead of capturing it.
 */
import type { DescribeTargetHealthCommandOutput, TargetDescription } from "@aws-sdk/client-elastic-load-balancing-v2";
import { HealthSource, MemberHealth, MemberStatus } from "./status";

/** The part of `ElasticLoadBalancingV2Client` needed here; tests pass a recording stub. */
export interface ElbSender {
    send(command: unknown): Promise<unknown>;
}

/** `DescribeTargetHealthCommand`'s constructor. */
export type DescribeTargetHealthCommandClass = new (input: {
    TargetGroupArn: string;
    Targets?: TargetDescription[];
}) => unknown;

/**
 * Maps an ALB target's health (`TargetHealth.State` and `.Reason` from DescribeTargetHealth)
 * to the neutral `MemberHealth`.
 * - `unused` with `Target.NotRegistered` means the instance is not in the target group: absent.
 *   Other `unused` reasons (target group not used by a listener, zone not enabled) mean it is
 *   registered but gets no traffic: unhealthy, so it never counts as serving capacity.
 * - `unavailable` (health checks disabled) is not proof of health: unhealthy.
 */
export function memberHealthFromTarget(state: string | undefined, reason: string | undefined): MemberHealth {
    switch (state) {
        case "healthy":
            return "healthy";
        case "initial":
            return "pending";
        case "draining":
        case "unhealthy.draining":
            return "draining";
        case "unused":
            return reason === "Target.NotRegistered" ? "absent" : "unhealthy";
        default:
            return "unhealthy";
    }
}

/** One target's health, with the port it is registered on (so it is deregistered alike). */
export interface TargetStatus extends MemberStatus {
    port?: number;
}

/**
 * The health of `targets` (every registered target when omitted) in the target group. An
 * instance that is not registered can answer InvalidTarget: it is absent.
 */
export async function describeTargetHealth(
    elb: ElbSender,
    command: DescribeTargetHealthCommandClass,
    targetGroupArn: string,
    targets?: TargetDescription[],
): Promise<TargetStatus[]> {
    let out: DescribeTargetHealthCommandOutput;
    try {
        out = (await elb.send(
            new command({ TargetGroupArn: targetGroupArn, Targets: targets }),
        )) as DescribeTargetHealthCommandOutput;
    } catch (error) {
        if ((error as Error).name === "InvalidTargetException" && targets)
            return targets.map((t) => ({ id: t.Id!, health: "absent" }));
        throw error;
    }
    return (out.TargetHealthDescriptions ?? []).map((description) => {
        const state = description.TargetHealth?.State;
        const reason = description.TargetHealth?.Reason;
        return {
            id: description.Target?.Id ?? "",
            health: memberHealthFromTarget(state, reason),
            detail: [state, reason].filter(Boolean).join(": "),
            port: description.Target?.Port,
        };
    });
}

/** A target group's description in messages. */
export function targetGroupDescription(targetGroupArn: string): string {
    return `target group ${targetGroupArn.split(":").pop()}`;
}

/** The health of instances in one target group whose ARN is known (what the health gate reads). */
export function targetGroupHealth(
    elb: ElbSender,
    command: DescribeTargetHealthCommandClass,
    targetGroupArn: string,
): HealthSource {
    return {
        description: targetGroupDescription(targetGroupArn),
        health: async (serverId) => {
            const [status] = await describeTargetHealth(elb, command, targetGroupArn, [{ Id: serverId }]);
            return status
                ? { id: status.id, health: status.health, detail: status.detail }
                : { id: serverId, health: "absent" };
        },
    };
}
