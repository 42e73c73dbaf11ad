// The stack's `pulumi:autonaming` config, read as the engine reads it and applied as the bridged
// providers apply the options the engine sends with each Check.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import { autonameRule, engineAutoname } from "../../../tools/harness/autonaming";
import { engineAutonamer } from "../../../tools/harness/engine-autonaming";
import { evaluate } from "../../../tools/harness/evaluate";

const CONTEXT = { organization: "organization", project: "shop", stack: "prod" };
const namer = (autonaming: unknown, config: Record<string, string> = {}) =>
    engineAutonamer({ ...CONTEXT, config: { ...config, "pulumi:autonaming": JSON.stringify(autonaming) } });

describe("the engine's autonaming config", () => {
    it("takes the resource type's entry, then its provider's, then the root's; a provider without its own takes the root's", () => {
        const naming = namer({
            pattern: "${project}-${name}",
            providers: {
                aws: { mode: "verbatim", resources: { "aws:s3/bucketV2:BucketV2": { mode: "disabled" } } },
                digitalocean: { resources: { "digitalocean:index/tag:Tag": { pattern: "${stack}-${name}" } } },
            },
        })!;
        // A name without randomness also makes replacements delete-first (the strategy's second answer).
        assert.deepStrictEqual(naming("aws:s3/bucketV2:BucketV2", "uploads"), {
            mode: "disable",
            deleteBeforeReplace: true,
        });
        assert.deepStrictEqual(naming("aws:sqs/queue:Queue", "jobs"), {
            mode: "enforce",
            proposedName: "jobs",
            deleteBeforeReplace: true,
        });
        assert.deepStrictEqual(naming("digitalocean:index/tag:Tag", "web"), {
            mode: "propose",
            proposedName: "prod-web",
            deleteBeforeReplace: true,
        });
        assert.deepStrictEqual(naming("digitalocean:index/droplet:Droplet", "web-0"), {
            mode: "propose",
            proposedName: "shop-web-0",
            deleteBeforeReplace: true,
        });
        assert.strictEqual(namer({ mode: "default" })!("aws:sqs/queue:Queue", "jobs"), undefined);
        assert.strictEqual(engineAutonamer({ ...CONTEXT, config: {} }), undefined);
    });

    it("resolves stack expressions once and random ones per resource; enforce makes the pattern binding", () => {
        const naming = namer(
            { pattern: "${organization}-${config.team}-${name}-${hex(4)}${alphanum(2)}${num(3)}", enforce: true },
            { "shop:team": "payments" },
        )!;
        const first = naming("aws:sqs/queue:Queue", "jobs")!;
        assert.strictEqual(first.mode, "enforce");
        assert.strictEqual(first.deleteBeforeReplace, false);
        assert.match(first.proposedName!, /^organization-payments-jobs-[0-9a-f]{4}[a-z0-9]{2}[0-9]{3}$/);
        const uuid = namer({ pattern: "${name}-${uuid}" })!("aws:sqs/queue:Queue", "q")!;
        assert.match(uuid.proposedName!, /^q-[0-9a-f-]{36}$/);
        assert.strictEqual(uuid.deleteBeforeReplace, false);
    });

    it("refuses what the engine refuses, with its words", () => {
        const refused = (autonaming: unknown, message: RegExp) => assert.throws(() => namer(autonaming), message);
        refused({ mode: "verbatim", pattern: "${name}" }, /cannot specify both mode and pattern\/enforce/);
        refused({ enforce: true }, /pattern must be specified when enforce is true/);
        refused({ mode: "upper" }, /invalid naming mode: upper/);
        refused({ style: "x" }, /unknown field "style"/);
        refused(
            { providers: { aws: { resources: { "aws:sqs/queue:Queue": {} } } } },
            /mode or pattern must be specified for resource "aws:sqs\/queue:Queue"/,
        );
        refused({ pattern: "${config.missing}-${name}" }, /no value found for key "missing"/);
    });

    it("has the provider enforce, propose (transformed and bounded) or refuse the name as the bridge does", () => {
        const bucket = autonameRule("aws:s3/bucketV2:BucketV2", () => true)!;
        assert.deepStrictEqual(engineAutoname(bucket, { mode: "enforce", proposedName: "Uploads" }), {
            value: "Uploads",
        });
        assert.deepStrictEqual(engineAutoname(bucket, { mode: "propose", proposedName: "Shop-Uploads" }), {
            value: "shop-uploads",
        });
        assert.deepStrictEqual(engineAutoname(bucket, { mode: "propose", proposedName: "x".repeat(64) }), {
            error: `calculated name '${"x".repeat(64)}' exceeds maximum length of 63`,
        });
        assert.deepStrictEqual(engineAutoname(bucket, { mode: "disable" }), {
            error: "automatic naming is disabled but no explicit name was provided",
        });
        // A provider charset (letters only): separators outside it become the provider's separator,
        // and every character must then be in it, the separator included (the bridge checks after).
        const glue = autonameRule("aws:glue/catalogDatabase:CatalogDatabase", () => true)!;
        assert.deepStrictEqual(engineAutoname(glue, { mode: "propose", proposedName: "rawevents" }), {
            value: "rawevents",
        });
        assert.match(
            (engineAutoname(glue, { mode: "propose", proposedName: "raw-events" }) as { error: string }).error,
            /calculated name 'raw_events' contains invalid character '_' not in charset/,
        );
        assert.match(
            (engineAutoname(glue, { mode: "propose", proposedName: "events2" }) as { error: string }).error,
            /invalid character '2' not in charset/,
        );
    });

    it("names the program's resources from the stack's config, and fails the Check of a name it refuses", async () => {
        const program = () => {
            new aws.s3.BucketV2("Uploads", {});
            new aws.sqs.Queue("jobs", {});
            new digitalocean.Tag("web", {});
            new aws.s3.BucketV2("named", { bucket: "shop-named" });
            new aws.ec2.Instance(
                "web-1",
                { ami: "ami-0123456789abcdef0", instanceType: "t3.small" },
                {
                    deleteBeforeReplace: false,
                },
            );
        };
        const evaluation = await evaluate({
            program,
            project: "shop",
            stack: "prod",
            config: {
                "aws:region": "eu-west-1",
                "pulumi:autonaming": JSON.stringify({
                    pattern: "${stack}-${name}",
                    providers: { aws: { resources: { "aws:sqs/queue:Queue": { mode: "disabled" } } } },
                }),
            },
        });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        assert.strictEqual(byName("Uploads").wireInputs!.bucket, "prod-uploads");
        assert.strictEqual(byName("web").wireInputs!.name, "prod-web");
        assert.strictEqual(byName("named").wireInputs!.bucket, "shop-named");
        assert.strictEqual(byName("named").checkErrors, undefined);
        assert.deepStrictEqual(byName("jobs").checkErrors, [
            "automatic naming is disabled but no explicit name was provided",
        ]);
        // Names without randomness: every custom resource is replaced delete-first, a resource
        // with no name property and one whose program said otherwise included.
        for (const name of ["Uploads", "jobs", "web", "named", "web-1"]) {
            assert.strictEqual(byName(name).deleteBeforeReplace, true, name);
            assert.strictEqual(byName(name).deleteBeforeReplaceDefined, true, name);
        }
        const random = await evaluate({
            program,
            project: "shop",
            stack: "prod",
            config: {
                "aws:region": "eu-west-1",
                "pulumi:autonaming": JSON.stringify({ pattern: "${name}-${hex(6)}" }),
            },
        });
        const web = random.resources.find((r) => r.name === "web-1")!;
        assert.strictEqual(web.deleteBeforeReplace, false);
        assert.strictEqual(web.deleteBeforeReplaceDefined, true);
        assert.strictEqual(random.resources.find((r) => r.name === "jobs")!.deleteBeforeReplaceDefined, false);
        await assert.rejects(
            evaluate({ program, config: { "pulumi:autonaming": JSON.stringify({ mode: "upper" }) } }),
            /getting autonaming config: failed to resolve root naming config: invalid naming mode: upper/,
        );
    });
});
