import { preflightCertificates, preflightNetworks } from "../../../policies/preflight";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateAlone, validateStack } from "../helpers";
import { check } from "./support";

const CERT = "aws:acm/certificate:Certificate";
const VPC = "digitalocean:index/vpc:Vpc";

describe("preflight: certificates", () => {
    it("refuses an ACM domain name over 64 characters, accepts 64 and long alternative names", async () => {
        const long = `${"a".repeat(53)}.example.com`; // 65
        assertViolation(
            await validateAlone(preflightCertificates, CERT, { domainName: long }),
            "65 characters",
            "64",
            "subjectAlternativeNames",
        );
        assertNone(
            await validateAlone(preflightCertificates, CERT, {
                domainName: long.slice(1),
                subjectAlternativeNames: [`${"b".repeat(200)}.example.com`],
            }),
        );
    });
});

describe("preflight: certificates served before they are issued", () => {
    const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c";
    const cert = (props: Record<string, unknown> = {}): FakeResource => ({
        type: CERT,
        name: "cert",
        props: { arn: ARN, domainName: "shop.example.com", validationMethod: "DNS", ...props },
    });
    const validation: FakeResource = {
        type: "aws:acm/certificateValidation:CertificateValidation",
        name: "cert-validation",
        props: { certificateArn: ARN, validationRecordFqdns: ["_x.shop.example.com"] },
        deps: { certificateArn: ["cert"] },
    };
    const listener = (deps: Record<string, string[]>): FakeResource => ({
        type: "aws:lb/listener:Listener",
        name: "https",
        props: { loadBalancerArn: "arn:lb", port: 443, protocol: "HTTPS", certificateArn: ARN },
        deps,
    });
    const check = (stack: FakeResource[]) => validateStack(preflightCertificates, stack);

    it("refuses a listener given the certificate's own arn, which AWS refuses while it is pending validation", async () => {
        assertViolation(
            await check([cert(), validation, listener({ certificateArn: ["cert"] })]),
            'listener "https" uses ACM certificate "cert" as soon as it is requested',
            "validation.certificateArn",
        );
    });

    it("passes a listener that waits for the validation, through its input or its dependencies", async () => {
        assertNone(await check([cert(), validation, listener({ certificateArn: ["cert-validation"] })]));
        // dependsOn: the validation among the listener's dependencies, as a chain through another resource.
        const between: FakeResource = {
            type: "test:index:Gate",
            name: "gate",
            props: {},
            deps: { x: ["cert-validation"] },
        };
        assertNone(await check([cert(), validation, between, listener({ certificateArn: ["cert"], x: ["gate"] })]));
    });

    it("passes imported and private-CA certificates, issued at once, and certificates outside the stack", async () => {
        assertNone(
            await check([
                cert({ privateKey: "k", certificateBody: "b", validationMethod: undefined }),
                listener({ certificateArn: ["cert"] }),
            ]),
        );
        assertNone(
            await check([
                cert({ certificateAuthorityArn: "arn:aws:acm-pca:x" }),
                listener({ certificateArn: ["cert"] }),
            ]),
        );
        assertNone(await check([listener({})]));
    });

    it("refuses a CloudFront distribution and a classic balancer the same way", async () => {
        const cdn: FakeResource = {
            type: "aws:cloudfront/distribution:Distribution",
            name: "cdn",
            props: { enabled: true, viewerCertificate: { acmCertificateArn: ARN, sslSupportMethod: "sni-only" } },
            deps: { viewerCertificate: ["cert"] },
        };
        assertViolation(await check([cert(), cdn]), 'distribution "cdn" uses ACM certificate "cert"');
        const elb: FakeResource = {
            type: "aws:elb/loadBalancer:LoadBalancer",
            name: "classic",
            props: {
                listeners: [
                    {
                        lbPort: 443,
                        lbProtocol: "https",
                        instancePort: 80,
                        instanceProtocol: "http",
                        sslCertificateId: ARN,
                    },
                ],
            },
            deps: { listeners: ["cert"] },
        };
        assertViolation(await check([cert(), elb]), "uses ACM certificate");
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
