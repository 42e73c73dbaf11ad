// awsx's CloudTrail trail under the harness: the resources the awsx provider's Construct builds
// (pulumi-awsx awsx/cloudtrail/trail.ts with s3/bucket.ts, cloudwatch/logGroup.ts and role.ts).
import * as assert from "assert";
import { idFromArn } from "../../../../../tools/harness/aws/awsx/cloudwatch/logGroup";
import { parseArn } from "../../../../../tools/harness/aws/utils";
import { defaultCloudTrailPolicy } from "../../../../../tools/harness/aws/awsx/cloudtrail/policies";
import { Trail } from "../../../../../tools/harness/aws/awsx/cloudtrail/trail";
import { evaluate } from "../../../../../tools/harness/evaluate";
import { only } from "../registered";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TRAIL = "aws:cloudtrail/trail:Trail";

describe("awsx.cloudtrail.Trail under the harness", () => {
    it("builds a bucket, a policy letting CloudTrail write to it, and the trail after that policy", async () => {
        const e = await evaluate({
            program: () => void new Trail("audit", { isMultiRegionTrail: true, enableLogFileValidation: true }),
        });
        const component = only(e, "awsx:cloudtrail:Trail", "audit");
        const bucket = only(e, BUCKET, "audit");
        assert.strictEqual(bucket.parent, component.urn);
        assert.strictEqual(bucket.inputs.forceDestroy, true);
        const policy = only(e, BUCKET_POLICY, "audit");
        assert.strictEqual(policy.inputs.bucket, bucket.state.bucket);
        const arn = bucket.state.arn;
        assert.deepStrictEqual(policy.inputs.policy, {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AWSCloudTrailAclCheck",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: ["s3:GetBucketAcl"],
                    Resource: [arn],
                },
                {
                    Sid: "AWSCloudTrailWrite",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: ["s3:PutObject"],
                    Resource: [`${arn}/*`],
                    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
                },
            ],
        });
        assert.ok(policy.dependencies.includes(bucket.urn));
        const trail = only(e, TRAIL, "audit");
        assert.strictEqual(trail.parent, component.urn);
        assert.strictEqual(trail.inputs.s3BucketName, bucket.state.bucket);
        assert.deepStrictEqual([trail.inputs.isMultiRegionTrail, trail.inputs.enableLogFileValidation], [true, true]);
        assert.ok(trail.dependencies.includes(policy.urn), "after the bucket policy");
        assert.strictEqual(trail.inputs.cloudWatchLogsGroupArn, undefined);
        assert.strictEqual(
            e.resources.filter((r) => r.type === "aws:iam/role:Role").length,
            0,
            "no log group, no role",
        );
    });

    it("with a log group, sends events to it through a role CloudTrail assumes", async () => {
        const e = await evaluate({
            program: () =>
                void new Trail("audit", { cloudWatchLogsGroup: { enable: true, args: { retentionInDays: 90 } } }),
            config: { "aws:region": "eu-west-1" },
        });
        const group = only(e, "aws:cloudwatch/logGroup:LogGroup", "audit");
        assert.strictEqual(group.inputs.retentionInDays, 90);
        const groupArn = `arn:aws:logs:eu-west-1:123456789012:log-group:${group.state.name}`;
        const trail = only(e, TRAIL, "audit");
        assert.strictEqual(trail.inputs.cloudWatchLogsGroupArn, `${groupArn}:*`);
        const role = only(e, "aws:iam/role:Role", "audit");
        assert.strictEqual(trail.inputs.cloudWatchLogsRoleArn, role.state.arn);
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal, {
            Service: "cloudtrail.amazonaws.com",
        });
        const inline = JSON.parse(role.inputs.inlinePolicies[0].policy);
        const stream = `${groupArn}:log-stream:123456789012_CloudTrail_*`;
        assert.deepStrictEqual(
            inline.Statement.map((s: any) => [s.Action, s.Resource]),
            [
                [["logs:CreateLogStream"], [stream]],
                [["logs:PutLogEvents"], [stream]],
            ],
        );
    });

    it("sends events to an existing log group, by name in the trail's region or by ARN, making no group or role", async () => {
        const byName = await evaluate({
            program: () => void new Trail("audit", { cloudWatchLogsGroup: { enable: true, existing: { name: "g" } } }),
            config: { "aws:region": "eu-west-1" },
        });
        const byArn = await evaluate({
            program: () =>
                void new Trail("audit", {
                    cloudWatchLogsGroup: { enable: true, existing: { arn: "arn:aws:logs:us-west-2:1:log-group:/a" } },
                }),
        });
        for (const e of [byName, byArn]) {
            assert.deepStrictEqual(
                e.resources.filter(
                    (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" || r.type === "aws:iam/role:Role",
                ),
                [],
            );
            assert.strictEqual(only(e, TRAIL, "audit").inputs.cloudWatchLogsRoleArn, undefined);
        }
        assert.strictEqual(
            only(byName, TRAIL, "audit").inputs.cloudWatchLogsGroupArn,
            "arn:aws:logs:eu-west-1:123456789012:log-group:g:*",
        );
        assert.strictEqual(
            only(byArn, TRAIL, "audit").inputs.cloudWatchLogsGroupArn,
            "arn:aws:logs:us-west-2:1:log-group:/a:*",
        );
    });

    it("writes to an existing bucket without making one", async () => {
        const e = await evaluate({
            program: () => void new Trail("audit", { s3Bucket: { existing: { name: "logs" } } }),
        });
        assert.strictEqual(e.resources.filter((r) => r.type === BUCKET).length, 0);
        const policy = only(e, BUCKET_POLICY, "audit");
        assert.strictEqual(policy.inputs.bucket, "logs");
        assert.deepStrictEqual(policy.inputs.policy, defaultCloudTrailPolicy("arn:aws:::logs"));
        assert.strictEqual(only(e, TRAIL, "audit").inputs.s3BucketName, "logs");
    });

    it("refuses bucket args with an existing bucket, with the provider's message", async () => {
        await assert.rejects(
            evaluate({
                program: () => void new Trail("audit", { s3Bucket: { existing: { name: "logs" }, args: {} } }),
            }),
            /Can't define bucket args if specifying an existing bucket/,
        );
    });

    it("builds the same resources in a preview", async () => {
        const e = await evaluate({ preview: true, program: () => void new Trail("audit", {}) });
        assert.deepStrictEqual(
            e.resources
                .filter((r) => r.custom)
                .map((r) => r.type)
                .sort(),
            [BUCKET, BUCKET_POLICY, TRAIL].sort(),
        );
    });

    it("parses ARNs as the provider does", () => {
        assert.deepStrictEqual(idFromArn("arn:aws:logs:us-east-1:1:log-group:/a/b"), {
            arn: "arn:aws:logs:us-east-1:1:log-group:/a/b",
            logGroupName: "/a/b",
            logGroupRegion: "us-east-1",
        });
        assert.strictEqual(parseArn("arn:aws:s3:::bucket").resourceId, "bucket");
        assert.throws(() => idFromArn("arn:aws:s3:::bucket"), /Invalid log group ARN/);
    });
});
