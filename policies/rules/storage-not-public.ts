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
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { Res, fromResourceArgs } from "../lib/values";

/** Every way this resource makes stored files public, as messages (each cloud's pack judges its own types). */
export function storageExposure(res: Res): string[] {
    return CLOUD_PACKS.flatMap((pack) => pack.storageExposure(res));
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
    remediateResource: (args) => {
        for (const pack of CLOUD_PACKS) {
            const fixed = pack.storageRemediation(args);
            if (fixed) return fixed;
        }
        return undefined;
    },
};
