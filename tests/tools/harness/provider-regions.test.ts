// The region a resource and a data source are in under the mocks: the provider's, as the engine's
// provider would answer it, from the explicit provider's inputs, the stack's `aws:region`, or the
// environment, in that order.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { Evaluation, RegisteredResource, evaluate } from "../../../tools/harness/evaluate";
import { ProviderRegions } from "../../../tools/harness/mock-state";
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

    it("falls back to the environment the provider reads, then to us-east-1", () => {
        const explicitRef = (id: string) => `urn:pulumi:s::p::pulumi:providers:aws::x::${id}`;
        const regions = new ProviderRegions({}, { AWS_DEFAULT_REGION: "ca-central-1" });
        assert.strictEqual(regions.regionOf("aws:s3/bucket:Bucket"), "ca-central-1");
        regions.registered("pulumi:providers:aws", "p-1", {});
        assert.strictEqual(regions.regionOf("aws:s3/bucket:Bucket", explicitRef("p-1")), "ca-central-1");
        regions.registered("pulumi:providers:aws", "p-2", { region: "sa-east-1" });
        assert.strictEqual(regions.regionOf("aws:index/getRegion:getRegion", explicitRef("p-2")), "sa-east-1");
        assert.strictEqual(new ProviderRegions({}, {}).regionOf("aws:s3/bucket:Bucket"), "us-east-1");
        assert.strictEqual(
            new ProviderRegions({ "aws:region": "eu-north-1" }, { AWS_REGION: "us-west-2" }).regionOf(
                "aws:s3/bucket:Bucket",
            ),
            "eu-north-1",
        );
        // A provider without a region setting, and providers themselves, are in no region.
        assert.strictEqual(regions.regionOf("digitalocean:index/droplet:Droplet"), undefined);
        assert.strictEqual(regions.regionOf("pulumi:providers:aws"), undefined);
    });

    it("forms zone ids as AWS does", () => {
        assert.deepStrictEqual(
            ["us-east-1", "eu-west-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "sa-east-1"].map(
                zoneIdPrefix,
            ),
            ["use1", "euw1", "apse2", "apne1", "euc1", "sae1"],
        );
    });
});
