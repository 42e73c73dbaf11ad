import { strict as assert } from "assert";
import { queueAccessPolicy, uploadsAccessPolicy, uploadsBucketPolicy } from "../../../infra/aws/iam-documents";

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
});
