/**
 * webtier-storage-not-public on DigitalOcean: Spaces buckets and objects private (no public canned
 * ACL; no public access block can stop a public object), no bucket policy allowing everyone.
 * Remediates a public canned ACL to "private".
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { exposureChecks, privateAcl } from "../../storage";
import { Res, describe } from "../../values";

const TYPES = {
    spaces: "digitalocean:index/spacesBucket:SpacesBucket",
    policies: ["digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy"],
    /** Objects carry their own canned ACL (Spaces objects default to private). */
    objects: ["digitalocean:index/spacesBucketObject:SpacesBucketObject"],
};

/** Every way this Spaces resource makes stored files public, as messages. */
export function digitalOceanStorageExposure(res: Res): string[] {
    const problems: string[] = [];
    const { acl, grants, policy } = exposureChecks(
        describe(res),
        problems,
        // Spaces has no service principals to name: files reach others through presigned URLs.
        "Remove the statement and hand out files through presigned URLs (the bucket stays private).",
    );
    const p = res.props;
    if (TYPES.policies.includes(res.type)) {
        policy(p.policy, "policy");
    } else if (TYPES.objects.includes(res.type)) {
        acl(p.acl, "acl");
        grants(p.grants, "grants");
    } else if (res.type === TYPES.spaces) {
        acl(p.acl, "acl");
    }
    return problems;
}

/** The safe fix: a public canned ACL to "private". */
export function digitalOceanStorageRemediation(args: ResourceValidationArgs): Record<string, any> | undefined {
    return [TYPES.spaces, ...TYPES.objects].includes(args.type) ? privateAcl(args) : undefined;
}
