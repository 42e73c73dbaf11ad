import { strict as assert } from "assert";
import { build, ofType, T } from "./fixture";
import { resolveDeep } from "../../../tools/harness/evaluate";

describe("AWS platform (registered resources)", function () {
    this.timeout(120000);

    it("creates every AWS resource through one explicit provider for the configured region", async () => {
        const built = await build("prod");
        const providers = ofType(built, T.provider);
        assert.equal(providers.length, 1);
        assert.equal(providers[0].inputs.region, "eu-west-1");
        const providerRef = `${providers[0].urn}::${providers[0].id}`;
        const awsResources = built.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
        assert.ok(awsResources.length > 50);
        for (const resource of awsResources)
            assert.equal(resource.provider, providerRef, `${resource.name} uses another provider`);
    });

    it("tags everything with the stack, the environment and the tool through default tags", async () => {
        const [provider] = ofType(await build("prod"), T.provider);
        const defaultTags =
            typeof provider.inputs.defaultTags === "string"
                ? JSON.parse(provider.inputs.defaultTags)
                : provider.inputs.defaultTags;
        assert.deepEqual(defaultTags.tags, {
            "webtier:stack": "prod",
            "webtier:environment": "prod",
            "managed-by": "pulumi",
        });
    });

    it("groups resources under one component per concern", async () => {
        const built = await build("prod");
        const components = built.resources
            .filter((r) => r.type.startsWith("webtier:aws:"))
            .map((r) => r.type)
            .sort();
        assert.deepEqual(components, [
            "webtier:aws:AccessLogs",
            "webtier:aws:Alerts",
            "webtier:aws:Cache",
            "webtier:aws:CloudWatchAgentSetup",
            "webtier:aws:Database",
            "webtier:aws:LoadBalancer",
            "webtier:aws:Network",
            "webtier:aws:NetworkRules",
            "webtier:aws:Queue",
            "webtier:aws:ServerSecrets",
            "webtier:aws:Servers",
            "webtier:aws:Storage",
        ]);
        const tier = built.resources.find((r) => r.type === "webtier:index:WebTier")!;
        for (const component of built.resources.filter((r) => r.type.startsWith("webtier:aws:")))
            assert.equal(component.parent, tier.urn);
    });

    it("names every resource after the stack", async () => {
        for (const stack of ["dev", "prod"] as const) {
            for (const resource of (await build(stack)).resources.filter((r) => r.custom)) {
                assert.ok(resource.name.startsWith(`${stack}-`), `${resource.name} is not prefixed with ${stack}-`);
            }
        }
    });

    it("fills every part of the outputs contract", async () => {
        const { evaluation } = await build("prod");
        const out = evaluation.outputs;
        assert.equal(out.cloud, "aws");
        assert.equal(out.loadBalancer.url, "https://app.example.com");
        assert.equal(out.loadBalancer.https, true);
        assert.match(out.loadBalancer.address, /elb\.amazonaws\.com$/);
        assert.match(out.loadBalancer.id, /^arn:aws:/);
        assert.match(out.loadBalancer.targetGroupArn, /^arn:aws:/);
        assert.equal(out.servers.length, 3);
        for (const server of out.servers) {
            assert.match(server.id, /^i-/);
            assert.ok(server.privateIp && server.zone, server.name);
            assert.equal(server.publicIp, undefined);
        }
        assert.match(out.database.host, /rds\.amazonaws\.com$/);
        assert.equal(out.database.port, 5432);
        assert.equal(out.database.requireTls, true);
        assert.match(out.cache.host, /cache\.amazonaws\.com$/);
        assert.equal(out.cache.tls, true);
        assert.ok(out.storage.bucket.startsWith("prod-uploads"));
        assert.equal(out.storage.region, "eu-west-1");
        assert.equal(out.storage.endpoint, "https://s3.eu-west-1.amazonaws.com");
        assert.match(out.storage.cdnDomain, /cloudfront\.net$/);
        assert.equal((await build("dev")).evaluation.outputs.storage.cdnDomain, undefined);
    });

    it("keeps passwords secret in the outputs and in the neutral endpoints", async () => {
        const { evaluation, tier } = await build("prod");
        for (const key of ["database", "cache", "laravelEnv"])
            assert.ok(evaluation.secretOutputs.includes(key), `${key} is not secret`);
        assert.ok(!evaluation.secretOutputs.includes("loadBalancer"));
        assert.equal((await resolveDeep(tier.endpoints.database.password)).secret, true);
        assert.equal((await resolveDeep(tier.endpoints.cache.password)).secret, true);
    });
});
