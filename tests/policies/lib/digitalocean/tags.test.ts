import * as assert from "assert";
import { digitalOceanTagProblems } from "../../../../policies/lib/digitalocean/tags";
import { UNKNOWN } from "../../../../policies/lib/values";

const POOL = "digitalocean:index/dropletAutoscale:DropletAutoscale";

/** A droplet autoscale pool whose template carries `tags`, as the preflight sees it. */
function pool(tags: unknown) {
    return {
        urn: `urn:pulumi:test::webtier::${POOL}::web-pool`,
        type: POOL,
        name: "web-pool",
        props: { dropletTemplate: { image: "ubuntu-24-04-x64", region: "fra1", size: "s-1vcpu-2gb", tags } },
        propertyDependencies: {},
        dependencies: [],
    };
}

describe("DigitalOcean tags: an autoscale pool's template tags", () => {
    it("refuses a template tag DigitalOcean would refuse on every droplet the pool starts", () => {
        const problems = digitalOceanTagProblems(pool(["web", "web servers"]));
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.ok(problems[0].includes('droplet autoscale pool "web-pool": tag "web servers"'), problems[0]);
    });

    it("accepts valid tags, and tags or a template unknown during preview", () => {
        assert.deepStrictEqual(digitalOceanTagProblems(pool(["web", "env:prod", "team_a-1"])), []);
        assert.deepStrictEqual(digitalOceanTagProblems(pool([UNKNOWN])), []);
        assert.deepStrictEqual(digitalOceanTagProblems({ ...pool([]), props: { dropletTemplate: UNKNOWN } }), []);
    });
});
