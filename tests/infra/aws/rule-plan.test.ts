import { strict as assert } from "assert";
import { cidrKey, planSecurityRules, PlannedRule } from "../../../infra/aws/rule-plan";

const plan = (allowSshFrom: string[] = []) => planSecurityRules({ allowSshFrom, databasePort: 3306, cachePort: 6379 });
const ingressTo = (rules: PlannedRule[], group: string, port: number) =>
    rules.filter((rule) => rule.group === group && rule.direction === "ingress" && rule.port === port);

describe("AWS rule plan", () => {
    it("opens only 80 and 443 to the internet, and only on the balancer", () => {
        const world = plan(["203.0.113.0/24"]).filter(
            (rule) =>
                rule.direction === "ingress" &&
                rule.peer.kind === "cidr" &&
                (rule.peer.cidr === "0.0.0.0/0" || rule.peer.cidr === "::/0"),
        );
        assert.deepEqual(
            world.map((rule) => `${rule.group}:${rule.port}:${rule.peer.kind === "cidr" ? rule.peer.cidr : ""}`).sort(),
            ["balancer:443:0.0.0.0/0", "balancer:443:::/0", "balancer:80:0.0.0.0/0", "balancer:80:::/0"],
        );
    });

    it("admits port 80 on the servers only from the balancer's group", () => {
        assert.deepEqual(
            ingressTo(plan(), "app", 80).map((rule) => rule.peer),
            [{ kind: "group", group: "balancer" }],
        );
    });

    it("admits port 22 only from each allowlisted range, with the right IP version", () => {
        const ssh = ingressTo(plan(["203.0.113.0/24", "2001:db8::/48"]), "app", 22);
        assert.deepEqual(
            ssh.map((rule) => rule.peer),
            [
                { kind: "cidr", cidr: "203.0.113.0/24", version: 4 },
                { kind: "cidr", cidr: "2001:db8::/48", version: 6 },
            ],
        );
    });

    it("has no port 22 rule at all when the allowlist is empty", () => {
        assert.equal(plan().filter((rule) => rule.port === 22).length, 0);
    });

    it("refuses a world-open SSH range even if config validation was bypassed", () => {
        assert.throws(() => plan(["0.0.0.0/0"]), /whole internet/);
        assert.throws(() => plan(["::/0"]), /whole internet/);
    });

    it("admits the database and the cache only from the app servers' group", () => {
        const rules = plan(["203.0.113.0/24"]);
        for (const [group, port] of [
            ["database", 3306],
            ["cache", 6379],
        ] as const) {
            const ingress = rules.filter((rule) => rule.group === group && rule.direction === "ingress");
            assert.deepEqual(
                ingress.map((rule) => [rule.port, rule.peer]),
                [[port, { kind: "group", group: "app" }]],
            );
        }
    });

    it("lets the database and cache start no connections of their own", () => {
        assert.equal(
            plan().filter(
                (rule) => (rule.group === "database" || rule.group === "cache") && rule.direction === "egress",
            ).length,
            0,
        );
    });

    it("lets the balancer send traffic only to the servers on port 80", () => {
        const egress = plan().filter((rule) => rule.group === "balancer" && rule.direction === "egress");
        assert.deepEqual(
            egress.map((rule) => [rule.port, rule.peer]),
            [[80, { kind: "group", group: "app" }]],
        );
    });

    it("gives every rule a unique, name-safe key", () => {
        const keys = plan(["203.0.113.0/24", "2001:db8::/48", "198.51.100.7/32"]).map((rule) => rule.key);
        assert.equal(new Set(keys).size, keys.length);
        for (const key of keys) assert.match(key, /^[a-z0-9-]+$/);
        assert.equal(cidrKey("2001:db8::/48"), "2001-db8-48");
    });
});
