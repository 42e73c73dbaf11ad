// An output-form invoke whose arguments come from resources: the engine answers it unknown in a
// preview while one of them is yet to be created, and the SDK keeps them as the result's
// dependencies (RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON); in an update it is answered.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { evaluate } from "../../../tools/harness/evaluate";

const ELB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1";

function listenerWithCertificateOf(domain: () => aws.route53.Zone | string) {
    return () => {
        const zone = domain();
        const certificate = aws.acm.getCertificateOutput({
            domain: typeof zone === "string" ? zone : zone.name,
            statuses: ["ISSUED"],
            mostRecent: true,
        });
        new aws.lb.Listener("https", {
            loadBalancerArn: ELB_ARN,
            port: 443,
            protocol: "HTTPS",
            certificateArn: certificate.arn,
            defaultActions: [
                { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "200" } },
            ],
        });
    };
}

async function listener(preview: boolean, program: () => void) {
    const evaluation = await evaluate({ preview, config: { "aws:region": "eu-west-1" }, program });
    return evaluation.resources.find((r) => r.name === "https")!;
}

describe("output-form invokes gated on their dependencies, as the engine gates them", () => {
    const fromNewZone = listenerWithCertificateOf(() => new aws.route53.Zone("shop", { name: "shop.example.com" }));

    it("answers unknown in a preview while a resource the arguments came from is pending creation, keeping it as a dependency", async () => {
        const https = await listener(true, fromNewZone);
        assert.deepStrictEqual(https.unknownInputs.includes("certificateArn"), true);
        assert.deepStrictEqual(https.propertyDependencies.certificateArn, [
            "urn:pulumi:test::webtier::aws:route53/zone:Zone::shop",
        ]);
    });

    it("answers it in an update, and in a preview when the arguments come from no resource", async () => {
        const updated = await listener(false, fromNewZone);
        assert.match(String(updated.inputs.certificateArn), /^arn:aws:acm:eu-west-1:\d+:certificate\//);
        assert.deepStrictEqual(updated.propertyDependencies.certificateArn, [
            "urn:pulumi:test::webtier::aws:route53/zone:Zone::shop",
        ]);
        const literal = await listener(
            true,
            listenerWithCertificateOf(() => "shop.example.com"),
        );
        assert.match(String(literal.inputs.certificateArn), /^arn:aws:acm:/);
        assert.deepStrictEqual(literal.propertyDependencies.certificateArn, []);
    });

    it("answers it in a preview when the resource is read, not created", async () => {
        const https = await listener(
            true,
            listenerWithCertificateOf(() => aws.route53.Zone.get("shop", "Z0123456789ABCDEFGHIJ")),
        );
        assert.match(String(https.inputs.certificateArn), /^arn:aws:acm:/);
    });
});
