// The region a resource and a data source are in under the mocks: the provider's, as the engine's
// provider would answer it, from the explicit provider's inputs, the stack's `aws:region`, or the
// environment, in that order.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { Evaluation, RegisteredResource, evaluate } from "../../../tools/harness/evaluate";
import { ProviderConfigs, regionOf } from "../../../tools/harness/mock-state";
import { zoneIdPrefix } from "../../../tools/harness/mocks/aws";

const byName = (evaluation: Evaluation, name: string): RegisteredResource => {
    const found = evaluation.resources.find((r) => r.name === name);
    assert.ok(found, `${name} is registered`);
    return found;
};

describe("provider regions under the mocks", () => {
    let zones: string[] = [];
    let zoneIds: string[] = [];
    let regionName = "";
    /** A default-provider bucket, an explicit provider's queue and zones, a role (IAM is global), a bucket in a region of its own. */
    const program = async () => {
        new aws.s3.Bucket("assets");
        const sydney = new aws.Provider("sydney", { region: "ap-southeast-2" });
        new aws.sqs.Queue("jobs", {}, { provider: sydney });
        const azs = await aws.getAvailabilityZones({}, { provider: sydney });
        zones = azs.names;
        zoneIds = azs.zoneIds;
        regionName = (await aws.getRegion()).region;
        new aws.iam.Role("app", { assumeRolePolicy: "{}" });
        new aws.s3.Bucket("replica", { region: "eu-central-1" });
        return {};
    };

    for (const preview of [false, true]) {
        it(`puts a region-aware resource in its provider's region${preview ? " during a preview too" : ""}`, async () => {
            const evaluation = await evaluate({ program, config: { "aws:region": "eu-west-1" }, preview });
            assert.strictEqual(byName(evaluation, "assets").state.region, "eu-west-1");
            assert.strictEqual(byName(evaluation, "jobs").state.region, "ap-southeast-2");
            assert.strictEqual(byName(evaluation, "replica").state.region, "eu-central-1");
            assert.ok(!("region" in byName(evaluation, "app").state), "IAM is global: a role has no region");
            // The provider itself reports its inputs, nothing more.
            assert.strictEqual(byName(evaluation, "sydney").state.region, "ap-southeast-2");
            assert.deepStrictEqual(zones, ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]);
            assert.deepStrictEqual(zoneIds, ["apse2-az1", "apse2-az2", "apse2-az3"]);
            assert.strictEqual(regionName, "eu-west-1");
        });
    }

    it("computes ARNs and endpoints in the provider's region", async () => {
        const evaluation = await evaluate({
            program: () => {
                new aws.sqs.Queue("jobs");
                return {};
            },
            config: { "aws:region": "eu-west-1" },
        });
        const queue = byName(evaluation, "jobs").state;
        assert.match(queue.arn, /^arn:aws:sqs:eu-west-1:/);
        assert.match(queue.url, /^https:\/\/sqs\.eu-west-1\.amazonaws\.com\//);
    });

    it("takes the region from the explicit provider, the stack's aws:region, the environment, then us-east-1", () => {
        const bucket = "aws:s3/bucket:Bucket";
        const urn = (name: string) => `urn:pulumi:s::p::pulumi:providers:aws::${name}`;
        const ref = (name: string) => `${urn(name)}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;
        const configs = new ProviderConfigs({}, { AWS_DEFAULT_REGION: "ca-central-1" });
        const region = (provider?: string) => regionOf(bucket, {}, configs.of(bucket, provider));
        assert.strictEqual(region(), "ca-central-1");
        configs.registered("pulumi:providers:aws", urn("p-1"), {});
        assert.strictEqual(region(ref("p-1")), "ca-central-1");
        configs.registered("pulumi:providers:aws", urn("p-2"), { region: "sa-east-1" });
        assert.strictEqual(region(ref("p-2")), "sa-east-1");
        assert.strictEqual(regionOf(bucket, { region: "eu-south-1" }, configs.of(bucket, ref("p-2"))), "eu-south-1");
        assert.strictEqual(regionOf(bucket, {}, new ProviderConfigs({}, {}).of(bucket)), "us-east-1");
        // The default provider reads the stack's aws:* config, objects from their JSON.
        const configured = new ProviderConfigs(
            { "aws:region": "eu-north-1", "aws:defaultTags": '{"tags":{"team":"web"}}', "webtier:region": "x" },
            { AWS_REGION: "us-west-2" },
        );
        assert.deepStrictEqual(configured.of(bucket).inputs, {
            region: "eu-north-1",
            defaultTags: { tags: { team: "web" } },
        });
        assert.strictEqual(regionOf(bucket, {}, configured.of(bucket)), "eu-north-1");
        // A provider without regions is in none; its resources keep what they name.
        assert.strictEqual(
            regionOf("digitalocean:index/vpc:Vpc", { region: "ams3" }, configured.of("digitalocean:x:y")),
            "ams3",
        );
    });

    for (const preview of [false, true]) {
        it(`gives a taggable resource its provider's default tags under its own in tagsAll${preview ? " during a preview too" : ""}`, async () => {
            const evaluation = await evaluate({
                program: () => {
                    new aws.sqs.Queue("jobs", { tags: { team: "queue", tier: "app" } });
                    const other = new aws.Provider("other", { defaultTags: { tags: { owner: "ops" } } });
                    new aws.iam.Role("app", { assumeRolePolicy: "{}" }, { provider: other });
                    new aws.s3.BucketVersioning("versioning", {
                        bucket: "b",
                        versioningConfiguration: { status: "Enabled" },
                    });
                    return {};
                },
                config: { "aws:region": "eu-west-1", "aws:defaultTags": '{"tags":{"team":"web","cost":"42"}}' },
                preview,
            });
            assert.deepStrictEqual(byName(evaluation, "jobs").state.tagsAll, {
                team: "queue",
                cost: "42",
                tier: "app",
            });
            assert.deepStrictEqual(byName(evaluation, "app").state.tagsAll, { owner: "ops" });
            assert.ok(!("tagsAll" in byName(evaluation, "versioning").state), "a type without tags has no tagsAll");
        });
    }

    it("forms zone ids as AWS does", () => {
        assert.deepStrictEqual(
            ["us-east-1", "eu-west-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "sa-east-1"].map(
                zoneIdPrefix,
            ),
            ["use1", "euw1", "apse2", "apne1", "euc1", "sae1"],
        );
    });
});
