/**
 * The TLS provider under the harness's mocks: @pulumi/tls 5.6.1, which bridges
 * hashicorp/terraform-provider-tls (a plugin-framework provider). Not a cloud: registered in
 * tools/clouds.ts next to awsx's functions.
 *
 * What the provider computes is computed here for real, so that a program reading it runs as
 * under `pulumi up` and the policy pack sees what it would see: a private key is a real key
 * (node:crypto) in the provider's encodings (tls-keys.ts), a certificate or certificate request a
 * real one, signed by the key it names (tls-x509.ts). Each follows the provider's source, named
 * at each function. In a preview, whatever the provider computes is unknown (mock-state.ts
 * `computedProperties`), as in its plan; its schema defaults are planned in both.
 *
 * Inputs the provider would refuse (an algorithm it does not know, a key it cannot parse, a CA
 * certificate whose key is not the one given) fail its Create under the engine, which stops the
 * update; here the resource is left without the outputs it would have computed.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from "crypto";
import type { MockIds } from "../mock-state";
import type { ProviderMocks } from "../provider-mocks";
import { optionalOutputs } from "../sdk-classes";
import { rpc } from "../sdk-internals";
import {
    Algorithm,
    algorithmOf,
    authorizedKey,
    CURVES,
    fingerprintMd5,
    fingerprintSha256,
    hashForState,
    opensshPrivateKey,
    opensshPublicKey,
    pemDecode,
    pemEncode,
    spkiOf,
    sshPublicKeyBlob,
} from "./tls-keys";
import {
    ALLOWED_USES,
    AltNames,
    createCertificate,
    createCertificateRequest,
    goTimeText,
    ia5,
    ipBytes,
    nameDer,
    nameFromSubject,
    parseCertificate,
    parseCertificateRequest,
    subjectKeyId,
    usagesOf,
} from "./tls-x509";

export const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
export const SELF_SIGNED_CERT = "tls:index/selfSignedCert:SelfSignedCert";
export const LOCALLY_SIGNED_CERT = "tls:index/locallySignedCert:LocallySignedCert";
export const CERT_REQUEST = "tls:index/certRequest:CertRequest";
export const GET_PUBLIC_KEY = "tls:index/getPublicKey:getPublicKey";

// ---------------------------------------------------------------------------------------------
// Keys

/** The public key attributes of common_key.go setPublicKeyAttributes (the data source's too). */
export interface PublicKeyAttributes {
    id: string;
    publicKeyPem: string;
    publicKeyOpenssh: string;
    publicKeyFingerprintMd5: string;
    publicKeyFingerprintSha256: string;
}

/**
 * setPublicKeyAttributes: the id is hashForState of the PKIX DER, the PEM is that DER as "PUBLIC
 * KEY"; the OpenSSH line and its fingerprints are "" where x/crypto/ssh cannot represent the key
 * (ECDSA on P-224).
 */
export function publicKeyAttributes(key: KeyObject): PublicKeyAttributes {
    const spki = spkiOf(key);
    const blob = sshPublicKeyBlob(key);
    return {
        id: hashForState(spki),
        publicKeyPem: pemEncode("PUBLIC KEY", spki),
        publicKeyOpenssh: blob ? authorizedKey(blob) : "",
        publicKeyFingerprintMd5: blob ? fingerprintMd5(blob) : "",
        publicKeyFingerprintSha256: blob ? fingerprintSha256(blob) : "",
    };
}

/** What a PrivateKey computes (resource_private_key.go Create). */
export interface PrivateKeyOutputs extends PublicKeyAttributes {
    privateKeyPem: string;
    privateKeyPemPkcs8: string;
    privateKeyOpenssh: string;
}

/**
 * resource_private_key.go Create: the key in PEM as x509 marshals it for its algorithm (RSA:
 * PKCS#1 "RSA PRIVATE KEY", ECDSA: SEC 1 "EC PRIVATE KEY", ED25519: PKCS#8 "PRIVATE KEY"), in
 * PKCS#8, and in OpenSSH's format ("" for ECDSA on P-224, prvKeySupportsOpenSSHMarshalling), with
 * an empty comment; then the public key attributes.
 */
export function privateKeyOutputs(key: KeyObject, check: number): PrivateKeyOutputs {
    const pem =
        key.asymmetricKeyType === "rsa"
            ? pemEncode("RSA PRIVATE KEY", key.export({ type: "pkcs1", format: "der" }))
            : key.asymmetricKeyType === "ec"
              ? pemEncode("EC PRIVATE KEY", key.export({ type: "sec1", format: "der" }))
              : pemEncode("PRIVATE KEY", key.export({ type: "pkcs8", format: "der" }));
    return {
        privateKeyPem: pem,
        privateKeyPemPkcs8: pemEncode("PRIVATE KEY", key.export({ type: "pkcs8", format: "der" })),
        privateKeyOpenssh: opensshPrivateKey(key, check) ?? "",
        ...publicKeyAttributes(key),
    };
}

const ALGORITHMS: readonly Algorithm[] = ["RSA", "ECDSA", "ED25519"];

/** The schema's defaults (resource_private_key.go): RSA keys of 2048 bits, ECDSA on P-224. */
const DEFAULT_RSA_BITS = 2048;
const DEFAULT_ECDSA_CURVE = "P224";

/**
 * The keys generated in this process, by (algorithm, bits, curve) and their rank among the stack's
 * keys of those parameters: each resource of a stack gets a key of its own, as from the provider,
 * and the next evaluation of the same program (the next stack, the next run of the bench) reuses
 * them rather than paying an RSA generation again.
 */
const generated = new Map<string, PrivateKeyOutputs>();

/** What a PrivateKey's key depends on, as text; undefined where the provider refuses the inputs (see generatedKey). */
export function keyParameters(inputs: Record<string, any>): string | undefined {
    const algorithm = inputs.algorithm as Algorithm;
    const bits = inputs.rsaBits ?? DEFAULT_RSA_BITS;
    const curve = inputs.ecdsaCurve ?? DEFAULT_ECDSA_CURVE;
    if (!ALGORITHMS.includes(algorithm) || !CURVES[curve]) return undefined;
    if (algorithm === "RSA" && !(Number.isInteger(bits) && bits >= 1024)) return undefined;
    return algorithm === "RSA" ? `RSA:${bits}` : algorithm === "ECDSA" ? `ECDSA:${curve}` : algorithm;
}

/**
 * The key common_key.go keyGenerators makes for a PrivateKey's inputs, undefined where the
 * provider refuses them: an algorithm or curve outside its validators, or RSA below 1024 bits
 * (Go's rsa.GenerateKey refuses those since Go 1.24). `rank`: how many keys of the same
 * parameters the stack asked for before this one.
 */
export function generatedKey(inputs: Record<string, any>, rank = 0): PrivateKeyOutputs | undefined {
    const parameters = keyParameters(inputs);
    if (parameters === undefined) return undefined;
    const algorithm = inputs.algorithm as Algorithm;
    const bits = inputs.rsaBits ?? DEFAULT_RSA_BITS;
    const curve = inputs.ecdsaCurve ?? DEFAULT_ECDSA_CURVE;
    const cacheKey = `${parameters}#${rank}`;
    let found = generated.get(cacheKey);
    if (!found) {
        const { privateKey } =
            algorithm === "RSA"
                ? generateKeyPairSync("rsa", { modulusLength: bits })
                : algorithm === "ECDSA"
                  ? generateKeyPairSync("ec", { namedCurve: CURVES[curve] })
                  : generateKeyPairSync("ed25519");
        // x/crypto/ssh's check number, random per marshaled key.
        found = privateKeyOutputs(privateKey, randomBytes(4).readUInt32BE(0));
        generated.set(cacheKey, found);
    }
    return found;
}

/** The PEM types common_key.go keyParsers reads, and the form of each. */
const KEY_FORMATS: Readonly<Record<string, "pkcs1" | "sec1" | "pkcs8">> = {
    "RSA PRIVATE KEY": "pkcs1",
    "EC PRIVATE KEY": "sec1",
    "PRIVATE KEY": "pkcs8",
};

/**
 * common_key.go parsePrivateKeyPEM: the first PEM block, of a type it has a parser for, holding a
 * key of one of its algorithms; undefined where the provider fails.
 */
export function parsePrivateKeyPem(text: unknown): KeyObject | undefined {
    if (typeof text !== "string") return undefined;
    const block = pemDecode(text);
    const type = block && KEY_FORMATS[block.label];
    if (!block || !type) return undefined;
    try {
        const key = createPrivateKey({ key: block.der, format: "der", type });
        return algorithmOf(key) ? key : undefined;
    } catch {
        return undefined;
    }
}

/**
 * common_key.go parsePrivateKeyOpenSSHPEM (ssh.ParseRawPrivateKey): an "OPENSSH PRIVATE KEY"
 * block, unencrypted, or one of the PEM types parsePrivateKeyPEM reads. Its public key: all the
 * data source derives from it.
 */
export function parsePrivateKeyOpenssh(text: unknown): KeyObject | undefined {
    if (typeof text !== "string") return undefined;
    const block = pemDecode(text);
    if (block?.label === "OPENSSH PRIVATE KEY") return opensshPublicKey(block.der);
    return parsePrivateKeyPem(text);
}

// ---------------------------------------------------------------------------------------------
// Certificates

/** What a certificate resource computes (common_cert.go createCertificate's commonCertificate). */
interface CertificateOutputs {
    certPem: string;
    validityStartTime: string;
    validityEndTime: string;
}

const strings = (value: unknown): string[] | undefined =>
    value === undefined || value === null
        ? []
        : Array.isArray(value) && value.every((item) => typeof item === "string")
          ? value
          : undefined;

/** The resource's own alternative names (dnsNames, ipAddresses, uris); undefined where one does not parse. */
function altNamesOf(inputs: Record<string, any>): AltNames | undefined {
    const [dnsNames, ips, uris] = [strings(inputs.dnsNames), strings(inputs.ipAddresses), strings(inputs.uris)];
    if (!dnsNames || !ips || !uris) return undefined;
    const ipAddresses = ips.map(ipBytes);
    if (ipAddresses.some((ip) => !ip)) return undefined;
    return { dnsNames, emailAddresses: [], ipAddresses: ipAddresses as Buffer[], uris };
}

/** The certificate options common to both certificate resources, from the planned inputs. */
interface CertificateOptions {
    hours: number;
    allowedUses: string[];
    isCA: boolean;
    maxPathLen: number;
    setSubjectKeyId: boolean;
}

function certificateOptions(inputs: Record<string, any>): CertificateOptions | undefined {
    const hours = inputs.validityPeriodHours;
    const allowedUses = strings(inputs.allowedUses);
    const maxPathLen = inputs.maxPathLength ?? -1;
    if (!Number.isInteger(hours) || hours < 0 || !allowedUses || !Number.isInteger(maxPathLen) || maxPathLen < -1)
        return undefined;
    if (!allowedUses.every((use) => ALLOWED_USES.includes(use))) return undefined;
    const isCA = inputs.isCaCertificate === true;
    // crypto/x509 refuses a path length on a certificate that is no CA.
    if (!isCA && maxPathLen > 0) return undefined;
    return { hours, allowedUses, isCA, maxPathLen, setSubjectKeyId: inputs.setSubjectKeyId === true };
}

/**
 * common_cert.go createCertificate: valid from now for the hours asked, a random 128-bit serial
 * (the resource's id), the usages, CA flag, path length and subject key id asked, signed by
 * `signer`; the times as time.Time.MarshalText writes them.
 */
function certificate(
    serial: bigint,
    options: CertificateOptions,
    parts: {
        subject: Buffer;
        issuer: Buffer;
        publicKey: Buffer;
        altNames: AltNames;
        authorityKeyId?: (subjectKeyId: Buffer | undefined) => Buffer | undefined | false;
    },
    signer: KeyObject,
): CertificateOutputs | undefined {
    const notBefore = new Date();
    const notAfter = new Date(notBefore.getTime() + options.hours * 3_600_000);
    const [validityStartTime, validityEndTime] = [goTimeText(notBefore), goTimeText(notAfter)];
    if (!validityStartTime || !validityEndTime || !ia5(parts.altNames)) return undefined;
    // A CA's subject must name something (RFC 5280 4.1.2.6).
    if (options.isCA && parts.subject.length <= 2) return undefined;
    const keyType = createPublicKey({ key: parts.publicKey, format: "der", type: "spki" }).asymmetricKeyType;
    const ownKeyId = options.isCA || options.setSubjectKeyId ? subjectKeyId(parts.publicKey, keyType) : undefined;
    const authorityKeyId = parts.authorityKeyId?.(ownKeyId);
    if (authorityKeyId === false) return undefined;
    const der = createCertificate(
        {
            serialNumber: serial,
            notBefore,
            notAfter,
            subject: parts.subject,
            issuer: parts.issuer,
            publicKey: parts.publicKey,
            ...usagesOf(options.allowedUses),
            isCA: options.isCA,
            maxPathLen: options.maxPathLen,
            subjectKeyId: ownKeyId,
            authorityKeyId,
            altNames: parts.altNames,
        },
        signer,
    );
    return { certPem: pemEncode("CERTIFICATE", der), validityStartTime, validityEndTime };
}

/**
 * resource_self_signed_cert.go Create: the subject and alternative names of the inputs, issued by
 * itself with its own key; `setAuthorityKeyId` names its own subject key id (and fails without
 * one).
 */
function selfSignedCert(inputs: Record<string, any>, serial: bigint): Record<string, any> | undefined {
    const key = parsePrivateKeyPem(inputs.privateKeyPem ?? inputs.privateKeyPemWo);
    const options = certificateOptions(inputs);
    const altNames = altNamesOf(inputs);
    if (!key || !options || !altNames) return undefined;
    const subject = nameDer(nameFromSubject(inputs.subject));
    const outputs = certificate(
        serial,
        options,
        {
            subject,
            issuer: subject,
            publicKey: spkiOf(key),
            altNames,
            authorityKeyId: (own) => (inputs.setAuthorityKeyId === true ? (own ?? false) : undefined),
        },
        key,
    );
    return outputs && { ...outputs, keyAlgorithm: algorithmOf(key) };
}

/**
 * resource_locally_signed_cert.go Create: the request's subject (as x509 re-encodes the names it
 * knows), DNS names, IP addresses and URIs and its public key, issued by the CA certificate's
 * subject and signed with the CA's key (which must be that certificate's); crypto/x509 names the
 * CA's subject key id as the authority key id.
 */
function locallySignedCert(inputs: Record<string, any>, serial: bigint): Record<string, any> | undefined {
    const caKey = parsePrivateKeyPem(inputs.caPrivateKeyPem ?? inputs.caPrivateKeyPemWo);
    const request = typeof inputs.certRequestPem === "string" ? pemDecode(inputs.certRequestPem) : undefined;
    const ca = typeof inputs.caCertPem === "string" ? pemDecode(inputs.caCertPem) : undefined;
    const options = certificateOptions(inputs);
    if (!caKey || request?.label !== "CERTIFICATE REQUEST" || ca?.label !== "CERTIFICATE" || !options) return undefined;
    try {
        const parsedRequest = parseCertificateRequest(request.der);
        const parsedCa = parseCertificate(ca.der);
        const caPublic = createPublicKey({ key: parsedCa.publicKey, format: "der", type: "spki" });
        if (!caPublic.equals(createPublicKey(caKey))) return undefined;
        const subject = nameDer(parsedRequest.subject);
        const { dnsNames, ipAddresses, uris } = parsedRequest.altNames;
        const outputs = certificate(
            serial,
            options,
            {
                subject,
                issuer: parsedCa.subject,
                publicKey: parsedRequest.publicKey,
                altNames: { dnsNames, emailAddresses: [], ipAddresses, uris },
                authorityKeyId: () =>
                    !parsedCa.subject.equals(subject) && parsedCa.subjectKeyId?.length
                        ? parsedCa.subjectKeyId
                        : undefined,
            },
            caKey,
        );
        return outputs && { ...outputs, caKeyAlgorithm: algorithmOf(caKey) };
    } catch {
        return undefined;
    }
}

/**
 * resource_cert_request.go Create: a request for the subject and alternative names of the inputs,
 * signed with the key; its id is hashForState of the request's DER.
 */
function certRequest(inputs: Record<string, any>): { id: string; outputs: Record<string, any> } | undefined {
    const key = parsePrivateKeyPem(inputs.privateKeyPem ?? inputs.privateKeyPemWo);
    const altNames = altNamesOf(inputs);
    if (!key || !altNames || !ia5(altNames)) return undefined;
    const der = createCertificateRequest(nameDer(nameFromSubject(inputs.subject)), altNames, key);
    return {
        id: hashForState(der),
        outputs: { certRequestPem: pemEncode("CERTIFICATE REQUEST", der), keyAlgorithm: algorithmOf(key) },
    };
}

/** crypto/x509's serial numbers as createCertificate draws them: random below 2^128. */
const randomSerial = (): bigint => BigInt(`0x${randomBytes(16).toString("hex")}`);

/**
 * What each resource computed when its id was handed out, by id, for `created` to fill in: the id
 * is part of it (a key's hash, a certificate's serial, a request's hash), and a signature, random
 * for ECDSA, is made once.
 */
const computed = new Map<string, Record<string, any>>();

/** The outputs a type computes, with the id the provider gives it; undefined where its Create fails. */
function create(
    type: string,
    inputs: Record<string, any>,
    ids: MockIds,
): { id: string; outputs: Record<string, any> } | undefined {
    switch (type) {
        case PRIVATE_KEY: {
            const parameters = keyParameters(inputs);
            const key = parameters && generatedKey(inputs, ids.count(`tls-key:${parameters}`));
            if (!key) return undefined;
            const { id, ...outputs } = key;
            return { id, outputs };
        }
        case SELF_SIGNED_CERT:
        case LOCALLY_SIGNED_CERT: {
            const serial = randomSerial();
            const outputs = (type === SELF_SIGNED_CERT ? selfSignedCert : locallySignedCert)(inputs, serial);
            // Unset, max_path_length is null in the state (both resources' Create).
            return (
                outputs && {
                    id: serial.toString(),
                    outputs: { ...outputs, maxPathLength: inputs.maxPathLength ?? null },
                }
            );
        }
        case CERT_REQUEST:
            return certRequest(inputs);
        default:
            return undefined;
    }
}

/**
 * The inputs as the provider reads them: a secret (a key passed on from a PrivateKey is one) as
 * its value, at any depth.
 */
function plain(value: any): any {
    if (rpc.isRpcSecret(value)) return plain(value.value);
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
    return value;
}

/** The defaults of each type's schema, which the plan holds (in a preview too). */
const PLANNED_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
    [PRIVATE_KEY]: { rsaBits: DEFAULT_RSA_BITS, ecdsaCurve: DEFAULT_ECDSA_CURVE },
    [SELF_SIGNED_CERT]: {
        earlyRenewalHours: 0,
        isCaCertificate: false,
        setSubjectKeyId: false,
        setAuthorityKeyId: false,
        readyForRenewal: false,
    },
    [LOCALLY_SIGNED_CERT]: {
        earlyRenewalHours: 0,
        isCaCertificate: false,
        setSubjectKeyId: false,
        readyForRenewal: false,
    },
};

/** Write-only inputs (the `_wo` attributes): the provider reads them, its plan and state hold null. */
const WRITE_ONLY = ["privateKeyPemWo", "caPrivateKeyPemWo"];

export const TLS_MOCKS: ProviderMocks = {
    package: "tls",
    // pulumi-tls bridges terraform-provider-tls.
    bridged: true,
    id: (type, inputs, ids, preview) => {
        // A preview creates nothing: no key is generated for an id the engine would not hand out.
        if (preview) return undefined;
        const made = create(type, plain(inputs), ids);
        if (!made) return undefined;
        computed.set(made.id, made.outputs);
        return made.id;
    },
    planned: (type, state) => {
        for (const [field, value] of Object.entries(PLANNED_DEFAULTS[type] ?? {}))
            if (state[field] === undefined) state[field] = value;
        for (const field of WRITE_ONLY) if (state[field] !== undefined) state[field] = null;
        // A plugin-framework provider's state holds every attribute, an unset one null.
        for (const { name, unset } of optionalOutputs(type))
            if (state[name] === undefined) state[name] = unset === null ? null : [];
    },
    created: (type, _name, _inputs, state, id) => {
        const outputs = computed.get(id);
        computed.delete(id);
        if (outputs) Object.assign(state, outputs);
    },
    calls: {
        // data_source_public_key.go Read: the private key's algorithm and public key attributes,
        // from its PEM or, where that is not given, its OpenSSH form.
        [GET_PUBLIC_KEY]: (given) => {
            const inputs = plain(given);
            const key =
                inputs.privateKeyPem !== undefined && inputs.privateKeyPem !== null
                    ? parsePrivateKeyPem(inputs.privateKeyPem)
                    : parsePrivateKeyOpenssh(inputs.privateKeyOpenssh);
            const algorithm = key && algorithmOf(key);
            if (!key || !algorithm) return undefined;
            return { ...inputs, algorithm, ...publicKeyAttributes(key) };
        },
    },
};
