import { strict as assert } from "assert";
import {
    ELB_LOG_ACCOUNTS,
    balancerLogsBucketPolicy,
    serverAccessLogsStatement,
    queueAccessPolicy,
    uploadsAccessPolicy,
    uploadsBucketPolicy,
} from "../../../infra/aws/iam-documents";

const BUCKET = "arn:aws:s3:::uploads";

describe("AWS policy documents", () => {
    it("denies every request to the bucket that does not use TLS", () => {
        const deny = uploadsBucketPolicy(BUCKET).Statement.find((s) => s.Effect === "Deny");
        assert.ok(deny, "no Deny statement");
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.deepEqual(deny.Resource, [BUCKET, `${BUCKET}/*`]);
        assert.equal(deny.Principal, "*");
    });

    it("grants nothing to anyone but the CDN distribution, and only read", () => {
        assert.equal(uploadsBucketPolicy(BUCKET).Statement.filter((s) => s.Effect === "Allow").length, 0);
        const cdn = "arn:aws:cloudfront::123456789012:distribution/E1";
        const allows = uploadsBucketPolicy(BUCKET, cdn).Statement.filter((s) => s.Effect === "Allow");
        assert.equal(allows.length, 1);
        assert.equal(allows[0].Action, "s3:GetObject");
        assert.deepEqual(allows[0].Principal, { Service: "cloudfront.amazonaws.com" });
        assert.deepEqual(allows[0].Condition, { StringEquals: { "AWS:SourceArn": cdn } });
    });

    it("lets the servers read, write and delete uploads in their bucket only", () => {
        const doc = uploadsAccessPolicy(BUCKET);
        const resources = doc.Statement.flatMap((s) => ([] as string[]).concat(s.Resource ?? []));
        assert.ok(
            resources.every((r) => r === BUCKET || r === `${BUCKET}/*`),
            resources.join(", "),
        );
        const objectActions = doc.Statement.find((s) => s.Resource === `${BUCKET}/*`)?.Action;
        assert.deepEqual(objectActions, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion"]);
        assert.ok(!JSON.stringify(doc).includes("s3:*"));
    });

    it("adds the bucket's KMS key to the servers' policy only when there is one", () => {
        assert.ok(!JSON.stringify(uploadsAccessPolicy(BUCKET)).includes("kms:"));
        const key = "arn:aws:kms:eu-west-1:123456789012:key/abc";
        assert.ok(uploadsAccessPolicy(BUCKET, key).Statement.some((s) => s.Resource === key));
    });

    it("lets workers send, receive and delete jobs on their queue only", () => {
        const queue = "arn:aws:sqs:eu-west-1:123456789012:jobs";
        const [statement] = queueAccessPolicy(queue).Statement;
        assert.equal(statement.Resource, queue);
        for (const action of ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]) {
            assert.ok((statement.Action as string[]).includes(action), action);
        }
        assert.ok(!(statement.Action as string[]).includes("sqs:*"));
    });

    describe("the balancer's access-log bucket", () => {
        const LOGS = "arn:aws:s3:::aws-prod-access-logs-1234567";
        const writers = (region: string) =>
            balancerLogsBucketPolicy(LOGS, region, "alb")
                .Statement.filter((s) => s.Effect === "Allow")
                .map((s) => s.Principal);

        it("lets ELB write only log objects under its folder, and nothing over plain HTTP", () => {
            const document = balancerLogsBucketPolicy(LOGS, "eu-west-1", "alb");
            for (const allow of document.Statement.filter((s) => s.Effect === "Allow")) {
                assert.equal(allow.Action, "s3:PutObject");
                assert.equal(allow.Resource, `${LOGS}/alb/AWSLogs/*`);
            }
            const deny = document.Statement.find((s) => s.Effect === "Deny");
            assert.deepEqual(deny?.Condition, { Bool: { "aws:SecureTransport": "false" } });
            assert.deepEqual(deny?.Resource, [LOGS, `${LOGS}/*`]);
        });

        it("names the region's ELB account where the region predates August 2022, and the delivery service everywhere", () => {
            const service = { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };
            assert.deepEqual(writers("eu-west-1"), [{ AWS: "arn:aws:iam::156460612806:root" }, service]);
            assert.deepEqual(writers("us-east-1"), [{ AWS: "arn:aws:iam::127311923021:root" }, service]);
            // Opened after August 2022: ELB has no account there, only the service principal.
            for (const region of ["eu-south-2", "ap-southeast-4", "ca-west-1", "mx-central-1"]) {
                assert.equal(ELB_LOG_ACCOUNTS[region], undefined, region);
                assert.deepEqual(writers(region), [service], region);
            }
        });

        it("lets S3 deliver one bucket's server access logs under its folder, for that bucket of that account only", () => {
            const uploads = "arn:aws:s3:::aws-prod-uploads-7654321";
            assert.deepEqual(serverAccessLogsStatement(LOGS, "s3/uploads", uploads, "123456789012"), {
                Sid: "AllowS3ServerAccessLogs",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${LOGS}/s3/uploads/*`,
                Condition: {
                    ArnLike: { "aws:SourceArn": uploads },
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                },
            });
        });

        it("uses each partition's own ARNs", () => {
            assert.deepEqual(writers("cn-north-1")[0], { AWS: "arn:aws-cn:iam::638102146993:root" });
            assert.deepEqual(writers("us-gov-west-1")[0], { AWS: "arn:aws-us-gov:iam::048591011584:root" });
        });
    });
});
