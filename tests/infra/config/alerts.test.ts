import * as assert from "assert";
import { ConfigError, parseConfig, RawConfig } from "../../../infra/config/parse";
import { DEFAULT_THRESHOLDS } from "../../../infra/config/alerts";

const APP_KEY = `base64:${"A".repeat(43)}=`;
const PROD: RawConfig = {
    cloud: "aws",
    region: "eu-west-1",
    environment: "prod",
    domain: "app.example.com",
    appKey: APP_KEY,
};
const DO_PROD: RawConfig = { ...PROD, cloud: "digitalocean", region: "ams3", dnsZone: "example.com" };

function alerts(base: RawConfig, section: unknown): RawConfig {
    return { ...base, alerts: JSON.stringify(section) };
}

function problems(raw: RawConfig): { key: string; message: string }[] {
    try {
        parseConfig(raw, "stack");
    } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error.problems;
    }
    return assert.fail("expected the config to be refused");
}

function assertProblem(raw: RawConfig, key: string, ...fragments: string[]) {
    const found = problems(raw).find((p) => p.key === key);
    assert.ok(found, `expected a problem for ${key}, got ${JSON.stringify(problems(raw))}`);
    for (const fragment of fragments)
        assert.ok(found.message.includes(fragment), `${key}: "${found.message}" should mention "${fragment}"`);
}

describe("webtier:alerts", () => {
    it("is on by default in prod and off in dev and staging", () => {
        assert.strictEqual(parseConfig(alerts(PROD, { emails: ["ops@example.com"] }), "p").alerts.enabled, true);
        for (const environment of ["dev", "staging"]) {
            const config = parseConfig({ ...PROD, environment, domain: undefined }, "d");
            assert.strictEqual(config.alerts.enabled, false, environment);
        }
    });

    it("fills in every documented default threshold and keeps the ones a stack sets", () => {
        const config = parseConfig(
            alerts(PROD, {
                emails: ["ops@example.com"],
                thresholds: { serverCpuPercent: 90, responseTimeSeconds: "1.5" },
            }),
            "p",
        );
        assert.deepStrictEqual(config.alerts.thresholds, {
            ...DEFAULT_THRESHOLDS,
            serverCpuPercent: 90,
            responseTimeSeconds: 1.5,
        });
    });

    it("refuses prod alerts that go nowhere, naming the key and both ways out", () =>
        assertProblem(
            PROD,
            "alerts.emails",
            "on by default in prod",
            "webtier:alerts.emails[0]",
            "alerts.enabled to false",
        ));

    it("lets prod run without alerts only when it says so", () => {
        assert.strictEqual(parseConfig(alerts(PROD, { enabled: false }), "p").alerts.enabled, false);
    });

    it("refuses alerts turned on in dev without a destination", () =>
        assertProblem(
            alerts({ ...PROD, environment: "dev", domain: undefined }, { enabled: true }),
            "alerts.emails",
            "alerts are enabled",
        ));

    it("refuses an address that is not one", () =>
        assertProblem(
            alerts(PROD, { emails: ["ops at example.com"] }),
            "alerts.emails",
            "ops at example.com",
            "not an email",
        ));

    it("refuses a threshold out of range or unknown, naming it and its default", () => {
        assertProblem(
            alerts(PROD, { emails: ["a@b.io"], thresholds: { serverDiskPercent: 120 } }),
            "alerts.thresholds.serverDiskPercent",
            "1 to 100",
            "default is 85",
        );
        assertProblem(
            alerts(PROD, { emails: ["a@b.io"], thresholds: { diskPercent: 80 } }),
            "alerts.thresholds.diskPercent",
            "not a threshold",
            "serverDiskPercent",
        );
    });

    it("refuses unknown keys of the section", () =>
        assertProblem(alerts(PROD, { emails: ["a@b.io"], email: "x" }), "alerts.email", "Known: enabled, emails"));

    it("takes an HTTPS endpoint on AWS and keeps Slack to DigitalOcean, where each works", () => {
        const aws = parseConfig(alerts(PROD, { httpsEndpoint: "https://events.example.net/hook" }), "p");
        assert.strictEqual(aws.alerts.httpsEndpoint, "https://events.example.net/hook");
        const slack = { url: "https://hooks.slack.com/services/T/B/X", channel: "#ops" };
        assert.deepStrictEqual(parseConfig(alerts(DO_PROD, { slack }), "p").alerts.slack, slack);
        assertProblem(alerts(PROD, { slack }), "alerts.slack", "AWS Chatbot");
        assertProblem(
            alerts(DO_PROD, { httpsEndpoint: "https://events.example.net/hook" }),
            "alerts.httpsEndpoint",
            "alerts.slack",
        );
        assertProblem(
            alerts(PROD, { httpsEndpoint: "http://events.example.net/hook" }),
            "alerts.httpsEndpoint",
            "https://",
        );
        assertProblem(
            alerts(DO_PROD, { slack: { url: "https://example.com/x", channel: "#ops" } }),
            "alerts.slack",
            "hooks.slack.com",
        );
    });
});
