/** The public entry point on DigitalOcean (section 1 of the guide), on the registered resources. */
import * as assert from "assert";
import { Built, T, devTier, ofType, only, prodTier } from "./fixture";

describe("digitalocean: load balancer", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("balances across exactly the app droplets, selected by its own in-rotation tag (no droplet list)", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const balancer = only(ev, T.loadBalancer);
            const memberTag = only(ev, T.tag, `${ev === dev.evaluation ? "do-dev" : "do-prod"}-lb`);
            assert.strictEqual(balancer.inputs.dropletTag, memberTag.inputs.name);
            assert.ok(
                balancer.propertyDependencies.dropletTag.includes(memberTag.urn),
                "the balancer references the Tag resource",
            );
            assert.strictEqual(balancer.inputs.dropletIds, undefined, "no droplet list to swap at once on replacement");
            const droplets = ofType(ev, T.droplet);
            const members = droplets.filter((d) => d.inputs.tags.includes(memberTag.inputs.name));
            assert.deepStrictEqual(
                members.map((d) => d.name),
                droplets.map((d) => d.name),
                "every app droplet carries the tag from creation",
            );
            for (const droplet of droplets)
                assert.ok(
                    !balancer.dependencies.includes(droplet.urn),
                    `a replaced ${droplet.name} does not rewrite the balancer`,
                );
            assert.strictEqual(
                ev.outputs.loadBalancer.memberTag,
                memberTag.inputs.name,
                "the deploy tool reads the tag from the outputs",
            );
        }
    });

    it("sits in the tier's region and VPC", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const balancer = only(ev, T.loadBalancer);
            assert.strictEqual(balancer.inputs.region, "ams3");
            assert.strictEqual(balancer.inputs.vpcUuid, only(ev, T.vpc).id);
        }
    });

    it("health-checks every droplet over HTTP at the configured path", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const check = only(ev, T.loadBalancer).inputs.healthcheck;
            assert.deepStrictEqual([check.protocol, check.port, check.path], ["http", 80, "/up"]);
        }
    });

    it("terminates TLS with a Let's Encrypt certificate for the domain and redirects HTTP to HTTPS", () => {
        const ev = prod.evaluation;
        const certificate = only(ev, T.certificate);
        assert.strictEqual(certificate.inputs.type, "lets_encrypt");
        assert.deepStrictEqual(certificate.inputs.domains, ["app.example.com"]);
        const balancer = only(ev, T.loadBalancer);
        assert.strictEqual(balancer.inputs.redirectHttpToHttps, true);
        const https = (balancer.inputs.forwardingRules as any[]).filter((r) => r.entryProtocol === "https");
        assert.strictEqual(https.length, 1);
        assert.strictEqual(https[0].entryPort, 443);
        assert.strictEqual(https[0].targetProtocol, "http");
        assert.strictEqual(https[0].tlsPassthrough, false);
        // By name: the certificate's id changes on every Let's Encrypt renewal, its name does not.
        assert.strictEqual(https[0].certificateName, certificate.state.name);
        assert.strictEqual(https[0].certificateId, undefined);
        assert.ok(balancer.propertyDependencies.forwardingRules.includes(certificate.urn));
        assert.ok(
            (balancer.inputs.forwardingRules as any[]).every((r) => r.targetProtocol === "http" && r.targetPort === 80),
            "targets on HTTP 80",
        );
    });

    it("replaces the certificate before deleting the old one", () => {
        const certificate = only(prod.evaluation, T.certificate);
        assert.strictEqual(certificate.deleteBeforeReplace, false);
        assert.strictEqual(
            certificate.inputs.name,
            undefined,
            "auto-named, so old and new can coexist while the balancer switches",
        );
    });

    it("points the domain's A record in the DNS zone at the balancer", () => {
        const ev = prod.evaluation;
        const balancer = only(ev, T.loadBalancer);
        const record = only(ev, T.dnsRecord);
        assert.deepStrictEqual(
            [record.inputs.domain, record.inputs.name, record.inputs.type],
            ["example.com", "app", "A"],
        );
        assert.strictEqual(record.inputs.value, balancer.state.ip);
        assert.ok(record.propertyDependencies.value.includes(balancer.urn));
        assert.strictEqual(
            balancer.inputs.disableLetsEncryptDnsRecords,
            true,
            "the stack owns the record, not the balancer",
        );
    });

    it("serves plain HTTP only, without certificate or DNS record, when there is no domain", () => {
        const ev = dev.evaluation;
        const balancer = only(ev, T.loadBalancer);
        assert.deepStrictEqual(
            (balancer.inputs.forwardingRules as any[]).map((r) => `${r.entryProtocol}/${r.entryPort}`),
            ["http/80"],
        );
        assert.strictEqual(balancer.inputs.redirectHttpToHttps, false);
        assert.deepStrictEqual(ofType(ev, T.certificate), []);
        assert.deepStrictEqual(ofType(ev, T.dnsRecord), []);
    });

    it("reports HTTPS and the URL in the stack outputs", () => {
        assert.deepStrictEqual(prod.evaluation.outputs.loadBalancer.https, true);
        assert.strictEqual(prod.evaluation.outputs.loadBalancer.url, "https://app.example.com");
        const devBalancer = only(dev.evaluation, T.loadBalancer);
        assert.strictEqual(dev.evaluation.outputs.loadBalancer.https, false);
        assert.strictEqual(dev.evaluation.outputs.loadBalancer.address, devBalancer.state.ip);
        assert.strictEqual(dev.evaluation.outputs.loadBalancer.url, `http://${devBalancer.state.ip}`);
    });
});
