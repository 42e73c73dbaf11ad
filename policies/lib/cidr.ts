/**
 * CIDR arithmetic for IPv4 and IPv6, shared by the policy pack and by webtier's config
 * validation so that both agree on what "world-open" and "inside the allowlist" mean.
 * Pure functions with no dependencies: the policy pack must stay self-contained.
 */

export interface Cidr {
    /** 4 or 6. */
    version: 4 | 6;
    /** The network address with host bits cleared. */
    network: bigint;
    prefix: number;
    /** The text as given. */
    text: string;
    /** True when the given address had host bits set (for example 10.0.0.1/16). */
    hadHostBits: boolean;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

function parseIpv4(address: string): bigint | undefined {
    const parts = address.split(".");
    if (parts.length !== 4) return undefined;
    let value = 0n;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part)) return undefined;
        const octet = Number(part);
        if (octet > 255 || (part.length > 1 && part.startsWith("0"))) return undefined;
        value = (value << 8n) | BigInt(octet);
    }
    return value;
}

function parseIpv6(address: string): bigint | undefined {
    if (address.includes(".")) {
        // An embedded IPv4 tail, as in ::ffff:10.0.0.1.
        const lastColon = address.lastIndexOf(":");
        const v4 = parseIpv4(address.slice(lastColon + 1));
        if (v4 === undefined) return undefined;
        const hi = (v4 >> 16n).toString(16);
        const lo = (v4 & 0xffffn).toString(16);
        address = `${address.slice(0, lastColon + 1)}${hi}:${lo}`;
    }
    const doubleColon = address.split("::");
    if (doubleColon.length > 2) return undefined;
    const head = doubleColon[0] ? doubleColon[0].split(":") : [];
    const tail = doubleColon.length === 2 && doubleColon[1] ? doubleColon[1].split(":") : [];
    const missing = 8 - head.length - tail.length;
    if (doubleColon.length === 2 ? missing < 1 : missing !== 0) return undefined;
    const groups = [...head, ...Array(doubleColon.length === 2 ? missing : 0).fill("0"), ...tail];
    let value = 0n;
    for (const group of groups) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
        value = (value << 16n) | BigInt(parseInt(group, 16));
    }
    return value;
}

/** Parses "a.b.c.d/n" or an IPv6 CIDR. A bare address is read as a host route (/32, /128). */
export function parseCidr(text: string): Cidr | undefined {
    if (typeof text !== "string") return undefined;
    const trimmed = text.trim();
    const [address, prefixText, ...rest] = trimmed.split("/");
    if (rest.length > 0 || !address) return undefined;
    const version: 4 | 6 = address.includes(":") ? 6 : 4;
    const bits = version === 4 ? IPV4_BITS : IPV6_BITS;
    const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
    if (value === undefined) return undefined;
    let prefix = bits;
    if (prefixText !== undefined) {
        if (!/^\d{1,3}$/.test(prefixText)) return undefined;
        prefix = Number(prefixText);
        if (prefix > bits) return undefined;
    }
    const hostMask = (1n << BigInt(bits - prefix)) - 1n;
    return {
        version,
        network: value & ~hostMask & ((1n << BigInt(bits)) - 1n),
        prefix,
        text: trimmed,
        hadHostBits: (value & hostMask) !== 0n,
    };
}

function bitsOf(cidr: Cidr): number {
    return cidr.version === 4 ? IPV4_BITS : IPV6_BITS;
}

/** The valid CIDRs among `values` (texts; anything else, unknown values included, is skipped). */
export function parseCidrs(values: readonly unknown[]): Cidr[] {
    return values
        .filter((value): value is string => typeof value === "string")
        .map((value) => parseCidr(value))
        .filter((cidr): cidr is Cidr => cidr !== undefined);
}

/** True when every address of `inner` lies inside `outer` (same IP version only). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
    const shift = BigInt(bitsOf(outer) - outer.prefix);
    return inner.network >> shift === outer.network >> shift;
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
    return cidrContains(a, b) || cidrContains(b, a);
}

/** 0.0.0.0/0 or ::/0: every address of its version. */
export function isWorldOpen(cidr: Cidr): boolean {
    return cidr.prefix === 0;
}

/** The prefix of the broadest range that is not yet "very broad": /8 on IPv4, /32 on IPv6. */
export const BROAD_PREFIX: Record<4 | 6, number> = { 4: 8, 6: 32 };

/**
 * A range so broad that it is public in all but name: more public addresses than a /8 on IPv4
 * or a /32 on IPv6 (for a wholly public range, shorter than that prefix). What it holds of the
 * private, reserved and multicast space does not count: `8000::/1` or `224.0.0.0/3` reach no one.
 */
export function isVeryBroadPublic(cidr: Cidr): boolean {
    const publicPart = size(intersect([intervalOf(cidr)], PUBLIC[cidr.version]));
    return publicPart > 1n << BigInt(bitsOf(cidr) - BROAD_PREFIX[cidr.version]);
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"].map(
    (text) => parseCidr(text) as Cidr,
);

/** Inside RFC 1918, RFC 6598 (carrier-grade NAT) or RFC 4193 (IPv6 unique local) space. */
export function isPrivate(cidr: Cidr): boolean {
    return PRIVATE_RANGES.some((range) => cidrContains(range, cidr));
}

/** Formats a network address and prefix back to text (IPv4 dotted, IPv6 uncompressed-lowercase). */
export function formatCidr(version: 4 | 6, network: bigint, prefix: number): string {
    if (version === 4) {
        const octets = [24n, 16n, 8n, 0n].map((shift) => ((network >> shift) & 0xffn).toString());
        return `${octets.join(".")}/${prefix}`;
    }
    const groups: string[] = [];
    for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((network >> shift) & 0xffffn).toString(16));
    return `${groups.join(":")}/${prefix}`;
}

/**
 * The `index`-th subnet of size /`newPrefix` inside `parent`, as text.
 * Throws when it does not fit, naming both ranges.
 */
export function subnetAt(parent: Cidr, newPrefix: number, index: number): string {
    const bits = bitsOf(parent);
    if (newPrefix < parent.prefix || newPrefix > bits) {
        throw new Error(`cannot carve a /${newPrefix} out of ${parent.text}`);
    }
    const count = 1n << BigInt(newPrefix - parent.prefix);
    if (BigInt(index) >= count || index < 0) {
        throw new Error(`${parent.text} holds only ${count} subnets of /${newPrefix}; asked for number ${index + 1}`);
    }
    const network = parent.network + (BigInt(index) << BigInt(bits - newPrefix));
    return formatCidr(parent.version, network, newPrefix);
}

/** A half-open interval [start, end) of addresses of one IP version. */
type Interval = [bigint, bigint];

function intervalOf(cidr: Cidr): Interval {
    const size = 1n << BigInt(bitsOf(cidr) - cidr.prefix);
    return [cidr.network, cidr.network + size];
}

/** Sorted, disjoint intervals covering exactly the union of `intervals`. */
function merge(intervals: Interval[]): Interval[] {
    const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Interval[] = [];
    for (const [start, end] of sorted) {
        const last = out[out.length - 1];
        if (last && start <= last[1]) last[1] = end > last[1] ? end : last[1];
        else out.push([start, end]);
    }
    return out;
}

function size(intervals: Interval[]): bigint {
    return intervals.reduce((sum, [start, end]) => sum + (end - start), 0n);
}

/** The part of merged `a` inside merged `b`. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
    const out: Interval[] = [];
    for (const [s1, e1] of a) {
        for (const [s2, e2] of b) {
            const start = s1 > s2 ? s1 : s2;
            const end = e1 < e2 ? e1 : e2;
            if (start < end) out.push([start, end]);
        }
    }
    return merge(out);
}

/** The part of merged `a` outside merged `b`. */
function subtract(a: Interval[], b: Interval[]): Interval[] {
    let current = a;
    for (const [s2, e2] of b) {
        const next: Interval[] = [];
        for (const [s1, e1] of current) {
            if (e1 <= s2 || s1 >= e2) {
                next.push([s1, e1]);
                continue;
            }
            if (s1 < s2) next.push([s1, s2]);
            if (e1 > e2) next.push([e2, e1]);
        }
        current = next;
    }
    return current;
}

/**
 * The public address space of each version: IPv4 minus the private, loopback, link-local,
 * carrier-grade NAT, "this network", multicast and reserved blocks; IPv6's global unicast
 * 2000::/3 (everything else is reserved, local or multicast).
 */
const NON_PUBLIC_V4 = merge(
    [
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "224.0.0.0/3",
    ].map((text) => intervalOf(parseCidr(text) as Cidr)),
);
const PUBLIC: Record<4 | 6, Interval[]> = {
    4: subtract([[0n, 1n << 32n]], NON_PUBLIC_V4),
    6: [intervalOf(parseCidr("2000::/3") as Cidr)],
};

/** The share (0 to 1) of its version's public address space that the union of `cidrs` covers. */
export function publicShare(cidrs: readonly Cidr[], version: 4 | 6): number {
    const covered = intersect(merge(cidrs.filter((c) => c.version === version).map(intervalOf)), PUBLIC[version]);
    const total = size(PUBLIC[version]);
    // Scaled to parts per million before the division so that bigint arithmetic keeps the precision.
    return Number((size(covered) * 1_000_000n) / total) / 1_000_000;
}

/**
 * From what share of the public internet on is a set of sources as open as 0.0.0.0/0: a third.
 * `0.0.0.0/1` + `128.0.0.0/1` (all of it), `128.0.0.0/1` alone (43%), `2000::/3` (all of IPv6's
 * public space) or `2000::/4` are; a single /2 (about 28%) is "very broad" (advisory) instead.
 */
export const WORLD_LIKE_SHARE = 1 / 3;

/**
 * Does the union of `cidrs` cover the whole internet or a third or more of its public part, on
 * either version? A set of pieces is as open as the world they add up to.
 */
export function isWorldLike(cidrs: readonly Cidr[]): boolean {
    if (cidrs.some(isWorldOpen)) return true;
    return publicShare(cidrs, 4) >= WORLD_LIKE_SHARE || publicShare(cidrs, 6) >= WORLD_LIKE_SHARE;
}

/** "52% of the public IPv4 internet", for messages. */
export function shareText(cidrs: readonly Cidr[]): string {
    const parts: string[] = [];
    for (const version of [4, 6] as const) {
        const share = publicShare(cidrs, version);
        if (share > 0) parts.push(`${Math.round(share * 100)}% of the public IPv${version} internet`);
    }
    return parts.join(" and ") || "no public address";
}
