/**
 * The encodings the TLS provider's keys are handed out in, as pure functions of a key: DER and PEM
 * as Go's encoding/asn1 and encoding/pem write them, the SSH wire format, authorized_keys line,
 * fingerprints and openssh-key-v1 private key file as golang.org/x/crypto/ssh writes them
 * (keys.go: NewPublicKey, MarshalAuthorizedKey, FingerprintLegacyMD5, FingerprintSHA256,
 * MarshalPrivateKey), and the provider's own id hash (hashicorp/terraform-provider-tls
 * internal/provider/common.go hashForState). tls.ts generates and caches the keys; tls-x509.ts
 * builds certificates from these pieces.
 */
import { createHash, createPublicKey, KeyObject } from "crypto";

// ---------------------------------------------------------------------------------------------
// DER (X.690), as Go's encoding/asn1 marshals it

/** A DER length: short form below 128, else the long form with the fewest bytes. */
function derLength(length: number): Buffer {
    if (length < 0x80) return Buffer.from([length]);
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element: its tag (a single identifier octet), length and contents. */
export function tlv(tag: number, ...contents: Buffer[]): Buffer {
    const body = Buffer.concat(contents);
    return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

export const sequence = (...elements: Buffer[]): Buffer => tlv(0x30, ...elements);

/** A SET OF, its elements in ascending order of their encodings, as DER (and Go) sort them. */
export function setOf(...elements: Buffer[]): Buffer {
    return tlv(0x31, ...[...elements].sort((a, b) => Buffer.compare(a, b)));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function objectId(dotted: string): Buffer {
    const arcs = dotted.split(".").map(Number);
    const bytes: number[] = [];
    const base128 = (value: number) => {
        const digits = [value & 0x7f];
        for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128))
            digits.unshift((rest & 0x7f) | 0x80);
        bytes.push(...digits);
    };
    base128(arcs[0] * 40 + arcs[1]);
    for (const arc of arcs.slice(2)) base128(arc);
    return tlv(0x06, Buffer.from(bytes));
}

/** The dotted form of an OBJECT IDENTIFIER's contents. */
export function dottedObjectId(contents: Buffer): string {
    const values: number[] = [];
    let value = 0;
    for (const byte of contents) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            values.push(value);
            value = 0;
        }
    }
    const first = values.shift() ?? 0;
    const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
    return [...head, ...values].join(".");
}

/** A non-negative INTEGER: its magnitude, big-endian, with no leading zero but the sign's. */
export function unsignedInteger(magnitude: Buffer): Buffer {
    return tlv(0x02, twosComplement(magnitude));
}

/** A small INTEGER, possibly negative (Go's `int` fields). */
export function smallInteger(value: number): Buffer {
    if (value >= 0) return unsignedInteger(bigIntBytes(BigInt(value)));
    const bytes: number[] = [];
    let rest = value;
    do {
        bytes.unshift(rest & 0xff);
        rest >>= 8;
    } while (rest !== -1 || !(bytes[0] & 0x80));
    return tlv(0x02, Buffer.from(bytes));
}

/** The big-endian magnitude of a non-negative integer (empty for 0). */
export function bigIntBytes(value: bigint): Buffer {
    const hex = value.toString(16);
    return value === 0n ? Buffer.alloc(0) : Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
}

/** A magnitude as two's complement: leading zeros dropped, one 0x00 added where the top bit is set. */
function twosComplement(magnitude: Buffer): Buffer {
    let start = 0;
    while (start < magnitude.length && magnitude[start] === 0) start++;
    const trimmed = magnitude.subarray(start);
    if (trimmed.length === 0) return Buffer.from([0]);
    return trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

export const bitString = (bytes: Buffer, unusedBits = 0): Buffer => tlv(0x03, Buffer.from([unusedBits]), bytes);
export const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);
export const derTrue = (): Buffer => Buffer.from([0x01, 0x01, 0xff]);
export const derNull = (): Buffer => Buffer.from([0x05, 0x00]);

/** `[n]` EXPLICIT: a constructed context-specific element around complete elements. */
export const explicit = (n: number, ...elements: Buffer[]): Buffer => tlv(0xa0 | n, ...elements);

/**
 * A time as Go's encoding/asn1 marshals a time.Time: UTCTime (YYMMDDHHMMSSZ) from 1950 to 2049,
 * GeneralizedTime (YYYYMMDDHHMMSSZ) outside, in UTC, to the second (the fraction dropped).
 */
export function derTime(date: Date): Buffer {
    const year = date.getUTCFullYear();
    const two = (n: number) => String(n).padStart(2, "0");
    const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
    if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${two(year % 100)}${rest}`, "ascii"));
    return tlv(0x18, Buffer.from(`${String(year).padStart(4, "0")}${rest}`, "ascii"));
}

/** One element read from DER: its tag, where it starts, where its contents start, where it ends. */
export interface Element {
    tag: number;
    start: number;
    body: number;
    end: number;
}

/** The element at `offset` (single-octet tags, definite lengths: what DER has). */
export function readElement(der: Buffer, offset = 0): Element {
    if (offset + 2 > der.length) throw new Error("DER: truncated element");
    const tag = der[offset];
    let length = der[offset + 1];
    let body = offset + 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4 || body + count > der.length) throw new Error("DER: bad length");
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + der[body + i];
        body += count;
    }
    const end = body + length;
    if (end > der.length) throw new Error("DER: element runs past its container");
    return { tag, start: offset, body, end };
}

/** The elements inside a constructed element. */
export function childrenOf(der: Buffer, parent: Element): Element[] {
    const found: Element[] = [];
    for (let offset = parent.body; offset < parent.end;) {
        const child = readElement(der, offset);
        found.push(child);
        offset = child.end;
    }
    return found;
}

export const contentsOf = (der: Buffer, element: Element): Buffer => der.subarray(element.body, element.end);
export const encodingOf = (der: Buffer, element: Element): Buffer => der.subarray(element.start, element.end);

// ---------------------------------------------------------------------------------------------
// PEM (RFC 1421), as Go's encoding/pem writes and reads it

/** A PEM block as pem.EncodeToMemory writes one: base64 in lines of 64, a newline after the end line. */
export function pemEncode(label: string, der: Buffer): string {
    const body = der.toString("base64").replace(/.{64}/g, "$&\n");
    return `-----BEGIN ${label}-----\n${body}${body.endsWith("\n") || body === "" ? "" : "\n"}-----END ${label}-----\n`;
}

/**
 * The first PEM block in a text, as pem.Decode finds it: its label and bytes. Undefined where
 * there is none, or where its headers say it is encrypted (the provider cannot read those).
 */
export function pemDecode(text: string): { label: string; der: Buffer } | undefined {
    const found = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)\n?-----END \1-----/.exec(text);
    if (!found) return undefined;
    let body = found[2];
    // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") end at an empty line.
    if (/^[\w-]+:/.test(body)) {
        const blank = body.search(/\r?\n\r?\n/);
        if (/Proc-Type:\s*4,\s*ENCRYPTED/i.test(body) || blank < 0) return undefined;
        body = body.slice(blank).trim();
    }
    if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return undefined;
    return { label: found[1], der: Buffer.from(body.replace(/\s+/g, ""), "base64") };
}

// ---------------------------------------------------------------------------------------------
// The provider's id (internal/provider/common.go hashForState)

/** The UTF-8 encodings of Unicode's other white space, which Go's unicode.IsSpace also trims. */
const WIDE_SPACES = [
    [0xc2, 0x85],
    [0xc2, 0xa0],
    [0xe1, 0x9a, 0x80],
    ...Array.from({ length: 11 }, (_, i) => [0xe2, 0x80, 0x80 + i]),
    [0xe2, 0x80, 0xa8],
    [0xe2, 0x80, 0xa9],
    [0xe2, 0x80, 0xaf],
    [0xe2, 0x81, 0x9f],
    [0xe3, 0x80, 0x80],
].map((bytes) => Buffer.from(bytes));
const ASCII_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/**
 * Go's strings.TrimSpace over bytes: white space at either end, ASCII or the UTF-8 encoding of a
 * Unicode space, cut off. The provider trims the DER it hashes as if it were text, so a public key
 * whose last byte happens to be 0x20 or 0x0a is hashed without it.
 */
export function goTrimSpace(bytes: Buffer): Buffer {
    let start = 0;
    let end = bytes.length;
    for (;;) {
        if (start < end && ASCII_SPACE.has(bytes[start])) start++;
        else {
            const wide = WIDE_SPACES.find(
                (space) => end - start >= space.length && bytes.subarray(start, start + space.length).equals(space),
            );
            if (!wide) break;
            start += wide.length;
        }
    }
    for (;;) {
        if (end > start && ASCII_SPACE.has(bytes[end - 1])) end--;
        else {
            const wide = WIDE_SPACES.find(
                (space) => end - start >= space.length && bytes.subarray(end - space.length, end).equals(space),
            );
            if (!wide) break;
            end -= wide.length;
        }
    }
    return bytes.subarray(start, end);
}

/** hashForState: the hex SHA-1 of the value with its white space trimmed; "" for nothing. */
export function hashForState(value: Buffer): string {
    if (value.length === 0) return "";
    return createHash("sha1").update(goTrimSpace(value)).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Keys

export type Algorithm = "RSA" | "ECDSA" | "ED25519";

/** The provider's ECDSA curves (internal/provider/types.go) and what OpenSSL calls them. */
export const CURVES: Readonly<Record<string, string>> = {
    P224: "secp224r1",
    P256: "prime256v1",
    P384: "secp384r1",
    P521: "secp521r1",
};

/** x/crypto/ssh's names of the curves it supports (P-224 is not among them). */
const SSH_CURVES: Readonly<Record<string, { keyType: string; curve: string; jwk: string }>> = {
    prime256v1: { keyType: "ecdsa-sha2-nistp256", curve: "nistp256", jwk: "P-256" },
    secp384r1: { keyType: "ecdsa-sha2-nistp384", curve: "nistp384", jwk: "P-384" },
    secp521r1: { keyType: "ecdsa-sha2-nistp521", curve: "nistp521", jwk: "P-521" },
};

/** The provider's name for a key's algorithm (common_key.go privateKeyToAlgorithm). */
export function algorithmOf(key: KeyObject): Algorithm | undefined {
    switch (key.asymmetricKeyType) {
        case "rsa":
            return "RSA";
        case "ec":
            return "ECDSA";
        case "ed25519":
            return "ED25519";
        default:
            return undefined;
    }
}

/** The PKIX (SubjectPublicKeyInfo) DER of a key's public half: x509.MarshalPKIXPublicKey. */
export function spkiOf(key: KeyObject): Buffer {
    const pub = key.type === "private" ? createPublicKey(key) : key;
    return pub.export({ type: "spki", format: "der" });
}

/** The subjectPublicKey BIT STRING's bytes of a PKIX public key (an EC point, a PKCS#1 RSA key, an Ed25519 key). */
export function publicKeyBits(spki: Buffer): Buffer {
    const [, bits] = childrenOf(spki, readElement(spki));
    return spki.subarray(bits.body + 1, bits.end);
}

const fromJwk = (value: unknown): Buffer => Buffer.from(String(value), "base64url");

// ---------------------------------------------------------------------------------------------
// SSH (RFC 4251 wire format, golang.org/x/crypto/ssh)

export function sshUint32(value: number): Buffer {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value >>> 0);
    return bytes;
}

/** An SSH `string`: a uint32 length and the bytes. */
export function sshString(value: Buffer | string): Buffer {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    return Buffer.concat([sshUint32(bytes.length), bytes]);
}

/** An SSH `mpint` of a non-negative magnitude: two's complement, empty for zero. */
export function sshMpint(magnitude: Buffer): Buffer {
    const bytes = twosComplement(magnitude);
    return sshString(bytes.length === 1 && bytes[0] === 0 ? Buffer.alloc(0) : bytes);
}

/**
 * The SSH wire form of a key's public half (ssh.NewPublicKey(...).Marshal()): `ssh-rsa` with e
 * then n, `ecdsa-sha2-nistpN` with the curve's name and the uncompressed point, `ssh-ed25519` with
 * the 32-byte key. Undefined for what x/crypto/ssh cannot represent (ECDSA on P-224).
 */
export function sshPublicKeyBlob(key: KeyObject): Buffer | undefined {
    const pub = key.type === "private" ? createPublicKey(key) : key;
    switch (pub.asymmetricKeyType) {
        case "rsa": {
            const jwk = pub.export({ format: "jwk" });
            return Buffer.concat([sshString("ssh-rsa"), sshMpint(fromJwk(jwk.e)), sshMpint(fromJwk(jwk.n))]);
        }
        case "ec": {
            const names = SSH_CURVES[String(pub.asymmetricKeyDetails?.namedCurve)];
            if (!names) return undefined;
            return Buffer.concat([
                sshString(names.keyType),
                sshString(names.curve),
                sshString(publicKeyBits(spkiOf(pub))),
            ]);
        }
        case "ed25519":
            return Buffer.concat([sshString("ssh-ed25519"), sshString(fromJwk(pub.export({ format: "jwk" }).x))]);
        default:
            return undefined;
    }
}

/** The fields of an SSH wire structure, read as `string`s (the key type first). */
export function sshStrings(blob: Buffer): Buffer[] {
    const fields: Buffer[] = [];
    for (let offset = 0; offset + 4 <= blob.length;) {
        const length = blob.readUInt32BE(offset);
        if (offset + 4 + length > blob.length) throw new Error("ssh: short read");
        fields.push(blob.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
    }
    return fields;
}

/** ssh.MarshalAuthorizedKey: the key type, a space, the wire form in padded base64, a newline. */
export function authorizedKey(blob: Buffer): string {
    return `${sshStrings(blob)[0].toString("utf8")} ${blob.toString("base64")}\n`;
}

/** ssh.FingerprintLegacyMD5: the MD5 of the wire form, in lowercase hex pairs joined by colons. */
export function fingerprintMd5(blob: Buffer): string {
    return createHash("md5")
        .update(blob)
        .digest("hex")
        .replace(/(..)(?!$)/g, "$1:");
}

/** ssh.FingerprintSHA256: "SHA256:" and the SHA-256 of the wire form in base64 without padding. */
export function fingerprintSha256(blob: Buffer): string {
    return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

const OPENSSH_MAGIC = Buffer.from("openssh-key-v1\0", "latin1");

/**
 * ssh.MarshalPrivateKey(key, comment), unencrypted, in its PEM block ("OPENSSH PRIVATE KEY"): the
 * magic, cipher and KDF "none", one public key, and the private section (the check number twice,
 * the key type, its private fields, the comment) padded 1, 2, 3, ... to a multiple of 8.
 * `check` is the random uint32 x/crypto/ssh draws. Undefined where x/crypto/ssh refuses the key
 * (ECDSA on P-224).
 */
export function opensshPrivateKey(key: KeyObject, check: number, comment = ""): string | undefined {
    const publicBlob = sshPublicKeyBlob(key);
    if (!publicBlob || key.type !== "private") return undefined;
    const jwk = key.export({ format: "jwk" });
    const [keyType] = sshStrings(publicBlob);
    let fields: Buffer[];
    switch (key.asymmetricKeyType) {
        case "rsa":
            // n and e in this order here, e before n in the public key; then d, iqmp, p, q.
            fields = [jwk.n, jwk.e, jwk.d, jwk.qi, jwk.p, jwk.q].map((value) => sshMpint(fromJwk(value)));
            break;
        case "ec": {
            const [, curve, point] = sshStrings(publicBlob);
            fields = [sshString(curve), sshString(point), sshMpint(fromJwk(jwk.d))];
            break;
        }
        case "ed25519": {
            const pub = fromJwk(jwk.x);
            // The 64-byte private key: the seed, then the public key.
            fields = [sshString(pub), sshString(Buffer.concat([fromJwk(jwk.d), pub]))];
            break;
        }
        default:
            return undefined;
    }
    let section = Buffer.concat([
        sshUint32(check),
        sshUint32(check),
        sshString(keyType),
        ...fields,
        sshString(comment),
    ]);
    const padding = (8 - (section.length % 8)) % 8;
    section = Buffer.concat([section, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);
    const body = Buffer.concat([
        OPENSSH_MAGIC,
        sshString("none"),
        sshString("none"),
        sshString(""),
        sshUint32(1),
        sshString(publicBlob),
        sshString(section),
    ]);
    return pemEncode("OPENSSH PRIVATE KEY", body);
}

/**
 * The public key of an unencrypted openssh-key-v1 private key, read from its private section as
 * ssh.ParseRawPrivateKey reads it: the check numbers equal, a key type it knows, its fields, the
 * comment, then padding 1, 2, 3, ... (the public key is taken from the private fields: n and e,
 * the Ed25519 private key's second half, the ECDSA point). Undefined for an encrypted or
 * malformed one.
 */
export function opensshPublicKey(der: Buffer): KeyObject | undefined {
    if (!der.subarray(0, OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) return undefined;
    try {
        const header = new SshReader(der.subarray(OPENSSH_MAGIC.length));
        // The cipher, the KDF and its options.
        const [cipher, kdf] = header.strings(3);
        if (cipher.toString() !== "none" || kdf.toString() !== "none" || header.uint32() !== 1) return undefined;
        header.string();
        const section = new SshReader(header.string());
        if (section.uint32() !== section.uint32()) return undefined;
        const keyType = section.string().toString("utf8");
        const b64 = (bytes: Buffer) => bytes.toString("base64url");
        const magnitude = (bytes: Buffer) => b64(bytes[0] === 0 ? bytes.subarray(1) : bytes);
        let key: KeyObject | undefined;
        if (keyType === "ssh-rsa") {
            // n, e, d, iqmp, p, q.
            const [n, e] = section.strings(6);
            key = createPublicKey({ key: { kty: "RSA", n: magnitude(n), e: magnitude(e) }, format: "jwk" });
        } else if (keyType === "ssh-ed25519") {
            // The public key, then the private key: the seed and the public key again.
            const [, priv] = section.strings(2);
            if (priv.length !== 64) return undefined;
            key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: b64(priv.subarray(32)) }, format: "jwk" });
        } else {
            const names = Object.values(SSH_CURVES).find((curve) => curve.keyType === keyType);
            // The curve, the point, the private scalar.
            const [curve, point] = section.strings(3);
            if (!names || curve.toString("utf8") !== names.curve || point[0] !== 0x04) return undefined;
            const half = (point.length - 1) / 2;
            key = createPublicKey({
                key: {
                    kty: "EC",
                    crv: names.jwk,
                    x: b64(point.subarray(1, 1 + half)),
                    y: b64(point.subarray(1 + half)),
                },
                format: "jwk",
            });
        }
        section.string(); // the comment
        return section.rest().every((byte, i) => byte === i + 1) ? key : undefined;
    } catch {
        return undefined;
    }
}

/** Reads SSH wire fields in order. */
class SshReader {
    private offset = 0;
    constructor(private readonly bytes: Buffer) {}

    uint32(): number {
        if (this.offset + 4 > this.bytes.length) throw new Error("ssh: short read");
        const value = this.bytes.readUInt32BE(this.offset);
        this.offset += 4;
        return value;
    }

    string(): Buffer {
        const length = this.uint32();
        if (this.offset + length > this.bytes.length) throw new Error("ssh: short read");
        const value = this.bytes.subarray(this.offset, this.offset + length);
        this.offset += length;
        return value;
    }

    strings(count: number): Buffer[] {
        return Array.from({ length: count }, () => this.string());
    }

    rest(): Buffer {
        return this.bytes.subarray(this.offset);
    }
}
