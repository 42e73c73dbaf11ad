// The subnet layouts and rules of the awsx ec2 emulation, against what pulumi-awsx's own tests
// expect of its provider (awsx/ec2/subnetDistributorLegacy.test.ts, subnetDistributorNew.test.ts,
// knownWorkingSubnets.ts, vpc.test.ts, subnetNaming.test.ts): the blocks a program's subnets get
// under the check must be the ones the provider would give them.
import * as assert from "assert";
import type { SubnetSpecInputs } from "../../../../../tools/harness/aws/awsx/ec2/args";
import { Netmask } from "../../../../../tools/harness/aws/awsx/ec2/cidr";
import { splitDefaultVpcSubnets } from "../../../../../tools/harness/aws/awsx/ec2/default-vpc";
import { getSubnetSpecsLegacy } from "../../../../../tools/harness/aws/awsx/ec2/subnet-legacy";
import { azSuffix, subnetNames, validateAzSuffixes } from "../../../../../tools/harness/aws/awsx/ec2/subnet-naming";
import {
    getSubnetSpecs,
    getSubnetSpecsAutoMerge,
    mergeWithDefaultSubnetSpecs,
    nextNetmask,
    validateAndNormalizeSubnetInputs,
} from "../../../../../tools/harness/aws/awsx/ec2/subnet-new";
import {
    createIpv6SubnetCidrBlock,
    extractSubnetSpecInputFromLegacyLayout,
    getOverlappingSubnets,
    validateEips,
    validateNoGaps,
    validateSubnets,
} from "../../../../../tools/harness/aws/awsx/ec2/vpc-rules";

const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
const mask = (cidr: string) => Number(cidr.split("/")[1]);

describe("awsx ec2 subnet layouts (pure)", () => {
    describe("Legacy strategy (subnetDistributorLegacy.ts)", () => {
        it("lays out the default private /19 and public /20 per zone of a /16 over 3 zones, privates first", () => {
            const specs = getSubnetSpecsLegacy("vpcname", "10.0.0.0/16", AZS);
            assert.deepStrictEqual(
                specs.map((s) => [s.type, s.cidrBlock, s.azName, s.resourceName, s.nameTag]),
                [
                    ["Private", "10.0.0.0/19", "us-east-1a", "vpcname-private-1", "vpcname-private-1"],
                    ["Private", "10.0.64.0/19", "us-east-1b", "vpcname-private-2", "vpcname-private-2"],
                    ["Private", "10.0.128.0/19", "us-east-1c", "vpcname-private-3", "vpcname-private-3"],
                    ["Public", "10.0.32.0/20", "us-east-1a", "vpcname-public-1", "vpcname-public-1"],
                    ["Public", "10.0.96.0/20", "us-east-1b", "vpcname-public-2", "vpcname-public-2"],
                    ["Public", "10.0.160.0/20", "us-east-1c", "vpcname-public-3", "vpcname-public-3"],
                ],
            );
        });

        // A sample of knownWorkingSubnets.ts, including the cases whose blocks keep host bits.
        const known: { vpcCidr: string; specs: SubnetSpecInputs[]; result: string[] }[] = [
            {
                vpcCidr: "10.0.0.0/18",
                specs: [
                    { cidrMask: 22, type: "Isolated" },
                    { cidrMask: 21, type: "Public" },
                ],
                result: ["10.0.0.0/21", "10.0.8.0/22"],
            },
            {
                vpcCidr: "10.0.0.0/16",
                specs: [
                    { cidrMask: 27, type: "Isolated" },
                    { cidrMask: 27, type: "Public" },
                    { cidrMask: 17, type: "Isolated" },
                ],
                result: ["10.0.0.0/27", "10.0.0.32/27", "10.0.128.32/17"],
            },
            {
                vpcCidr: "10.0.0.0/16",
                specs: [
                    { cidrMask: 22, type: "Isolated" },
                    { cidrMask: 21, type: "Private" },
                    { cidrMask: 18, type: "Private" },
                ],
                result: ["10.0.0.0/21", "10.0.64.0/18", "10.0.128.0/22"],
            },
            {
                vpcCidr: "10.0.0.0/16",
                specs: [
                    { cidrMask: 25, type: "Isolated" },
                    { cidrMask: 21, type: "Isolated" },
                    { cidrMask: 19, type: "Public" },
                ],
                result: ["10.0.0.0/19", "10.0.32.0/25", "10.0.40.0/21"],
            },
            {
                vpcCidr: "10.0.0.0/17",
                specs: [
                    { cidrMask: 24, type: "Private" },
                    { cidrMask: 27, type: "Isolated" },
                    { cidrMask: 26, type: "Public" },
                    { cidrMask: 23, type: "Private" },
                ],
                result: ["10.0.0.0/24", "10.0.2.0/23", "10.0.4.0/26", "10.0.4.64/27"],
            },
            {
                vpcCidr: "10.0.0.0/17",
                specs: [
                    { cidrMask: 25, type: "Private" },
                    { cidrMask: 27, type: "Public" },
                    { cidrMask: 24, type: "Public" },
                ],
                result: ["10.0.0.0/25", "10.0.0.128/27", "10.0.1.128/24"],
            },
        ];
        for (const { vpcCidr, specs, result } of known) {
            const description = specs.map((s) => `${s.type}:${s.cidrMask}`).join(", ");
            it(`places ${description} in ${vpcCidr} as the provider does`, () => {
                const layout = getSubnetSpecsLegacy("vpcName", vpcCidr, ["us-east-1a"], specs);
                assert.deepStrictEqual(
                    layout.map((s) => s.cidrBlock),
                    result,
                );
                // And the layout converts to "Auto" specs that reproduce it (its subnetLayout output).
                const extracted = extractSubnetSpecInputFromLegacyLayout(layout, "vpcName", ["us-east-1a"]);
                try {
                    const auto = getSubnetSpecs("vpcName", vpcCidr, ["us-east-1a"], extracted);
                    assert.deepStrictEqual(
                        auto.filter((s) => s.type !== "Unused").map((s) => s.cidrBlock),
                        layout.map((s) => new Netmask(s.cidrBlock).toString()),
                    );
                } catch (error) {
                    if (!/Subnets are too large for VPC/.test((error as Error).message)) throw error;
                }
            });
        }

        it("sizes private, public and isolated subnets /19, /20, /24 down to the zone's size", () => {
            const sizes = (azSize: number) =>
                getSubnetSpecsLegacy(
                    "vpcName",
                    `10.0.0.0/${azSize}`,
                    ["us-east-1a"],
                    [{ type: "Private" }, { type: "Public" }, { type: "Isolated" }],
                ).map((s) => mask(s.cidrBlock));
            assert.deepStrictEqual(sizes(16), [19, 20, 24]);
            assert.deepStrictEqual(sizes(19), [20, 20, 24]);
            assert.deepStrictEqual(sizes(21), [22, 22, 24]);
            assert.deepStrictEqual(sizes(23), [24, 24, 24]);
        });

        it("repeats each spec in every zone's quarter of the VPC", () => {
            const layout = getSubnetSpecsLegacy("vpcname", "10.0.0.0/16", AZS, [
                { cidrMask: 19, type: "Private", name: "foo" },
                { cidrMask: 20, type: "Public", name: "bar" },
            ]);
            assert.deepStrictEqual(
                layout.map((s) => `${s.resourceName} ${s.cidrBlock}`),
                [
                    "vpcname-foo-1 10.0.0.0/19",
                    "vpcname-bar-1 10.0.32.0/20",
                    "vpcname-foo-2 10.0.64.0/19",
                    "vpcname-bar-2 10.0.96.0/20",
                    "vpcname-foo-3 10.0.128.0/19",
                    "vpcname-bar-3 10.0.160.0/20",
                ],
            );
        });
    });

    describe("Auto and AutoMerge strategies (subnetDistributorNew.ts)", () => {
        it("gives the default private and public subnets half and a quarter of each zone", () => {
            for (const azMask of [16, 20, 24]) {
                const layout = getSubnetSpecs("vpcName", `10.0.0.0/${azMask}`, ["us-east-1a"], undefined);
                assert.deepStrictEqual(
                    layout.map((s) => [s.type, mask(s.cidrBlock as string)]),
                    [
                        ["Private", azMask + 1],
                        ["Public", azMask + 2],
                    ],
                );
            }
        });

        it("splits each zone evenly between specs without sizes", () => {
            const layout = getSubnetSpecs(
                "vpcName",
                "10.0.0.0/18",
                ["us-east-1a"],
                [{ type: "Private" }, { type: "Public" }, { type: "Isolated" }],
            );
            assert.deepStrictEqual(
                layout.map((s) => s.cidrBlock),
                ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"],
            );
        });

        it("honours availabilityZoneCidrMask, and refuses subnets larger than the zone", () => {
            assert.strictEqual(
                getSubnetSpecs("vpcName", "10.0.0.0/16", ["us-east-1a"], [{ type: "Public" }], 19)[0].cidrBlock,
                "10.0.0.0/19",
            );
            assert.throws(() => getSubnetSpecs("v", "10.0.0.0/24", AZS, [{ type: "Public", cidrMask: 20 }]), {
                message: "Subnets are too large for VPC. VPC has 64 addresses, but subnets require 4096 addresses.",
            });
        });

        it("moves to the next block of the new size, never overlapping the previous one", () => {
            assert.strictEqual(nextNetmask(new Netmask("10.0.0.0/16"), 17).toString(), "10.1.0.0/17");
            assert.strictEqual(nextNetmask(new Netmask("10.0.0.0/17"), 16).toString(), "10.1.0.0/16");
        });

        it("AutoMerge keeps the default layout and merges the user's public spec into it", () => {
            const layout = getSubnetSpecsAutoMerge(
                "auto-merge-sizing",
                "10.0.0.0/16",
                ["us-east-1a", "us-east-1b"],
                [{ type: "Public", cidrMask: 20 }],
            );
            assert.deepStrictEqual(
                layout.map((s) => `${s.resourceName} ${s.cidrBlock as string}`),
                [
                    "auto-merge-sizing-private-1 10.0.0.0/18",
                    "auto-merge-sizing-public-1 10.0.64.0/20",
                    "auto-merge-sizing-private-2 10.0.128.0/18",
                    "auto-merge-sizing-public-2 10.0.192.0/20",
                ],
            );
            assert.throws(() => mergeWithDefaultSubnetSpecs([{ type: "Public" }, { type: "Public" }]), {
                message: /Multiple subnet specs of type "public" require unique names/,
            });
        });

        it("normalizes size into cidrMask and reports every inconsistent spec at once", () => {
            const normalized = validateAndNormalizeSubnetInputs([{ type: "Private", size: 4096 }], 3);
            assert.deepStrictEqual(normalized?.normalizedSpecs, [{ type: "Private", size: 4096, cidrMask: 20 }]);
            assert.throws(
                () =>
                    validateAndNormalizeSubnetInputs(
                        [
                            { type: "Private", size: 1000 },
                            { type: "Private", cidrMask: 20 },
                        ],
                        3,
                    ),
                (error: Error) =>
                    error.message.startsWith(
                        'Invalid subnet specifications:\n - Multiple subnet specs of type "private"',
                    ) &&
                    error.message.includes(
                        "\n - The following subnet sizes are invalid: 1000. Valid sizes are: 4294967296,",
                    ),
            );
            assert.throws(
                () => validateAndNormalizeSubnetInputs([{ type: "Public", cidrBlocks: ["10.0.0.0/24"] }], 3),
                {
                    message:
                        "Invalid subnet specifications:\n - The number of CIDR blocks in subnetSpecs[0] must match the number of availability zones (3).",
                },
            );
        });
    });

    describe("rules (vpc.ts)", () => {
        it("reports gaps in an exact layout as the provider words them", () => {
            const block = (resourceName: string, cidrBlock: string) => ({ resourceName, cidrBlock });
            assert.throws(
                () => validateNoGaps("10.0.0.0/16", [block("sub1", "10.0.0.0/18"), block("sub2", "10.0.128.0/17")]),
                {
                    message:
                        "There are gaps in the subnet ranges. Please fix the following gaps: sub1 (10.0.0.0/18) <=> sub2 (10.0.128.0/17)",
                },
            );
            assert.throws(() => validateNoGaps("10.0.0.0/16", [block("sub1", "10.0.128.0/17")]), {
                message: /does not start at the beginning of the VPC \(10\.0\.0\.0\/16\)/,
            });
            const auto = getSubnetSpecs(
                "vpcName",
                "10.0.0.0/16",
                ["us-east-1a"],
                [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
            ) as { resourceName: string; cidrBlock: string }[];
            assert.throws(() => validateNoGaps("10.0.0.0/16", auto), {
                message:
                    "There are gaps in the subnet ranges. Please fix the following gaps: vpcName-isolated-1 (ending 10.0.191.254) ends before VPC ends (at 10.0.255.254})",
            });
        });

        it("finds subnets that lie within one another, in order", () => {
            const s = (cidrBlock: string) => ({ cidrBlock, resourceName: cidrBlock });
            const [a, a1, b, b1, c] = ["10.0.0.0/16", "10.0.0.0/24", "10.1.0.0/16", "10.1.0.0/20", "10.2.0.0/16"].map(
                s,
            );
            assert.deepStrictEqual(getOverlappingSubnets([c, b1, a, a1, b]), [b1, a, a1, b]);
            assert.throws(() => validateSubnets([a, a1]), {
                message:
                    "The following subnets overlap with at least one other subnet. Make the CIDR for the VPC larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n1. 10.0.0.0/16: 10.0.0.0/16\n2. 10.0.0.0/24: 10.0.0.0/24\n",
            });
        });

        it("matches Elastic IPs to the NAT strategy", () => {
            assert.doesNotThrow(() => validateEips("Single", []));
            assert.throws(() => validateEips("None", ["a"]), {
                message: "Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is 'None'.",
            });
            assert.throws(() => validateEips("Single", ["a", "b"]), { message: /^Exactly one Elastic IP/ });
            assert.throws(() => validateEips("OnePerAz", ["a", "b"], AZS), {
                message:
                    "The number of Elastic IPs, if specified, must match the number of availability zones for the VPC (3) when NAT Gateway strategy is 'OnePerAz'",
            });
        });

        it("puts a subnet's IPv6 index in the low byte of the VPC /56's fourth hextet", () => {
            assert.strictEqual(createIpv6SubnetCidrBlock("2600:1f14:82a:ab00::/56", 0), "2600:1f14:82a:ab00::/64");
            assert.strictEqual(createIpv6SubnetCidrBlock("2600:1f14:82a:ab00::/56", 42), "2600:1f14:82a:ab2a::/64");
            assert.throws(() => createIpv6SubnetCidrBlock("10.0.0.0/56", 0), TypeError);
            assert.throws(() => createIpv6SubnetCidrBlock("2600:1f14:82a:ab00::/48", 0), RangeError);
        });

        it("names subnets by zone index, tagging them by zone suffix only when asked", () => {
            assert.strictEqual(azSuffix("us-west-2a"), "2a");
            assert.strictEqual(azSuffix("us-gov-west-1a"), "1a");
            assert.strictEqual(azSuffix("us-west-2-lax-1a"), "2-lax-1a");
            assert.deepStrictEqual(subnetNames("vpc", { type: "Public" }, 2, "us-west-2b", "AvailabilityZone"), {
                resourceName: "vpc-public-2",
                nameTag: "vpc-public-2b",
            });
            assert.throws(() => validateAzSuffixes(["zone", "zone"]), {
                message:
                    'subnetNameTagStrategy="AvailabilityZone" requires availability zones with distinct suffixes, but "zone" and "zone" both reduce to "zone".',
            });
        });

        it("splits the default VPC's subnets by whether they map a public IP on launch", () => {
            assert.deepStrictEqual(
                splitDefaultVpcSubnets([
                    { requestedId: "subnet-a", id: "subnet-a", mapPublicIpOnLaunch: true },
                    { requestedId: "subnet-b", mapPublicIpOnLaunch: false },
                ]),
                { publicSubnetIds: ["subnet-a"], privateSubnetIds: ["subnet-b"] },
            );
        });
    });
});
