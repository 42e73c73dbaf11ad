import { preflightTags } from "../../../policies/preflight";
import { assertNone, assertViolation, UNKNOWN_STRING } from "../helpers";
import { check } from "./support";

describe("preflight: tags the cloud would refuse", () => {
    it("refuses AWS tags over the limits or with the reserved aws: prefix", async () => {
        const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        assertViolation(await check(preflightTags, "aws:ec2/instance:Instance", { tags: many }), "51 tags", "50");
        assertViolation(
            await check(preflightTags, "aws:s3/bucket:Bucket", { tags: { ["k".repeat(129)]: "v" } }),
            "129 characters",
        );
        assertViolation(
            await check(preflightTags, "aws:ec2/vpc:Vpc", { tags: { Name: "n".repeat(257) } }),
            "257 characters",
            '"Name"',
        );
        assertViolation(
            await check(preflightTags, "aws:ec2/vpc:Vpc", { tags: { "AWS:owner": "me" } }),
            "reserved for AWS",
        );
    });
    it("accepts AWS tags at the limits, and unknown values", async () => {
        const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v".repeat(256)]));
        assertNone(await check(preflightTags, "aws:ec2/instance:Instance", { tags: fifty }));
        assertNone(await check(preflightTags, "aws:ec2/instance:Instance", { tags: { Name: UNKNOWN_STRING } }));
    });
    it("refuses DigitalOcean tags a droplet names that are no valid tag name", async () => {
        assertViolation(
            await check(preflightTags, "digitalocean:index/droplet:Droplet", { tags: ["web servers"] }),
            'tag "web servers"',
            "colons",
        );
        assertNone(
            await check(preflightTags, "digitalocean:index/droplet:Droplet", { tags: ["web", "env:prod", "team_a-1"] }),
        );
    });
});
