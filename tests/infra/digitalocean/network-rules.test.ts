/** Who may reach what on DigitalOcean (section 7 of the guide), on the registered resources. */
import * as assert from "assert";
import { Built, clusters, devTier, ofType, only, prodTier, someOf, SSH_ALLOWLIST, T } from "./fixture";

function inbound(built: Built): any[] {
    return only(built.evaluation, T.firewall).inputs.inboundRules;
}

describe("digitalocean: network rules", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    for (const stack of ["dev", "prod"] as const) {
        describe(`${stack} stack`, () => {
            const tier = () => (stack === "dev" ? dev : prod);

            it("puts the firewall on the app droplets' tag, never on the balancer's in-rotation tag", () => {
                const ev = tier().evaluation;
                const tag = only(ev, T.tag, `do-${stack}-app`);
                const memberTag = only(ev, T.tag, `do-${stack}-lb`);
                const firewall = only(ev, T.firewall);
                assert.deepStrictEqual(firewall.inputs.tags, [tag.inputs.name]);
                assert.ok(
                    firewall.propertyDependencies.tags.includes(tag.urn),
                    "the firewall references the Tag resource",
                );
                for (const droplet of someOf(ev, T.droplet))
                    assert.deepStrictEqual(droplet.inputs.tags, [tag.inputs.name, memberTag.inputs.name]);
                assert.deepStrictEqual(firewall.inputs.dropletIds, undefined, "droplets join through the tag only");
            });

            it("admits port 80 only from the balancer", () => {
                const ev = tier().evaluation;
                const balancer = only(ev, T.loadBalancer);
                const port80 = inbound(tier()).filter((r) => r.portRange === "80");
                assert.strictEqual(port80.length, 1);
                assert.deepStrictEqual(port80[0].sourceLoadBalancerUids, [balancer.id]);
                for (const key of ["sourceAddresses", "sourceTags", "sourceDropletIds", "sourceKubernetesIds"]) {
                    assert.strictEqual(port80[0][key], undefined, `port 80 has no ${key}`);
                }
                assert.ok(only(ev, T.firewall).propertyDependencies.inboundRules.includes(balancer.urn));
            });

            it("admits nothing inbound but the app port and SSH", () => {
                const ports = inbound(tier()).map((r) => `${r.protocol}/${r.portRange}`);
                assert.deepStrictEqual(
                    ports.filter((p) => p !== "tcp/80" && p !== "tcp/22"),
                    [],
                );
                assert.ok(inbound(tier()).every((r) => r.action === undefined || r.action === "allow"));
            });

            it("lets the droplets reach anything outbound", () => {
                const outbound = only(tier().evaluation, T.firewall).inputs.outboundRules as any[];
                assert.deepStrictEqual(outbound.map((r) => r.protocol).sort(), ["icmp", "tcp", "udp"]);
                for (const rule of outbound) assert.deepStrictEqual(rule.destinationAddresses, ["0.0.0.0/0", "::/0"]);
            });

            it("makes the database and cache firewalls trust only the app tag", () => {
                const ev = tier().evaluation;
                const tag = only(ev, T.tag, `do-${stack}-app`);
                const { database, cache } = clusters(ev);
                const firewalls = ofType(ev, T.databaseFirewall);
                assert.strictEqual(firewalls.length, 2);
                for (const cluster of [database, cache]) {
                    const guards = firewalls.filter((f) => f.inputs.clusterId === cluster.id);
                    assert.strictEqual(guards.length, 1, `one database firewall for ${cluster.name}`);
                    assert.deepStrictEqual(guards[0].inputs.rules, [{ type: "tag", value: tag.inputs.name }]);
                    assert.ok(
                        guards[0].propertyDependencies.rules.includes(tag.urn),
                        "the rule references the Tag resource",
                    );
                    assert.ok(guards[0].propertyDependencies.clusterId.includes(cluster.urn));
                }
            });
        });
    }

    it("admits SSH only from the allowlist", () => {
        const ssh = inbound(prod).filter((r) => r.portRange === "22");
        assert.strictEqual(ssh.length, 1);
        assert.deepStrictEqual(ssh[0].sourceAddresses, SSH_ALLOWLIST);
        assert.strictEqual(ssh[0].sourceLoadBalancerUids, undefined);
    });

    it("has no SSH rule when the allowlist is empty", () => {
        assert.deepStrictEqual(
            inbound(dev).filter((r) => r.portRange === "22"),
            [],
        );
    });
});
