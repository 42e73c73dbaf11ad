/** Health-gated, one-at-a-time droplet replacement on DigitalOcean, on the registered resource graph. */
import * as assert from "assert";
import { build, Built, DEV_CONFIG, devTier, ofType, only, prodTier, someOf, T } from "./fixture";

const GATE = "pulumi-nodejs:dynamic:Resource";

describe("digitalocean: health-gated replacement", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("registers one health gate per droplet, named after it", () => {
        assert.deepStrictEqual(
            ofType(prod.evaluation, GATE).map((g) => g.name),
            ["do-prod-app-1-healthy", "do-prod-app-2-healthy", "do-prod-app-3-healthy"],
        );
        assert.deepStrictEqual(
            ofType(dev.evaluation, GATE).map((g) => g.name),
            ["do-dev-app-1-healthy"],
        );
    });

    it("starts gate i once droplet i exists and gives it the droplet's id, so a replaced droplet replaces its gate", () => {
        const ev = prod.evaluation;
        const droplets = someOf(ev, T.droplet);
        droplets.forEach((droplet, index) => {
            const gate = only(ev, GATE, `${droplet.name}-healthy`);
            assert.ok(gate.dependencies.includes(droplet.urn), `${gate.name} waits for ${droplet.name}`);
            assert.strictEqual(gate.inputs.serverId, droplet.id);
            assert.ok(gate.propertyDependencies.serverId.includes(droplet.urn));
            assert.strictEqual(gate.inputs.serverName, `do-prod-app-${index + 1}`);
            assert.deepStrictEqual(gate.inputs.serverAddresses, {
                privateIp: droplet.state.ipv4AddressPrivate,
                publicIp: droplet.state.ipv4Address,
            });
        });
    });

    it("asks the tier's balancer, which selects droplets by the in-rotation tag", () => {
        const ev = prod.evaluation;
        const balancer = only(ev, T.loadBalancer);
        for (const gate of someOf(ev, GATE)) {
            assert.deepStrictEqual(gate.inputs.balancer, {
                loadBalancerId: balancer.id,
                address: balancer.state.ip,
                memberTag: balancer.inputs.dropletTag,
            });
            assert.ok(gate.propertyDependencies.balancer.includes(balancer.urn));
            assert.strictEqual(gate.inputs.timeoutSeconds, 600, "10 minutes by default");
            assert.match(gate.inputs.__provider, /droplets_health_checks/, "the DigitalOcean gate provider");
        }
    });

    it("creates droplet i+1 only after gate i, and deletes no droplet before its replacement exists", () => {
        const ev = prod.evaluation;
        const droplets = someOf(ev, T.droplet);
        const gates = someOf(ev, GATE);
        droplets.forEach((droplet, index) => {
            const waitsFor = [...droplets, ...gates]
                .filter((other) => droplet.dependencies.includes(other.urn))
                .map((other) => other.name);
            assert.deepStrictEqual(waitsFor, index === 0 ? [] : [`do-prod-app-${index}-healthy`]);
        });
        for (const resource of [...droplets, ...gates])
            assert.strictEqual(resource.deleteBeforeReplace, false, resource.name);
    });

    it("takes the timeout from servers.healthGateTimeoutMinutes, and registers no gate with servers.healthGate false", async () => {
        const slow = await build(
            { ...DEV_CONFIG, servers: JSON.stringify({ count: 2, healthGateTimeoutMinutes: 20 }) },
            "do-slow",
        );
        assert.deepStrictEqual(
            ofType(slow.evaluation, GATE).map((g) => g.inputs.timeoutSeconds),
            [1200, 1200],
        );

        const ungated = await build(
            { ...DEV_CONFIG, servers: JSON.stringify({ count: 2, healthGate: false }) },
            "do-ungated",
        );
        assert.strictEqual(ofType(ungated.evaluation, GATE).length, 0);
        const [first, second] = ofType(ungated.evaluation, T.droplet);
        assert.deepStrictEqual(
            second.dependencies.filter((urn) => urn.includes("Droplet")),
            [first.urn],
            "still one droplet after the other",
        );
        assert.strictEqual(second.deleteBeforeReplace, false);
    });
});
