import * as assert from "assert";
import {
    DigitalOceanApi,
    dropletHealthFromMetrics,
    Fetch,
    MetricsResponse,
} from "../../../../infra/balancer-health/digitalocean";
import { DigitalOceanBalancer } from "../../../../tools/deploy/digitalocean/balancer";
import { DeployServer } from "../../../../tools/deploy/types";
import { FakeClock } from "../fakes";

const LB_ID = "4de7ac8b-495b-4884-9a69-1050c6793cd6";
const droplets: DeployServer[] = [
    { name: "prod-web-1", id: "101", privateIp: "10.20.0.5", publicIp: "203.0.113.5", zone: "nyc3" },
    { name: "prod-web-2", id: "102", privateIp: "10.20.0.6", publicIp: "203.0.113.6", zone: "nyc3" },
];

type Route = (method: string, path: string, body: unknown) => { status: number; body?: unknown };

/** A recording `fetch`: every call's method, path (with query), JSON body and auth header. */
function stubFetch(route: Route) {
    const calls: Array<{ method: string; path: string; body?: unknown; auth?: string }> = [];
    const fetchFn: Fetch = async (url, init) => {
        const path = url.replace("https://api.digitalocean.com", "");
        const body = init.body ? JSON.parse(init.body) : undefined;
        calls.push({
            method: init.method,
            path,
            ...(body !== undefined ? { body } : {}),
            auth: init.headers.Authorization,
        });
        const answer = route(init.method, path, body);
        return {
            status: answer.status,
            text: async () => (answer.body === undefined ? "" : JSON.stringify(answer.body)),
        };
    };
    return { api: new DigitalOceanApi("dop_v1_test", fetchFn), calls };
}

function lb(dropletIds: number[], extra: Record<string, unknown> = {}) {
    return {
        status: 200,
        body: {
            load_balancer: {
                id: LB_ID,
                name: "prod-lb",
                ip: "192.0.2.10",
                status: "active",
                droplet_ids: dropletIds,
                ...extra,
            },
        },
    };
}

function metrics(samples: Record<string, Array<[number, string]>>) {
    return {
        status: 200,
        body: {
            status: "success",
            data: {
                resultType: "matrix",
                result: Object.entries(samples).map(([id, values]) => ({
                    metric: { lb_id: LB_ID, droplet_id: id },
                    values,
                })),
            },
        },
    };
}

describe("DigitalOcean balancer adapter", () => {
    it("finds the balancer by its IP and reads each member droplet's health from the monitoring API", async () => {
        const clock = new FakeClock();
        clock.time = 1_700_000_000_000;
        const { api, calls } = stubFetch((method, path) => {
            if (path.startsWith("/v2/load_balancers?"))
                return {
                    status: 200,
                    body: {
                        load_balancers: [
                            { id: "other", ip: "192.0.2.99" },
                            { id: LB_ID, ip: "192.0.2.10" },
                        ],
                        links: {},
                    },
                };
            if (path === `/v2/load_balancers/${LB_ID}`) return lb([101, 102]);
            return metrics({ "101": [[1_699_999_900, "1"]], "102": [[1_699_999_900, "0"]] });
        });
        const balancer = new DigitalOceanBalancer({ api, address: "192.0.2.10", servers: droplets, clock });
        const members = await balancer.listMembers();
        assert.deepStrictEqual(
            calls.map((c) => `${c.method} ${c.path}`),
            [
                "GET /v2/load_balancers?per_page=200",
                `GET /v2/load_balancers/${LB_ID}`,
                `GET /v2/monitoring/metrics/load_balancer/droplets_health_checks?lb_id=${LB_ID}&start=1699999400&end=1700000000`,
            ],
        );
        assert.ok(calls.every((c) => c.auth === "Bearer dop_v1_test"));
        assert.deepStrictEqual(
            members.map((m) => [m.id, m.health]),
            [
                ["101", "healthy"],
                ["102", "unhealthy"],
            ],
        );
    });

    it("takes a droplet out with DELETE .../droplets and waits until it is no longer listed, then a grace period", async () => {
        const listed = [[101, 102], [101, 102], [102]];
        const { api, calls } = stubFetch((method) => {
            if (method === "DELETE") return { status: 204 };
            return lb(listed.length > 1 ? listed.shift()! : listed[0]);
        });
        const clock = new FakeClock();
        const balancer = new DigitalOceanBalancer({
            api,
            address: "192.0.2.10",
            loadBalancerId: LB_ID,
            servers: droplets,
            clock,
            pollIntervalMs: 5000,
            drainGraceMs: 15_000,
        });
        await balancer.removeAndDrain("101", 120_000);
        assert.deepStrictEqual(calls[0], {
            method: "DELETE",
            path: `/v2/load_balancers/${LB_ID}/droplets`,
            body: { droplet_ids: [101] },
            auth: "Bearer dop_v1_test",
        });
        assert.deepStrictEqual(
            calls.slice(1).map((c) => `${c.method} ${c.path}`),
            Array(3).fill(`GET /v2/load_balancers/${LB_ID}`),
        );
        assert.strictEqual(clock.time, 10_000 + 15_000);
    });

    it("puts a droplet back with POST .../droplets and ignores health samples from before it was put back", async () => {
        const clock = new FakeClock();
        clock.time = 1_700_000_000_000;
        let sampleAt = 1_699_999_990; // before the droplet is put back
        const { api, calls } = stubFetch((method, path) => {
            if (method === "POST") return { status: 204 };
            if (path.startsWith("/v2/monitoring")) return metrics({ "101": [[sampleAt, "1"]] });
            return lb([101, 102]);
        });
        const balancer = new DigitalOceanBalancer({
            api,
            address: "192.0.2.10",
            loadBalancerId: LB_ID,
            servers: droplets,
            clock,
        });
        await balancer.add("101");
        assert.deepStrictEqual(calls[0], {
            method: "POST",
            path: `/v2/load_balancers/${LB_ID}/droplets`,
            body: { droplet_ids: [101] },
            auth: "Bearer dop_v1_test",
        });
        assert.strictEqual((await balancer.health("101")).health, "pending");
        sampleAt = 1_700_000_060;
        assert.strictEqual((await balancer.health("101")).health, "healthy");
    });

    it("reports a droplet that is not listed as absent", async () => {
        const { api } = stubFetch(() => lb([102]));
        const status = await new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            servers: droplets,
            clock: new FakeClock(),
        }).health("101");
        assert.strictEqual(status.health, "absent");
    });

    it("refuses a balancer that selects droplets by a tag when the outputs name no in-rotation tag", async () => {
        const { api } = stubFetch(() => lb([], { tag: "prod-web" }));
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            servers: droplets,
            clock: new FakeClock(),
        });
        await assert.rejects(
            balancer.listMembers(),
            /selects droplets by the tag "prod-web".*no in-rotation tag \(loadBalancer\.memberTag\).*could also detach firewall rules/,
        );
    });

    it("reports API errors with the status and DigitalOcean's message", async () => {
        const { api } = stubFetch(() => ({
            status: 403,
            body: { id: "forbidden", message: "You do not have access for the attempted action." },
        }));
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            servers: droplets,
            clock: new FakeClock(),
        });
        await assert.rejects(
            balancer.add("101"),
            /POST \/v2\/load_balancers\/.*\/droplets answered 403: forbidden: You do not have access/,
        );
    });

    it("requires DIGITALOCEAN_TOKEN", () => {
        assert.throws(() => new DigitalOceanApi(""), /DIGITALOCEAN_TOKEN is not set/);
    });
});

describe("DigitalOcean balancer adapter, balancer selecting by the in-rotation tag", () => {
    const MEMBER_TAG = "prod-lb";
    const APP_TAG = "prod-app";
    const TAG_RESOURCES = `/v2/tags/${MEMBER_TAG}/resources`;

    it("takes a droplet out by removing the in-rotation tag from it, after checking the balancer selects by that tag", async () => {
        const listed = [[101, 102], [101, 102], [102]];
        const { api, calls } = stubFetch((method) => {
            if (method === "DELETE") return { status: 204 };
            return lb(listed.length > 1 ? listed.shift()! : listed[0], { tag: MEMBER_TAG });
        });
        const clock = new FakeClock();
        const balancer = new DigitalOceanBalancer({
            api,
            address: "192.0.2.10",
            loadBalancerId: LB_ID,
            memberTag: MEMBER_TAG,
            servers: droplets,
            clock,
            pollIntervalMs: 5000,
            drainGraceMs: 15_000,
        });
        await balancer.removeAndDrain("101", 120_000);
        assert.deepStrictEqual(
            calls.map((c) => `${c.method} ${c.path}`),
            [
                `GET /v2/load_balancers/${LB_ID}`,
                `DELETE ${TAG_RESOURCES}`,
                `GET /v2/load_balancers/${LB_ID}`,
                `GET /v2/load_balancers/${LB_ID}`,
            ],
        );
        assert.deepStrictEqual(calls[1].body, { resources: [{ resource_id: "101", resource_type: "droplet" }] });
        assert.ok(!calls.some((c) => c.path.includes("/droplets")), "the balancer's droplet list is never edited");
        assert.ok(!calls.some((c) => c.path.includes(APP_TAG)), "the app tag the firewalls trust is never touched");
        assert.strictEqual(clock.time, 5_000 + 15_000);
    });

    it("puts a droplet back by tagging it with the in-rotation tag again", async () => {
        const { api, calls } = stubFetch(() => ({ status: 204 }));
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            memberTag: MEMBER_TAG,
            servers: droplets,
            clock: new FakeClock(),
        });
        await balancer.add("102");
        assert.deepStrictEqual(calls, [
            {
                method: "POST",
                path: TAG_RESOURCES,
                body: { resources: [{ resource_id: "102", resource_type: "droplet" }] },
                auth: "Bearer dop_v1_test",
            },
        ]);
    });

    it("reads members and their health the same way as for a balancer listing ids", async () => {
        const clock = new FakeClock();
        clock.time = 1_700_000_000_000;
        const { api } = stubFetch((method, path) =>
            path.startsWith("/v2/monitoring")
                ? metrics({ "101": [[1_699_999_900, "1"]] })
                : lb([101], { tag: MEMBER_TAG }),
        );
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            memberTag: MEMBER_TAG,
            servers: droplets,
            clock,
        });
        assert.strictEqual((await balancer.health("101")).health, "healthy");
        assert.strictEqual((await balancer.health("102")).health, "absent", "an untagged droplet is not a member");
    });

    it("refuses a balancer that selects by the app tag, before untagging anything", async () => {
        const { api, calls } = stubFetch((method) =>
            method === "GET" ? lb([101, 102], { tag: APP_TAG }) : { status: 204 },
        );
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            memberTag: MEMBER_TAG,
            servers: droplets,
            clock: new FakeClock(),
        });
        await assert.rejects(
            balancer.removeAndDrain("101", 60_000),
            /selects droplets by the tag "prod-app", not by the in-rotation tag "prod-lb"/,
        );
        assert.deepStrictEqual(
            calls.map((c) => c.method),
            ["GET"],
            "no tag was removed",
        );
    });

    it("refuses a balancer that lists droplets by id when the outputs name an in-rotation tag", async () => {
        const { api } = stubFetch(() => lb([101, 102]));
        const balancer = new DigitalOceanBalancer({
            api,
            address: "x",
            loadBalancerId: LB_ID,
            memberTag: MEMBER_TAG,
            servers: droplets,
            clock: new FakeClock(),
        });
        await assert.rejects(
            balancer.listMembers(),
            /through the tag "prod-lb", but it lists droplets by id; run `pulumi up`/,
        );
    });

    it("says which API status refused a request", async () => {
        const { api } = stubFetch(() => ({ status: 403, body: { id: "forbidden", message: "no" } }));
        await assert.rejects(
            api.request("POST", TAG_RESOURCES, {}),
            (error: Error & { status?: number }) => error.status === 403,
        );
    });
});

describe("DigitalOcean droplet health from metrics", () => {
    const response = (metric: Record<string, string>, values: Array<[number, string]>): MetricsResponse => ({
        data: { result: [{ metric, values }] },
    });

    it("matches a series by any label that names the droplet (id, name or IP with a port)", () => {
        assert.strictEqual(
            dropletHealthFromMetrics(response({ server: "10.20.0.5:80" }, [[100, "100"]]), droplets[0], undefined)
                .health,
            "healthy",
        );
        assert.strictEqual(
            dropletHealthFromMetrics(response({ host: "prod-web-1" }, [[100, "1"]]), droplets[0], undefined).health,
            "healthy",
        );
        assert.strictEqual(
            dropletHealthFromMetrics(response({ server: "10.20.0.6:80" }, [[100, "1"]]), droplets[0], undefined).health,
            "pending",
        );
    });

    it("judges by the newest sample: 0 is unhealthy even after passing ones", () => {
        const status = dropletHealthFromMetrics(
            response({ droplet_id: "101" }, [
                [300, "0"],
                [100, "1"],
                [200, "1"],
            ]),
            droplets[0],
            undefined,
        );
        assert.strictEqual(status.health, "unhealthy");
    });

    it("says which series it saw when none names the droplet", () => {
        const status = dropletHealthFromMetrics(response({ server: "node-7" }, [[100, "1"]]), droplets[0], undefined);
        assert.match(status.detail ?? "", /no health-check metrics for it yet \(series seen: server=node-7\)/);
    });
});
