import * as assert from "assert";
import {
    cidrContains,
    isPrivate,
    isVeryBroadPublic,
    isWorldLike,
    isWorldOpen,
    parseCidr,
    parseCidrs,
    publicShare,
    subnetAt,
} from "../../../policies/lib/cidr";

const cidr = (text: string) => {
    const parsed = parseCidr(text);
    assert.ok(parsed, `${text} should parse`);
    return parsed;
};

describe("CIDR arithmetic", () => {
    it("parses IPv4 and IPv6, compressed or not", () => {
        assert.strictEqual(cidr("10.20.0.0/16").prefix, 16);
        assert.strictEqual(cidr("2001:db8::/32").version, 6);
        assert.strictEqual(cidr("::/0").prefix, 0);
        assert.strictEqual(cidr("::ffff:10.0.0.1/128").version, 6);
        assert.strictEqual(cidr("203.0.113.7").prefix, 32, "a bare address is a host route");
    });

    it("refuses malformed text", () => {
        for (const text of [
            "10.0.0.256/8",
            "10.0.0/8",
            "10.0.0.0/33",
            "2001:db8::/129",
            "1::2::3/64",
            "01.2.3.4/32",
            "abc",
            "",
            "10.0.0.0/8/8",
            "::g/64",
        ]) {
            assert.strictEqual(parseCidr(text), undefined, `${text} should not parse`);
        }
    });

    it("notices host bits set", () => {
        assert.strictEqual(cidr("10.0.0.1/16").hadHostBits, true);
        assert.strictEqual(cidr("10.0.0.0/16").hadHostBits, false);
    });

    it("knows the world-open ranges of both versions", () => {
        assert.ok(isWorldOpen(cidr("0.0.0.0/0")));
        assert.ok(isWorldOpen(cidr("::/0")));
        assert.ok(!isWorldOpen(cidr("0.0.0.0/1")));
    });

    it("tells containment within one IP version only", () => {
        assert.ok(cidrContains(cidr("203.0.113.0/24"), cidr("203.0.113.128/25")));
        assert.ok(!cidrContains(cidr("203.0.113.128/25"), cidr("203.0.113.0/24")));
        assert.ok(!cidrContains(cidr("203.0.113.0/24"), cidr("203.0.114.0/24")));
        assert.ok(cidrContains(cidr("2001:db8::/32"), cidr("2001:db8:1234::/48")));
        assert.ok(!cidrContains(cidr("0.0.0.0/0"), cidr("::/0")));
    });

    it("flags very broad public ranges but not private space", () => {
        assert.ok(isVeryBroadPublic(cidr("64.0.0.0/3")));
        assert.ok(!isVeryBroadPublic(cidr("10.0.0.0/8")));
        assert.ok(!isVeryBroadPublic(cidr("203.0.113.0/24")));
        assert.ok(isVeryBroadPublic(cidr("2000::/3")));
        assert.ok(isPrivate(cidr("fd00:1::/64")));
    });

    it("measures breadth by the public addresses a range holds, not by its prefix alone", () => {
        // Wholly public: broader than a /8 (IPv4) or a /32 (IPv6) is very broad, that size itself is not.
        assert.ok(isVeryBroadPublic(cidr("12.0.0.0/7")));
        assert.ok(!isVeryBroadPublic(cidr("11.0.0.0/8")));
        assert.ok(isVeryBroadPublic(cidr("2001::/31")));
        assert.ok(!isVeryBroadPublic(cidr("2001:db8::/32")));
        // Half private: 10.0.0.0/7 holds one public /8 (11/8), no broader than 11.0.0.0/8 alone.
        assert.ok(!isVeryBroadPublic(cidr("10.0.0.0/7")));
        assert.ok(isVeryBroadPublic(cidr("8.0.0.0/6")));
        // No public address at all: multicast and reserved IPv4, IPv6 outside 2000::/3.
        assert.ok(!isVeryBroadPublic(cidr("224.0.0.0/3")));
        assert.ok(!isVeryBroadPublic(cidr("8000::/1")));
        assert.ok(!isVeryBroadPublic(cidr("fc00::/7")));
        // ::/1 holds all of 2000::/3.
        assert.ok(isVeryBroadPublic(cidr("::/1")));
    });

    it("carves subnets and refuses what does not fit", () => {
        assert.strictEqual(subnetAt(cidr("10.20.0.0/16"), 20, 0), "10.20.0.0/20");
        assert.strictEqual(subnetAt(cidr("10.20.0.0/16"), 20, 3), "10.20.48.0/20");
        assert.throws(() => subnetAt(cidr("10.20.0.0/16"), 20, 16), /holds only 16/);
        assert.throws(() => subnetAt(cidr("10.20.0.0/16"), 12, 0), /cannot carve/);
    });
});

describe("CIDR set math: how much of the public internet a set of ranges covers", () => {
    const set = (...texts: string[]) => texts.map(cidr);

    it("adds up pieces, counting overlaps once and private space not at all", () => {
        assert.strictEqual(publicShare(set("0.0.0.0/1", "128.0.0.0/1"), 4), 1);
        assert.strictEqual(publicShare(set("0.0.0.0/1", "0.0.0.0/1", "128.0.0.0/1"), 4), 1);
        assert.strictEqual(publicShare(set("10.0.0.0/8", "192.168.0.0/16", "fc00::/7"), 4), 0);
        assert.strictEqual(publicShare(set("2000::/3"), 6), 1);
        assert.strictEqual(publicShare(set("2000::/4", "3000::/4"), 6), 1);
        assert.ok(Math.abs(publicShare(set("64.0.0.0/2"), 4) - 0.284) < 0.01);
    });

    it("takes the world or a third of its public part as world-open, a single /2 not", () => {
        assert.ok(isWorldLike(set("0.0.0.0/1", "128.0.0.0/1")));
        assert.ok(isWorldLike(set("128.0.0.0/1")));
        assert.ok(isWorldLike(set("2000::/3")));
        assert.ok(isWorldLike(set("::/0")));
        assert.ok(isWorldLike(set("64.0.0.0/2", "128.0.0.0/3")));
        assert.ok(!isWorldLike(set("64.0.0.0/2")));
        assert.ok(!isWorldLike(set("10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32")));
    });
});

describe("parseCidrs", () => {
    it("keeps the valid CIDRs of a list, skipping what is not one (invalid text, unknown values, numbers)", () => {
        const parsed = parseCidrs(["10.0.0.0/8", "not a cidr", Symbol("unknown"), 42, "2001:db8::/32"]);
        assert.deepStrictEqual(
            parsed.map((c) => c.version),
            [4, 6],
        );
    });
});
