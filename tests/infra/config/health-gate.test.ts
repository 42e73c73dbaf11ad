/** The health gate's config keys: `servers.healthGate` and `servers.healthGateTimeoutMinutes`. */
import * as assert from "assert";
import { ConfigError, parseConfig, RawConfig } from "../../../infra/config/parse";

const APP_KEY = `base64:${"A".repeat(43)}=`;

function parse(servers?: Record<string, unknown>) {
    const raw: RawConfig = { cloud: "digitalocean", region: "ams3", environment: "dev", appKey: APP_KEY };
    if (servers) raw.servers = JSON.stringify(servers);
    return parseConfig(raw, "do-dev");
}

function problemFor(servers: Record<string, unknown>, key: string): string {
    try {
        parse(servers);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        const problem = error.problems.find((p) => p.key === key);
        assert.ok(problem, `expected a problem for ${key}, got ${JSON.stringify(error.problems)}`);
        return problem.message;
    }
    return assert.fail("expected the config to be refused");
}

describe("config: health-gated server replacement", () => {
    it("gates replacements on health by default, waiting up to 10 minutes per server", () => {
        const config = parse();
        assert.strictEqual(config.servers.healthGate, true);
        assert.strictEqual(config.servers.healthGateTimeoutMinutes, 10);
    });

    it("lets a stack opt out with servers.healthGate: false", () => {
        assert.strictEqual(parse({ healthGate: false }).servers.healthGate, false);
        assert.strictEqual(parse({ healthGate: "false" }).servers.healthGate, false, "as YAML text");
    });

    it("takes another timeout in minutes", () => {
        assert.strictEqual(parse({ healthGateTimeoutMinutes: 20 }).servers.healthGateTimeoutMinutes, 20);
    });

    it("refuses a healthGate that is not true or false", () => {
        assert.match(
            problemFor({ healthGate: "sometimes" }, "servers.healthGate"),
            /"sometimes" must be true or false/,
        );
    });

    it("refuses a timeout outside 1 to 60 minutes", () => {
        assert.match(problemFor({ healthGateTimeoutMinutes: 0 }, "servers.healthGateTimeoutMinutes"), /from 1 to 60/);
        assert.match(problemFor({ healthGateTimeoutMinutes: 90 }, "servers.healthGateTimeoutMinutes"), /from 1 to 60/);
    });
});
