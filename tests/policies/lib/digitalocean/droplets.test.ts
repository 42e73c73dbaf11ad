import * as assert from "assert";
import {
    balancedServers,
    digitalOceanServerFilters,
    firewallCovers,
    uncoveredServers,
} from "../../../../policies/lib/digitalocean/droplets";
import { UNKNOWN } from "../../../../policies/lib/values";
import { FakeResource, graphOf } from "../../helpers";

const DROPLET = "digitalocean:index/droplet:Droplet";
const FIREWALL = "digitalocean:index/firewall:Firewall";
const TAG = "digitalocean:index/tag:Tag";
const POOL = "digitalocean:index/dropletAutoscale:DropletAutoscale";
const LB = "digitalocean:index/loadBalancer:LoadBalancer";

function covers(resources: FakeResource[], server = DROPLET): boolean | typeof UNKNOWN {
    const graph = graphOf(resources);
    return firewallCovers(graph, graph.ofType([FIREWALL])[0], graph.ofType([server])[0]);
}

/** A droplet autoscale pool whose template carries `tags`. */
function pool(tags: unknown, deps?: string[], name = "pool"): FakeResource {
    return {
        type: POOL,
        name,
        props: {
            config: { minInstances: 2, maxInstances: 5 },
            dropletTemplate: { image: "ubuntu-24-04-x64", region: "fra1", size: "s-1vcpu-2gb", sshKeys: ["1"], tags },
        },
        ...(deps ? { deps: { dropletTemplate: deps } } : {}),
    };
}

describe("DigitalOcean droplets: which firewall covers which droplet", () => {
    it("covers by a shared tag or by droplet id, not by another tag or id", () => {
        assert.strictEqual(
            covers([
                { type: DROPLET, name: "d", props: { id: "7", tags: ["web"] } },
                { type: FIREWALL, name: "f", props: { tags: ["web"] } },
            ]),
            true,
        );
        assert.strictEqual(
            covers([
                { type: DROPLET, name: "d", props: { id: "7", tags: ["web"] } },
                { type: FIREWALL, name: "f", props: { tags: ["db"] } },
            ]),
            false,
        );
        assert.strictEqual(
            covers([
                { type: DROPLET, name: "d", props: { id: "7" } },
                { type: FIREWALL, name: "f", props: { dropletIds: [7] } },
            ]),
            true,
        );
        assert.strictEqual(
            covers([
                { type: DROPLET, name: "d", props: { id: "7" } },
                { type: FIREWALL, name: "f", props: { dropletIds: [8] } },
            ]),
            false,
        );
    });

    it("traces unknown tags through the Tag resource both carry, and unknown ids through dependencies (preview)", () => {
        const tag: FakeResource = { type: TAG, name: "t", props: { name: "web" } };
        const droplet: FakeResource = {
            type: DROPLET,
            name: "d",
            props: { id: UNKNOWN, tags: [UNKNOWN] },
            deps: { tags: ["t"] },
        };
        assert.strictEqual(
            covers([tag, droplet, { type: FIREWALL, name: "f", props: { tags: [UNKNOWN] }, deps: { tags: ["t"] } }]),
            true,
        );
        assert.strictEqual(covers([tag, droplet, { type: FIREWALL, name: "f", props: { tags: [UNKNOWN] } }]), UNKNOWN);
        assert.strictEqual(
            covers([
                tag,
                droplet,
                { type: FIREWALL, name: "f", props: { dropletIds: [UNKNOWN] }, deps: { dropletIds: ["d"] } },
            ]),
            true,
        );
    });

    it("lists the droplets no firewall covers", () => {
        const graph = graphOf([
            { type: DROPLET, name: "web", props: { id: "1", tags: ["web"] } },
            { type: DROPLET, name: "worker", props: { id: "2", tags: ["worker"] } },
            { type: FIREWALL, name: "f", props: { tags: ["web"] } },
        ]);
        assert.deepStrictEqual(
            uncoveredServers(graph).map((u) => [u.server.name, u.unknown]),
            [["worker", false]],
        );
    });
});

describe("DigitalOcean droplet autoscale pools: app servers reached through their template's tags", () => {
    it("is covered by a firewall on a tag of its dropletTemplate, never by dropletIds", () => {
        assert.strictEqual(
            covers([pool(["web"]), { type: FIREWALL, name: "f", props: { tags: ["web"] } }], POOL),
            true,
        );
        assert.strictEqual(
            covers([pool(["web"]), { type: FIREWALL, name: "f", props: { tags: ["db"] } }], POOL),
            false,
        );
        // The pool's droplets have ids the program never sees: an unknown id is another droplet's.
        assert.strictEqual(
            covers([pool(["web"]), { type: FIREWALL, name: "f", props: { dropletIds: [UNKNOWN] } }], POOL),
            false,
        );
    });

    it("traces template tags unknown during preview through the Tag resource the template depends on", () => {
        const tag: FakeResource = { type: TAG, name: "t", props: { name: "web", id: UNKNOWN } };
        const firewall: FakeResource = { type: FIREWALL, name: "f", props: { tags: [UNKNOWN] }, deps: { tags: ["t"] } };
        assert.strictEqual(covers([tag, pool([UNKNOWN], ["t"]), firewall], POOL), true);
        assert.strictEqual(covers([tag, pool([UNKNOWN]), firewall], POOL), UNKNOWN);
        assert.strictEqual(covers([tag, pool(UNKNOWN, ["t"]), firewall], POOL), true);
    });

    it("does not take a Tag the template depends on elsewhere (its user data) for a tag it carries", () => {
        const tag: FakeResource = { type: TAG, name: "t", props: { name: "web", id: UNKNOWN } };
        const firewall: FakeResource = { type: FIREWALL, name: "f", props: { tags: [UNKNOWN] }, deps: { tags: ["t"] } };
        assert.notStrictEqual(covers([tag, pool(["other"], ["t"]), firewall], POOL), true);
    });

    it("is listed as uncovered, and with its firewalls, like a droplet", () => {
        const graph = graphOf([
            pool(["web"], undefined, "web-pool"),
            pool(["worker"], undefined, "worker-pool"),
            { type: FIREWALL, name: "f", props: { tags: ["web"] } },
        ]);
        assert.deepStrictEqual(
            uncoveredServers(graph).map((u) => [u.server.name, u.unknown]),
            [["worker-pool", false]],
        );
        assert.deepStrictEqual(
            digitalOceanServerFilters(graph).map((s) => [s.server.name, s.filters.map((f) => f.name)]),
            [
                ["web-pool", ["f"]],
                ["worker-pool", []],
            ],
        );
    });

    it("is behind a balancer whose dropletTag its template carries, by name or through the Tag resource", () => {
        const behind = (resources: FakeResource[]) => {
            const graph = graphOf(resources);
            return [...balancedServers(graph, graph.ofType([LB])[0])].map((s) => s.name);
        };
        assert.deepStrictEqual(behind([pool(["web"]), { type: LB, name: "lb", props: { dropletTag: "web" } }]), [
            "pool",
        ]);
        assert.deepStrictEqual(behind([pool(["db"]), { type: LB, name: "lb", props: { dropletTag: "web" } }]), []);
        const tag: FakeResource = { type: TAG, name: "t", props: { name: "web", id: UNKNOWN } };
        const lb: FakeResource = { type: LB, name: "lb", props: { dropletTag: UNKNOWN }, deps: { dropletTag: ["t"] } };
        assert.deepStrictEqual(behind([tag, pool([UNKNOWN], ["t"]), lb]), ["pool"]);
    });
});
