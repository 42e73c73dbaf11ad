/** The pure functions the DigitalOcean components wire resources from. */
import * as assert from "assert";
import { appTagName, dnsRecordName } from "../../../infra/digitalocean/naming";
import { childName } from "../../../infra/naming";
import { forwardingRules, healthCheck } from "../../../infra/digitalocean/load-balancer";
import { ANYWHERE, appInboundRules, appOutboundRules, trustAppTagOnly } from "../../../infra/digitalocean/rules";
import { clusterNodeCount, databaseEngineSlug, databaseVersion } from "../../../infra/digitalocean/database";
import { uploadCorsRules } from "../../../infra/digitalocean/storage";
import { CREDENTIAL_VARIABLES, missingCredentials, providerArgs } from "../../../infra/digitalocean/provider";
import { queueEndpoint } from "../../../infra/digitalocean/queue";
import { appUrl } from "../../../infra/digitalocean";

describe("digitalocean: naming", () => {
    it("derives child names and the app tag from the tier's name", () => {
        assert.strictEqual(childName("do-prod", "db"), "do-prod-db");
        assert.strictEqual(appTagName("do-prod"), "do-prod-app");
    });

    it("names the DNS record relative to its zone, @ at the apex", () => {
        assert.strictEqual(dnsRecordName("app.example.com", "example.com"), "app");
        assert.strictEqual(dnsRecordName("a.b.example.com", "example.com."), "a.b");
        assert.strictEqual(dnsRecordName("example.com", "example.com"), "@");
    });

    it("refuses a domain outside its zone, naming both and the key to fix", () => {
        assert.throws(
            () => dnsRecordName("app.example.org", "example.com"),
            /app\.example\.org.*example\.com.*webtier:dnsZone/,
        );
        // A suffix that is not a label boundary is not inside the zone either.
        assert.throws(() => dnsRecordName("badexample.com", "example.com"), /not inside/);
    });
});

describe("digitalocean: balancer rules", () => {
    it("terminates HTTPS at the balancer and forwards plain HTTP to port 80, no passthrough", () => {
        const rules = forwardingRules("cert-name");
        const https = rules.find((r) => r.entryProtocol === "https");
        assert.ok(https, "an https rule");
        assert.strictEqual(https.entryPort, 443);
        assert.strictEqual(https.targetProtocol, "http");
        assert.strictEqual(https.targetPort, 80);
        assert.strictEqual(https.certificateName, "cert-name");
        assert.strictEqual(https.tlsPassthrough, false);
        assert.strictEqual(https.certificateId, undefined, "certificate ids change on Let's Encrypt renewals");
    });

    it("keeps an HTTP rule on 80 next to HTTPS (answered by the redirect)", () => {
        const http = forwardingRules("cert-name").filter((r) => r.entryProtocol === "http");
        assert.deepStrictEqual(
            http.map((r) => [r.entryPort, r.targetProtocol, r.targetPort]),
            [[80, "http", 80]],
        );
    });

    it("serves only HTTP on 80 without a certificate", () => {
        const rules = forwardingRules(undefined);
        assert.deepStrictEqual(
            rules.map((r) => r.entryProtocol),
            ["http"],
        );
        assert.strictEqual(rules[0].entryPort, 80);
    });

    it("health-checks the app over HTTP on port 80 at the configured path", () => {
        const check = healthCheck("/healthz");
        assert.strictEqual(check.protocol, "http");
        assert.strictEqual(check.port, 80);
        assert.strictEqual(check.path, "/healthz");
        assert.ok((check.unhealthyThreshold as number) >= 2, "one failed check must not drop a droplet");
        assert.ok(
            (check.responseTimeoutSeconds as number) < (check.checkIntervalSeconds as number),
            "a check times out before the next starts",
        );
    });
});

describe("digitalocean: firewall rules", () => {
    it("admits port 80 only from the balancer", () => {
        const port80 = appInboundRules("lb-uid", []).filter((r) => r.portRange === "80");
        assert.strictEqual(port80.length, 1);
        assert.deepStrictEqual(port80[0].sourceLoadBalancerUids, ["lb-uid"]);
        assert.strictEqual(port80[0].sourceAddresses, undefined);
        assert.strictEqual(port80[0].sourceTags, undefined);
    });

    it("admits SSH only from the allowlist", () => {
        const ssh = appInboundRules("lb-uid", ["203.0.113.0/24"]).filter((r) => r.portRange === "22");
        assert.strictEqual(ssh.length, 1);
        assert.deepStrictEqual(ssh[0].sourceAddresses, ["203.0.113.0/24"]);
    });

    it("has no SSH rule when the allowlist is empty", () => {
        const rules = appInboundRules("lb-uid", []);
        assert.deepStrictEqual(
            rules.map((r) => r.portRange),
            ["80"],
        );
    });

    it("lets droplets reach anything outbound over tcp, udp and icmp, IPv4 and IPv6", () => {
        const rules = appOutboundRules();
        assert.deepStrictEqual(rules.map((r) => r.protocol).sort(), ["icmp", "tcp", "udp"]);
        for (const rule of rules) {
            assert.deepStrictEqual(rule.destinationAddresses, ANYWHERE);
            if (rule.protocol !== "icmp") assert.strictEqual(rule.portRange, "1-65535");
        }
    });

    it("makes the database firewalls trust the app tag and nothing else", () => {
        assert.deepStrictEqual(trustAppTagOnly("do-prod-app"), [{ type: "tag", value: "do-prod-app" }]);
    });
});

describe("digitalocean: database settings", () => {
    it("maps engines to DigitalOcean's slugs", () => {
        assert.strictEqual(databaseEngineSlug("mysql"), "mysql");
        assert.strictEqual(databaseEngineSlug("postgres"), "pg");
    });

    it('writes MySQL 8.0 as DigitalOcean\'s "8" and passes other versions through', () => {
        assert.strictEqual(databaseVersion("mysql", "8.0"), "8");
        assert.strictEqual(databaseVersion("mysql", "8.4"), "8.4");
        assert.strictEqual(databaseVersion("postgres", "16"), "16");
    });

    it("adds a standby node only for high availability", () => {
        assert.strictEqual(clusterNodeCount(true), 2);
        assert.strictEqual(clusterNodeCount(false), 1);
    });
});

describe("digitalocean: storage settings", () => {
    it("has no CORS rule without origins", () => {
        assert.deepStrictEqual(uploadCorsRules([]), []);
    });

    it("lets the configured origins upload and read, and nothing else", () => {
        const [rule, ...rest] = uploadCorsRules(["https://app.example.com"]);
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(rule.allowedOrigins, ["https://app.example.com"]);
        assert.ok((rule.allowedMethods as string[]).includes("PUT"), "direct uploads PUT to a presigned URL");
        assert.ok(!(rule.allowedMethods as string[]).includes("DELETE"), "browsers never delete");
    });
});

describe("digitalocean: provider, queue and app URL", () => {
    it("names exactly the credential variables that are missing", () => {
        assert.deepStrictEqual(missingCredentials({ DIGITALOCEAN_TOKEN: "t" }), [
            CREDENTIAL_VARIABLES.spacesAccessKeyId,
            CREDENTIAL_VARIABLES.spacesSecretAccessKey,
        ]);
        assert.deepStrictEqual(
            missingCredentials({ DIGITALOCEAN_TOKEN: "t", SPACES_ACCESS_KEY_ID: "a", SPACES_SECRET_ACCESS_KEY: "s" }),
            [],
        );
    });

    it("puts no credential into the provider's inputs", () => {
        const args = providerArgs() as Record<string, unknown>;
        for (const key of ["token", "spacesAccessId", "spacesSecretKey"]) assert.strictEqual(args[key], undefined, key);
    });

    it("queues on the shared Valkey and refuses SQS with the key to change", () => {
        assert.deepStrictEqual(queueEndpoint("redis"), { driver: "redis" });
        assert.throws(() => queueEndpoint("sqs"), /queue\.driver "sqs".*DigitalOcean.*redis/);
    });

    it("configures the app with https://domain, and Laravel's default without a domain", () => {
        assert.strictEqual(appUrl("app.example.com"), "https://app.example.com");
        assert.strictEqual(appUrl(undefined), "http://localhost");
    });
});
