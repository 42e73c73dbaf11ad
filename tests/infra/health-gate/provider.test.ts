/**
 * The health gate's dynamic provider: its diff, its CRUD functions against a fake reader, and
 * the DigitalOcean provider exactly as Pulumi serializes it, run against a local stand-in for
 * the DigitalOcean API.
 */
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { createGateProvider, gateDiff, GateInputs } from "../../../infra/health-gate/provider";
import { HealthReader } from "../../../infra/health-gate/wait";
import * as pulumi from "@pulumi/pulumi";
import { awsHealthGateProvider } from "../../../infra/aws/health-gate";
import { digitalOceanHealthGateProvider } from "../../../infra/digitalocean/health-gate";
import { loadSerialized, rejectsWithMessage, withEnv } from "./serialized";

function inputs(overrides: Partial<GateInputs> = {}): GateInputs {
    return {
        serverId: "i-0aaa",
        serverName: "prod-app-1",
        serverAddresses: { privateIp: "10.20.1.5" },
        balancer: {
            region: "eu-west-1",
            targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-tg/abc",
        },
        timeoutSeconds: 600,
        pollIntervalSeconds: 10,
        ...overrides,
    };
}

/** Pulumi's marker for a value not known until the update runs (a replaced server's new id in a preview). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("health gate provider: diff", () => {
    it("asks for replacement when the server id changes, so the new server is waited for", () => {
        const diff = gateDiff(inputs(), inputs({ serverId: "i-0bbb" }));
        assert.deepStrictEqual(diff.replaces, ["serverId"]);
        assert.strictEqual(diff.changes, true);
        assert.strictEqual(diff.deleteBeforeReplace, false);
    });

    it("asks for replacement when the new server id is not known yet (preview of a replacement)", () => {
        assert.deepStrictEqual(gateDiff(inputs(), inputs({ serverId: UNKNOWN })).replaces, ["serverId"]);
    });

    it("asks for replacement when the gate points at another balancer", () => {
        const other = {
            region: "eu-west-1",
            targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-tg/def",
        };
        assert.deepStrictEqual(gateDiff(inputs(), inputs({ balancer: other })).replaces, ["balancer"]);
    });

    it("reports no change for the same server and balancer, even when the provider code was rebuilt", () => {
        const olds = {
            ...inputs(),
            __provider: "exports.handler = old",
            healthyAt: "2026-01-01T00:00:00Z",
        } as GateInputs;
        const diff = gateDiff(olds, { ...inputs(), __provider: "exports.handler = new" } as GateInputs);
        assert.strictEqual(diff.changes, false);
        assert.deepStrictEqual(diff.replaces, []);
    });

    it("updates in place, without replacing, when only the timeout changes", () => {
        const diff = gateDiff(inputs(), inputs({ timeoutSeconds: 1200 }));
        assert.strictEqual(diff.changes, true);
        assert.deepStrictEqual(diff.replaces, []);
    });
});

describe("health gate provider: create, update, read, delete", () => {
    function fakeReader(answers: Array<"pending" | "healthy">) {
        const asked: string[] = [];
        const reader: HealthReader = {
            description: "fake balancer",
            requiredPermission: "nothing",
            async health(serverId) {
                asked.push(serverId);
                return { id: serverId, health: answers.length > 1 ? answers.shift()! : answers[0] };
            },
        };
        return { reader, asked };
    }

    it("creates the gate only once the server is healthy, with the server in its id and outputs", async () => {
        const { reader, asked } = fakeReader(["pending", "healthy"]);
        const opened: GateInputs[] = [];
        const provider = createGateProvider((gateInputs) => {
            opened.push(gateInputs);
            return reader;
        });
        const result = await provider.create(inputs({ pollIntervalSeconds: 0.001 }));
        assert.deepStrictEqual(asked, ["i-0aaa", "i-0aaa"]);
        assert.strictEqual(
            opened[0].balancer.targetGroupArn,
            inputs().balancer.targetGroupArn,
            "the reader gets the gate's balancer",
        );
        assert.strictEqual(result.id, "prod-app-1:i-0aaa");
        assert.strictEqual(result.outs.serverId, "i-0aaa");
        assert.ok(!Number.isNaN(Date.parse(result.outs.healthyAt)));
    });

    it("fails the create (and so the update) when the server never becomes healthy", async () => {
        const { reader } = fakeReader(["pending"]);
        const provider = createGateProvider(() => reader);
        await assert.rejects(
            provider.create(inputs({ timeoutSeconds: 0.02, pollIntervalSeconds: 0.005 })),
            /prod-app-1 \(i-0aaa\) did not become healthy behind fake balancer/,
        );
    });

    it("updates, reads and deletes without asking the balancer anything", async () => {
        const provider = createGateProvider(() => assert.fail("no reader may be opened"));
        const olds = { ...inputs(), healthyAt: "2026-01-01T00:00:00Z" };
        const updated = await provider.update!("prod-app-1:i-0aaa", olds, inputs({ timeoutSeconds: 1200 }));
        assert.strictEqual(updated.outs.timeoutSeconds, 1200);
        assert.strictEqual(updated.outs.healthyAt, "2026-01-01T00:00:00Z");
        assert.deepStrictEqual(await provider.read!("prod-app-1:i-0aaa", olds), {
            id: "prod-app-1:i-0aaa",
            props: olds,
        });
        await provider.delete!("prod-app-1:i-0aaa", olds);
    });
});

describe("health gate provider: DigitalOcean, as Pulumi serializes it", function () {
    this.timeout(60_000);
    const LB_ID = "4de7ac8b-495b-4884-9a69-1050c6793cd6";
    let server: http.Server;
    let baseUrl: string;
    let requests: string[];
    let healthyAfter: number;
    let serialized: any;
    let restoreEnv: () => void;

    before(async () => {
        server = http.createServer((req, res) => {
            requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
            const reads = requests.filter((r) => r.startsWith(`GET /v2/load_balancers/${LB_ID} `)).length;
            const member = reads > healthyAfter;
            res.setHeader("Content-Type", "application/json");
            if (req.url === `/v2/load_balancers/${LB_ID}`) {
                res.end(
                    JSON.stringify({
                        load_balancer: {
                            id: LB_ID,
                            name: "do-prod-lb",
                            ip: "192.0.2.10",
                            status: "active",
                            tag: "do-prod-lb",
                            droplet_ids: member ? [501, 777] : [777],
                        },
                    }),
                );
            } else if (req.url?.startsWith("/v2/monitoring/metrics/load_balancer/droplets_health_checks")) {
                const now = Math.floor(Date.now() / 1000);
                res.end(
                    JSON.stringify({
                        status: "success",
                        data: {
                            resultType: "matrix",
                            result: [{ metric: { droplet_id: "501" }, values: [[now, "1"]] }],
                        },
                    }),
                );
            } else {
                res.statusCode = 404;
                res.end(
                    JSON.stringify({ id: "not_found", message: "The resource you were accessing could not be found." }),
                );
            }
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        serialized = await loadSerialized(digitalOceanHealthGateProvider);
    });

    beforeEach(() => {
        requests = [];
        restoreEnv = withEnv({ DIGITALOCEAN_TOKEN: "dop_v1_gate_test", DIGITALOCEAN_API_URL: baseUrl });
    });

    afterEach(() => restoreEnv());

    after(() => server.close());

    const gate = (overrides: Partial<GateInputs> = {}): GateInputs => ({
        serverId: "501",
        serverName: "do-prod-app-1",
        serverAddresses: { privateIp: "10.10.0.5", publicIp: "203.0.113.5" },
        balancer: { loadBalancerId: LB_ID, address: "192.0.2.10", memberTag: "do-prod-lb" },
        timeoutSeconds: 5,
        pollIntervalSeconds: 0.01,
        ...overrides,
    });

    it("waits until the droplet is a member and its health checks pass, with the token from the environment", async () => {
        healthyAfter = 2;
        const result = await serialized
            .create(gate())
            .catch((error: { message?: string }) => assert.fail(`the gate failed: ${error?.message}`));
        assert.strictEqual(result.id, "do-prod-app-1:501");
        assert.ok(requests.length >= 3);
        assert.ok(requests.every((r) => r.endsWith("Bearer dop_v1_gate_test")));
    });

    it("fails with the droplet and the balancer named when it never becomes a healthy member", async () => {
        healthyAfter = Infinity;
        await rejectsWithMessage(
            serialized.create(gate({ timeoutSeconds: 0.1 })),
            /do-prod-app-1 \(501\) did not become healthy behind load balancer 192\.0\.2\.10 .*not a member of the balancer/,
        );
    });

    it("fails at once when the API says the balancer does not exist", async () => {
        await rejectsWithMessage(
            serialized.create(
                gate({ balancer: { loadBalancerId: "gone", address: "192.0.2.10", memberTag: "do-prod-lb" } }),
            ),
            /cannot read the health of do-prod-app-1 \(501\).*answered 404/,
        );
        assert.strictEqual(requests.length, 1);
    });

    it("fails at once, naming the variable, without DIGITALOCEAN_TOKEN", async () => {
        delete process.env.DIGITALOCEAN_TOKEN;
        await rejectsWithMessage(
            serialized.create(gate()),
            /DIGITALOCEAN_TOKEN is not set in the environment `pulumi up` runs in/,
        );
    });

    it("diffs like the program's own gateDiff", async () => {
        assert.deepStrictEqual(
            (await serialized.diff("do-prod-app-1:501", gate(), gate({ serverId: "502" }))).replaces,
            ["serverId"],
        );
        assert.strictEqual((await serialized.diff("do-prod-app-1:501", gate(), gate())).changes, false);
    });
});

describe("what each cloud's gate provider stores in the state of every gate", () => {
    // Pulumi serializes every function and module a dynamic provider reaches, by value, into each
    // gate's `__provider` input: the gate's state, and work at the start of every `pulumi up`.
    // Reaching @pulumi/pulumi (through any module that imports it) adds its classes as
    // deployment-time stubs, about 100 KB per gate.
    const LIMIT = 32_000;
    for (const [cloud, provider] of [
        ["AWS", awsHealthGateProvider],
        ["DigitalOcean", digitalOceanHealthGateProvider],
    ] as const) {
        it(`keeps ${cloud}'s small: its own reading code only, no Pulumi SDK`, async () => {
            const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
            assert.doesNotMatch(text, /cannot be called at runtime/, "no @pulumi/pulumi class was serialized");
            assert.ok(text.length <= LIMIT, `${text.length} characters (at most ${LIMIT})`);
        });
    }
});
