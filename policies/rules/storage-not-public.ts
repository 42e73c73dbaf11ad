/**
 * Uploads are private: no public canned ACL or public grant on an S3 bucket (inline or a
 * separate BucketAcl) or object (BucketObject, BucketObjectv2, ObjectCopy; Spaces objects
 * likewise, which no public access block can stop), every public access block switch on (per
 * bucket or for the account), no bucket policy allowing everyone (Principal "*" or NotPrincipal)
 * unless a condition limits it to fixed sources; Spaces buckets private. Remediates what has one safe fix:
 * a public canned ACL becomes "private" and public access block switches become true (when
 * the policy's enforcement level is set to "remediate").
 *
 * A bucket policy whose document is unknown during preview (built from ARNs that do not exist
 * yet) cannot be judged from the policy resource alone: whether it can make the bucket public
 * depends on the bucket's public access block, another resource. This rule reports only
 * documents it can read; webtier-private-versioned-storage, which sees the whole stack, reports
 * an unknown document unless the bucket's public access block neutralises public policies.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { PUBLIC_ACCESS_BLOCK_FLAGS, cannedAclIsPublic, grantsArePublic, policyIsPublic } from "../lib/storage";
import { Res, UNKNOWN, describe, fromResourceArgs, plain, textOf } from "../lib/values";

const TYPES = {
    buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    acls: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    policies: ["aws:s3/bucketPolicy:BucketPolicy", "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy"],
    publicAccessBlocks: [
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    ],
    spaces: "digitalocean:index/spacesBucket:SpacesBucket",
    /** Objects carry their own canned ACL (S3 objects default to private, Spaces objects too). */
    objects: [
        "aws:s3/bucketObject:BucketObject",
        "aws:s3/bucketObjectv2:BucketObjectv2",
        "digitalocean:index/spacesBucketObject:SpacesBucketObject",
        "aws:s3/objectCopy:ObjectCopy",
    ],
};

/** Every way this resource makes stored files public, as messages. */
export function storageExposure(res: Res): string[] {
    const problems: string[] = [];
    const name = describe(res);
    const acl = (value: unknown, key: string) => {
        const isPublic = cannedAclIsPublic(value);
        if (isPublic === true)
            problems.push(
                `${name} sets ${key} "${textOf(value)}", which makes files public. Set ${key} to "private" and serve files through signed URLs or the CDN.`,
            );
        if (isPublic === UNKNOWN)
            problems.push(
                `${name} has ${key} unknown during preview, so it cannot be proven private. Set ${key} to the literal "private".`,
            );
    };
    const grants = (value: unknown, key: string) => {
        const isPublic = grantsArePublic(value);
        if (isPublic === true)
            problems.push(
                `${name} grants access to all users in ${key}. Remove the AllUsers / AuthenticatedUsers grant.`,
            );
        if (isPublic === UNKNOWN)
            problems.push(
                `${name} has ${key} unknown during preview, so it cannot be proven private. Use literal grants.`,
            );
    };
    // An unknown document is left to webtier-private-versioned-storage (see above).
    const policy = (value: unknown, key: string) => {
        if (policyIsPublic(value) === true)
            problems.push(
                `${name} allows Principal "*" without a condition that limits it to fixed sources (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID, ...) in ${key}. Grant access to specific principals (for example the CloudFront distribution, with an AWS:SourceArn condition).`,
            );
    };
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
    } else if (res.type === TYPES.spaces) {
        acl(p.acl, "acl");
    }
    return problems;
}

/** The safe fixes: public canned ACLs to "private", public access block switches to true. */
function remediation(args: ResourceValidationArgs): Record<string, any> | undefined {
    const current = plain(args.props) as Record<string, any>;
    const isAclType = [...TYPES.buckets, ...TYPES.acls, TYPES.spaces, ...TYPES.objects].includes(args.type);
    if (isAclType && cannedAclIsPublic(current.acl) === true) {
        args.props.acl = "private";
        return args.props;
    }
    if (
        TYPES.publicAccessBlocks.includes(args.type) &&
        PUBLIC_ACCESS_BLOCK_FLAGS.some((flag) => current[flag] !== true)
    ) {
        for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) args.props[flag] = true;
        return args.props;
    }
    return undefined;
}

export const storageNotPublic: ResourceValidationPolicy = {
    name: "webtier-storage-not-public",
    description:
        'Uploads stay private: no public ACL (bucket or object), grant or bucket policy on S3 (Principal "*" or NotPrincipal, unless limited to fixed sources), every public access block switch on (bucket or account), Spaces buckets and objects private. With enforcement level "remediate", public canned ACLs become private and public access block switches become true. (A bucket policy unknown during preview is judged by webtier-private-versioned-storage, which sees the bucket\'s public access block.)',
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: (args, reportViolation) => {
        for (const problem of storageExposure(fromResourceArgs(args))) reportViolation(problem);
    },
    remediateResource: (args) => remediation(args),
};
