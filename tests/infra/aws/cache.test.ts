import { strict as assert } from "assert";
import { build, named, ofType, owner, T } from "./fixture";
import { resolveDeep } from "../../../tools/harness/evaluate";

describe("AWS cache (registered resources)", function () {
    this.timeout(120000);

    it("encrypts in transit and at rest and requires an AUTH token", async () => {
        const built = await build("prod");
        const cache = named(built, "prod-cache");
        assert.equal(cache.inputs.transitEncryptionEnabled, true);
        assert.equal(cache.inputs.atRestEncryptionEnabled, true);
        assert.equal(cache.propertyDependencies.authToken?.[0], named(built, "prod-cache-auth").urn);
        assert.ok(named(built, "prod-cache-auth").inputs.length >= 32);
    });

    it("lives in the private subnets behind the cache security group only", async () => {
        const built = await build("prod");
        const cache = named(built, "prod-cache");
        assert.deepEqual(
            cache.inputs.securityGroupIds.map((id: string) => owner(built, id)?.name),
            ["prod-cache-sg"],
        );
        const subnetGroup = ofType(built, T.cacheSubnetGroup)[0];
        assert.ok(subnetGroup.state.name, "the subnet group has no name");
        assert.equal(cache.inputs.subnetGroupName, subnetGroup.state.name);
        for (const id of subnetGroup.inputs.subnetIds)
            assert.equal(owner(built, id)?.inputs.tags["webtier:tier"], "private");
    });

    it("has a replica with automatic failover across zones in prod", async () => {
        const cache = named(await build("prod"), "prod-cache");
        assert.equal(cache.inputs.numCacheClusters, 2);
        assert.equal(cache.inputs.automaticFailoverEnabled, true);
        assert.equal(cache.inputs.multiAzEnabled, true);
    });

    it("is a single node in dev", async () => {
        const cache = named(await build("dev"), "dev-cache");
        assert.equal(cache.inputs.numCacheClusters, 1);
        assert.equal(cache.inputs.automaticFailoverEnabled, false);
    });

    it("keeps cluster mode off so Laravel can use several logical databases", async () => {
        const cache = named(await build("prod"), "prod-cache");
        assert.equal(cache.inputs.clusterMode, "disabled");
        assert.equal(cache.inputs.numNodeGroups, undefined);
    });

    it("keeps snapshots", async () => {
        assert.ok(named(await build("prod"), "prod-cache").inputs.snapshotRetentionLimit >= 1);
    });

    it("hands the servers a TLS endpoint with the default user and a secret token", async () => {
        const { tier } = await build("prod");
        const endpoint = tier.endpoints.cache;
        assert.equal(endpoint.tls, true);
        assert.equal((await resolveDeep(endpoint.user)).value, "default");
        assert.equal((await resolveDeep(endpoint.port)).value, 6379);
        assert.equal((await resolveDeep(endpoint.password)).secret, true);
    });
});
