/**
 * The two platforms read alike: the same factory shape, the same components under the same names,
 * each refusing a stack of the other cloud before registering anything, and `createPlatform`
 * picking the configured cloud's.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../tools/harness/evaluate";
import { DEFAULTS, parseConfig, RawConfig } from "../../infra/config/parse";
import { Cloud } from "../../infra/config/types";
import { CloudPlatform } from "../../infra/components";
import { WebTier } from "../../infra/webtier";
import { AwsWebTier, createAwsPlatform } from "../../infra/aws";
import { createDigitalOceanPlatform, DigitalOceanWebTier } from "../../infra/digitalocean";
import { createPlatform } from "../../infra/platforms";
import { CREDENTIAL_VARIABLES } from "../../infra/digitalocean/provider";

const APP_KEY = `base64:${"P".repeat(43)}=`;

const CONFIGS: Record<Cloud, RawConfig> = {
    aws: { cloud: "aws", region: "eu-west-1", environment: "dev", appKey: APP_KEY },
    digitalocean: { cloud: "digitalocean", region: "ams3", environment: "dev", appKey: APP_KEY },
};

/** Builds the tier for `cloud`'s dev config with `platform`; returns what the tier registered. */
async function buildWith(cloud: Cloud, platform: CloudPlatform) {
    // Stand-in DigitalOcean credentials keep the provider's warning out of the output.
    const saved = Object.values(CREDENTIAL_VARIABLES).map((name) => [name, process.env[name]] as const);
    for (const [name] of saved) process.env[name] = process.env[name] || "test-stand-in";
    try {
        return await evaluate({
            stack: `shape-${cloud}`,
            program: () => {
                const config = parseConfig(CONFIGS[cloud], `shape-${cloud}`);
                new WebTier(config.name, platform, {
                    config,
                    userData: () => pulumi.output("#cloud-config\n"),
                    laravelEnv: () => pulumi.secret("APP_KEY=x\n"),
                });
            },
        });
    } finally {
        for (const [name, value] of saved) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    }
}

/** The components both platforms hand over, under these names. */
const SHARED = ["provider", "network", "database", "cache", "storage", "queue", "loadBalancer", "servers", "rules"];

describe("the two platforms: one shape", () => {
    it("hand over the same components under the same names, each with its neutral view", async () => {
        let aws: AwsWebTier | undefined;
        let digitalocean: DigitalOceanWebTier | undefined;
        await buildWith(
            "aws",
            createAwsPlatform({}, (built) => (aws = built)),
        );
        await buildWith(
            "digitalocean",
            createDigitalOceanPlatform({}, (built) => (digitalocean = built)),
        );
        for (const [cloud, built] of [
            ["aws", aws],
            ["digitalocean", digitalocean],
        ] as const) {
            assert.ok(built, `${cloud}'s onBuilt was called`);
            for (const key of SHARED)
                assert.ok((built as unknown as Record<string, unknown>)[key], `${cloud} hands over ${key}`);
            assert.strictEqual(built.servers.info.length, DEFAULTS.servers.count, `${cloud} servers.info`);
            assert.ok(built.loadBalancer.info.url, `${cloud} loadBalancer.info`);
            assert.ok(built.queue.endpoint.driver, `${cloud} queue.endpoint`);
            assert.ok(built.loadBalancer.loadBalancer, `${cloud} loadBalancer.loadBalancer`);
        }
        const extras = Object.keys(aws!).filter((key) => !SHARED.includes(key) && key !== "alerts");
        assert.deepStrictEqual(extras.sort(), ["accessLogs", "agent", "secrets"], "what only AWS has");
    });

    it("refuse a stack of the other cloud, naming it, before registering anything", async () => {
        for (const [cloud, other] of [
            ["aws", "digitalocean"],
            ["digitalocean", "aws"],
        ] as const) {
            let refused: unknown;
            const ev = await evaluate({
                stack: "shape-mixed",
                program: () => {
                    const config = parseConfig(CONFIGS[other], "shape-mixed");
                    const platform = createPlatform(cloud);
                    const parent = new pulumi.ComponentResource("test:index:Parent", "parent");
                    try {
                        platform.build("shape-mixed", { config, userData: () => pulumi.output("") }, parent);
                    } catch (error) {
                        refused = error;
                    }
                },
            });
            assert.match(String(refused), new RegExp(`webtier:cloud is "${other}"`), cloud);
            assert.deepStrictEqual(
                ev.resources.filter((r) => r.custom).map((r) => r.name),
                [],
                `${cloud}'s platform registered nothing`,
            );
        }
    });

    it("createPlatform builds the named cloud's platform, with its options", async () => {
        const ev = await buildWith(
            "digitalocean",
            createPlatform("digitalocean", { transform: { network: { vpc: { description: "picked" } } } }),
        );
        const vpc = ev.resources.find((r) => r.type === "digitalocean:index/vpc:Vpc");
        assert.strictEqual(vpc?.inputs.description, "picked");
    });
});
