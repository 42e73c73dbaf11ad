// No overlapping networks by default: distinct derived DigitalOcean ranges, and the stack files checked.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { parseCidr, cidrOverlaps, Cidr } from "../../../policies/lib/cidr";
import {
    DERIVED_SECOND_OCTETS,
    FIXED_DEFAULT_VPC_CIDR,
    defaultVpcCidr,
    overlappingStacks,
    StackNetwork,
} from "../../../infra/config/network";
import { DIGITALOCEAN_RESERVED_RANGES } from "../../../policies/lib/digitalocean/networks";
import { parseConfig } from "../../../infra/config/parse";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const STACKS_DIR = path.join(REPO_ROOT, "stacks");

/** Each stack file's effective network, read as the program reads it (through parseConfig). */
function shippedNetworks(): StackNetwork[] {
    return fs
        .readdirSync(STACKS_DIR)
        .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
        .map((file) => {
            const stack = file.replace(/^Pulumi\.|\.yaml$/g, "");
            const doc = yaml.load(fs.readFileSync(path.join(STACKS_DIR, file), "utf8")) as {
                config: Record<string, unknown>;
            };
            const raw: Record<string, string> = { appKey: `base64:${"A".repeat(43)}=` };
            for (const [key, value] of Object.entries(doc.config)) {
                if (key.startsWith("webtier:"))
                    raw[key.slice(8)] = typeof value === "string" ? value : JSON.stringify(value);
            }
            const config = parseConfig(raw, stack);
            return { stack, cloud: config.cloud, vpcCidr: config.vpcCidr };
        });
}

describe("VPC ranges", () => {
    it("derives a DigitalOcean default from the stack name: the same on every run, different for do-dev and do-prod", () => {
        assert.strictEqual(defaultVpcCidr("digitalocean", "do-dev"), defaultVpcCidr("digitalocean", "do-dev"));
        assert.notStrictEqual(defaultVpcCidr("digitalocean", "do-dev"), defaultVpcCidr("digitalocean", "do-prod"));
    });

    it("never changes a derived range (a new range would replace the VPC of every stack relying on it)", () => {
        assert.deepStrictEqual(
            ["do-dev", "do-prod", "do-staging"].map((s) => defaultVpcCidr("digitalocean", s)),
            ["10.153.0.0/16", "10.240.0.0/16", "10.91.0.0/16"],
        );
    });

    it("keeps AWS on its fixed default (AWS accepts overlapping VPCs; a new default would replace every existing network)", () =>
        assert.strictEqual(defaultVpcCidr("aws", "aws-prod"), FIXED_DEFAULT_VPC_CIDR));

    it("never derives a reserved DigitalOcean range, the old fixed default, or a range outside 10.0.0.0/8", () => {
        const ten = parseCidr("10.0.0.0/8") as Cidr;
        const fixed = parseCidr(FIXED_DEFAULT_VPC_CIDR) as Cidr;
        for (const octet of DERIVED_SECOND_OCTETS) {
            const range = parseCidr(`10.${octet}.0.0/16`) as Cidr;
            assert.ok(cidrOverlaps(ten, range));
            assert.ok(!cidrOverlaps(fixed, range), `10.${octet} is the fixed default`);
            for (const reserved of DIGITALOCEAN_RESERVED_RANGES) {
                assert.ok(
                    !cidrOverlaps(parseCidr(reserved.cidr) as Cidr, range),
                    `10.${octet} overlaps ${reserved.cidr}`,
                );
            }
        }
        assert.ok(DERIVED_SECOND_OCTETS.length > 150, "enough room that two stack names rarely meet");
    });

    it("spreads many stack names across the room: 20 typical names take at least 18 distinct ranges", () => {
        const names = ["dev", "staging", "prod", "qa", "demo", "preview", "perf", "sandbox", "eu", "us"].flatMap(
            (e) => [`do-${e}`, `${e}-do`],
        );
        const ranges = new Set(names.map((n) => defaultVpcCidr("digitalocean", n)));
        assert.ok(ranges.size >= 18, `${ranges.size} distinct ranges`);
    });

    it("finds overlapping DigitalOcean stacks and ignores AWS ones", () => {
        const pairs = overlappingStacks([
            { stack: "a", cloud: "digitalocean", vpcCidr: "10.30.0.0/16" },
            { stack: "b", cloud: "digitalocean", vpcCidr: "10.30.16.0/20" },
            { stack: "c", cloud: "digitalocean", vpcCidr: "10.31.0.0/16" },
            { stack: "d", cloud: "aws", vpcCidr: "10.30.0.0/16" },
            { stack: "e", cloud: "aws", vpcCidr: "10.30.0.0/16" },
        ]);
        assert.deepStrictEqual(
            pairs.map(([x, y]) => `${x.stack}+${y.stack}`),
            ["a+b"],
        );
    });

    it("the shipped DigitalOcean stack files state the range they get", () => {
        for (const network of shippedNetworks().filter((n) => n.cloud === "digitalocean")) {
            const text = fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${network.stack}.yaml`), "utf8");
            assert.ok(text.includes(`# VPC: ${network.vpcCidr},`), `${network.stack} says it uses ${network.vpcCidr}`);
        }
    });

    it("the shipped stacks can be created side by side in one account on each cloud", () => {
        const networks = shippedNetworks();
        assert.ok(networks.filter((n) => n.cloud === "digitalocean").length >= 2, "both DigitalOcean stacks are read");
        assert.deepStrictEqual(
            overlappingStacks(networks).map(([a, b]) => `${a.stack} (${a.vpcCidr}) overlaps ${b.stack} (${b.vpcCidr})`),
            [],
        );
    });
});
