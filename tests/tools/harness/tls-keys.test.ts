// The TLS provider's encodings (tools/harness/mocks/tls-keys.ts, tls-x509.ts), checked against
// what other implementations make of the same keys: OpenSSH's ssh-keygen (its authorized_keys
// lines, fingerprints and private key files, recorded below), node:crypto and OpenSSL (which parse
// and verify the certificates), and the DER rules themselves.
import * as assert from "assert";
import {
    createHash,
    createPrivateKey,
    createPublicKey,
    generateKeyPairSync,
    KeyObject,
    verify,
    X509Certificate,
} from "crypto";
import {
    authorizedKey,
    childrenOf,
    derTime,
    dottedObjectId,
    fingerprintMd5,
    fingerprintSha256,
    goTrimSpace,
    hashForState,
    objectId,
    opensshPrivateKey,
    opensshPublicKey,
    pemDecode,
    pemEncode,
    readElement,
    setOf,
    smallInteger,
    spkiOf,
    sshPublicKeyBlob,
    tlv,
    unsignedInteger,
} from "../../../tools/harness/mocks/tls-keys";
import {
    createCertificate,
    createCertificateRequest,
    goTimeText,
    ipBytes,
    nameDer,
    nameFromSubject,
    parseCertificate,
    parseCertificateRequest,
    subjectKeyId,
    usagesOf,
} from "../../../tools/harness/mocks/tls-x509";

// Keys made by OpenSSL, and what ssh-keygen says of them (`ssh-keygen -y`, `ssh-keygen -l [-E md5]`).
const RSA_PEM = `-----BEGIN RSA PRIVATE KEY-----
MIICXAIBAAKBgQCYanrvc2PRLx5VnjP6y8TpqpcQOwlcS0vbVzlANcpTnOhfob4p
d4A1zv0U40AxLGNGarpFeE/ysHfMJbkTVgTwO41jxRCw4rUpKFQmGwSjkTuwgmOH
kAMpQi7wGjvWcWFf15/ahIC91+qDYsvdp9AbKyxIR/KNz+H4Z7iCE46eoQIDAQAB
AoGALKcFXSFxHNexC2RN1ivchJh1qUuicmec0aW8IBOiMtzFNz8rdvqLlTgO7Q+m
vsFCVF7wM2oMAg2xCx4CGqgYydTqYCSutSuGoixuAjUaVlYzP8CxsFbwHHcjibfD
I/U9Wd0UUWLqt6et+PJYtu+nrpm4ruDndIFvsAuqCgDu3AECQQDGwvnDgJQn6LyL
YWrernql84sxew/EB8BNzH/hEMj/xe1O2tU3nEdup/bpOhBer1nwf4Q1ryjmx3i3
Q/bxMNYjAkEAxE7TnmDVjaC4u3PQ9Ealtj9R2aKxtVzboZx0IEAEKKE4J7opQdne
RcWG7Ii31znzjqGO0tGdieajl1xcezVKawJAYqqlO9SXN1yERBh+6b3panoEjfKN
9/z1DGnIzVv8u2NwkyV0lJ+Coj7FBi/psmcPmaBjbBbgkfdRSIB3lHFuywJBAKkL
RDnnIx6Bn3J0SiSATaTBpAcojaUioFLruignWC1wnz2+llaJeVlVvlkjZkQlODHD
t4ydSu78ODVYKJ9EhZ8CQEly0V3mHnqxRR/BiVAAyU2itzIW2UA0mIKtykv86aED
jts5nqyjmyrVNtDL0/lgx5LPoHdRLTBmfZW6yRoGwQY=
-----END RSA PRIVATE KEY-----
`;
const EC_PEM = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIIrQushNYx7PD/cvkObRtSgKI/K/MzqbjGzsRaz11kELoAoGCCqGSM49
AwEHoUQDQgAEUtNEzDM+MJTTiMoDk5RPchGmVsE4Uy6sod7Oh/tLYk7B3Pdv7ABs
aWbgSEXBg4qVDm62bA7rQVaTyYpHbitqMQ==
-----END EC PRIVATE KEY-----
`;
/** RFC 8032's first Ed25519 test key (its seed; the public key is d75a9801...). */
const ED25519_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

const SSH_KEYGEN: Record<string, { line: string; md5: string; sha256: string }> = {
    rsa: {
        line: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCYanrvc2PRLx5VnjP6y8TpqpcQOwlcS0vbVzlANcpTnOhfob4pd4A1zv0U40AxLGNGarpFeE/ysHfMJbkTVgTwO41jxRCw4rUpKFQmGwSjkTuwgmOHkAMpQi7wGjvWcWFf15/ahIC91+qDYsvdp9AbKyxIR/KNz+H4Z7iCE46eoQ==",
        md5: "f4:ee:10:84:c7:d9:c0:92:3d:56:1c:2c:4e:d4:5d:35",
        sha256: "SHA256:nNnG2BSkdv+r9g1TWJfp20rTbTwGbI/6f936+gvyu1g",
    },
    ec: {
        line: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFLTRMwzPjCU04jKA5OUT3IRplbBOFMurKHezof7S2JOwdz3b+wAbGlm4EhFwYOKlQ5utmwO60FWk8mKR24rajE=",
        md5: "32:fa:cb:77:68:ce:32:b2:44:1f:3b:11:8d:85:9e:b3",
        sha256: "SHA256:aOV0zHjZTVjZ5Ofyk1B+nr8wUhuckswMRHAx77GKAt4",
    },
    ed25519: {
        line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",
        md5: "cf:07:be:9d:68:ae:65:54:6d:a0:93:c3:6f:bd:0d:82",
        sha256: "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8",
    },
};

/** Private key files `ssh-keygen -t <type> -N ''` wrote, and their public keys. */
const OPENSSH_FILES: Record<string, { file: string; pub: string }> = {
    rsa: {
        file: `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAlwAAAAdzc2gtcn
NhAAAAAwEAAQAAAIEAtTjscQcYqeRyv2TBhRwEDrmK2d2WKjPY9xc+nb437N/mrePbOUdQ
Q3t7gBiZ3hygSiStJfeLV1M0Mqn7NQu7ire6BaiKnORoTowGA0uyKCfWMEBsU3YPn/byHk
VLj6wIMK5bQwR2q1PPySFIvab7vPj/m21AxS3+ZPVdvTxAem8AAAIIH0ck/R9HJP0AAAAH
c3NoLXJzYQAAAIEAtTjscQcYqeRyv2TBhRwEDrmK2d2WKjPY9xc+nb437N/mrePbOUdQQ3
t7gBiZ3hygSiStJfeLV1M0Mqn7NQu7ire6BaiKnORoTowGA0uyKCfWMEBsU3YPn/byHkVL
j6wIMK5bQwR2q1PPySFIvab7vPj/m21AxS3+ZPVdvTxAem8AAAADAQABAAAAgQCII4A0FO
GpV24AbB+Y8If3y9kMfBNAFv0J+pNWizyWHUm9HixlJjacy1nmzBRjMFwV9uGAYStzaZUP
7nRB0FOMyItMWFvVrXmGtuxn7DjNFEPTFInGDwVO1tGwTQhcM/AIJIMGzCgiOw61dWjszC
l69NVTdS/97Tmno6+j+D9qoQAAAEBO5eGRExtZ3gRWmD22X+kD++XcTHWychssKcChClte
GBClkKrZACbdGdmTawcqop6PrBkx1WoaGYTRSoNB79IRAAAAQQDow/8i4EWwDHH9lvjcZ6
OjnnuB75+p/ae9X6iW8zEM5wGAimFQA+OH05xo+1Qi3YNAEHEsIeq9Vuu82tuVOesfAAAA
QQDHT891WlDqmV+v2MiyL/9NqYRFHsP2224WWJ3sZ/kO6bZ5WMqfRnijyouixKbvbJXW/M
bKZaxpHeDIXdG/N9axAAAAC29wc0BleGFtcGxlAQIDBAUGBw==
-----END OPENSSH PRIVATE KEY-----
`,
        pub: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC1OOxxBxip5HK/ZMGFHAQOuYrZ3ZYqM9j3Fz6dvjfs3+at49s5R1BDe3uAGJneHKBKJK0l94tXUzQyqfs1C7uKt7oFqIqc5GhOjAYDS7IoJ9YwQGxTdg+f9vIeRUuPrAgwrltDBHarU8/JIUi9pvu8+P+bbUDFLf5k9V29PEB6bw==",
    },
    ecdsa: {
        file: `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQSzsQhehU9rIbsRl+D7EQ/fqQiN7eer
myG89fgPnW4NrZcqCSZG60F0yJdWZu/fOJYGpcm7czGex4CY0dmutvzKAAAAoNVyTofVck
6HAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLOxCF6FT2shuxGX
4PsRD9+pCI3t56ubIbz1+A+dbg2tlyoJJkbrQXTIl1Zm7984lgalybtzMZ7HgJjR2a62/M
oAAAAhANrucvcfU3SGghinJJ7wQRSAMO09wC1Qr0tdVEOIucUDAAAAAAECAwQFBgc=
-----END OPENSSH PRIVATE KEY-----
`,
        pub: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLOxCF6FT2shuxGX4PsRD9+pCI3t56ubIbz1+A+dbg2tlyoJJkbrQXTIl1Zm7984lgalybtzMZ7HgJjR2a62/Mo=",
    },
    ed25519: {
        file: `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCU3BUM+1NVXXh74RjqxCNtrsEEh3t1c+jDiPsi989/pQAAAIiNO+5JjTvu
SQAAAAtzc2gtZWQyNTUxOQAAACCU3BUM+1NVXXh74RjqxCNtrsEEh3t1c+jDiPsi989/pQ
AAAEAVBYYxZuZ5BT4mw0eE9pCJk46jXJckYzcQCk8IFwcm65TcFQz7U1VdeHvhGOrEI22u
wQSHe3Vz6MOI+yL3z3+lAAAAAAECAwQF
-----END OPENSSH PRIVATE KEY-----
`,
        pub: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJTcFQz7U1VdeHvhGOrEI22uwQSHe3Vz6MOI+yL3z3+l",
    },
};

function ed25519Key(): KeyObject {
    const pkcs8 = Buffer.concat([
        Buffer.from("302e020100300506032b657004220420", "hex"),
        Buffer.from(ED25519_SEED, "hex"),
    ]);
    return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}

const FIXTURE_KEYS: Record<string, () => KeyObject> = {
    rsa: () => createPrivateKey(RSA_PEM),
    ec: () => createPrivateKey(EC_PEM),
    ed25519: ed25519Key,
};

/**
 * The key in an unencrypted OpenSSH private key file, read here on its own (PROTOCOL.key): its
 * check number, comment and the private key as node:crypto holds it.
 */
function readOpensshFile(text: string): { check: number; comment: string; key: KeyObject } {
    const reader = (bytes: Buffer) => {
        let offset = 0;
        return {
            u32: () => {
                offset += 4;
                return bytes.readUInt32BE(offset - 4);
            },
            string: () => {
                const length = bytes.readUInt32BE(offset);
                offset += 4 + length;
                return bytes.subarray(offset - length, offset);
            },
        };
    };
    const der = Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
    const file = reader(der.subarray("openssh-key-v1\0".length));
    for (const field of ["cipher", "kdf", "kdf options"]) assert.ok(file.string(), field);
    assert.strictEqual(file.u32(), 1);
    file.string();
    const section = reader(file.string());
    const check = section.u32();
    assert.strictEqual(section.u32(), check);
    const type = section.string().toString();
    const b64 = (bytes: Buffer) => (bytes[0] === 0 ? bytes.subarray(1) : bytes).toString("base64url");
    let jwk: Record<string, string>;
    if (type === "ssh-rsa") {
        const [n, e, d, qi, p, q] = Array.from({ length: 6 }, () => section.string());
        const big = (bytes: Buffer) => BigInt(`0x${bytes.toString("hex")}`);
        const b64Big = (value: bigint) => {
            const hex = value.toString(16);
            return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
        };
        const dp = b64Big(big(d) % (big(p) - 1n));
        const dq = b64Big(big(d) % (big(q) - 1n));
        jwk = { kty: "RSA", n: b64(n), e: b64(e), d: b64(d), p: b64(p), q: b64(q), dp, dq, qi: b64(qi) };
    } else if (type === "ssh-ed25519") {
        section.string();
        const priv = section.string();
        jwk = { kty: "OKP", crv: "Ed25519", d: b64(priv.subarray(0, 32)), x: b64(priv.subarray(32)) };
    } else {
        section.string();
        const point = section.string();
        const d = section.string();
        const [x, y] = [point.subarray(1, 33), point.subarray(33)].map((half) => half.toString("base64url"));
        jwk = { kty: "EC", crv: "P-256", x, y, d: b64(d) };
    }
    return { check, comment: section.string().toString(), key: createPrivateKey({ key: jwk, format: "jwk" }) };
}

describe("the TLS provider's encodings (tls-keys.ts)", () => {
    it("writes the SSH wire form, authorized_keys line and fingerprints ssh-keygen writes for the same keys", () => {
        for (const [name, expected] of Object.entries(SSH_KEYGEN)) {
            const blob = sshPublicKeyBlob(FIXTURE_KEYS[name]())!;
            assert.strictEqual(authorizedKey(blob), `${expected.line}\n`, name);
            assert.strictEqual(fingerprintMd5(blob), expected.md5, name);
            assert.strictEqual(fingerprintSha256(blob), expected.sha256, name);
            // The public half alone gives the same.
            assert.deepStrictEqual(sshPublicKeyBlob(createPublicKey(FIXTURE_KEYS[name]())), blob);
        }
        // x/crypto/ssh has no form for ECDSA on P-224.
        const p224 = generateKeyPairSync("ec", { namedCurve: "secp224r1" }).privateKey;
        assert.strictEqual(sshPublicKeyBlob(p224), undefined);
        assert.strictEqual(opensshPrivateKey(p224, 1), undefined);
    });

    it("writes OpenSSH private key files byte for byte as ssh-keygen does, given its check number and comment", () => {
        for (const [name, fixture] of Object.entries(OPENSSH_FILES)) {
            const { check, comment, key } = readOpensshFile(fixture.file);
            const ours = opensshPrivateKey(key, check, comment)!;
            const body = (text: string) => text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
            assert.strictEqual(body(ours), body(fixture.file), name);
            // Go's PEM: lines of 64, not OpenSSH's 70.
            assert.ok(
                ours
                    .split("\n")
                    .slice(1, -3)
                    .every((line) => line.length === 64),
                name,
            );
            assert.match(ours, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
            // And reads back to its public key.
            assert.strictEqual(
                authorizedKey(sshPublicKeyBlob(opensshPublicKey(pemDecode(ours)!.der)!)!),
                `${fixture.pub}\n`,
            );
            assert.strictEqual(
                authorizedKey(sshPublicKeyBlob(opensshPublicKey(pemDecode(fixture.file)!.der)!)!),
                `${fixture.pub}\n`,
            );
        }
    });

    it("reads no public key from an encrypted or damaged OpenSSH file", () => {
        const der = pemDecode(OPENSSH_FILES.ed25519.file)!.der;
        const encrypted = Buffer.from(der);
        encrypted.write("aes2", "openssh-key-v1\0".length + 4, "latin1"); // the cipher's name
        assert.strictEqual(opensshPublicKey(encrypted), undefined);
        assert.strictEqual(opensshPublicKey(der.subarray(0, der.length - 20)), undefined);
        const badPadding = Buffer.from(der);
        badPadding[badPadding.length - 1] ^= 0xff;
        assert.strictEqual(opensshPublicKey(badPadding), undefined);
    });

    it("hashes an id as hashForState does: SHA-1 of the bytes with the white space Go's TrimSpace sees cut off", () => {
        const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("hex");
        const der = Buffer.from("3059deadbeef", "hex");
        assert.strictEqual(hashForState(der), sha1(der));
        assert.strictEqual(hashForState(Buffer.concat([der, Buffer.from(" \n\t")])), sha1(der));
        // A Unicode space's UTF-8 encoding at the end is white space too; a byte of one alone is not.
        assert.strictEqual(hashForState(Buffer.concat([der, Buffer.from("\u00a0\u2028", "utf8")])), sha1(der));
        assert.strictEqual(
            hashForState(Buffer.concat([der, Buffer.from([0xa0])])),
            sha1(Buffer.concat([der, Buffer.from([0xa0])])),
        );
        assert.deepStrictEqual(goTrimSpace(Buffer.from(" \u3000ab\u0085 ", "utf8")), Buffer.from("ab"));
        assert.strictEqual(hashForState(Buffer.alloc(0)), "");
    });

    it("writes DER as Go's encoding/asn1 does", () => {
        assert.deepStrictEqual(objectId("1.2.840.113549.1.1.11"), Buffer.from("06092a864886f70d01010b", "hex"));
        assert.strictEqual(dottedObjectId(objectId("2.5.29.37.0").subarray(2)), "2.5.29.37.0");
        assert.strictEqual(dottedObjectId(objectId("2.16.840.1.113730.4.1").subarray(2)), "2.16.840.1.113730.4.1");
        assert.deepStrictEqual(unsignedInteger(Buffer.from("0080", "hex")), Buffer.from("02020080", "hex"));
        assert.deepStrictEqual(unsignedInteger(Buffer.from("7f", "hex")), Buffer.from("02017f", "hex"));
        assert.deepStrictEqual(smallInteger(0), Buffer.from("020100", "hex"));
        assert.deepStrictEqual(smallInteger(-1), Buffer.from("0201ff", "hex"));
        assert.deepStrictEqual(smallInteger(-129), Buffer.from("0202ff7f", "hex"));
        assert.deepStrictEqual(
            setOf(Buffer.from("0401ff", "hex"), Buffer.from("040100", "hex")),
            Buffer.from("3106040100" + "0401ff", "hex"),
        );
        const long = tlv(0x04, Buffer.alloc(300));
        assert.deepStrictEqual(long.subarray(0, 4), Buffer.from("0482012c", "hex"));
        assert.deepStrictEqual(readElement(long), { tag: 4, start: 0, body: 4, end: 304 });
        // UTCTime up to 2049, GeneralizedTime from 2050.
        assert.strictEqual(derTime(new Date("2049-12-31T23:59:59.900Z")).toString("latin1", 2), "491231235959Z");
        assert.strictEqual(derTime(new Date("2050-01-01T00:00:00Z")).toString("latin1", 2), "20500101000000Z");
        assert.strictEqual(derTime(new Date("2050-01-01T00:00:00Z"))[0], 0x18);
    });

    it("writes PEM as encoding/pem does and reads the first block, as pem.Decode does", () => {
        const der = Buffer.alloc(100, 7);
        const pem = pemEncode("PUBLIC KEY", der);
        // 100 bytes are 136 base64 characters: lines of 64, 64 and 8.
        assert.deepStrictEqual(
            pem.split("\n").map((line) => line.length),
            [26, 64, 64, 8, 24, 0],
        );
        assert.deepStrictEqual(pemDecode(`junk\n${pem}${pemEncode("OTHER", Buffer.from("x"))}`), {
            label: "PUBLIC KEY",
            der,
        });
        assert.strictEqual(
            pemDecode(
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            ),
            undefined,
        );
        assert.strictEqual(pemDecode("no block"), undefined);
    });
});

describe("the TLS provider's certificates (tls-x509.ts)", () => {
    const subject = {
        commonName: "shop.example.com",
        organization: "Shop & Co",
        country: "DE",
        emailAddress: "ops@example.com",
    };

    it("makes a certificate node:crypto parses and verifies, valid for the hours asked, with the extensions asked", () => {
        for (const [name, key] of Object.entries(FIXTURE_KEYS).map(([n, f]) => [n, f()] as const)) {
            const notBefore = new Date("2026-03-01T10:00:00.250Z");
            const notAfter = new Date(notBefore.getTime() + 8760 * 3_600_000);
            const spki = spkiOf(key);
            const subjectDer = nameDer(nameFromSubject(subject));
            const skid = subjectKeyId(spki, key.asymmetricKeyType);
            const der = createCertificate(
                {
                    serialNumber: 0xfedcba9876543210fedcba9876543210n,
                    notBefore,
                    notAfter,
                    subject: subjectDer,
                    issuer: subjectDer,
                    publicKey: spki,
                    ...usagesOf(["cert_signing", "digital_signature", "server_auth", "client_auth"]),
                    isCA: true,
                    maxPathLen: 1,
                    subjectKeyId: skid,
                    authorityKeyId: skid,
                    altNames: {
                        dnsNames: ["shop.example.com"],
                        emailAddresses: [],
                        ipAddresses: [ipBytes("192.0.2.10")!, ipBytes("2001:db8::7")!],
                        uris: ["https://shop.example.com/"],
                    },
                },
                key,
            );
            const cert = new X509Certificate(pemEncode("CERTIFICATE", der));
            assert.ok(cert.verify(createPublicKey(key)), `${name}: signed with its key`);
            assert.ok(cert.checkPrivateKey(key), name);
            assert.strictEqual(cert.serialNumber, "FEDCBA9876543210FEDCBA9876543210");
            assert.strictEqual(new Date(cert.validFrom).getTime(), Date.parse("2026-03-01T10:00:00Z"), "to the second");
            assert.strictEqual(new Date(cert.validTo).getTime(), Date.parse("2027-03-01T10:00:00Z"));
            assert.ok(cert.ca);
            assert.strictEqual(cert.subject, "C=DE\nO=Shop & Co\nCN=shop.example.com\nemailAddress=ops@example.com");
            assert.strictEqual(cert.issuer, cert.subject);
            assert.strictEqual(
                cert.subjectAltName,
                "DNS:shop.example.com, IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:7, URI:https://shop.example.com/",
            );
            assert.deepStrictEqual(cert.keyUsage, ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], "extended key usages");
            const read = parseCertificate(der);
            assert.deepStrictEqual(read.subject, subjectDer);
            assert.deepStrictEqual(read.subjectKeyId, skid);
            assert.deepStrictEqual(read.publicKey, spki);
            assert.ok(read.isCA);
        }
    });

    it("encodes key usages as crypto/x509 does: the first usage the most significant bit, trailing zero bits unused", () => {
        const key = FIXTURE_KEYS.ec();
        const extensionsOf = (allowedUses: string[]) => {
            const der = createCertificate(
                {
                    serialNumber: 1n,
                    notBefore: new Date(0),
                    notAfter: new Date(0),
                    subject: nameDer(nameFromSubject({ commonName: "x" })),
                    issuer: nameDer(nameFromSubject({ commonName: "x" })),
                    publicKey: spkiOf(key),
                    ...usagesOf(allowedUses),
                    isCA: false,
                    maxPathLen: -1,
                    altNames: { dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [] },
                },
                key,
            );
            return der.toString("hex");
        };
        // digital_signature|key_encipherment: 1010 0000, 5 unused bits; critical.
        assert.ok(extensionsOf(["digital_signature", "key_encipherment"]).includes("0603551d0f0101ff0404030205a0"));
        // decipher_only is the ninth bit: two bytes, 7 unused.
        assert.ok(extensionsOf(["cert_signing", "decipher_only"]).includes("0603551d0f0101ff04050303070480"));
        // A certificate that is no CA still has basic constraints, empty and critical.
        assert.ok(extensionsOf([]).includes("0603551d130101ff04023000"));
    });

    it("makes a certificate request whose names and key a locally signed certificate takes over", () => {
        const key = FIXTURE_KEYS.ed25519();
        const der = createCertificateRequest(
            nameDer(nameFromSubject({ ...subject, streetAddresses: ["2 Main St", "1 Main St"] })),
            { dnsNames: ["api.example.com"], emailAddresses: [], ipAddresses: [ipBytes("10.0.0.5")!], uris: [] },
            key,
        );
        // The signature covers the request info with the request's own key.
        const [info, , signature] = childrenOf(der, readElement(der));
        assert.ok(
            verify(
                null,
                der.subarray(info.start, info.end),
                createPublicKey(key),
                der.subarray(signature.body + 1, signature.end),
            ),
        );
        const read = parseCertificateRequest(der);
        assert.strictEqual(read.subject.commonName, "shop.example.com");
        assert.deepStrictEqual(read.subject.streetAddress, ["1 Main St", "2 Main St"], "one RDN, its values sorted");
        assert.deepStrictEqual(read.subject.extraNames, [], "the email address is no name x509 re-encodes");
        assert.deepStrictEqual(read.altNames.dnsNames, ["api.example.com"]);
        assert.deepStrictEqual(read.altNames.ipAddresses, [Buffer.from([10, 0, 0, 5])]);
        assert.deepStrictEqual(read.publicKey, spkiOf(key));
        // Without alternative names, the attributes are empty: [0] with nothing in it.
        const bare = createCertificateRequest(
            nameDer(nameFromSubject({ commonName: "x" })),
            { dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [] },
            key,
        );
        assert.ok(bare.toString("hex").includes("a000"));
    });

    it("reads IP addresses as net.ParseIP does, an IPv4-mapped one in 4 bytes", () => {
        assert.deepStrictEqual(ipBytes("192.0.2.1"), Buffer.from([192, 0, 2, 1]));
        assert.deepStrictEqual(ipBytes("::ffff:192.0.2.1"), Buffer.from([192, 0, 2, 1]));
        assert.strictEqual(ipBytes("::1")?.toString("hex"), "00000000000000000000000000000001");
        assert.strictEqual(ipBytes("2001:db8::")?.toString("hex"), "20010db8000000000000000000000000");
        assert.strictEqual(ipBytes("1:2:3:4:5:6:7:8")?.toString("hex"), "00010002000300040005000600070008");
        assert.strictEqual(ipBytes("64:ff9b::192.0.2.33")?.toString("hex"), "0064ff9b0000000000000000c0000221");
        assert.strictEqual(ipBytes("192.0.2.01"), undefined);
        assert.strictEqual(ipBytes("fe80::1%eth0"), undefined);
        assert.strictEqual(ipBytes("example.com"), undefined);
    });

    it("writes times as time.Time.MarshalText does: RFC 3339, the fraction's trailing zeros dropped", () => {
        const at = new Date("2026-03-01T10:00:00.250Z");
        const text = goTimeText(at)!;
        assert.match(text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.25(Z|[+-]\d\d:\d\d)$/);
        assert.strictEqual(Date.parse(text), at.getTime());
        assert.match(goTimeText(new Date("2026-03-01T10:00:00Z"))!, /:00(Z|[+-]\d\d:\d\d)$/);
        assert.strictEqual(goTimeText(new Date(Date.UTC(10000, 6, 1))), undefined);
    });
});
