/**
 * IPv4 arithmetic as the awsx provider does it. Its subnet distributors use two libraries with
 * different semantics, and the CIDR strings it hands AWS follow from those quirks, so each is
 * reproduced as its own small type rather than one "correct" CIDR type:
 *
 * - `Netmask` follows the `netmask` package (v2, lib/netmask.coffee), used by
 *   subnetDistributorNew.ts and vpc.ts: the block is normalized to its network address, `first`
 *   and `last` are the usable hosts (network + 1, broadcast - 1) for blocks of /30 or wider.
 * - `Address4` follows the `ip-address` package (v8), used by subnetDistributorLegacy.ts: the
 *   address keeps its host bits ("10.0.128.32/17" stays that), its text is what it was built
 *   from, and `start`/`end` are the whole block's bounds.
 *
 * Addresses are plain numbers (0 to 2^32 - 1); arithmetic never uses 32-bit bitwise operators on
 * sums, which would wrap.
 */

const TWO_32 = 2 ** 32;

/** The number of addresses in a block of `bitmask`. */
function blockSize(bitmask: number): number {
    return 2 ** (32 - bitmask);
}

/** `address` with its last 32 - `bitmask` bits cleared. */
function networkOf(address: number, bitmask: number): number {
    const size = blockSize(bitmask);
    return Math.floor(address / size) * size;
}

/** "a.b.c.d" to a number; throws as the libraries do on anything else. */
export function ipToLong(ip: string): number {
    const parts = ip.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
        throw new Error(`Invalid IP: ${ip}`);
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** A number to "a.b.c.d" (modulo 2^32, as both libraries wrap). */
export function longToIp(long: number): string {
    const value = ((long % TWO_32) + TWO_32) % TWO_32;
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** A CIDR block with `netmask`'s semantics (see the file comment). */
export class Netmask {
    readonly netLong: number;
    readonly bitmask: number;

    /** `new Netmask("10.0.0.0/16")` or `new Netmask("10.0.0.0", 16)`, as the package takes them. */
    constructor(net: string, mask?: number) {
        let address = net;
        let bits = mask;
        if (bits === undefined) {
            const [a, m] = net.split("/", 2);
            address = a;
            bits = m === undefined ? 32 : parseInt(m, 10);
        }
        if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`Invalid mask for ip4: ${mask ?? net}`);
        this.bitmask = bits;
        this.netLong = networkOf(ipToLong(address), bits);
    }

    get size(): number {
        return blockSize(this.bitmask);
    }
    get base(): string {
        return longToIp(this.netLong);
    }
    /** The first usable address (the network address itself for /31 and /32). */
    get first(): string {
        return longToIp(this.bitmask <= 30 ? this.netLong + 1 : this.netLong);
    }
    /** The last usable address: one before the broadcast address for /30 and wider. */
    get last(): string {
        return longToIp(this.netLong + this.size - (this.bitmask <= 30 ? 2 : 1));
    }
    /** The broadcast address, which /31 and /32 blocks do not have. */
    get broadcast(): string | undefined {
        return this.bitmask <= 30 ? longToIp(this.netLong + this.size - 1) : undefined;
    }

    /** Whether an address, or a whole block, lies in this block. */
    contains(ip: string | Netmask): boolean {
        if (typeof ip === "string" && (ip.indexOf("/") > 0 || ip.split(".").length !== 4)) ip = new Netmask(ip);
        if (ip instanceof Netmask) return this.contains(ip.base) && this.contains(ip.broadcast ?? ip.last);
        return networkOf(ipToLong(ip), this.bitmask) === this.netLong;
    }

    /** The block of the same size that follows this one. */
    next(count = 1): Netmask {
        return new Netmask(longToIp(this.netLong + this.size * count), this.bitmask);
    }

    toString(): string {
        return `${this.base}/${this.bitmask}`;
    }
}

/** An address with a prefix length, with `ip-address`'s Address4 semantics (see the file comment). */
export class Address4 {
    /** The text it was parsed from, or "a.b.c.d" for one made from a number (ip-address's `address`). */
    readonly address: string;
    /** The address, host bits kept. */
    readonly value: number;
    readonly subnetMask: number;

    constructor(address: string) {
        const [ip, mask] = address.split("/", 2);
        const bits = mask === undefined ? 32 : Number(mask);
        if (!/^\d{1,2}$/.test(mask ?? "32") || bits > 32) throw new Error("Invalid subnet mask.");
        this.address = address;
        this.value = ipToLong(ip);
        this.subnetMask = bits;
    }

    /** ip-address's `Address4.fromBigInteger`: a /32 whose text is the bare address. */
    static fromNumber(value: number): Address4 {
        return new Address4(longToIp(value));
    }

    /** The first address of the block the address lies in. */
    start(): number {
        return networkOf(this.value, this.subnetMask);
    }

    /** The last address of that block. */
    end(): number {
        return this.start() + blockSize(this.subnetMask) - 1;
    }

    /** ip-address's `isInSubnet`: this address's block lies within `other`'s. */
    isInSubnet(other: Address4): boolean {
        if (this.subnetMask < other.subnetMask) return false;
        return networkOf(this.value, other.subnetMask) === networkOf(other.value, other.subnetMask);
    }
}
