/**
 * webtier-storage-not-public on AWS: no public canned ACL or public grant on an S3 bucket (inline
 * or a separate BucketAcl) or object (BucketObject, BucketObjectv2, ObjectCopy), every public
 * access block switch on (per bucket or for the account), no bucket policy allowing everyone
 * (Principal "*" or NotPrincipal) unless a condition limits it to fixed sources. Remediates a
 * public canned ACL to "private" and public access block switches to true.
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
    /** Objects carry their own canned ACL (S3 objects default to private). */
    objects: [
        "aws:s3/bucketObject:BucketObject",
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "aws:s3/objectCopy:ObjectCopy",
    ],
};

/** Every way this S3 resource makes stored files public, as messages. */
export function awsStorageExposure(res: Res): string[] {
    const problems: string[] = [];
    const name = describe(res);
    const { acl, grants, policy } = exposureChecks(name, problems);
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
        for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
            const value = p[flag];
            if (value === true) continue;
            const why =
                value === UNKNOWN
                    ? "is unknown during preview"
                    : value === undefined
                      ? "is not set (the default is false)"
                      : "is false";
            problems.push(`${name}: ${flag} ${why}. Set all four of ${PUBLIC_ACCESS_BLOCK_FLAGS.join(", ")} to true.`);
        }
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
