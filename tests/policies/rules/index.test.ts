import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../../policies/rules";

describe("the webtier policy list", () => {
    it("names every policy webtier-<kebab-case>, once", () => {
        const names = policies.map((p) => p.name);
        for (const name of names) assert.match(name, /^webtier-[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.strictEqual(new Set(names).size, names.length);
    });

    it("makes the security rules mandatory and the advisories advisory by default", () => {
        const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
        assert.strictEqual(levels["webtier-reliability"], "advisory");
        assert.strictEqual(levels["webtier-ssh-broad-range"], "advisory");
        for (const name of [
            "webtier-ssh-allowlist",
            "webtier-port-80-only-from-balancer",
            "webtier-database-not-public",
            "webtier-cache-not-public",
            "webtier-tls-at-balancer",
            "webtier-health-checks",
            "webtier-storage-not-public",
            "webtier-private-versioned-storage",
        ]) {
            assert.strictEqual(levels[name], "mandatory", name);
        }
    });

    it("loads no provider SDK (nor the policy server) at run time, outside the pack entry point", () => {
        const dir = path.join(__dirname, "../../../policies");
        const entry = path.join(dir, "index.js");
        const files: string[] = [];
        const walk = (d: string) =>
            fs
                .readdirSync(d, { withFileTypes: true })
                .forEach((e) =>
                    e.isDirectory()
                        ? walk(path.join(d, e.name))
                        : e.name.endsWith(".js") && files.push(path.join(d, e.name)),
                );
        walk(dir);
        for (const file of files.filter((f) => f !== entry)) {
            const text = fs.readFileSync(file, "utf8");
            assert.ok(
                !/require\("@pulumi\/(aws|digitalocean|policy)"\)/.test(text),
                `${file} requires a heavy module at run time`,
            );
        }
    });
});
