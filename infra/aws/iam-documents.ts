/**
 * The IAM and bucket policy documents of the tier, as pure functions of plain ARNs, so what
 * each principal may do is unit-tested apart from the resources that attach them.
 */

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: unknown;
    Action: string | string[];
    /** Absent only in trust policies, which name a principal instead (or with NotResource). */
    Resource?: string | string[];
    /** Everything but these (used with Deny). */
    NotResource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Lets EC2 instances assume the servers' role. */
export function ec2AssumeRolePolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/** The managed policy that lets Systems Manager run commands and sessions, so no SSH needs to be open. */
export const SSM_MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/**
 * What the servers may do with the uploads bucket: list it and read, write and delete
 * objects (Laravel's s3 disk). With a KMS key, use it for those objects too.
 */
export function uploadsAccessPolicy(bucketArn: string, kmsKeyArn?: string): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ListUploads", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucketArn },
        {
            Sid: "ReadWriteUploads",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion"],
            Resource: `${bucketArn}/*`,
        },
    ];
    if (kmsKeyArn) {
        statements.push({
            Sid: "UseUploadsKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: kmsKeyArn,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Every way of reading a parameter's value. */
export const PARAMETER_READ_ACTIONS = [
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
];

/**
 * What the servers may do with the stack's secrets (infra/aws/secrets.ts): read the parameters
 * under the stack's path (`pathArn`, `arn:aws:ssm:<region>:<account>:parameter/webtier/<stack>/*`)
 * and decrypt them with the stack key, only through Parameter Store in the stack's region.
 *
 * The managed AmazonSSMManagedInstanceCore policy (Session Manager, Run Command) also allows
 * `ssm:GetParameter(s)` on every parameter of the account, so an explicit Deny refuses reading
 * any parameter outside the stack's path: the servers' role reads its own secrets and nothing else.
 */
export function serverSecretsPolicy(pathArn: string, keyArn: string, region: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadStackSecrets", Effect: "Allow", Action: "ssm:GetParameter", Resource: pathArn },
            {
                Sid: "DecryptStackSecrets",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: keyArn,
                Condition: { StringEquals: { "kms:ViaService": `ssm.${region}.amazonaws.com` } },
            },
            { Sid: "NoOtherParameters", Effect: "Deny", Action: PARAMETER_READ_ACTIONS, NotResource: pathArn },
        ],
    };
}

/**
 * What the queue workers may do on the SQS queue: send, receive and delete (the brief's
 * minimum), plus change visibility (Laravel's `release()`) and read attributes (`size()`).
 */
export function queueAccessPolicy(queueArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WorkJobs",
                Effect: "Allow",
                Action: [
                    "sqs:SendMessage",
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl",
                ],
                Resource: queueArn,
            },
        ],
    };
}

/** Refuses every request to a bucket and its objects that does not come over TLS. */
function denyInsecureTransport(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * The uploads bucket's own policy: refuse every request not made over TLS and, when a
 * CloudFront distribution serves the bucket, let only that distribution (through its
 * origin access control) read objects.
 */
export function uploadsBucketPolicy(bucketArn: string, distributionArn?: string): PolicyDocument {
    const statements: PolicyStatement[] = [denyInsecureTransport(bucketArn)];
    if (distributionArn) {
        statements.push({
            Sid: "AllowCloudFrontRead",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `${bucketArn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * The account Elastic Load Balancing writes access logs from, in each region that opened before
 * August 2022 (terraform-provider-aws's `aws_elb_service_account` table). A bucket policy in
 * those regions must name it; regions opened since accept the log delivery service principal
 * only. Kept here rather than read through `aws.elb.getServiceAccount` so the bucket policy is
 * known in a preview, and so a region the table lacks still gets the service principal instead
 * of the data source's "unsupported AWS Region" failure.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-south-1": "718504428378",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
    "eu-central-1": "054676820928",
    "eu-north-1": "897822967062",
    "eu-south-1": "635631232127",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-gov-east-1": "190560391635",
    "us-gov-west-1": "048591011584",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
};

/** The IAM partition of a region's ARNs. */
function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/**
 * The access-log bucket's policy: TLS only, and Elastic Load Balancing may write objects under
 * `prefix/AWSLogs/` and nothing else (AWS's "Enable access logs for your Application Load
 * Balancer", step 2): through the region's ELB account where it has one, and through the log
 * delivery service principal everywhere, since new regions know only that one.
 */
export function balancerLogsBucketPolicy(bucketArn: string, region: string, prefix: string): PolicyDocument {
    const logs = `${bucketArn}/${prefix}/AWSLogs/*`;
    const statements: PolicyStatement[] = [denyInsecureTransport(bucketArn)];
    const account = ELB_LOG_ACCOUNTS[region];
    if (account) {
        statements.push({
            Sid: "AllowRegionalElbAccountWrite",
            Effect: "Allow",
            Principal: { AWS: `arn:${partitionOf(region)}:iam::${account}:root` },
            Action: "s3:PutObject",
            Resource: logs,
        });
    }
    statements.push({
        Sid: "AllowElbLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: logs,
    });
    return { Version: "2012-10-17", Statement: statements };
}

/** The service that delivers S3 server access logs. */
export const S3_LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";

/**
 * Lets S3 write one bucket's server access logs under `prefix/` of the access-log bucket, and no
 * other bucket's: AWS's "Permissions for log delivery" for a target bucket with ACLs disabled,
 * which must grant the logging service through its policy, limited by the source bucket's ARN
 * and its account (a bucket ARN names no account, so a bucket of the same name elsewhere would
 * otherwise match).
 */
export function serverAccessLogsStatement(
    logsBucketArn: string,
    prefix: string,
    sourceBucketArn: string,
    sourceAccount: string,
): PolicyStatement {
    return {
        Sid: "AllowS3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: S3_LOG_DELIVERY_SERVICE },
        Action: "s3:PutObject",
        Resource: `${logsBucketArn}/${prefix}/*`,
        Condition: {
            ArnLike: { "aws:SourceArn": sourceBucketArn },
            StringEquals: { "aws:SourceAccount": sourceAccount },
        },
    };
}
