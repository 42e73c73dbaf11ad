import { strict as assert } from "assert";
import { build, named, ofType, owner, T } from "./fixture";
import { MODERN_TLS_POLICIES } from "../../../infra/config/parse";
import { resolveDeep } from "../../../tools/harness/evaluate";

describe("AWS load balancer (registered resources)", function () {
    this.timeout(120000);

    it("is a public application load balancer across every public subnet, behind its own security group", async () => {
        const built = await build("prod");
        const alb = named(built, "prod-alb");
        assert.equal(alb.inputs.internal, false);
        assert.equal(alb.inputs.loadBalancerType, "application");
        const subnets = alb.inputs.subnets.map((id: string) => owner(built, id)!);
        assert.equal(subnets.length, 3);
        for (const subnet of subnets) assert.equal(subnet.inputs.tags["webtier:tier"], "public");
        assert.deepEqual(
            alb.inputs.securityGroups.map((id: string) => owner(built, id)?.name),
            ["prod-lb-sg"],
        );
    });

    it("drops requests with invalid header fields", async () => {
        assert.equal(named(await build("dev"), "dev-alb").inputs.dropInvalidHeaderFields, true);
    });

    it("health-checks the configured path and balances round robin over HTTP targets", async () => {
        const tg = named(await build("prod"), "prod-tg");
        assert.equal(tg.inputs.protocol, "HTTP");
        assert.equal(tg.inputs.port, 80);
        assert.equal(tg.inputs.loadBalancingAlgorithmType, "round_robin");
        assert.equal(tg.inputs.healthCheck.enabled, true);
        assert.equal(tg.inputs.healthCheck.path, "/healthz");
        assert.equal(tg.inputs.healthCheck.matcher, "200-399");
        assert.equal(named(await build("dev"), "dev-tg").inputs.healthCheck.path, "/up");
    });

    it("terminates HTTPS with the configured modern TLS policy and the validated certificate", async () => {
        const built = await build("prod");
        const https = ofType(built, T.listener).filter((l) => l.inputs.protocol === "HTTPS");
        assert.equal(https.length, 1);
        assert.equal(https[0].inputs.port, 443);
        assert.equal(https[0].inputs.sslPolicy, built.config.tlsPolicy);
        assert.ok(MODERN_TLS_POLICIES.includes(https[0].inputs.sslPolicy));
        assert.deepEqual(https[0].propertyDependencies.certificateArn, [named(built, "prod-cert-validated").urn]);
        assert.equal(https[0].inputs.defaultActions[0].type, "forward");
        assert.equal(owner(built, https[0].inputs.defaultActions[0].targetGroupArn)?.name, "prod-tg");
    });

    it("only redirects plain HTTP to HTTPS when there is a domain", async () => {
        for (const stack of ["prod", "staging"] as const) {
            const http = ofType(await build(stack), T.listener).filter((l) => l.inputs.protocol === "HTTP");
            assert.equal(http.length, 1);
            assert.equal(http[0].inputs.port, 80);
            assert.deepEqual(http[0].inputs.defaultActions, [
                { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ]);
        }
    });

    it("forwards plain HTTP and reports https: false without a domain (dev)", async () => {
        const built = await build("dev");
        const listeners = ofType(built, T.listener);
        assert.equal(listeners.length, 1);
        assert.equal(listeners[0].inputs.protocol, "HTTP");
        assert.equal(listeners[0].inputs.defaultActions[0].type, "forward");
        assert.equal(ofType(built, T.certificate).length, 0);
        assert.equal(built.evaluation.outputs.loadBalancer.https, false);
        assert.match(built.evaluation.outputs.loadBalancer.url, /^http:\/\/dev-alb-/);
    });

    it("validates the certificate by DNS in the Route 53 zone and points A and AAAA aliases at the balancer", async () => {
        const built = await build("prod");
        const certificate = named(built, "prod-cert");
        assert.equal(certificate.inputs.domainName, "app.example.com");
        assert.equal(certificate.inputs.validationMethod, "DNS");
        const validationRecord = named(built, "prod-cert-validation");
        assert.equal(validationRecord.inputs.name, certificate.state.domainValidationOptions[0].resourceRecordName);
        assert.deepEqual(named(built, "prod-cert-validated").propertyDependencies.validationRecordFqdns, [
            validationRecord.urn,
        ]);
        const alb = named(built, "prod-alb");
        for (const type of ["A", "AAAA"]) {
            const alias = named(built, `prod-alias-${type.toLowerCase()}`);
            assert.equal(alias.inputs.type, type);
            assert.equal(alias.inputs.name, "app.example.com");
            assert.equal(alias.inputs.aliases[0].name, alb.state.dnsName);
        }
        assert.equal(alb.inputs.ipAddressType, "dualstack", "AAAA needs a dual-stack balancer");
    });

    it("without a Route 53 zone, still uses the certificate, creates no records and exposes what to create by hand", async () => {
        const built = await build("staging");
        assert.equal(ofType(built, T.record).length, 0);
        const validation = named(built, "staging-cert-validated");
        assert.equal(validation.inputs.validationRecordFqdns, undefined);
        const https = ofType(built, T.listener).find((l) => l.inputs.protocol === "HTTPS")!;
        assert.deepEqual(https.propertyDependencies.certificateArn, [validation.urn]);
        const records = (await resolveDeep(built.aws.loadBalancer.validationRecords)).value;
        assert.ok(Array.isArray(records) && records.length === 1, "no validation records exposed");
        assert.equal(records[0].type, "CNAME");
        assert.match(records[0].name, /staging\.example\.org\.$/);
    });
});
