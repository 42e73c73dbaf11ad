import * as assert from "assert";
import { CLOUD_PROFILES, CLOUDS } from "../../infra/clouds";
import { serverSize, databaseSize, cacheSize } from "../../infra/sizing";
import { SIZE_CLASSES } from "../../infra/config/types";

describe("size classes", () => {
    it("map every class on every cloud to a concrete size", () => {
        for (const cloud of CLOUDS) {
            for (const size of SIZE_CLASSES) {
                assert.ok(serverSize(cloud, size), `${cloud}/${size} server`);
                assert.ok(databaseSize(cloud, size), `${cloud}/${size} database`);
                assert.ok(cacheSize(cloud, size), `${cloud}/${size} cache`);
            }
        }
    });

    it("use each cloud's own size names", () => {
        assert.match(serverSize("aws", "small"), /^[a-z0-9]+\.[a-z0-9]+$/);
        assert.match(databaseSize("aws", "medium"), /^db\./);
        assert.match(cacheSize("aws", "large"), /^cache\./);
        assert.match(serverSize("digitalocean", "small"), /^s-\d+vcpu-\d+gb$/);
        assert.match(databaseSize("digitalocean", "large"), /^db-s-/);
    });

    it("grow with the class: no two classes share a size on one cloud", () => {
        for (const cloud of CLOUDS) {
            for (const role of ["server", "database", "cache"] as const) {
                const names = SIZE_CLASSES.map((size) => CLOUD_PROFILES[cloud].sizes[size][role]);
                assert.strictEqual(new Set(names).size, names.length, `${cloud} ${role}: ${names.join(", ")}`);
            }
        }
    });

    it("match memory across clouds for servers (GiB in the DO slug)", () => {
        const doMemory = SIZE_CLASSES.map((size) => Number(/(\d+)gb$/.exec(serverSize("digitalocean", size))![1]));
        assert.deepStrictEqual(doMemory, [2, 4, 8]);
    });
});
