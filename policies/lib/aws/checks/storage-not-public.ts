/**
 * webtier-storage-not-public on AWS: no public canned ACL or public grant on an S3 bucket (inline
 * or a separate BucketAcl) or object (BucketObject, BucketObjectv2, ObjectCopy), every public
 * access block switch on (per bucket or for the account), no bucket policy allowing everyone
 * (Principal "*" or NotPrincipal) unless a condition limits it to fixed sources; the native
 * provider's bucket (accessControl, publicAccessBlockConfiguration) and bucket policy alike.
 * Remediates a public canned ACL to "private" and public access block switches to true.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { PUBLIC_ACCESS_BLOCK_FLAGS, exposureChecks, privateAcl } from "../../storage";
import { Res, UNKNOWN, describe, plain } from "../../values";

const TYPES = {
    buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    acls: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    policies: ["aws:s3/bucketPolicy:BucketPolicy"],
    publicAccessBlocks: [
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    ],
    /** The native provider's (CloudFormation's AWS::S3::Bucket and AWS::S3::BucketPolicy). */
    nativeBucket: "aws-native:s3:Bucket",
    nativePolicy: "aws-native:s3:BucketPolicy",
    /** Objects carry their own canned ACL (S3 objects default to private). */
    objects: [
        "aws:s3/bucketObject:BucketObject",
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "aws:s3/objectCopy:ObjectCopy",
    ],
};

/** A CloudFormation canned ACL ("PublicRead") as S3 names it ("public-read"). */
function cannedAclOfNative(value: unknown): unknown {
    return typeof value === "string" ? value.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase() : value;
}

/**
 * Each public access block switch that is not on, as a problem: one set to false, unknown during
 * preview, or left out of a block that is given (a left-out switch is off).
 */
function publicAccessBlockProblems(name: string, block: Record<string, unknown>, prefix: string): string[] {
    const problems: string[] = [];
    for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
        const value = block[flag];
        if (value === true) continue;
        const why =
            value === UNKNOWN
                ? "is unknown during preview"
                : value === undefined
                  ? "is not set (the default is false)"
                  : "is false";
        problems.push(
            `${name}: ${prefix}${flag} ${why}. Set all four of ${PUBLIC_ACCESS_BLOCK_FLAGS.join(", ")} to true.`,
        );
    }
    return problems;
}

/** Every way this S3 resource makes stored files public, as messages. */
export function awsStorageExposure(res: Res): string[] {
    const problems: string[] = [];
    const name = describe(res);
    const { acl, grants, policy } = exposureChecks(
        name,
        problems,
        "Grant access to specific principals (for example the CloudFront distribution, with an AWS:SourceArn condition).",
    );
    const p = res.props;
    if (TYPES.buckets.includes(res.type)) {
        acl(p.acl, "acl");
        grants(p.grants, "grants");
        policy(p.policy, "policy");
    } else if (TYPES.acls.includes(res.type)) {
        acl(p.acl, "acl");
        grants(
            p.accessControlPolicy === UNKNOWN ? UNKNOWN : p.accessControlPolicy?.grants,
            "accessControlPolicy.grants",
        );
    } else if (TYPES.policies.includes(res.type)) {
        policy(p.policy, "policy");
    } else if (TYPES.objects.includes(res.type)) {
        acl(p.acl, "acl");
        grants(p.grants, "grants");
    } else if (TYPES.publicAccessBlocks.includes(res.type)) {
        problems.push(...publicAccessBlockProblems(name, p, ""));
    } else if (res.type === TYPES.nativeBucket) {
        // The bucket's canned ACL is its accessControl; without a publicAccessBlockConfiguration
        // S3 turns every switch on for a new bucket, with one, a switch it leaves out is off.
        acl(cannedAclOfNative(p.accessControl), "accessControl");
        const block = p.publicAccessBlockConfiguration;
        if (block === UNKNOWN)
            problems.push(
                `${name}: publicAccessBlockConfiguration is unknown during preview, so it cannot be proven to block public access. Set all four of ${PUBLIC_ACCESS_BLOCK_FLAGS.join(", ")} to true.`,
            );
        else if (block !== undefined && block !== null)
            problems.push(...publicAccessBlockProblems(name, block, "publicAccessBlockConfiguration."));
    } else if (res.type === TYPES.nativePolicy) {
        policy(p.policyDocument, "policyDocument");
    }
    return problems;
}

/** The safe fixes: a public canned ACL to "private", public access block switches to true. */
export function awsStorageRemediation(args: ResourceValidationArgs): Record<string, any> | undefined {
    if ([...TYPES.buckets, ...TYPES.acls, ...TYPES.objects].includes(args.type)) return privateAcl(args);
    const current = plain(args.props) as Record<string, any>;
    if (
        TYPES.publicAccessBlocks.includes(args.type) &&
        PUBLIC_ACCESS_BLOCK_FLAGS.some((flag) => current[flag] !== true)
    ) {
        for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) args.props[flag] = true;
        return args.props;
    }
    return undefined;
}
