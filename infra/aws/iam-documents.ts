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

/**
 * The uploads bucket's own policy: refuse every request not made over TLS and, when a
 * CloudFront distribution serves the bucket, let only that distribution (through its
 * origin access control) read objects.
 */
export function uploadsBucketPolicy(bucketArn: string, distributionArn?: string): PolicyDocument {
    const statements: PolicyStatement[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ];
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
