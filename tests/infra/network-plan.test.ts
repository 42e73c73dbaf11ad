import { strict as assert } from "assert";
import { cidrContains, cidrOverlaps, parseCidr, Cidr } from "../../policies/lib/cidr";
import {
    compressIpv6Cidr,
    ipv6SubnetCidr,
    natGatewayCount,
    natGatewayForZone,
    planSubnets,
    serverZone,
} from "../../infra/network-plan";

const cidr = (text: string) => parseCidr(text) as Cidr;

describe("network plan: planSubnets", () => {
    it("gives each zone a public and a private subnet inside the VPC", () => {
        const plan = planSubnets("10.20.0.0/16", 3);
        assert.equal(plan.length, 3);
        for (const zone of plan) {
            assert.ok(cidrContains(cidr("10.20.0.0/16"), cidr(zone.publicCidr)), zone.publicCidr);
            assert.ok(cidrContains(cidr("10.20.0.0/16"), cidr(zone.privateCidr)), zone.privateCidr);
        }
    });

    it("never overlaps two subnets", () => {
        for (const vpc of ["10.20.0.0/16", "172.16.0.0/18", "192.168.16.0/20"]) {
            const all = planSubnets(vpc, 3).flatMap((zone) => [zone.publicCidr, zone.privateCidr]);
            for (let i = 0; i < all.length; i += 1) {
                for (let j = i + 1; j < all.length; j += 1) {
                    assert.ok(!cidrOverlaps(cidr(all[i]), cidr(all[j])), `${vpc}: ${all[i]} overlaps ${all[j]}`);
                }
            }
        }
    });

    it("makes private subnets larger than public ones (servers, database and cache live there)", () => {
        const [zone] = planSubnets("10.20.0.0/16", 2);
        assert.equal(zone.privateCidr, "10.20.0.0/18");
        assert.equal(zone.publicCidr, "10.20.192.0/20");
        assert.ok(cidr(zone.privateCidr).prefix < cidr(zone.publicCidr).prefix);
    });

    it("keeps existing subnets unchanged when a zone is added", () => {
        assert.deepEqual(planSubnets("10.20.0.0/16", 3).slice(0, 2), planSubnets("10.20.0.0/16", 2));
    });

    it("leaves public subnets of at least /27 even in the smallest allowed VPC (balancer minimum)", () => {
        for (const zone of planSubnets("10.30.16.0/20", 3))
            assert.ok(cidr(zone.publicCidr).prefix <= 27, zone.publicCidr);
    });

    it("refuses ranges it cannot plan, naming the value", () => {
        assert.throws(() => planSubnets("10.20.0.0/24", 2), /"10\.20\.0\.0\/24" must be between \/16 and \/20/);
        assert.throws(() => planSubnets("10.0.0.0/12", 2), /between \/16 and \/20/);
        assert.throws(() => planSubnets("10.20.1.0/16", 2), /host bits/);
        assert.throws(() => planSubnets("2001:db8::/48", 2), /not an IPv4 CIDR/);
        assert.throws(() => planSubnets("10.20.0.0/16", 4), /4 zones cannot be planned/);
        assert.throws(() => planSubnets("10.20.0.0/16", 0), /0 zones/);
    });
});

describe("network plan: IPv6 subnets", () => {
    it("carves consecutive /64s out of the VPC's /56, in AWS's compressed notation", () => {
        assert.equal(ipv6SubnetCidr("2600:1f18:abcd:1200::/56", 0), "2600:1f18:abcd:1200::/64");
        assert.equal(ipv6SubnetCidr("2600:1f18:abcd:1200::/56", 2), "2600:1f18:abcd:1202::/64");
    });

    it("compresses the longest run of zero groups only", () => {
        assert.equal(compressIpv6Cidr("2001:db8:0:0:1:0:0:0/128"), "2001:db8:0:0:1::/128");
        assert.equal(compressIpv6Cidr("0:0:0:0:0:0:0:0/0"), "::/0");
        assert.equal(compressIpv6Cidr("2001:db8:0:1:1:1:1:1/128"), "2001:db8:0:1:1:1:1:1/128");
    });

    it("refuses an IPv4 block", () => {
        assert.throws(() => ipv6SubnetCidr("10.0.0.0/16", 0), /not an IPv6 block/);
    });
});

describe("network plan: NAT and server placement", () => {
    it("gives prod a NAT gateway per zone and dev/staging a single shared one", () => {
        assert.equal(natGatewayCount("prod", 3), 3);
        assert.equal(natGatewayCount("staging", 3), 1);
        assert.equal(natGatewayCount("dev", 2), 1);
    });

    it("routes each zone through its own gateway when there is one, else the shared one", () => {
        assert.deepEqual(
            [0, 1, 2].map((zone) => natGatewayForZone(zone, 3)),
            [0, 1, 2],
        );
        assert.deepEqual(
            [0, 1, 2].map((zone) => natGatewayForZone(zone, 1)),
            [0, 0, 0],
        );
    });

    it("spreads servers round robin over the zones", () => {
        assert.deepEqual(
            [0, 1, 2, 3, 4].map((index) => serverZone(index, 2)),
            [0, 1, 0, 1, 0],
        );
    });
});
