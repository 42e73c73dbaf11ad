/**
 * webtier-health-checks on AWS: every target group (except Lambda targets, which have no port)
 * and every classic load balancer checks health over HTTP(S) on the configured path. A target
 * group's provider default is HTTP on "/"; a classic balancer's check is one `target` text,
 * `PROTOCOL:PORT[/path]` (HTTP and HTTPS with a path, TCP and SSL without), and without a
 * `healthCheck` block AWS's default does not request the app's path. A Lightsail load balancer
 * requests its `healthCheckPath`, "/" by default, over HTTP. The native provider's target group
 * keeps the same check in top-level fields.
 */
import { healthCheckViolations } from "../../health-checks";
import { Res, describe, isUnknown, textOf } from "../../values";
import { AWS_BALANCER_TYPES } from "../balancers";
import { LIGHTSAIL, lightsailHealthCheckProblems } from "../lightsail";
import { AWS } from "../types";

/** A classic balancer's `healthCheck.target`, read into the fields every health check is judged by. */
const CLASSIC_TARGET = /^(HTTP|HTTPS|TCP|SSL):(\d+)(\/.*)?$/i;

function classicProblems(res: Res, healthCheckPath: string): string[] {
    const fix = `Set healthCheck.target to "HTTP:<the app's instance port>${healthCheckPath}".`;
    const block = res.props.healthCheck;
    if (block === undefined || block === null)
        return [
            `${describe(res)} has no healthCheck block, and AWS's default check does not request ${healthCheckPath}, where the app answers health checks. ${fix}`,
        ];
    if (isUnknown(block)) return healthCheckViolations(res, block, "healthCheck", fix, healthCheckPath);
    if (isUnknown(block.target))
        return healthCheckViolations(res, block.target, "healthCheck.target", fix, healthCheckPath);
    const text = textOf(block.target);
    const target = CLASSIC_TARGET.exec(text);
    if (!target)
        return [`${describe(res)} has health check target "${text}", which is not PROTOCOL:PORT[/path]. ${fix}`];
    const [, protocol, , path] = target;
    if (/^https?$/i.test(protocol) && path === undefined)
        return [
            `${describe(res)} has health check target "${text}" without a path, which AWS requires over ${protocol}. ${fix}`,
        ];
    // TCP and SSL checks carry no path: their protocol is what is wrong with them.
    return healthCheckViolations(res, { protocol, path: path ?? "" }, "healthCheck", fix, healthCheckPath);
}

/** Target group protocols whose health check defaults to TCP (network load balancers). */
const TCP_CHECKED = ["TCP", "TLS", "UDP", "TCP_UDP"];

/**
 * The native provider's target group keeps its check in top-level fields: healthCheckEnabled,
 * healthCheckProtocol (default HTTP, TCP for a network load balancer's TCP, TLS or UDP group),
 * healthCheckPath (default "/").
 */
function nativeTargetGroupProblems(res: Res, healthCheckPath: string): string[] {
    const p = res.props;
    if (p.targetType === "lambda") return [];
    const groupProtocol = p.protocol;
    const protocol =
        p.healthCheckProtocol ??
        (isUnknown(groupProtocol)
            ? groupProtocol
            : TCP_CHECKED.includes(textOf(groupProtocol ?? "").toUpperCase())
              ? "TCP"
              : "HTTP");
    const check = { enabled: p.healthCheckEnabled ?? true, protocol, path: p.healthCheckPath ?? "/" };
    const fix = `Set healthCheckProtocol "HTTP" and healthCheckPath "${healthCheckPath}" (and leave healthCheckEnabled unset or true).`;
    return healthCheckViolations(res, check, "health check", fix, healthCheckPath);
}

export const AWS_HEALTH_CHECKS = {
    types: [
        ...AWS.targetGroups,
        ...AWS_BALANCER_TYPES.classic,
        LIGHTSAIL.balancer,
        ...AWS_BALANCER_TYPES.nativeTargetGroups,
    ],
    problems(res: Res, healthCheckPath: string): string[] {
        if (res.type === LIGHTSAIL.balancer) return lightsailHealthCheckProblems(res, healthCheckPath);
        if (AWS_BALANCER_TYPES.classic.includes(res.type as never)) return classicProblems(res, healthCheckPath);
        if (AWS_BALANCER_TYPES.nativeTargetGroups.includes(res.type as never))
            return nativeTargetGroupProblems(res, healthCheckPath);
        if (res.props.targetType === "lambda") return [];
        const fix = `Set healthCheck to { enabled: true, protocol: "HTTP", path: "${healthCheckPath}" }.`;
        return healthCheckViolations(res, res.props.healthCheck, "healthCheck", fix, healthCheckPath);
    },
};
