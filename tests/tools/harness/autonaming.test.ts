// Names the program leaves to the provider are filled in as the provider's Check fills them,
// before the pack sees the inputs, so references to them are judged on a real name.
import * as assert from "assert";
import { autoname, autonameRule } from "../../../tools/harness/autonaming";
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
});
