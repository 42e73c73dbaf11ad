// The TLS provider under mocks (tools/harness/mocks/tls.ts): programs using @pulumi/tls's own
// classes get real keys, certificates and requests in the provider's formats under `pulumi up`,
// and unknown values in a preview, as under the engine.
import * as assert from "assert";
import { createHash, createPrivateKey, createPublicKey, KeyObject, X509Certificate } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as tls from "@pulumi/tls";
import { evaluate, Evaluation } from "../../../tools/harness/evaluate";
import { userDataSecrets } from "../../../policies/rules/user-data-secrets";
import { assertViolation, validateResource } from "../../policies/helpers";

const isUnknown = (value: unknown) => value === unknownValue || (value as any)?.__pulumiUnknown === true;

/** A secret as the state holds it, or a plain value: the value. */
const plain = (value: any): any => (value && typeof value === "object" && "value" in value ? value.value : value);

function stateOf(evaluation: Evaluation, name: string): Record<string, any> {
    const found = evaluation.resources.find((r) => r.name === name);
    assert.ok(found, `no resource ${name}`);
    return found.state;
}

function idOf(evaluation: Evaluation, name: string): string | undefined {
    return evaluation.resources.find((r) => r.name === name)?.id;
}

/** The SSH wire form of a public key, built here from its JWK (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4). */
function wireForm(key: KeyObject): Buffer {
    const jwk = createPublicKey(key).export({ format: "jwk" });
    const string = (bytes: Buffer) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        return Buffer.concat([length, bytes]);
    };
    const mpint = (base64url: string) => {
        const bytes = Buffer.from(base64url, "base64url");
        return string(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
    };
    const text = (value: string) => string(Buffer.from(value));
    if (jwk.kty === "RSA") return Buffer.concat([text("ssh-rsa"), mpint(jwk.e!), mpint(jwk.n!)]);
    if (jwk.kty === "OKP") return Buffer.concat([text("ssh-ed25519"), string(Buffer.from(jwk.x!, "base64url"))]);
    const bits = { "P-256": "256", "P-384": "384", "P-521": "521" }[jwk.crv!]!;
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
    return Buffer.concat([text(`ecdsa-sha2-nistp${bits}`), text(`nistp${bits}`), string(point)]);
}

/** hashForState's trim, written out: ASCII white space and the UTF-8 of Unicode spaces at the end. */
function expectedId(spki: Buffer): string {
    const trailing =
        /(?:[\t\n\v\f\r ]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80)+$/;
    const trimmed = Buffer.from(spki.toString("latin1").replace(trailing, ""), "latin1");
    return createHash("sha1").update(trimmed).digest("hex");
}

function keys() {
    return {
        rsa: new tls.PrivateKey("rsa", { algorithm: "RSA", rsaBits: 4096 }),
        ed: new tls.PrivateKey("ed", { algorithm: "ED25519" }),
        p256: new tls.PrivateKey("p256", { algorithm: "ECDSA", ecdsaCurve: "P256" }),
        p224: new tls.PrivateKey("p224", { algorithm: "ECDSA" }),
    };
}

describe("the TLS provider under mocks", function () {
    // An RSA key of 4096 bits, generated once per process.
    this.timeout(30_000);

    it("generates real private keys, in each format the provider writes", async () => {
        const evaluation = await evaluate({ program: () => void keys() });
        const expected = {
            rsa: { label: "RSA PRIVATE KEY", type: "rsa", ssh: "ssh-rsa" },
            ed: { label: "PRIVATE KEY", type: "ed25519", ssh: "ssh-ed25519" },
            p256: { label: "EC PRIVATE KEY", type: "ec", ssh: "ecdsa-sha2-nistp256" },
            p224: { label: "EC PRIVATE KEY", type: "ec", ssh: undefined },
        };
        for (const [name, want] of Object.entries(expected)) {
            const state = stateOf(evaluation, name);
            const privatePem = plain(state.privateKeyPem);
            assert.match(
                privatePem,
                new RegExp(`^-----BEGIN ${want.label}-----\\n[\\s\\S]+\\n-----END ${want.label}-----\\n$`),
            );
            const key = createPrivateKey(privatePem);
            assert.strictEqual(key.asymmetricKeyType, want.type, name);
            // PKCS#8 and the public key are the same key.
            assert.match(plain(state.privateKeyPemPkcs8), /^-----BEGIN PRIVATE KEY-----\n/);
            assert.ok(createPrivateKey(plain(state.privateKeyPemPkcs8)).equals(key), name);
            assert.match(state.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
            assert.ok(createPublicKey(state.publicKeyPem).equals(createPublicKey(key)), name);
            // The id: the SHA-1 of the public key's DER (resource_private_key.go).
            const spki = createPublicKey(key).export({ type: "spki", format: "der" });
            assert.strictEqual(idOf(evaluation, name), expectedId(spki), name);
            if (!want.ssh) {
                // x/crypto/ssh has no P-224: the provider leaves these empty.
                for (const field of ["publicKeyOpenssh", "publicKeyFingerprintMd5", "publicKeyFingerprintSha256"])
                    assert.strictEqual(state[field], "", `${name}.${field}`);
                assert.strictEqual(plain(state.privateKeyOpenssh), "", name);
                continue;
            }
            // "<type> <base64 of the wire form>\n", and the fingerprints of that wire form.
            const [type, body, ...rest] = state.publicKeyOpenssh.split(" ");
            assert.strictEqual(type, want.ssh);
            assert.deepStrictEqual(rest, []);
            assert.ok(body.endsWith("\n"));
            const blob = Buffer.from(body.trim(), "base64");
            assert.deepStrictEqual(blob, wireForm(key), `${name}: the wire form`);
            const md5 = [...createHash("md5").update(blob).digest()].map((b) => b.toString(16).padStart(2, "0"));
            assert.strictEqual(state.publicKeyFingerprintMd5, md5.join(":"));
            const sha256 = createHash("sha256").update(blob).digest("base64");
            assert.strictEqual(state.publicKeyFingerprintSha256, `SHA256:${sha256.replace(/=+$/, "")}`);
            assert.match(plain(state.privateKeyOpenssh), /^-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA/);
        }
        assert.strictEqual(
            createPrivateKey(plain(stateOf(evaluation, "rsa").privateKeyPem)).asymmetricKeyDetails?.modulusLength,
            4096,
        );
        assert.strictEqual(
            createPrivateKey(plain(stateOf(evaluation, "p256").privateKeyPem)).asymmetricKeyDetails?.namedCurve,
            "prime256v1",
        );
        assert.strictEqual(
            createPrivateKey(plain(stateOf(evaluation, "p224").privateKeyPem)).asymmetricKeyDetails?.namedCurve,
            "secp224r1",
        );
        // The schema's defaults are in the state.
        assert.deepStrictEqual(
            ["rsa", "ed", "p224"].map((name) => [
                stateOf(evaluation, name).rsaBits,
                stateOf(evaluation, name).ecdsaCurve,
            ]),
            [
                [4096, "P224"],
                [2048, "P224"],
                [2048, "P224"],
            ],
        );
    });

    it("gives each key of a stack its own key and id, as the provider does, and the same ones to the stack's next evaluation", async () => {
        const program = () => {
            new tls.PrivateKey("deploy", { algorithm: "ED25519" });
            new tls.PrivateKey("backup", { algorithm: "ED25519" });
        };
        const first = await evaluate({ program });
        const second = await evaluate({ program });
        assert.notStrictEqual(idOf(first, "deploy"), idOf(first, "backup"));
        assert.notStrictEqual(stateOf(first, "deploy").publicKeyOpenssh, stateOf(first, "backup").publicKeyOpenssh);
        assert.strictEqual(idOf(second, "deploy"), idOf(first, "deploy"));
        assert.strictEqual(idOf(second, "backup"), idOf(first, "backup"));
    });

    it("leaves what the provider computes unknown in a preview, and plans the schema's defaults", async () => {
        const evaluation = await evaluate({
            preview: true,
            program: () => {
                const { rsa } = keys();
                new tls.SelfSignedCert("cert", {
                    privateKeyPem: rsa.privateKeyPem,
                    validityPeriodHours: 24,
                    allowedUses: ["server_auth"],
                });
            },
        });
        for (const name of ["rsa", "ed", "p256", "p224"]) {
            const state = stateOf(evaluation, name);
            for (const field of [
                "privateKeyPem",
                "privateKeyPemPkcs8",
                "privateKeyOpenssh",
                "publicKeyPem",
                "publicKeyOpenssh",
                "publicKeyFingerprintMd5",
                "publicKeyFingerprintSha256",
            ])
                assert.ok(isUnknown(state[field]), `${name}.${field} is ${String(state[field])}`);
            assert.strictEqual(state.ecdsaCurve, name === "p256" ? "P256" : "P224");
        }
        const cert = stateOf(evaluation, "cert");
        for (const field of ["certPem", "validityStartTime", "validityEndTime", "keyAlgorithm"])
            assert.ok(isUnknown(cert[field]), `cert.${field}`);
        assert.strictEqual(cert.readyForRenewal, false);
        assert.strictEqual(cert.isCaCertificate, false);
    });

    it("hands a key pair the OpenSSH public key, so a program that hashes it runs as under `pulumi up`", async () => {
        const evaluation = await evaluate({
            program: () => {
                const key = new tls.PrivateKey("deploy", { algorithm: "ED25519" });
                const pair = new aws.ec2.KeyPair("deploy", { publicKey: key.publicKeyOpenssh });
                // Seen in the wild: the key's own fingerprint as a tag.
                const fingerprint = key.publicKeyOpenssh.apply((text) =>
                    createHash("sha256").update(text.trim()).digest("hex").slice(0, 16),
                );
                return { keyName: pair.keyName, fingerprint };
            },
        });
        const key = stateOf(evaluation, "deploy");
        const pair = evaluation.resources.find((r) => r.type === "aws:ec2/keyPair:KeyPair")!;
        assert.match(pair.inputs.publicKey, /^ssh-ed25519 AAAA[A-Za-z0-9+/]+=*\n$/);
        assert.strictEqual(pair.inputs.publicKey, key.publicKeyOpenssh);
        assert.match(evaluation.outputs.fingerprint, /^[0-9a-f]{16}$/);
    });

    it("answers getPublicKey from a private key's PEM or its OpenSSH form", async () => {
        const evaluation = await evaluate({
            program: () => {
                const { p256 } = keys();
                return {
                    fromPem: p256.privateKeyPem.apply((pem) => tls.getPublicKey({ privateKeyPem: pem })),
                    fromOpenssh: p256.privateKeyOpenssh.apply((text) => tls.getPublicKey({ privateKeyOpenssh: text })),
                };
            },
        });
        const key = stateOf(evaluation, "p256");
        const expected = {
            algorithm: "ECDSA",
            id: idOf(evaluation, "p256"),
            publicKeyOpenssh: key.publicKeyOpenssh,
            publicKeyPem: key.publicKeyPem,
            publicKeyFingerprintMd5: key.publicKeyFingerprintMd5,
            publicKeyFingerprintSha256: key.publicKeyFingerprintSha256,
        };
        const { fromPem, fromOpenssh } = evaluation.outputs;
        for (const answer of [fromPem, fromOpenssh])
            assert.deepStrictEqual(
                Object.fromEntries(Object.keys(expected).map((field) => [field, answer[field]])),
                expected,
            );
        assert.strictEqual(fromPem.privateKeyPem, plain(key.privateKeyPem));
        assert.deepStrictEqual(
            evaluation.calls.filter((c) => c.token === "tls:index/getPublicKey:getPublicKey").map((c) => c.answered),
            [true, true],
        );
    });

    it("issues a self-signed certificate, a request and a certificate signed by a local CA, valid as asked", async () => {
        const evaluation = await evaluate({
            program: () => {
                const { rsa, ed, p256 } = keys();
                new tls.SelfSignedCert("site", {
                    privateKeyPem: p256.privateKeyPem,
                    validityPeriodHours: 24 * 90,
                    allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
                    subject: { commonName: "shop.example.com", organization: "Shop" },
                    dnsNames: ["shop.example.com", "www.shop.example.com"],
                });
                const ca = new tls.SelfSignedCert("ca", {
                    privateKeyPem: rsa.privateKeyPem,
                    validityPeriodHours: 24 * 365,
                    allowedUses: ["cert_signing", "crl_signing"],
                    isCaCertificate: true,
                    subject: { commonName: "Shop Internal CA" },
                });
                const request = new tls.CertRequest("api", {
                    privateKeyPem: ed.privateKeyPem,
                    subject: { commonName: "api.internal" },
                    dnsNames: ["api.internal"],
                    ipAddresses: ["10.0.1.5"],
                });
                new tls.LocallySignedCert("api", {
                    certRequestPem: request.certRequestPem,
                    caPrivateKeyPem: rsa.privateKeyPem,
                    caCertPem: ca.certPem,
                    validityPeriodHours: 12,
                    allowedUses: ["client_auth"],
                });
            },
        });
        const certificate = (name: string, type: string) => {
            const resource = evaluation.resources.find((r) => r.name === name && r.type === type)!;
            return { resource, cert: new X509Certificate(resource.state.certPem) };
        };
        const site = certificate("site", "tls:index/selfSignedCert:SelfSignedCert");
        const ca = certificate("ca", "tls:index/selfSignedCert:SelfSignedCert");
        const api = certificate("api", "tls:index/locallySignedCert:LocallySignedCert");
        for (const [{ resource, cert }, hours] of [
            [site, 24 * 90],
            [ca, 24 * 365],
            [api, 12],
        ] as const) {
            const state = resource.state;
            // The id is the serial number, in decimal (common_cert.go).
            assert.strictEqual(resource.id, BigInt(`0x${cert.serialNumber}`).toString());
            const start = Date.parse(state.validityStartTime);
            const end = Date.parse(state.validityEndTime);
            assert.ok(Math.abs(start - Date.now()) < 60_000, "valid from now");
            assert.strictEqual(end - start, hours * 3_600_000);
            // The certificate holds them to the second.
            assert.strictEqual(new Date(cert.validFrom).getTime(), Math.floor(start / 1000) * 1000);
            assert.strictEqual(new Date(cert.validTo).getTime(), Math.floor(end / 1000) * 1000);
            assert.strictEqual(state.readyForRenewal, false);
            assert.strictEqual(state.maxPathLength, null);
        }
        assert.ok(site.cert.verify(site.cert.publicKey));
        assert.strictEqual(site.cert.subjectAltName, "DNS:shop.example.com, DNS:www.shop.example.com");
        assert.strictEqual(site.resource.state.keyAlgorithm, "ECDSA");
        assert.ok(ca.cert.ca);
        assert.strictEqual(ca.resource.state.keyAlgorithm, "RSA");
        // The CA signed the request's key, for the request's names.
        assert.ok(api.cert.checkIssued(ca.cert));
        assert.ok(api.cert.verify(ca.cert.publicKey));
        const edKey = createPrivateKey(plain(stateOf(evaluation, "ed").privateKeyPem));
        assert.ok(api.cert.publicKey.equals(createPublicKey(edKey)));
        assert.strictEqual(api.cert.subject, "CN=api.internal");
        assert.strictEqual(api.cert.subjectAltName, "DNS:api.internal, IP Address:10.0.1.5");
        assert.strictEqual(api.resource.state.caKeyAlgorithm, "RSA");
        const request = evaluation.resources.find((r) => r.type === "tls:index/certRequest:CertRequest")!;
        assert.match(request.state.certRequestPem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
        assert.strictEqual(request.state.keyAlgorithm, "ED25519");
        const der = Buffer.from(request.state.certRequestPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
        assert.strictEqual(request.id, expectedId(der));
    });

    it("brings a private key a program writes into user data to the policy pack, which refuses it", async () => {
        const evaluation = await evaluate({
            program: () => {
                const key = new tls.PrivateKey("deploy", { algorithm: "RSA" });
                new aws.ec2.Instance("worker", {
                    ami: "ami-0123456789abcdef0",
                    instanceType: "t3.small",
                    userData: pulumi.interpolate`#!/bin/bash\ncat > /home/deploy/.ssh/id_rsa <<'EOF'\n${key.privateKeyPem}EOF\n`,
                });
            },
        });
        const worker = evaluation.resources.find((r) => r.name === "worker")!;
        const userData = plain(worker.inputs.userData);
        assert.match(userData, /-----BEGIN RSA PRIVATE KEY-----/);
        assertViolation(await validateResource(userDataSecrets, worker.type, { userData }), "a private key");
    });
});
