import { preflightCertificates, preflightNetworks } from "../../../policies/preflight";
import { assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const CERT = "aws:acm/certificate:Certificate";
const VPC = "digitalocean:index/vpc:Vpc";

describe("preflight: certificates", () => {
    it("refuses an ACM domain name over 64 characters, accepts 64 and long alternative names", async () => {
        const long = `${"a".repeat(53)}.example.com`; // 65
        assertViolation(
            await check(preflightCertificates, CERT, { domainName: long }),
            "65 characters",
            "64",
            "subjectAlternativeNames",
        );
        assertNone(
            await check(preflightCertificates, CERT, {
                domainName: long.slice(1),
                subjectAlternativeNames: [`${"b".repeat(200)}.example.com`],
            }),
        );
    });
});

describe("preflight: DigitalOcean VPC ranges", () => {
    it("refuses reserved, public, too large or too small ranges", async () => {
        assertViolation(
            await check(preflightNetworks, VPC, { ipRange: "10.244.0.0/16" }),
            "10.244.0.0/16",
            "Kubernetes",
        );
        assertViolation(await check(preflightNetworks, VPC, { ipRange: "10.229.16.0/20" }), "10.229.0.0/16");
        assertViolation(await check(preflightNetworks, VPC, { ipRange: "8.8.0.0/16" }), "RFC 1918");
        assertViolation(await check(preflightNetworks, VPC, { ipRange: "10.0.0.0/15" }), "/16 to /28");
        assertViolation(await check(preflightNetworks, VPC, { ipRange: "10.30.0.0/29" }), "/16 to /28");
    });
    it("accepts a free private range, and no range at all (DigitalOcean picks one)", async () => {
        assertNone(await check(preflightNetworks, VPC, { ipRange: "10.30.0.0/16" }));
        assertNone(await check(preflightNetworks, VPC, {}));
    });
});
