/** The DigitalOcean platform as a whole: provider, component structure, outputs, variants and escape hatches. */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseConfig } from "../../../infra/config/parse";
import { createDigitalOceanPlatform } from "../../../infra/digitalocean";
import {
    Built,
    DEV_CONFIG,
    PROD_CONFIG,
    T,
    build,
    clusters,
    devTier,
    ofType,
    only,
    prodTier,
    uploadsBucket,
} from "./fixture";

/** Which component type each DigitalOcean resource type belongs to. */
const OWNER: Record<string, string> = {
    [T.vpc]: "webtier:digitalocean:Network",
    [T.databaseDb]: "webtier:digitalocean:Database",
    [T.databaseUser]: "webtier:digitalocean:Database",
    [T.bucket]: "webtier:digitalocean:Storage",
    [T.bucketLogging]: "webtier:digitalocean:AccessLogs",
    [T.cors]: "webtier:digitalocean:Storage",
    [T.cdn]: "webtier:digitalocean:Storage",
    [T.spacesKey]: "webtier:digitalocean:Storage",
    [T.tag]: "webtier:digitalocean:Servers",
    [T.sshKey]: "webtier:digitalocean:Servers",
    [T.droplet]: "webtier:digitalocean:Servers",
    [T.loadBalancer]: "webtier:digitalocean:LoadBalancer",
    [T.certificate]: "webtier:digitalocean:LoadBalancer",
    [T.dnsRecord]: "webtier:digitalocean:LoadBalancer",
    [T.firewall]: "webtier:digitalocean:NetworkRules",
    [T.databaseFirewall]: "webtier:digitalocean:NetworkRules",
};

describe("digitalocean: platform", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("builds every DigitalOcean resource through the one explicit provider", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const provider = only(ev, T.provider);
            const reference = `${provider.urn}::${provider.id}`;
            const cloudResources = ev.resources.filter((r) => r.type.startsWith("digitalocean:"));
            assert.ok(cloudResources.length > 10);
            for (const resource of cloudResources)
                assert.strictEqual(resource.provider, reference, `${resource.type} ${resource.name}`);
        }
    });

    it("keeps credentials out of the provider's inputs and every other resource's", () => {
        // The fixture sets stand-in credentials in the environment for the run.
        const provider = only(prod.evaluation, T.provider);
        for (const key of ["token", "spacesAccessId", "spacesSecretKey"])
            assert.strictEqual(provider.inputs[key], undefined, key);
        for (const resource of prod.evaluation.resources) {
            assert.ok(
                !JSON.stringify(resource.inputs).includes("test-stand-in"),
                `${resource.name} carries no credential`,
            );
        }
    });

    it("groups the resources in one component per concern under the tier", () => {
        const ev = prod.evaluation;
        const byUrn = new Map(ev.resources.map((r) => [r.urn, r]));
        const tier = only(ev, "webtier:index:WebTier");
        const components = ev.resources.filter((r) => r.type.startsWith("webtier:digitalocean:"));
        assert.deepStrictEqual(components.map((c) => c.type.split(":").pop()).sort(), [
            "AccessLogs",
            "Alerts",
            "Cache",
            "Database",
            "LoadBalancer",
            "Network",
            "NetworkRules",
            "Queue",
            "Servers",
            "Storage",
        ]);
        for (const component of components) assert.strictEqual(component.parent, tier.urn);
        for (const resource of ev.resources.filter((r) => OWNER[r.type])) {
            // The balancer owns its in-rotation tag; the servers own the app tag; the access logs their bucket.
            const owner =
                resource.type === T.tag && resource.name.endsWith("-lb")
                    ? "webtier:digitalocean:LoadBalancer"
                    : resource.type === T.bucket && resource.name.endsWith("-access-logs")
                      ? "webtier:digitalocean:AccessLogs"
                      : OWNER[resource.type];
            assert.strictEqual(byUrn.get(resource.parent!)?.type, owner, `${resource.type} ${resource.name}`);
        }
        const { database, cache } = clusters(ev);
        assert.strictEqual(byUrn.get(database.parent!)?.type, "webtier:digitalocean:Database");
        assert.strictEqual(byUrn.get(cache.parent!)?.type, "webtier:digitalocean:Cache");
    });

    it("derives every child's name from the tier's name", () => {
        for (const resource of prod.evaluation.resources.filter(
            (r) => r.type.startsWith("digitalocean:") || r.type === T.provider,
        )) {
            assert.ok(resource.name.startsWith("do-prod-"), `${resource.type} ${resource.name}`);
        }
    });

    it("marks passwords, keys and the rendered environment secret in the outputs", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            for (const key of [
                "database",
                "cache",
                "laravelEnv",
                "probeDatabasePassword",
                "probeCachePassword",
                "probeSpacesSecretKey",
            ]) {
                assert.ok(ev.secretOutputs.includes(key), `${key} is secret`);
            }
            for (const key of ["loadBalancer", "servers", "storage", "queue"])
                assert.ok(!ev.secretOutputs.includes(key), `${key} is not secret`);
        }
    });

    it("reports the cloud, region and the shared Valkey queue in the outputs", () => {
        const outputs = prod.evaluation.outputs;
        assert.deepStrictEqual(
            [outputs.cloud, outputs.region, outputs.queue.driver],
            ["digitalocean", "ams3", "redis"],
        );
        assert.strictEqual(outputs.probeAppUrl, "https://app.example.com");
        assert.strictEqual(dev.evaluation.outputs.probeAppUrl, "http://localhost");
    });

    it("evaluates as a preview, when no computed value is known", async () => {
        const preview = await build(PROD_CONFIG, "do-prod", { preview: true });
        const types = (b: Built) => b.evaluation.resources.map((r) => `${r.type} ${r.name}`).sort();
        assert.deepStrictEqual(types(preview), types(prod));
    });

    it("runs Postgres as DigitalOcean's pg, without the MySQL auth plugin", async () => {
        const postgres = await build({ ...DEV_CONFIG, database: JSON.stringify({ engine: "postgres" }) }, "do-pg");
        const database = clusters(postgres.evaluation).database;
        assert.deepStrictEqual([database.inputs.engine, database.inputs.version], ["pg", "17"]);
        assert.strictEqual(only(postgres.evaluation, T.databaseUser).inputs.mysqlAuthPlugin, undefined);
        assert.strictEqual(postgres.evaluation.outputs.database.engine, "postgres");
    });

    it("lifts protection in dev only when protectData is false", async () => {
        const open = await build({ ...DEV_CONFIG, protectData: "false" }, "do-scratch");
        assert.strictEqual(clusters(open.evaluation).database.protect, false);
        assert.strictEqual(only(open.evaluation, T.databaseDb).protect, false);
        assert.strictEqual(uploadsBucket(open.evaluation).protect, false);
    });

    it("keeps the prod database protected while deletion protection is on, even without protectData", async () => {
        const prodOpen = await build({ ...PROD_CONFIG, protectData: "false" }, "do-prod");
        assert.strictEqual(clusters(prodOpen.evaluation).database.protect, true);
        assert.strictEqual(uploadsBucket(prodOpen.evaluation).protect, false);
    });

    it("lets transforms adjust a child's args without forking a component", async () => {
        const platform = createDigitalOceanPlatform({
            transform: {
                servers: {
                    droplet: (args, _opts, name) => ({
                        ...args,
                        size: name === "do-prod-app-1" ? "s-4vcpu-8gb" : args.size,
                    }),
                },
                loadBalancer: {
                    loadBalancer: (args) => {
                        args.sizeUnit = 2;
                    },
                },
                database: { cluster: { storageSizeMib: "30720" } },
            },
        });
        const custom = await build(PROD_CONFIG, "do-prod", { platform });
        assert.deepStrictEqual(
            ofType(custom.evaluation, T.droplet).map((d) => d.inputs.size),
            ["s-4vcpu-8gb", "s-2vcpu-4gb", "s-2vcpu-4gb"],
        );
        assert.strictEqual(only(custom.evaluation, T.loadBalancer).inputs.sizeUnit, 2);
        assert.strictEqual(clusters(custom.evaluation).database.inputs.storageSizeMib, "30720");
        assert.strictEqual(
            only(prod.evaluation, T.loadBalancer).inputs.sizeUnit,
            undefined,
            "the default platform is untouched",
        );
    });

    it("refuses a stack whose cloud is not DigitalOcean", () => {
        const config = parseConfig(
            { cloud: "aws", region: "eu-west-1", environment: "dev", appKey: DEV_CONFIG.appKey },
            "aws-dev",
        );
        const parent = {} as pulumi.ComponentResource;
        assert.throws(
            () => createDigitalOceanPlatform().build("aws-dev", { config, userData: () => pulumi.output("") }, parent),
            /DigitalOcean platform.*"aws"/,
        );
    });
});
