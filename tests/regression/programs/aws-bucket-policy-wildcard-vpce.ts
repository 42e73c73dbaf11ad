// A bucket policy meant for "our VPC endpoints" that allows everyone whose aws:SourceVpce
// matches vpce-*: every VPC endpoint of every account matches.
import * as aws from "@pulumi/aws";

export = function program() {
    const bucket = new aws.s3.BucketV2("assets", {});
    new aws.s3.BucketPublicAccessBlock("assets-block", {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    new aws.s3.BucketVersioningV2("assets-versioning", {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    });
    new aws.s3.BucketServerSideEncryptionConfigurationV2("assets-sse", {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new aws.s3.BucketPolicy("assets-policy", {
        bucket: bucket.id,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { StringLike: { "aws:SourceVpce": "vpce-*" } },
                },
            ],
        }),
    });
}
