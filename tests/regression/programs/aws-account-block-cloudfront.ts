// Sound: the account's public access block instead of one per bucket, and a bucket policy that
// lets only this CloudFront distribution read (AWS:SourceArn), as CloudFront's OAC guide writes it.
import * as aws from "@pulumi/aws";

export = function program() {
    new aws.s3.AccountPublicAccessBlock("account-block", {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    const bucket = new aws.s3.BucketV2("media", {});
    new aws.s3.BucketVersioningV2("media-versioning", {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    });
    new aws.s3.BucketServerSideEncryptionConfigurationV2("media-sse", {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
    });
    new aws.s3.BucketPolicy("media-policy", {
        bucket: bucket.id,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "cloudfront.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::media/*",
                    Condition: {
                        StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE" },
                    },
                },
            ],
        }),
    });
}
