/**
 * webtier-health-checks on AWS: every target group (except Lambda targets, which have no port)
 * checks health over HTTP(S) on the configured path. The provider checks HTTP on "/" by default.
 */
import { healthCheckViolations } from "../../health-checks";
import type { Res } from "../../values";
import { AWS } from "../types";

export const AWS_HEALTH_CHECKS = {
    types: AWS.targetGroups,
    problems(res: Res, healthCheckPath: string): string[] {
        if (res.props.targetType === "lambda") return [];
        const fix = `Set healthCheck to { enabled: true, protocol: "HTTP", path: "${healthCheckPath}" }.`;
        return healthCheckViolations(res, res.props.healthCheck, "healthCheck", fix, healthCheckPath);
    },
};
