import { preflightCertificates, preflightNetworks } from "../../../policies/preflight";
import { UNKNOWN_STRING, assertNone, assertViolation } from "../helpers";
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
    it("holds a range reserved in one region against VPCs of that region only", async () => {
        // 10.10.0.0/16 is NYC1's; DigitalOcean's own examples put 10.10.10.0/24 in nyc3.
        assertViolation(
            await check(preflightNetworks, VPC, { region: "nyc1", ipRange: "10.10.10.0/24" }),
            "10.10.0.0/16, reserved in the nyc1 region",
        );
        assertNone(await check(preflightNetworks, VPC, { region: "nyc3", ipRange: "10.10.10.0/24" }));
        assertNone(await check(preflightNetworks, VPC, { region: UNKNOWN_STRING, ipRange: "10.10.10.0/24" }));
        // Reserved everywhere: whatever the region.
        assertViolation(
            await check(preflightNetworks, VPC, { region: "nyc3", ipRange: "10.244.0.0/16" }),
            "Kubernetes",
        );
    });
    it("accepts a free private range, and no range at all (DigitalOcean picks one)", async () => {
        assertNone(await check(preflightNetworks, VPC, { ipRange: "10.30.0.0/16" }));
        assertNone(await check(preflightNetworks, VPC, {}));
    });
});

describe("preflight: AWS VPC and subnet ranges", () => {
    const AWS_VPC = "aws:ec2/vpc:Vpc";
    const SUBNET = "aws:ec2/subnet:Subnet";
    const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
    it("refuses ranges larger than /16 or smaller than /28, host bits, and what is not an IPv4 block", async () => {
        assertViolation(await check(preflightNetworks, AWS_VPC, { cidrBlock: "10.0.0.0/8" }), "/8", "/16", "/28");
        assertViolation(await check(preflightNetworks, ASSOCIATION, { cidrBlock: "100.64.0.0/10" }), "/10");
        assertViolation(await check(preflightNetworks, SUBNET, { cidrBlock: "10.0.1.0/29" }), "/29", "CreateSubnet");
        assertViolation(await check(preflightNetworks, AWS_VPC, { cidrBlock: "10.0.0.1/16" }), "host bits");
        assertViolation(await check(preflightNetworks, SUBNET, { cidrBlock: "2001:db8::/64" }), "not an IPv4");
    });
    it("accepts /16 to /28 network addresses, public ones too, and a range left to IPAM", async () => {
        assertNone(await check(preflightNetworks, AWS_VPC, { cidrBlock: "10.0.0.0/16" }));
        assertNone(await check(preflightNetworks, AWS_VPC, { cidrBlock: "203.0.113.0/28" }));
        assertNone(
            await check(preflightNetworks, SUBNET, { cidrBlock: "10.0.1.0/24", ipv6CidrBlock: "2001:db8::/64" }),
        );
        assertNone(await check(preflightNetworks, AWS_VPC, { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 20 }));
    });
});
