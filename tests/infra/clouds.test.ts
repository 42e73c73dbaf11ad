import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CLOUD_PROFILES, CLOUDS } from "../../infra/clouds";
import { SIZE_CLASSES, DATABASE_ENGINES } from "../../infra/config/types";
import schema from "../../infra/outputs/webtier-outputs.schema.json";
import { WEBTIER_OUTPUTS_SCHEMA } from "../../infra/outputs/validate";

const INFRA = path.join(__dirname, "..", "..", "..", "infra");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** A comparison with, or a case on, a cloud's name: a branch on the cloud. */
const BRANCH_ON_CLOUD = new RegExp(`(===|!==)\\s*"(${CLOUDS.join("|")})"|case\\s+"(${CLOUDS.join("|")})"`);

describe("a cloud is one folder", () => {
    it("every cloud config knows has a profile, named as the cloud", () => {
        assert.deepStrictEqual(Object.keys(CLOUD_PROFILES).sort(), [...CLOUDS].sort());
        for (const [cloud, profile] of Object.entries(CLOUD_PROFILES)) {
            assert.strictEqual(profile.name, cloud);
            assert.strictEqual(profile.engineVersions.cloud, cloud);
        }
    });

    it("each profile is complete: its example region is one of its regions, every size class and engine has an entry", () => {
        for (const profile of Object.values(CLOUD_PROFILES)) {
            assert.ok(
                profile.regions.includes(profile.exampleRegion),
                `${profile.name}: example region ${profile.exampleRegion}`,
            );
            for (const size of SIZE_CLASSES) {
                const table = profile.sizes[size];
                assert.ok(table.server && table.database && table.cache, `${profile.name} ${size}`);
            }
            for (const engine of DATABASE_ENGINES) {
                assert.ok(
                    profile.engineVersions.versions.some((v) => v.engine === engine && v.default),
                    `${profile.name}: no default ${engine}`,
                );
            }
            assert.ok(profile.derivedNames("s").length > 0, `${profile.name}: no derived names`);
        }
    });

    it("the outputs contract's readers accept exactly the clouds config knows, and the published schema lists none", () => {
        const applied = WEBTIER_OUTPUTS_SCHEMA as { properties: { cloud: { enum: string[] } } };
        assert.deepStrictEqual([...applied.properties.cloud.enum].sort(), [...CLOUDS].sort());
        assert.ok(
            !("enum" in schema.properties.cloud),
            "a cloud is no schema change: the published schema's cloud is open",
        );
        for (const cloud of CLOUDS) assert.match(cloud, new RegExp(schema.properties.cloud.pattern));
    });

    it("nothing outside a cloud's own folder branches on the cloud's name", () => {
        const own = [path.join(INFRA, "aws") + path.sep, path.join(INFRA, "digitalocean") + path.sep];
        const shared = sources(INFRA).filter((file) => !own.some((dir) => file.startsWith(dir)));
        assert.ok(shared.length > 20, `expected infra's shared sources, found ${shared.length}`);
        const branching = shared
            .filter((file) => BRANCH_ON_CLOUD.test(fs.readFileSync(file, "utf8")))
            .map((file) => path.relative(INFRA, file));
        assert.deepStrictEqual(
            branching,
            [],
            "move what is particular to a cloud into its profile (infra/<cloud>/profile.ts)",
        );
        assert.ok(
            BRANCH_ON_CLOUD.test(`if (config.cloud === "aws") {`) && BRANCH_ON_CLOUD.test(`case "digitalocean":`),
            "the pattern itself",
        );
    });
});
