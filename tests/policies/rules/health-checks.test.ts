import { healthChecks } from "../../../policies/rules/health-checks";
import { UNKNOWN_BOOLEAN, UNKNOWN_STRING, assertNone, assertViolation, validateResource } from "../helpers";

const TG = "aws:lb/targetGroup:TargetGroup";
const DO_LB = "digitalocean:index/loadBalancer:LoadBalancer";

describe("webtier-health-checks on AWS", () => {
    it("accepts a target group checking the configured path", async () => {
        assertNone(
            await validateResource(healthChecks, TG, {
                protocol: "HTTP",
                port: 80,
                healthCheck: { enabled: true, path: "/up", protocol: "HTTP" },
            }),
        );
        assertNone(
            await validateResource(
                healthChecks,
                TG,
                { protocol: "HTTP", port: 80, healthCheck: { path: "/health" } },
                { healthCheckPath: "/health" },
            ),
        );
    });

    it("reads an absent health check as the provider default path /, which is not the configured one", async () => {
        assertViolation(
            await validateResource(healthChecks, TG, { protocol: "HTTP", port: 80 }),
            "path /",
            "no healthCheck block",
            "/up",
        );
    });

    it("refuses a disabled health check or a TCP one", async () => {
        assertViolation(
            await validateResource(healthChecks, TG, {
                protocol: "HTTP",
                healthCheck: { enabled: false, path: "/up" },
            }),
            "disabled",
        );
        assertViolation(
            await validateResource(healthChecks, TG, { protocol: "HTTP", healthCheck: { protocol: "TCP" } }),
            "over TCP",
        );
    });

    it("does not pass a path or flag unknown during preview", async () => {
        assertViolation(
            await validateResource(healthChecks, TG, { healthCheck: { path: UNKNOWN_STRING } }),
            "unknown during preview",
        );
        assertViolation(
            await validateResource(healthChecks, TG, { healthCheck: { enabled: UNKNOWN_BOOLEAN, path: "/up" } }),
            "unknown during preview",
        );
    });
});
describe("webtier-health-checks on an AWS classic load balancer", () => {
    const ELB = "aws:elb/loadBalancer:LoadBalancer";
    const withTarget = (target: unknown) => ({ listeners: [], healthCheck: { target, interval: 30 } });

    it("accepts HTTP or HTTPS on the configured path, whatever the port", async () => {
        assertNone(await validateResource(healthChecks, ELB, withTarget("HTTP:8080/up")));
        assertNone(
            await validateResource(healthChecks, ELB, withTarget("https:443/health"), { healthCheckPath: "/health" }),
        );
    });

    it("refuses TCP and SSL checks, another path, and a target that is not PROTOCOL:PORT[/path]", async () => {
        assertViolation(
            await validateResource(healthChecks, ELB, withTarget("TCP:80")),
            "over TCP",
            "HTTP:<the app's instance port>/up",
        );
        assertViolation(await validateResource(healthChecks, ELB, withTarget("SSL:443")), "over SSL");
        assertViolation(
            await validateResource(healthChecks, ELB, withTarget("HTTP:80/index.html")),
            "on path /index.html",
        );
        assertViolation(await validateResource(healthChecks, ELB, withTarget("HTTP:80")), "without a path");
        assertViolation(await validateResource(healthChecks, ELB, withTarget("/up")), 'target "/up"', "PROTOCOL:PORT");
    });

    it("refuses a balancer without a healthCheck block, and does not pass one unknown during preview", async () => {
        assertViolation(await validateResource(healthChecks, ELB, { listeners: [] }), "no healthCheck block", "/up");
        assertViolation(
            await validateResource(healthChecks, ELB, { healthCheck: UNKNOWN_STRING }),
            "unknown during preview",
        );
        assertViolation(
            await validateResource(healthChecks, ELB, withTarget(UNKNOWN_STRING)),
            "healthCheck.target unknown during preview",
        );
    });
});

describe("webtier-health-checks on DigitalOcean", () => {
    it("accepts an http health check on the configured path", async () => {
        assertNone(
            await validateResource(healthChecks, DO_LB, { healthcheck: { protocol: "http", port: 80, path: "/up" } }),
        );
    });

    it("refuses a tcp health check and a wrong path", async () => {
        assertViolation(
            await validateResource(healthChecks, DO_LB, { healthcheck: { protocol: "tcp", port: 80 } }),
            "over tcp",
        );
        assertViolation(
            await validateResource(healthChecks, DO_LB, { healthcheck: { protocol: "http", port: 80, path: "/" } }),
            "path /",
            "/up",
        );
    });

    it("reads an absent healthcheck block as the default path /", async () => {
        assertViolation(await validateResource(healthChecks, DO_LB, {}), "no healthcheck block");
    });

    it("does not pass a healthcheck unknown during preview", async () => {
        assertViolation(
            await validateResource(healthChecks, DO_LB, { healthcheck: UNKNOWN_STRING }),
            "unknown during preview",
        );
    });
});
