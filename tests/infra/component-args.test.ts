/**
 * The components' narrow args, on their own: a component is built from its documented args, with
 * no stack config, and registers what they say. Args that come from config are required (their
 * defaults live in parseConfig's DEFAULTS alone), which the `// @ts-expect-error` lines hold.
 */
import * as assert from "assert";
import { evaluate, Evaluation, RegisteredResource } from "../../tools/harness/evaluate";
import * as awsTier from "../../infra/aws";
import * as doTier from "../../infra/digitalocean";
import { databaseSize } from "../../infra/sizing";

function only(ev: Evaluation, type: string): RegisteredResource {
    const found = ev.resources.filter((r) => r.type === type);
    assert.strictEqual(found.length, 1, `one ${type}, found ${found.length}`);
    return found[0];
}

describe("components built on their own from narrow args", () => {
    it("AWS: the database registers the engine, size, availability, backups and protection it is given", async () => {
        const ev = await evaluate({
            stack: "solo",
            program: () => {
                new awsTier.Database("solo", {
                    engine: "postgres",
                    version: "16",
                    extendedSupport: false,
                    size: "medium",
                    storageGb: 50,
                    highAvailability: true,
                    deletionProtection: true,
                    backupRetentionDays: 10,
                    protect: false,
                    subnetIds: ["subnet-a", "subnet-b"],
                    securityGroupId: "sg-db",
                });
            },
        });
        const instance = only(ev, "aws:rds/instance:Instance");
        assert.strictEqual(instance.name, "solo-db");
        assert.deepStrictEqual(
            [
                instance.inputs.engine,
                instance.inputs.engineVersion,
                instance.inputs.instanceClass,
                instance.inputs.allocatedStorage,
                instance.inputs.multiAz,
                instance.inputs.backupRetentionPeriod,
                instance.inputs.deletionProtection,
                instance.protect,
            ],
            ["postgres", "16", databaseSize("aws", "medium"), 50, true, 10, true, false],
        );
        assert.deepStrictEqual(instance.inputs.vpcSecurityGroupIds, ["sg-db"]);
    });

    it("AWS: the queue creates SQS queues only for the sqs driver", async () => {
        const ev = await evaluate({
            stack: "solo",
            program: () => {
                new awsTier.Queue("solo", { driver: "sqs" });
                new awsTier.Queue("shared", { driver: "redis" });
            },
        });
        const queues = ev.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name);
        assert.deepStrictEqual(queues.sort(), ["solo-jobs", "solo-jobs-dlq"]);
    });

    it("DigitalOcean: the database cluster gets a standby and the version it is given", async () => {
        const ev = await evaluate({
            stack: "solo",
            program: () => {
                new doTier.Database("solo", {
                    region: "ams3",
                    vpcId: "vpc-1",
                    engine: "postgres",
                    version: "16",
                    size: "small",
                    highAvailability: true,
                    protect: false,
                });
            },
        });
        const cluster = only(ev, "digitalocean:index/databaseCluster:DatabaseCluster");
        assert.deepStrictEqual(
            [cluster.inputs.engine, cluster.inputs.version, cluster.inputs.nodeCount, cluster.protect],
            ["pg", "16", 2, false],
        );
    });

    it("DigitalOcean: the queue refuses a driver DigitalOcean lacks before registering anything", async () => {
        let refused: unknown;
        const ev = await evaluate({
            stack: "solo",
            program: () => {
                try {
                    new doTier.Queue("solo", { driver: "sqs" });
                } catch (error) {
                    refused = error;
                }
                new doTier.Queue("shared", { driver: "redis" });
            },
        });
        assert.match(String(refused), /queue\.driver "sqs".*DigitalOcean/);
        assert.deepStrictEqual(
            ev.resources.filter((r) => r.type === "webtier:digitalocean:Queue").map((r) => r.name),
            ["shared"],
        );
    });

    it("refuses impossible counts (NAT gateways, servers) before registering anything", async () => {
        const refusals: string[] = [];
        const attempt = (build: () => unknown) => {
            try {
                build();
            } catch (error) {
                refusals.push(String(error));
            }
        };
        const ev = await evaluate({
            stack: "solo",
            program: () => {
                attempt(
                    () =>
                        new awsTier.Network("solo", {
                            region: "eu-west-1",
                            ipRange: "10.20.0.0/16",
                            zones: 2,
                            natGateways: 3,
                        }),
                );
                attempt(
                    () =>
                        new doTier.Servers("solo", {
                            region: "ams3",
                            vpcId: "vpc-1",
                            count: 0,
                            size: "small",
                            memberTag: "solo-lb",
                            userData: () => "",
                        }),
                );
            },
        });
        assert.strictEqual(refusals.length, 2);
        assert.match(refusals[0], /natGateways must be a whole number from 1 to zones \(2\), got 3/);
        assert.match(refusals[1], /servers\.count must be a whole number of at least 1, got 0/);
        assert.deepStrictEqual(
            ev.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn),
            [],
        );
    });

    it("requires, at compile time, every arg whose default is parseConfig's", () => {
        // Never called: the constructions are there for the type checker.
        const missing = () => [
            // @ts-expect-error -- engine, version, size, highAvailability... come from config: no component default
            new awsTier.Database("x", { subnetIds: [], securityGroupId: "sg" }),
            // @ts-expect-error -- count and size come from webtier:servers: no component default
            new doTier.Servers("x", { region: "ams3", vpcId: "v", memberTag: "t", userData: () => "" }),
            // @ts-expect-error -- healthCheckPath and tlsPolicy come from config
            new awsTier.LoadBalancer("x", { vpcId: "v", subnetIds: [], securityGroupId: "sg" }),
            // @ts-expect-error -- protect, corsOrigins and cdn come from config
            new doTier.Storage("x", { region: "ams3" }),
        ];
        assert.strictEqual(typeof missing, "function");
    });
});
