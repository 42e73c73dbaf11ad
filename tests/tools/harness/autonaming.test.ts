// Names the program leaves to the provider are filled in as the provider's Check fills them,
// before the pack sees the inputs, so references to them are judged on a real name.
import * as assert from "assert";
import { autoname, autonameRule, autonameRuleFor } from "../../../tools/harness/autonaming";
import { evaluate } from "../../../tools/harness/evaluate";
import { runCheck } from "../../../tools/check/run";
import tier from "../../fixtures/programs/autonamed-tag";
import { DIST_ROOT, REPO_ROOT, program } from "../check/paths";

describe("autonaming as the providers do it", () => {
    it("names an autonamed resource <logical name>-<7 hex>, lowercased where the provider does, refused when too long", () => {
        const bucket = autonameRule("aws:s3/bucketV2:BucketV2", () => true)!;
        assert.deepStrictEqual(bucket, { field: "bucket", maxLength: 63, separator: "-", lowercase: true });
        assert.match(autoname("Uploads", bucket) ?? "", /^uploads-[0-9a-f]{7}$/);
        assert.match(
            autoname(
                "Keys",
                autonameRule("aws:ec2/keyPair:KeyPair", () => true)!,
            ) ?? "",
            /^Keys-[0-9a-f]{7}$/,
        );
        // Too long for the provider's maximum: its Check fails rather than cut the name (NewUniqueName).
        const targetGroup = autonameRule("aws:lb/targetGroup:TargetGroup", () => true)!;
        assert.strictEqual(
            autoname("x".repeat(24), targetGroup, () => "abcdef0"),
            `${"x".repeat(24)}-abcdef0`,
        );
        assert.strictEqual(autoname("x".repeat(25), targetGroup), undefined);
        // DigitalOcean: every resource with a name input; a volume's name lowercased.
        assert.strictEqual(autonameRule("digitalocean:index/tag:Tag", (field) => field === "name")?.field, "name");
        assert.strictEqual(autonameRule("digitalocean:index/volume:Volume", () => true)?.lowercase, true);
        assert.strictEqual(
            autonameRule("digitalocean:index/cdn:Cdn", () => false),
            undefined,
        );
    });

    for (const preview of [false, true]) {
        it(`puts a DigitalOcean tag's generated name in its inputs and everything that refers to it (${preview ? "preview" : "up"})`, async () => {
            const evaluation = await evaluate({ program: tier, preview });
            const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
            const name = byName("web").wireInputs!.name;
            assert.match(name, /^web-[0-9a-f]{7}$/);
            assert.strictEqual(byName("web").inputs.name, undefined, "the program's own inputs stay as registered");
            assert.deepStrictEqual(byName("web").autonamed, { field: "name", value: name });
            assert.strictEqual(byName("web").state.name, name);
            assert.deepStrictEqual(byName("web-1").inputs.tags, [name]);
            assert.strictEqual(byName("lb").inputs.dropletTag, name);
            assert.strictEqual(byName("db-fw").inputs.rules[0].value, name);
            // Droplets are autonamed too; a name the program sets is kept.
            assert.match(byName("web-1").wireInputs!.name, /^web-1-[0-9a-f]{7}$/);
            assert.strictEqual(byName("lb").wireInputs!.name, "tier-lb");
        });
    }

    it("lets webtier's pack see the balancer's droplets and the firewall's tag", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: program("autonamed-tag.ts"),
            config: ["cloud=digitalocean"],
        });
        const stack = result.stacks[0];
        assert.strictEqual(stack.error, undefined, stack.error);
        const messages = stack.violations.map((v) => `${v.policy}: ${v.message}`);
        assert.ok(!messages.some((m) => /trusts tag|which no droplet/.test(m)), messages.join("\n"));
        assert.ok(!messages.some((m) => /Only 0 server/.test(m)), messages.join("\n"));
    });

    describe("pulumi-aws 7's rules", () => {
        const input =
            (inputs: Record<string, unknown>) =>
            (key: string): unknown =>
                inputs[key];
        const nameOf = (type: string, name: string, inputs: Record<string, unknown> = {}) => {
            const rule = autonameRuleFor(type, input(inputs));
            return rule && { field: rule.field, value: autoname(name, rule, undefined, input(inputs)) };
        };

        it("names every resource with a name input, 255 characters, as setAutonaming does", () => {
            for (const type of [
                "aws:lightsail/instance:Instance",
                "aws:ecs/cluster:Cluster",
                "aws:rds/subnetGroup:SubnetGroup",
                "aws:lb/loadBalancer:LoadBalancer",
                "aws:cloudwatch/logGroup:LogGroup",
            ]) {
                const named = nameOf(type, "Shop-Web");
                assert.strictEqual(named?.field, "name", type);
                // Not lowercased: the default has no transform.
                assert.match(named?.value ?? "", /^Shop-Web-[0-9a-f]{7}$/, type);
            }
            assert.match(nameOf("aws:lb/loadBalancer:LoadBalancer", "x".repeat(40))?.value ?? "", /^x{40}-/);
            assert.strictEqual(nameOf("aws:lb/targetGroup:TargetGroup", "x".repeat(30))?.value, undefined);
        });

        it("names none where the provider does not: a DNS record, an RDS cluster, a name-less type", () => {
            assert.strictEqual(nameOf("aws:route53/record:Record", "www"), undefined);
            assert.strictEqual(nameOf("aws:rds/cluster:Cluster", "db"), undefined);
            assert.strictEqual(nameOf("aws:ec2/vpc:Vpc", "vpc"), undefined);
            assert.strictEqual(nameOf("aws:ec2/instance:Instance", "web"), undefined);
        });

        it("names none when the program set the property the name conflicts with (namePrefix)", () => {
            assert.strictEqual(nameOf("aws:ec2/securityGroup:SecurityGroup", "web", { namePrefix: "web-" }), undefined);
            assert.strictEqual(nameOf("aws:s3/bucketV2:BucketV2", "uploads", { bucketPrefix: "uploads-" }), undefined);
            assert.strictEqual(nameOf("aws:ec2/securityGroup:SecurityGroup", "web")?.field, "name");
        });

        it("follows the overrides: RDS identifiers, FIFO suffixes, KMS aliases, object keys, letters", () => {
            assert.match(nameOf("aws:rds/instance:Instance", "ShopDb")?.value ?? "", /^ShopDb[0-9a-f]{7}$/);
            assert.match(
                nameOf("aws:rds/instance:Instance", "reports", { engine: "sqlserver-ex" })?.value ?? "",
                /^reports[0-9a-f]{3}$/,
            );
            assert.strictEqual(
                nameOf("aws:rds/instance:Instance", "reporting-db-1", { engine: "sqlserver-se" })?.value,
                undefined,
            );
            assert.match(
                nameOf("aws:sqs/queue:Queue", "jobs", { fifoQueue: true })?.value ?? "",
                /^jobs-[0-9a-f]{7}\.fifo$/,
            );
            assert.match(nameOf("aws:sqs/queue:Queue", "jobs")?.value ?? "", /^jobs-[0-9a-f]{7}$/);
            assert.match(nameOf("aws:kms/alias:Alias", "app")?.value ?? "", /^alias\/app-[0-9a-f]{7}$/);
            assert.deepStrictEqual(nameOf("aws:s3/bucketObjectv2:BucketObjectv2", "index.html"), {
                field: "key",
                value: "index.html",
            });
            assert.match(
                nameOf("aws:glue/catalogDatabase:CatalogDatabase", "Events")?.value ?? "",
                /^events_[a-z]{8}$/,
            );
            assert.match(nameOf("aws:lambda/function:Function", "resize")?.value ?? "", /^resize-[0-9a-f]{7}$/);
            assert.match(nameOf("aws:elasticache/replicationGroup:ReplicationGroup", "Cache")?.value ?? "", /^cache-/);
        });

        it("puts a Lightsail instance's generated name where the firewall names it", async () => {
            const evaluation = await evaluate({
                program: () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const aws = require("@pulumi/aws");
                    const web = new aws.lightsail.Instance("web", {
                        availabilityZone: "eu-west-2a",
                        blueprintId: "ubuntu_24_04",
                        bundleId: "small_3_0",
                    });
                    new aws.lightsail.InstancePublicPorts("web-ports", {
                        instanceName: web.name,
                        portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.0/24"] }],
                    });
                },
            });
            const web = evaluation.resources.find((r) => r.name === "web")!;
            assert.match(web.wireInputs!.name, /^web-[0-9a-f]{7}$/);
            const ports = evaluation.resources.find((r) => r.name === "web-ports")!;
            assert.strictEqual(ports.inputs.instanceName, web.wireInputs!.name);
        });
    });
});
