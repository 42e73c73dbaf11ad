import { strict as assert } from "assert";
import { build, coversPort, securityRules, someOf, T } from "./fixture";

describe("AWS network rules (registered resources)", function () {
    this.timeout(120000);

    it("puts no inline rules on any security group", async () => {
        for (const stack of ["dev", "prod"] as const) {
            for (const group of someOf(await build(stack), T.securityGroup)) {
                assert.equal(group.inputs.ingress, undefined, `${group.name} has inline ingress`);
                assert.equal(group.inputs.egress, undefined, `${group.name} has inline egress`);
            }
        }
    });

    it("admits port 80 on the app servers only from the balancer's security group", async () => {
        const rules = securityRules(await build("prod")).filter(
            (r) => r.direction === "ingress" && r.group === "prod-app-sg" && coversPort(r, 80),
        );
        assert.equal(rules.length, 1);
        assert.equal(rules[0].peerGroup, "prod-lb-sg");
        assert.equal(rules[0].cidrIpv4, undefined);
        assert.equal(rules[0].cidrIpv6, undefined);
    });

    it("admits port 22 only from the allowlisted ranges, IPv4 and IPv6 each in its own field", async () => {
        const ssh = securityRules(await build("prod")).filter((r) => r.direction === "ingress" && coversPort(r, 22));
        assert.deepEqual(ssh.map((r) => `${r.group} v4=${r.cidrIpv4 ?? "-"} v6=${r.cidrIpv6 ?? "-"}`).sort(), [
            "prod-app-sg v4=- v6=2001:db8::/48",
            "prod-app-sg v4=203.0.113.0/24 v6=-",
        ]);
    });

    it("opens no port 22 at all when the allowlist is empty", async () => {
        assert.equal(
            securityRules(await build("dev")).filter((r) => r.direction === "ingress" && coversPort(r, 22)).length,
            0,
        );
    });

    it("admits the database port only from the app servers' group", async () => {
        const built = await build("prod");
        const rules = securityRules(built).filter((r) => r.direction === "ingress" && r.group === "prod-db-sg");
        assert.deepEqual(
            rules.map((r) => [r.fromPort, r.toPort, r.peerGroup, r.cidrIpv4, r.cidrIpv6]),
            [[5432, 5432, "prod-app-sg", undefined, undefined]],
        );
        const devRules = securityRules(await build("dev")).filter(
            (r) => r.direction === "ingress" && r.group === "dev-db-sg",
        );
        assert.deepEqual(
            devRules.map((r) => [r.fromPort, r.peerGroup]),
            [[3306, "dev-app-sg"]],
        );
    });

    it("admits the cache port only from the app servers' group", async () => {
        const rules = securityRules(await build("prod")).filter(
            (r) => r.direction === "ingress" && r.group === "prod-cache-sg",
        );
        assert.deepEqual(
            rules.map((r) => [r.fromPort, r.toPort, r.peerGroup, r.cidrIpv4, r.cidrIpv6]),
            [[6379, 6379, "prod-app-sg", undefined, undefined]],
        );
    });

    it("opens only the balancer to the internet, on 80 and 443", async () => {
        const world = securityRules(await build("prod")).filter(
            (r) => r.direction === "ingress" && (r.cidrIpv4 === "0.0.0.0/0" || r.cidrIpv6 === "::/0"),
        );
        assert.deepEqual(world.map((r) => `${r.group}:${r.fromPort}-${r.toPort}:${r.cidrIpv4 ?? r.cidrIpv6}`).sort(), [
            "prod-lb-sg:443-443:0.0.0.0/0",
            "prod-lb-sg:443-443:::/0",
            "prod-lb-sg:80-80:0.0.0.0/0",
            "prod-lb-sg:80-80:::/0",
        ]);
    });

    it("lets the balancer reach only the app servers, on port 80", async () => {
        const egress = securityRules(await build("prod")).filter(
            (r) => r.direction === "egress" && r.group === "prod-lb-sg",
        );
        assert.deepEqual(
            egress.map((r) => [r.fromPort, r.toPort, r.peerGroup, r.cidrIpv4]),
            [[80, 80, "prod-app-sg", undefined]],
        );
    });

    it("lets the app servers out to the database, the cache and the web only", async () => {
        const egress = securityRules(await build("prod")).filter(
            (r) => r.direction === "egress" && r.group === "prod-app-sg",
        );
        assert.deepEqual(egress.map((r) => `${r.fromPort}:${r.peerGroup ?? r.cidrIpv4}`).sort(), [
            "443:0.0.0.0/0",
            "5432:prod-db-sg",
            "6379:prod-cache-sg",
            "80:0.0.0.0/0",
        ]);
    });

    it("uses TCP single-port rules only (no all-protocol or port-range rules)", async () => {
        for (const rule of securityRules(await build("prod"))) {
            assert.equal(rule.protocol, "tcp", rule.name);
            assert.equal(rule.fromPort, rule.toPort, rule.name);
        }
    });
});
