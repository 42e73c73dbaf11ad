// CloudFront in front of the balancer, through the TLS rule: the edge ends viewers' TLS, and the
// way on to the balancer crosses the internet.
import * as assert from "assert";
import { tlsAtBalancer } from "../../../../policies/rules/tls-at-balancer";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../../helpers";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c";

function distribution(edit: (d: Record<string, any>) => void = () => undefined): FakeResource {
    const props: Record<string, any> = {
        enabled: true,
        aliases: ["shop.example.com"],
        origins: [
            {
                originId: "alb",
                domainName: "shop-alb-123.eu-west-1.elb.amazonaws.com",
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                },
            },
            { originId: "uploads", domainName: "uploads.s3.eu-west-1.amazonaws.com", originAccessControlId: "oac-1" },
        ],
        defaultCacheBehavior: {
            targetOriginId: "alb",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
        },
        orderedCacheBehaviors: [
            {
                pathPattern: "/storage/*",
                targetOriginId: "uploads",
                viewerProtocolPolicy: "https-only",
                allowedMethods: ["GET", "HEAD"],
                cachedMethods: ["GET", "HEAD"],
            },
        ],
        viewerCertificate: {
            acmCertificateArn: CERT,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
    };
    edit(props);
    return { type: "aws:cloudfront/distribution:Distribution", name: "cdn", props };
}

const tls = (d: FakeResource, config: Record<string, unknown> = {}) => validateStack(tlsAtBalancer, [d], config);

describe("CloudFront in front of the balancer", () => {
    it("passes HTTPS to viewers and to the balancer with a modern policy", async () => {
        assertNone(await tls(distribution()));
        // The default certificate takes no policy of its own.
        assertNone(
            await tls(
                distribution(
                    (d) =>
                        (d.viewerCertificate = { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1" }),
                ),
            ),
        );
    });

    it("refuses a behavior that serves plain HTTP, unless HTTP only is allowed", async () => {
        const d = distribution((p) => (p.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"));
        assertViolation(await tls(d), 'orderedCacheBehaviors[0] (/storage/*) has viewerProtocolPolicy "allow-all"');
        assertNone(await tls(d, { allowHttpOnly: true }));
    });

    it("refuses the balancer reached in plain HTTP across the internet, also through match-viewer", async () => {
        assertViolation(
            await tls(distribution((d) => (d.origins[0].customOriginConfig.originProtocolPolicy = "http-only"))),
            'origin "alb" (shop-alb-123.eu-west-1.elb.amazonaws.com) is reached in plain HTTP',
            '"https-only"',
        );
        const matched = await tls(
            distribution((d) => {
                d.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer";
                d.defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
            }),
        );
        assertViolation(matched, "behind a behavior that allows HTTP");
        assertNone(
            await tls(distribution((d) => (d.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer"))),
        );
        // A VPC origin stays inside AWS.
        assertNone(
            await tls(
                distribution((d) => {
                    d.origins[0].customOriginConfig.originProtocolPolicy = "http-only";
                    d.origins[0].vpcOriginConfig = { vpcOriginId: "vo-1" };
                }),
            ),
        );
    });

    it("refuses old protocols towards the origin and an old viewer policy, the provider's default included", async () => {
        assertViolation(
            await tls(distribution((d) => (d.origins[0].customOriginConfig.originSslProtocols = ["TLSv1", "TLSv1.2"]))),
            "accepts TLSv1 towards the origin",
        );
        assertViolation(
            await tls(distribution((d) => delete d.viewerCertificate.minimumProtocolVersion)),
            'minimumProtocolVersion "TLSv1"',
        );
        assertViolation(
            await tls(distribution((d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.1_2016"))),
            "TLS 1.0 or 1.1",
        );
    });

    it("does not pass what a preview cannot show", async () => {
        const found = await tls(
            distribution((d) => {
                d.defaultCacheBehavior.viewerProtocolPolicy = UNKNOWN_STRING;
                d.origins[0].customOriginConfig.originProtocolPolicy = UNKNOWN_STRING;
            }),
        );
        assert.strictEqual(found.length, 2, found.map((v) => v.message).join("\n"));
        assertViolation(found, "viewerProtocolPolicy unknown during preview");
        assertViolation(found, "originProtocolPolicy unknown during preview");
    });
});
