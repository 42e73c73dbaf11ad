/**
 * Elastic Load Balancing (v2) settings refused at create (webtier-preflight-settings):
 * - a target group whose health check timeout is not shorter than its interval: ELBv2 answers
 *   ValidationError ("Health check timeout ... must be smaller than the interval"; ELB User Guide,
 *   "Health checks for your target groups": HealthCheckTimeoutSeconds is how long a target has to
 *   answer within each HealthCheckIntervalSeconds; read 2026-12-03);
 * - an HTTPS or TLS listener without a default certificate: API elbv2 CreateListener Certificates,
 *   "[HTTPS and TLS listeners] The default certificate for the listener. You must provide exactly
 *   one certificate" (read 2026-12-03). An aws.lb.ListenerCertificate adds certificates to the
 *   listener's list after it exists; it is no default, so it does not make up for one.
 */
import { Res, describe, isUnknown, knownNumber } from "../values";
import { AWS } from "./types";

function healthCheckProblems(res: Res): string[] {
    const check = res.props.healthCheck as Record<string, unknown> | undefined;
    if (!check || typeof check !== "object" || isUnknown(check) || check.enabled === false) return [];
    const { interval, timeout } = check;
    if (!knownNumber(interval) || !knownNumber(timeout) || timeout < interval) return [];
    return [
        `${describe(res)}: healthCheck.timeout ${timeout} is not shorter than healthCheck.interval ${interval}; ELBv2 refuses a health check whose timeout is not smaller than its interval. Set timeout below interval (such as interval 30, timeout 5). Source: ELB User Guide "Health checks for your target groups".`,
    ];
}

function listenerProblems(res: Res): string[] {
    const { protocol, certificateArn } = res.props;
    if (typeof protocol !== "string" || isUnknown(protocol)) return [];
    const secure = protocol.toUpperCase();
    if (secure !== "HTTPS" && secure !== "TLS") return [];
    if (isUnknown(certificateArn) || (typeof certificateArn === "string" && certificateArn !== "")) return [];
    return [
        `${describe(res)}: protocol ${protocol} without certificateArn; ELBv2 refuses an ${secure} listener without a default certificate (a ListenerCertificate only adds certificates beside it). Set certificateArn to an issued ACM certificate's ARN. Source: API elbv2 CreateListener Certificates.`,
    ];
}

export function balancerSettingsProblems(res: Res): string[] {
    if ((AWS.targetGroups as readonly string[]).includes(res.type)) return healthCheckProblems(res);
    if ((AWS.listeners as readonly string[]).includes(res.type)) return listenerProblems(res);
    return [];
}
