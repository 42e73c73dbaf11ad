import { MemberHealth } from "../types";

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
