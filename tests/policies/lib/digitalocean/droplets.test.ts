import * as assert from "assert";
import { firewallCovers, uncoveredDroplets } from "../../../../policies/lib/digitalocean/droplets";
import { UNKNOWN } from "../../../../policies/lib/values";
import { FakeResource, graphOf } from "../../helpers";

const DROPLET = "digitalocean:index/droplet:Droplet";
const FIREWALL = "digitalocean:index/firewall:Firewall";
const TAG = "digitalocean:index/tag:Tag";

function covers(resources: FakeResource[]): boolean | typeof UNKNOWN {
    const graph = graphOf(resources);
    return firewallCovers(graph, graph.ofType([FIREWALL])[0], graph.ofType([DROPLET])[0]);
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
            uncoveredDroplets(graph).map((u) => [u.droplet.name, u.unknown]),
            [["worker", false]],
        );
    });
});
