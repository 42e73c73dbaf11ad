/**
 * webtier-health-checks on DigitalOcean: every load balancer checks health over http(s) on the
 * configured path. DigitalOcean checks "/" over http when no block is given.
 */
import { healthCheckViolations } from "../../health-checks";
import type { Res } from "../../values";
import { DO } from "../types";

export const DIGITALOCEAN_HEALTH_CHECKS = {
    types: DO.loadBalancers,
    problems(res: Res, healthCheckPath: string): string[] {
        const fix = `Set healthcheck to { protocol: "http", port: 80, path: "${healthCheckPath}" }.`;
        return healthCheckViolations(res, res.props.healthcheck, "healthcheck", fix, healthCheckPath);
    },
};
