// DigitalOcean values the API refuses at create: region slugs, Droplet sizes, a database cluster's
// region, node count, size and version for its engine, an App Platform app's name, a volume's
// size, a DNS record's type and numbers. The tables'
// pure functions first, then the policies on fake resources.
import * as assert from "assert";
import { preflightDatabaseVersions, preflightNames, preflightValues } from "../../../policies/preflight";
import {
    clusterVersionProblem,
    compareVersions,
    databaseRegionProblem,
    nodeCountProblem,
    sizeProblem,
} from "../../../policies/lib/digitalocean/database-options";
import { REGIONS, SPACES_REGIONS, dropletSizeProblem, regionProblem } from "../../../policies/lib/digitalocean/slugs";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const DROPLET = "digitalocean:index/droplet:Droplet";
const LB = "digitalocean:index/loadBalancer:LoadBalancer";
const VPC = "digitalocean:index/vpc:Vpc";
const K8S = "digitalocean:index/kubernetesCluster:KubernetesCluster";
const NODE_POOL = "digitalocean:index/kubernetesNodePool:KubernetesNodePool";
const VOLUME = "digitalocean:index/volume:Volume";
const SPACES = "digitalocean:index/spacesBucket:SpacesBucket";
const SPACES_OBJECT = "digitalocean:index/spacesBucketObject:SpacesBucketObject";
const CLUSTER = "digitalocean:index/databaseCluster:DatabaseCluster";
const APP = "digitalocean:index/app:App";
const RECORD = "digitalocean:index/dnsRecord:DnsRecord";

describe("DigitalOcean's tables (pure functions)", () => {
    describe("database options", () => {
        it("gives each engine the node counts of its layouts", () => {
            assert.match(nodeCountProblem("kafka", 1) ?? "", /not a node count .* Kafka .*use one of 3, 6, 9, 15/);
            assert.match(nodeCountProblem("mongodb", 2) ?? "", /MongoDB .*use one of 1, 3/);
            assert.match(nodeCountProblem("valkey", 4) ?? "", /Valkey .*use one of 1, 2, 3/);
            assert.strictEqual(nodeCountProblem("kafka", 6), undefined);
            assert.strictEqual(nodeCountProblem("mongodb", 3), undefined);
            assert.strictEqual(nodeCountProblem("pg", 2), undefined);
        });
        it("offers the smallest SQL and cache sizes for one node only, and no size no layout lists", () => {
            assert.match(sizeProblem("pg", "db-s-1vcpu-1gb", 2) ?? "", /with 1 node only, not 2.*db-s-1vcpu-2gb/);
            assert.match(sizeProblem("valkey", "db-s-1vcpu-1gb", 3) ?? "", /with 1 node only, not 3/);
            assert.match(sizeProblem("pg", "db-s-1vcpu-3gb", 1) ?? "", /"db-s-1vcpu-3gb" is not a size .* PostgreSQL/);
            assert.match(sizeProblem("kafka", "db-s-1vcpu-2gb", 3) ?? "", /not a size .* Kafka/);
            assert.strictEqual(sizeProblem("pg", "db-s-1vcpu-1gb", 1), undefined);
            assert.strictEqual(sizeProblem("pg", "db-s-1vcpu-2gb", 2), undefined);
            assert.strictEqual(sizeProblem("mongodb", "db-s-1vcpu-1gb", 3), undefined);
            assert.strictEqual(sizeProblem("kafka", "db-s-2vcpu-2gb", 3), undefined);
        });
        it("judges a size without a node count against every layout, and without an engine against every engine", () => {
            assert.strictEqual(sizeProblem("pg", "db-s-1vcpu-1gb"), undefined);
            assert.match(sizeProblem("pg", "m-2vcpu-16gb") ?? "", /not a size .* PostgreSQL/);
            assert.strictEqual(sizeProblem(undefined, "m3-2vcpu-16gb"), undefined);
            assert.match(sizeProblem(undefined, "db-s-1vcpu-3gb") ?? "", /no DigitalOcean database size/);
        });
        it("offers Valkey in every database region but nyc2", () => {
            assert.match(databaseRegionProblem("valkey", "nyc2") ?? "", /not a region .* Valkey/);
            assert.strictEqual(databaseRegionProblem("pg", "nyc2"), undefined);
            assert.strictEqual(databaseRegionProblem("valkey", "FRA1"), undefined);
            assert.match(databaseRegionProblem(undefined, "sfo1") ?? "", /managed databases/);
        });
        it("refuses versions the table does not list while it lists one offered, and retired ones", () => {
            const on = "2026-12-03";
            assert.match(clusterVersionProblem("valkey", "7.2", on) ?? "", /"7.2" is not a Valkey version.*use 8/);
            assert.match(clusterVersionProblem("valkey", "99", on) ?? "", /"99"/);
            assert.match(clusterVersionProblem("mongodb", "4.4", on) ?? "", /use one of 6.0, 7.0/);
            assert.match(clusterVersionProblem("opensearch", "3", on) ?? "", /use one of 1, 2/);
            assert.match(
                clusterVersionProblem("kafka", "3.8", on) ?? "",
                /stopped creating Kafka 3.8 clusters on 2025-06-03/,
            );
            assert.strictEqual(clusterVersionProblem("kafka", "3.8", "2025-06-02"), undefined);
            assert.strictEqual(clusterVersionProblem("valkey", "8", on), undefined);
            assert.strictEqual(clusterVersionProblem("mongodb", "7", on), undefined);
            assert.strictEqual(clusterVersionProblem("mongodb", "7.0", on), undefined);
        });
        it("when every listed version is retired, refuses only older ones: a newer one cannot be judged", () => {
            const on = "2026-12-03";
            assert.match(
                clusterVersionProblem("kafka", "2.8", on) ?? "",
                /"2.8" is older than Kafka 3.8.*needs updating/,
            );
            assert.strictEqual(clusterVersionProblem("kafka", "3.9", on), undefined);
            assert.strictEqual(clusterVersionProblem("kafka", "4.1", on), undefined);
            // While 3.8 was offered, 3.9 was not.
            assert.match(clusterVersionProblem("kafka", "3.9", "2025-05-01") ?? "", /not a Kafka version.*use 3.8/);
        });
        it("compares versions part by part", () => {
            assert.ok(compareVersions("3.10", "3.9") > 0);
            assert.ok(compareVersions("2.8", "3.8") < 0);
            assert.strictEqual(compareVersions("7", "7.0"), 0);
        });
    });

    describe("regions and Droplet sizes", () => {
        it("knows the regions, and Spaces in fewer of them", () => {
            assert.match(
                regionProblem("fra2", REGIONS) ?? "",
                /"fra2" is not a DigitalOcean region; use one of .*fra1/,
            );
            assert.strictEqual(regionProblem("atl1", REGIONS), undefined);
            assert.strictEqual(regionProblem("NYC3", REGIONS), undefined);
            assert.match(regionProblem("nyc1", SPACES_REGIONS, "with Spaces") ?? "", /with Spaces; use one of/);
            assert.strictEqual(regionProblem("nyc3", SPACES_REGIONS, "with Spaces"), undefined);
        });
        it("refuses another cloud's instance types and other products' sizes", () => {
            for (const size of ["t3.micro", "e2-medium", "Standard_B1s", "g6-standard-2", "s-1vcpu", "S-1VCPU-1GB"])
                assert.match(dropletSizeProblem(size) ?? "", /not a DigitalOcean Droplet size slug/, size);
            assert.match(dropletSizeProblem("db-s-1vcpu-1gb") ?? "", /a database size/);
            assert.match(dropletSizeProblem("apps-s-1vcpu-1gb") ?? "", /an App Platform size/);
        });
        it("takes every DigitalOcean size shape, legacy sizes and odd memory ratios included", () => {
            for (const size of [
                "s-1vcpu-1gb",
                "s-1vcpu-3gb",
                "s-1vcpu-512mb-10gb",
                "s-2vcpu-4gb-amd",
                "s-1vcpu-1gb-35gb-intel",
                "c-2",
                "c-96-intel",
                "c2-2vcpu-4gb",
                "g-2vcpu-8gb",
                "gd-48vcpu-192gb-intel",
                "m3-2vcpu-16gb",
                "so1_5-48vcpu-256gb",
                "gpu-h100x1-80gb",
                "gpu-h100x8-640gb-200",
                "512mb",
                "64gb",
            ])
                assert.strictEqual(dropletSizeProblem(size), undefined, size);
        });
    });
});

describe("preflight: DigitalOcean values", () => {
    describe("regions", () => {
        it("refuses a region slug DigitalOcean does not have, on every regional resource", async () => {
            for (const type of [DROPLET, LB, VPC, K8S, VOLUME])
                assertViolation(await check(preflightValues, type, { region: "fra2" }), 'region "fra2"', "fra1");
        });
        it("accepts DigitalOcean's regions, and a region unknown during preview", async () => {
            for (const type of [DROPLET, LB, VPC, K8S, VOLUME]) {
                assertNone(await check(preflightValues, type, { region: "ric1" }));
                assertNone(await check(preflightValues, type, { region: UNKNOWN_STRING }));
            }
        });
        it("refuses a Spaces region without Spaces, accepts one with", async () => {
            assertViolation(await check(preflightValues, SPACES, { region: "xyz1" }), 'region "xyz1"', "with Spaces");
            assertViolation(await check(preflightValues, SPACES_OBJECT, { region: "nyc1" }), 'region "nyc1"', "nyc3");
            assertNone(await check(preflightValues, SPACES, { region: "ams3" }));
            assertNone(await check(preflightValues, SPACES, { region: UNKNOWN_STRING }));
        });
    });

    describe("Droplet sizes", () => {
        it("refuses another cloud's instance type on a Droplet and on Kubernetes nodes", async () => {
            assertViolation(
                await check(preflightValues, DROPLET, { size: "t3.micro" }),
                'size "t3.micro"',
                "s-1vcpu-1gb",
            );
            assertViolation(await check(preflightValues, NODE_POOL, { size: "db-s-1vcpu-2gb" }), "a database size");
            assertViolation(
                await check(preflightValues, K8S, {
                    region: "fra1",
                    nodePool: { name: "pool", size: "n1-standard-1" },
                }),
                'nodePool.size "n1-standard-1"',
            );
        });
        it("accepts DigitalOcean sizes, and sizes unknown during preview", async () => {
            assertNone(await check(preflightValues, DROPLET, { size: "s-1vcpu-2gb", region: "ams3" }));
            assertNone(await check(preflightValues, K8S, { nodePool: { name: "pool", size: "g-2vcpu-8gb" } }));
            assertNone(await check(preflightValues, K8S, { nodePool: UNKNOWN_STRING }));
            assertNone(await check(preflightValues, DROPLET, { size: UNKNOWN_STRING }));
        });
    });

    describe("database clusters", () => {
        const pg = { engine: "pg", version: "16", region: "fra1", size: "db-s-1vcpu-2gb", nodeCount: 2 };
        it("refuses a node count the engine has no layout for", async () => {
            assertViolation(
                await check(preflightValues, CLUSTER, { engine: "kafka", size: "gd-2vcpu-8gb", nodeCount: 1 }),
                "nodeCount 1",
                "Kafka",
                "3, 6, 9, 15",
            );
            assertViolation(await check(preflightValues, CLUSTER, { ...pg, engine: "mongodb" }), "nodeCount 2", "1, 3");
        });
        it("refuses the smallest size with a standby node, and a size that exists for no layout", async () => {
            assertViolation(
                await check(preflightValues, CLUSTER, { ...pg, size: "db-s-1vcpu-1gb" }),
                'size "db-s-1vcpu-1gb" is offered for PostgreSQL with 1 node only, not 2',
                "db-s-1vcpu-2gb",
            );
            assertViolation(
                await check(preflightValues, CLUSTER, { ...pg, size: "db-s-1vcpu-3gb" }),
                '"db-s-1vcpu-3gb"',
            );
        });
        it("refuses a region the engine is not offered in", async () => {
            assertViolation(
                await check(preflightValues, CLUSTER, { ...pg, engine: "valkey", version: "8", region: "nyc2" }),
                'region "nyc2"',
                "Valkey",
            );
        });
        it("accepts what the engine offers, and judges what it can when the engine or node count is unknown", async () => {
            assertNone(await check(preflightValues, CLUSTER, pg));
            assertNone(await check(preflightValues, CLUSTER, { ...pg, region: "nyc2" }));
            assertNone(await check(preflightValues, CLUSTER, { ...pg, size: "db-s-1vcpu-1gb", nodeCount: 1 }));
            assertNone(
                await check(preflightValues, CLUSTER, { ...pg, size: "db-s-1vcpu-1gb", nodeCount: UNKNOWN_NUMBER }),
            );
            assertNone(await check(preflightValues, CLUSTER, { ...pg, engine: UNKNOWN_STRING, nodeCount: 4 }));
            assertViolation(
                await check(preflightValues, CLUSTER, { ...pg, engine: UNKNOWN_STRING, size: "db-s-1vcpu-3gb" }),
                "no DigitalOcean database size",
            );
        });
    });

    describe("database cluster versions", () => {
        it("refuses Valkey, MongoDB, OpenSearch and Kafka versions DigitalOcean does not create", async () => {
            assertViolation(
                await check(preflightDatabaseVersions, CLUSTER, { engine: "valkey", version: "7.2" }),
                'version "7.2"',
                "use 8",
            );
            assertViolation(
                await check(preflightDatabaseVersions, CLUSTER, { engine: "mongodb", version: "4.4" }),
                "6.0, 7.0",
            );
            assertViolation(
                await check(preflightDatabaseVersions, CLUSTER, { engine: "opensearch", version: "3" }),
                '"3"',
            );
            assertViolation(
                await check(preflightDatabaseVersions, CLUSTER, { engine: "kafka", version: "2.8" }),
                "older than Kafka 3.8",
            );
        });
        it("accepts the versions it creates, and a version unknown during preview", async () => {
            assertNone(await check(preflightDatabaseVersions, CLUSTER, { engine: "valkey", version: "8" }));
            assertNone(await check(preflightDatabaseVersions, CLUSTER, { engine: "mongodb", version: "7" }));
            assertNone(await check(preflightDatabaseVersions, CLUSTER, { engine: "opensearch", version: "2" }));
            assertNone(await check(preflightDatabaseVersions, CLUSTER, { engine: "valkey", version: UNKNOWN_STRING }));
        });
    });

    describe("volume sizes", () => {
        it("refuses a volume under 1 GiB or over 16 TiB", async () => {
            assertViolation(
                await check(preflightValues, VOLUME, { region: "fra1", size: 16385 }),
                'volume "subject": size 16385 is above 16384, the most a DigitalOcean volume holds',
                "Source: terraform-provider-digitalocean digitalocean_volume size",
                "16TiB",
            );
            assertViolation(await check(preflightValues, VOLUME, { region: "fra1", size: 0 }), "size 0 is below 1");
        });
        it("accepts 1 GiB to 16 TiB, and a size unknown during preview", async () => {
            assertNone(await check(preflightValues, VOLUME, { region: "fra1", size: 16384 }));
            assertNone(await check(preflightValues, VOLUME, { region: "fra1", size: 1 }));
            assertNone(await check(preflightValues, VOLUME, { region: "fra1", size: UNKNOWN_NUMBER }));
        });
    });

    describe("DNS records", () => {
        const record = (props: Record<string, unknown>) =>
            check(preflightValues, RECORD, { domain: "example.com", name: "www", value: "192.0.2.1", ...props });
        it("refuses a record type the provider does not take, and a lowercase one", async () => {
            assertViolation(
                await record({ type: "PTR" }),
                'DNS record "subject": type "PTR" is not one of A, AAAA, CAA, CNAME, MX, NS, TXT, SRV, SOA',
                "Source: terraform-provider-digitalocean digitalocean_record",
            );
            assertViolation(await record({ type: "cname" }), '"cname"');
        });
        it("refuses a TTL below 1, numbers outside 0 to 65535 and CAA flags or tags out of range", async () => {
            assertViolation(await record({ type: "A", ttl: 0 }), "ttl 0 is below 1");
            assertViolation(
                await record({ type: "SRV", port: 70000, priority: 1, weight: 1 }),
                "port 70000 is above 65535",
            );
            assertViolation(await record({ type: "MX", priority: -1 }), "priority -1 is below 0");
            assertViolation(await record({ type: "SRV", port: 1, priority: 1, weight: 65536 }), "weight 65536");
            assertViolation(await record({ type: "CAA", flags: 256, tag: "issue" }), "flags 256 is above 255");
            assertViolation(await record({ type: "CAA", flags: 0, tag: "Issue" }), 'tag "Issue" is not one of issue');
        });
        it("accepts the provider's types and ranges, and values unknown during preview", async () => {
            assertNone(await record({ type: "A", ttl: 30 }));
            assertNone(await record({ type: "A", ttl: 1 }));
            assertNone(await record({ type: "SRV", port: 65535, priority: 0, weight: 0 }));
            assertNone(await record({ type: "CAA", flags: 128, tag: "iodef" }));
            assertNone(await record({ type: UNKNOWN_STRING, ttl: UNKNOWN_NUMBER }));
        });
    });

    describe("App Platform app names", () => {
        const spec = (name: unknown) => ({ spec: { name, region: "fra" } });
        it("refuses a name over 32 characters or outside ^[a-z][a-z0-9-]{0,30}[a-z0-9]$", async () => {
            assertViolation(
                await check(preflightNames, APP, spec("webtier-production-application-frontend")),
                "App Platform app name",
                "39 characters long, over the limit of 32",
                "Set spec.name",
            );
            assertViolation(
                await check(preflightNames, APP, spec("Web_Tier")),
                '"Web_Tier" may only contain lowercase',
            );
            assertViolation(await check(preflightNames, APP, spec("a")), "under the minimum of 2");
        });
        it("accepts a valid name, and a name or spec unknown during preview", async () => {
            assertNone(await check(preflightNames, APP, spec("web-app-01")));
            assertNone(await check(preflightNames, APP, spec(UNKNOWN_STRING)));
            assertNone(await check(preflightNames, APP, { spec: UNKNOWN_STRING }));
        });
    });
});
