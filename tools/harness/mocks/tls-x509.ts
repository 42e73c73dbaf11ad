/**
 * X.509 certificates and PKCS#10 certificate requests as the TLS provider makes them, in DER: what
 * Go's crypto/x509 CreateCertificate and CreateCertificateRequest write for the templates
 * hashicorp/terraform-provider-tls fills in (internal/provider/common_cert.go createCertificate,
 * resource_self_signed_cert.go, resource_locally_signed_cert.go, resource_cert_request.go), and
 * the parts of a certificate or request the provider reads back. node:crypto signs and parses
 * certificates but cannot make them; the encoding is here (tls-keys.ts has the DER primitives).
 */
import { createHash, KeyObject, sign } from "crypto";
import { isIPv4, isIPv6 } from "net";
import {
    bigIntBytes,
    bitString,
    childrenOf,
    contentsOf,
    derNull,
    derTime,
    derTrue,
    dottedObjectId,
    Element,
    encodingOf,
    explicit,
    objectId,
    octetString,
    publicKeyBits,
    readElement,
    sequence,
    setOf,
    smallInteger,
    spkiOf,
    tlv,
    unsignedInteger,
} from "./tls-keys";

// ---------------------------------------------------------------------------------------------
// Names (crypto/x509/pkix)

/** A distinguished name as pkix.Name holds it: the attributes it knows, each a list of values. */
export interface Name {
    country: string[];
    province: string[];
    locality: string[];
    streetAddress: string[];
    postalCode: string[];
    organization: string[];
    organizationalUnit: string[];
    commonName: string;
    serialNumber: string;
    /** Attributes appended as they are, each its own RDN: the provider's email address. */
    extraNames: { oid: string; value: Buffer }[];
}

/** The `subject` input of the provider's certificate resources, as the Pulumi SDK names it. */
export interface SubjectInput {
    commonName?: string;
    country?: string;
    emailAddress?: string;
    locality?: string;
    organization?: string;
    organizationalUnit?: string;
    postalCode?: string;
    province?: string;
    serialNumber?: string;
    streetAddresses?: string[];
}

const emptyName = (): Name => ({
    country: [],
    province: [],
    locality: [],
    streetAddress: [],
    postalCode: [],
    organization: [],
    organizationalUnit: [],
    commonName: "",
    serialNumber: "",
    extraNames: [],
});

const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";

/** common_cert.go createSubjectDistinguishedNames: one value per attribute, the email address last, as IA5String. */
export function nameFromSubject(subject: SubjectInput | null | undefined): Name {
    const name = emptyName();
    if (!subject) return name;
    const one = (value: string | undefined): string[] => (typeof value === "string" ? [value] : []);
    name.commonName = subject.commonName ?? "";
    name.organization = one(subject.organization);
    name.organizationalUnit = one(subject.organizationalUnit);
    name.streetAddress = (subject.streetAddresses ?? []).filter((value) => typeof value === "string");
    name.locality = one(subject.locality);
    name.province = one(subject.province);
    name.country = one(subject.country);
    name.postalCode = one(subject.postalCode);
    name.serialNumber = subject.serialNumber ?? "";
    if (typeof subject.emailAddress === "string")
        name.extraNames.push({ oid: OID_EMAIL_ADDRESS, value: tlv(0x16, Buffer.from(subject.emailAddress, "utf8")) });
    return name;
}

/** The attributes pkix.Name knows, in the order Name.ToRDNSequence writes them. */
const NAME_ATTRIBUTES: readonly [keyof Name, string][] = [
    ["country", "2.5.4.6"],
    ["province", "2.5.4.8"],
    ["locality", "2.5.4.7"],
    ["streetAddress", "2.5.4.9"],
    ["postalCode", "2.5.4.17"],
    ["organization", "2.5.4.10"],
    ["organizationalUnit", "2.5.4.11"],
    ["commonName", "2.5.4.3"],
    ["serialNumber", "2.5.4.5"],
];

/** PrintableString's characters, with the '*' and '&' Go's encoding/asn1 lets into one. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?*&]*$/;

/** A string as encoding/asn1 marshals one with no explicit type: PrintableString if it can be, else UTF8String. */
function directoryString(value: string): Buffer {
    return tlv(PRINTABLE.test(value) ? 0x13 : 0x0c, Buffer.from(value, "utf8"));
}

/**
 * The DER of a name: Name.ToRDNSequence marshaled. Each known attribute's values form one RDN (a
 * SET, sorted), an empty common name or serial number none; the extra names follow, one each.
 */
export function nameDer(name: Name): Buffer {
    const rdns: Buffer[] = [];
    for (const [field, oid] of NAME_ATTRIBUTES) {
        const raw = name[field] as string | string[];
        const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
        if (values.length === 0 || name.extraNames.some((extra) => extra.oid === oid)) continue;
        rdns.push(setOf(...values.map((value) => sequence(objectId(oid), directoryString(value)))));
    }
    for (const extra of name.extraNames) rdns.push(setOf(sequence(objectId(extra.oid), extra.value)));
    return sequence(...rdns);
}

/** A string value of a name attribute, as encoding/asn1 unmarshals one into a Go string; undefined for other values. */
function stringValue(der: Buffer, element: Element): string | undefined {
    const contents = contentsOf(der, element);
    switch (element.tag) {
        case 0x0c: // UTF8String
            return contents.toString("utf8");
        case 0x12: // NumericString
        case 0x13: // PrintableString
        case 0x16: // IA5String
            return contents.toString("latin1");
        case 0x14: // T61String
            return contents.toString("latin1");
        case 0x1e: // BMPString
            return Buffer.from(contents).swap16().toString("utf16le");
        default:
            return undefined;
    }
}

/**
 * A name read as Name.FillFromRDNSequence reads one: the known attributes into their fields, each
 * in the order met, the last common name and serial number; anything else goes to the name's
 * `Names`, which a certificate made from it does not carry (ToRDNSequence writes ExtraNames only).
 */
export function parseName(der: Buffer, element: Element): Name {
    const name = emptyName();
    for (const rdn of childrenOf(der, element))
        for (const atv of childrenOf(der, rdn)) {
            const [type, value] = childrenOf(der, atv);
            const text = value && stringValue(der, value);
            if (text === undefined) continue;
            const field = NAME_ATTRIBUTES.find(([, oid]) => oid === dottedObjectId(contentsOf(der, type)))?.[0];
            if (field === "commonName" || field === "serialNumber") name[field] = text;
            else if (field) (name[field] as string[]).push(text);
        }
    return name;
}

// ---------------------------------------------------------------------------------------------
// Key usages (common_cert.go keyUsages, extendedKeyUsages; crypto/x509's bits and OIDs)

const KEY_USAGES: Readonly<Record<string, number>> = {
    digital_signature: 1 << 0,
    content_commitment: 1 << 1,
    key_encipherment: 1 << 2,
    data_encipherment: 1 << 3,
    key_agreement: 1 << 4,
    cert_signing: 1 << 5,
    crl_signing: 1 << 6,
    encipher_only: 1 << 7,
    decipher_only: 1 << 8,
};

const EXTENDED_KEY_USAGES: Readonly<Record<string, string>> = {
    any_extended: "2.5.29.37.0",
    server_auth: "1.3.6.1.5.5.7.3.1",
    client_auth: "1.3.6.1.5.5.7.3.2",
    code_signing: "1.3.6.1.5.5.7.3.3",
    email_protection: "1.3.6.1.5.5.7.3.4",
    ipsec_end_system: "1.3.6.1.5.5.7.3.5",
    ipsec_tunnel: "1.3.6.1.5.5.7.3.6",
    ipsec_user: "1.3.6.1.5.5.7.3.7",
    timestamping: "1.3.6.1.5.5.7.3.8",
    ocsp_signing: "1.3.6.1.5.5.7.3.9",
    microsoft_server_gated_crypto: "1.3.6.1.4.1.311.10.3.3",
    netscape_server_gated_crypto: "2.16.840.1.113730.4.1",
    microsoft_commercial_code_signing: "1.3.6.1.4.1.311.2.1.22",
    microsoft_kernel_code_signing: "1.3.6.1.4.1.311.61.1.1",
};

/** The names the provider accepts in `allowed_uses`. */
export const ALLOWED_USES: readonly string[] = [...Object.keys(KEY_USAGES), ...Object.keys(EXTENDED_KEY_USAGES)];

/** The key usage bits and the extended key usage OIDs of `allowed_uses` (createCertificate). */
export function usagesOf(allowedUses: readonly string[]): { keyUsage: number; extKeyUsage: string[] } {
    let keyUsage = 0;
    const extKeyUsage: string[] = [];
    for (const use of allowedUses) {
        keyUsage |= KEY_USAGES[use] ?? 0;
        if (EXTENDED_KEY_USAGES[use]) extKeyUsage.push(EXTENDED_KEY_USAGES[use]);
    }
    return { keyUsage, extKeyUsage };
}

const reverseBits = (byte: number): number => {
    let reversed = 0;
    for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) reversed |= 0x80 >> bit;
    return reversed;
};

/** marshalKeyUsage: the bits, first one most significant, in one byte or two, the trailing zero bits unused. */
function keyUsageValue(keyUsage: number): Buffer {
    const bytes = [reverseBits(keyUsage & 0xff), reverseBits((keyUsage >> 8) & 0xff)];
    const used = Buffer.from(bytes[1] !== 0 ? bytes : [bytes[0]]);
    const last = used[used.length - 1];
    let unused = 0;
    while (unused < 8 && !(last & (1 << unused))) unused++;
    return bitString(used, unused === 8 ? 0 : unused);
}

// ---------------------------------------------------------------------------------------------
// Subject alternative names

/**
 * An IP address's bytes as net.ParseIP reads it and marshalSANs writes it: 4 for IPv4 (an
 * IPv4-mapped IPv6 address too), 16 for IPv6; undefined where Go would not parse it (a zone, a
 * leading zero).
 */
export function ipBytes(text: string): Buffer | undefined {
    if (isIPv4(text)) {
        const parts = text.split(".");
        if (parts.some((part) => part.length > 1 && part.startsWith("0"))) return undefined;
        return Buffer.from(parts.map(Number));
    }
    if (!isIPv6(text) || text.includes("%")) return undefined;
    // An IPv4 address may end it: its 4 bytes are the last two groups.
    let body = text;
    const tail: number[] = [];
    if (text.includes(".")) {
        const colon = text.lastIndexOf(":");
        const v4 = ipBytes(text.slice(colon + 1));
        if (!v4 || v4.length !== 4) return undefined;
        tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
        body = text.slice(0, colon + 1).endsWith("::") ? text.slice(0, colon + 1) : text.slice(0, colon);
    }
    const groups = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
    let all: number[];
    if (body.includes("::")) {
        const [left, right] = body.split("::");
        const before = groups(left);
        const after = [...groups(right), ...tail];
        const zeros = 8 - before.length - after.length;
        if (zeros < 1) return undefined;
        all = [...before, ...Array<number>(zeros).fill(0), ...after];
    } else all = [...groups(body), ...tail];
    if (all.length !== 8) return undefined;
    const bytes = Buffer.alloc(16);
    all.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
    // net.IP.To4: an IPv4-mapped address is written in 4 bytes.
    const mapped = bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    return mapped ? Buffer.from(bytes.subarray(12)) : bytes;
}

export interface AltNames {
    dnsNames: string[];
    emailAddresses: string[];
    ipAddresses: Buffer[];
    uris: string[];
}

/** marshalSANs: DNS names [2], email addresses [1], IP addresses [7], URIs [6], in that order. */
function altNamesValue(names: AltNames): Buffer {
    return sequence(
        ...names.dnsNames.map((dns) => tlv(0x82, Buffer.from(dns, "latin1"))),
        ...names.emailAddresses.map((email) => tlv(0x81, Buffer.from(email, "latin1"))),
        ...names.ipAddresses.map((ip) => tlv(0x87, ip)),
        ...names.uris.map((uri) => tlv(0x86, Buffer.from(uri, "latin1"))),
    );
}

const hasAltNames = (names: AltNames): boolean =>
    names.dnsNames.length + names.emailAddresses.length + names.ipAddresses.length + names.uris.length > 0;

/** Whether every name can be an IA5String (isIA5String): CreateCertificate refuses any other. */
export const ia5 = (names: AltNames): boolean =>
    [...names.dnsNames, ...names.emailAddresses, ...names.uris].every((name) =>
        [...name].every((char) => char.charCodeAt(0) < 0x80),
    );

function readAltNames(value: Buffer): AltNames {
    const names: AltNames = { dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [] };
    for (const general of childrenOf(value, readElement(value))) {
        const contents = contentsOf(value, general);
        if (general.tag === 0x82) names.dnsNames.push(contents.toString("latin1"));
        else if (general.tag === 0x81) names.emailAddresses.push(contents.toString("latin1"));
        else if (general.tag === 0x87 && (contents.length === 4 || contents.length === 16))
            names.ipAddresses.push(Buffer.from(contents));
        else if (general.tag === 0x86) names.uris.push(contents.toString("latin1"));
    }
    return names;
}

// ---------------------------------------------------------------------------------------------
// Signing (crypto/x509 signingParamsForKey)

/** The signature algorithm crypto/x509 picks for a signing key, and the signature. */
export function signatureAlgorithm(key: KeyObject): { identifier: Buffer; sign(data: Buffer): Buffer } {
    switch (key.asymmetricKeyType) {
        case "rsa":
            // SHA256WithRSA, its parameters NULL.
            return {
                identifier: sequence(objectId("1.2.840.113549.1.1.11"), derNull()),
                sign: (data) => sign("sha256", data, key),
            };
        case "ec": {
            // ECDSAWithSHA256 for P-224 and P-256, SHA384 for P-384, SHA512 for P-521.
            const curve = String(key.asymmetricKeyDetails?.namedCurve);
            const [oid, hash] =
                curve === "secp384r1"
                    ? ["1.2.840.10045.4.3.3", "sha384"]
                    : curve === "secp521r1"
                      ? ["1.2.840.10045.4.3.4", "sha512"]
                      : ["1.2.840.10045.4.3.2", "sha256"];
            return { identifier: sequence(objectId(oid)), sign: (data) => sign(hash, data, key) };
        }
        case "ed25519":
            return { identifier: sequence(objectId("1.3.101.112")), sign: (data) => sign(null, data, key) };
        default:
            throw new Error(`x509: unsupported signing key ${key.asymmetricKeyType}`);
    }
}

/**
 * common_cert.go generateSubjectKeyID: the SHA-1 of the public key as the provider marshals it,
 * the PKCS#1 RSA key or the uncompressed EC point (each the PKIX key's bit string), or the
 * Ed25519 key as an ASN.1 OCTET STRING.
 */
export function subjectKeyId(spki: Buffer, algorithm: string | undefined): Buffer {
    const bits = publicKeyBits(spki);
    return createHash("sha1")
        .update(algorithm === "ed25519" ? octetString(bits) : bits)
        .digest();
}

// ---------------------------------------------------------------------------------------------
// Certificates

/** What createCertificate's template holds once the provider filled it in. */
export interface CertificateTemplate {
    serialNumber: bigint;
    notBefore: Date;
    notAfter: Date;
    /** The subject's and the issuer's DER (the issuer's as the parent certificate has it). */
    subject: Buffer;
    issuer: Buffer;
    /** The certified public key, PKIX DER. */
    publicKey: Buffer;
    keyUsage: number;
    extKeyUsage: string[];
    isCA: boolean;
    /** -1 or 0 for none (MaxPathLenZero is never set), else the limit. */
    maxPathLen: number;
    subjectKeyId?: Buffer;
    authorityKeyId?: Buffer;
    altNames: AltNames;
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
    return sequence(objectId(oid), ...(critical ? [derTrue()] : []), octetString(value));
}

/**
 * x509.CreateCertificate: a version 3 certificate with the extensions buildCertExtensions writes,
 * in its order (key usage, extended key usage, basic constraints, subject key id, authority key
 * id, alternative names), signed by `signer`.
 */
export function createCertificate(template: CertificateTemplate, signer: KeyObject): Buffer {
    const algorithm = signatureAlgorithm(signer);
    const extensions: Buffer[] = [];
    if (template.keyUsage !== 0) extensions.push(extension("2.5.29.15", true, keyUsageValue(template.keyUsage)));
    if (template.extKeyUsage.length > 0)
        extensions.push(extension("2.5.29.37", false, sequence(...template.extKeyUsage.map(objectId))));
    // Basic constraints (always valid here): cA when true, pathLenConstraint when set and positive.
    const pathLen = template.maxPathLen > 0 ? [smallInteger(template.maxPathLen)] : [];
    extensions.push(extension("2.5.29.19", true, sequence(...(template.isCA ? [derTrue()] : []), ...pathLen)));
    if (template.subjectKeyId?.length)
        extensions.push(extension("2.5.29.14", false, octetString(template.subjectKeyId)));
    if (template.authorityKeyId?.length)
        extensions.push(extension("2.5.29.35", false, sequence(tlv(0x80, template.authorityKeyId))));
    // Critical where the subject is empty (RFC 5280, 4.2.1.6).
    if (hasAltNames(template.altNames))
        extensions.push(extension("2.5.29.17", template.subject.length <= 2, altNamesValue(template.altNames)));
    const tbs = sequence(
        explicit(0, smallInteger(2)),
        unsignedInteger(bigIntBytes(template.serialNumber)),
        algorithm.identifier,
        template.issuer,
        sequence(derTime(template.notBefore), derTime(template.notAfter)),
        template.subject,
        template.publicKey,
        ...(extensions.length > 0 ? [explicit(3, sequence(...extensions))] : []),
    );
    return sequence(tbs, algorithm.identifier, bitString(algorithm.sign(tbs)));
}

/** What the provider reads of a CA certificate (resource_locally_signed_cert.go parseCertificate). */
export interface ParsedCertificate {
    /** The subject as the certificate holds it (RawSubject), the issuer of what it signs. */
    subject: Buffer;
    publicKey: Buffer;
    subjectKeyId?: Buffer;
    isCA: boolean;
}

export function parseCertificate(der: Buffer): ParsedCertificate {
    const [tbs] = childrenOf(der, readElement(der));
    const fields = childrenOf(der, tbs);
    const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
    const [, , , , subject, publicKey, ...optional] = rest;
    if (!subject || !publicKey) throw new Error("x509: malformed certificate");
    const parsed: ParsedCertificate = {
        subject: Buffer.from(encodingOf(der, subject)),
        publicKey: Buffer.from(encodingOf(der, publicKey)),
        isCA: false,
    };
    const extensions = optional.find((element) => element.tag === 0xa3);
    if (!extensions) return parsed;
    for (const ext of childrenOf(der, childrenOf(der, extensions)[0])) {
        const parts = childrenOf(der, ext);
        const oid = dottedObjectId(contentsOf(der, parts[0]));
        const value = contentsOf(der, parts[parts.length - 1]);
        if (oid === "2.5.29.14") parsed.subjectKeyId = Buffer.from(contentsOf(value, readElement(value)));
        if (oid === "2.5.29.19") {
            const [first] = childrenOf(value, readElement(value));
            parsed.isCA = first?.tag === 0x01 && value[first.body] !== 0;
        }
    }
    return parsed;
}

// ---------------------------------------------------------------------------------------------
// Certificate requests

const OID_EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

/**
 * x509.CreateCertificateRequest: version 0, the subject, the public key, and the attributes (`[0]`,
 * empty, or an extensionRequest holding the alternative names, not critical), signed by `key`.
 */
export function createCertificateRequest(subject: Buffer, altNames: AltNames, key: KeyObject): Buffer {
    const algorithm = signatureAlgorithm(key);
    const attributes = hasAltNames(altNames)
        ? [
              sequence(
                  objectId(OID_EXTENSION_REQUEST),
                  setOf(sequence(extension("2.5.29.17", false, altNamesValue(altNames)))),
              ),
          ]
        : [];
    const info = sequence(smallInteger(0), subject, spkiOf(key), explicit(0, ...attributes));
    return sequence(info, algorithm.identifier, bitString(algorithm.sign(info)));
}

/** What the provider reads of a certificate request (x509.ParseCertificateRequest). */
export interface ParsedCertificateRequest {
    subject: Name;
    publicKey: Buffer;
    altNames: AltNames;
}

export function parseCertificateRequest(der: Buffer): ParsedCertificateRequest {
    const [info] = childrenOf(der, readElement(der));
    const [, subject, publicKey, attributes] = childrenOf(der, info);
    if (!subject || !publicKey) throw new Error("x509: malformed certificate request");
    let altNames: AltNames = { dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [] };
    for (const attribute of attributes?.tag === 0xa0 ? childrenOf(der, attributes) : []) {
        const [type, values] = childrenOf(der, attribute);
        if (dottedObjectId(contentsOf(der, type)) !== OID_EXTENSION_REQUEST) continue;
        for (const extensions of childrenOf(der, values))
            for (const ext of childrenOf(der, extensions)) {
                const parts = childrenOf(der, ext);
                if (dottedObjectId(contentsOf(der, parts[0])) === "2.5.29.17")
                    altNames = readAltNames(Buffer.from(contentsOf(der, parts[parts.length - 1])));
            }
    }
    return {
        subject: parseName(der, subject),
        publicKey: Buffer.from(encodingOf(der, publicKey)),
        altNames,
    };
}

// ---------------------------------------------------------------------------------------------
// Times

/**
 * A time as Go's time.Time.MarshalText writes one (RFC 3339 with the fraction's trailing zeros
 * dropped), in this process's time zone as time.Now() is in the provider's: "Z" for UTC, else its
 * offset. Undefined outside years 0 to 9999, which MarshalText refuses.
 */
export function goTimeText(date: Date): string | undefined {
    const offset = -date.getTimezoneOffset();
    const local = new Date(date.getTime() + offset * 60_000);
    const year = local.getUTCFullYear();
    if (year < 0 || year > 9999) return undefined;
    const two = (n: number) => String(n).padStart(2, "0");
    const fraction = String(local.getUTCMilliseconds()).padStart(3, "0").replace(/0+$/, "");
    const zone =
        offset === 0
            ? "Z"
            : `${offset > 0 ? "+" : "-"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
    return (
        `${String(year).padStart(4, "0")}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
        `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
        `${fraction ? `.${fraction}` : ""}${zone}`
    );
}
