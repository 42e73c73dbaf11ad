/**
 * Policy documents over the size their service stores (webtier-preflight-settings), measured
 * below the limit's count so that nothing the service takes is refused:
 * - an IAM managed policy: at most 6,144 characters, white space not counted (IAM User Guide,
 *   "IAM and AWS STS quotas", managed policy size; read 2026-12-03);
 * - an S3 bucket policy: at most 20 KB (S3 User Guide, "Bucket policies": "Bucket policies are
 *   limited to 20 KB in size"; read 2026-12-03), measured as the provider sends it, compact JSON
 *   (terraform-provider-aws normalises it), against 20 × 1,024 bytes.
 */
import { Res, describe, isUnknown } from "../values";

const MANAGED_POLICY_CHARACTERS = 6144;
const BUCKET_POLICY_BYTES = 20 * 1024;

/** The policy as JSON text, or undefined when it is unknown or holds an unknown. */
function policyText(value: unknown): string | undefined {
    if (typeof value === "string") return isUnknown(value) ? undefined : value;
    if (!value || typeof value !== "object") return undefined;
    let unknown = false;
    const text = JSON.stringify(value, (_key, v) => {
        if (isUnknown(v)) unknown = true;
        return v;
    });
    return unknown ? undefined : text;
}

function compact(text: string): string {
    try {
        return JSON.stringify(JSON.parse(text));
    } catch {
        // Not JSON: the provider's validator refuses it; measured as written.
        return text;
    }
}

export function policySizeProblems(res: Res): string[] {
    if (res.type === "aws:iam/policy:Policy") {
        const text = policyText(res.props.policy);
        if (text === undefined) return [];
        const characters = text.replace(/\s/g, "").length;
        if (characters <= MANAGED_POLICY_CHARACTERS) return [];
        return [
            `${describe(res)}: policy is ${characters} characters without white space; IAM stores a managed policy of at most ${MANAGED_POLICY_CHARACTERS} (LimitExceeded). Split it into two managed policies attached to the same role, or shorten it (wildcards over lists of actions, one statement per set of resources). Source: IAM User Guide "IAM and AWS STS quotas".`,
        ];
    }
    if (res.type === "aws:s3/bucketPolicy:BucketPolicy") {
        const text = policyText(res.props.policy);
        if (text === undefined) return [];
        const bytes = Buffer.byteLength(compact(text), "utf8");
        if (bytes <= BUCKET_POLICY_BYTES) return [];
        return [
            `${describe(res)}: policy is ${bytes} bytes as compact JSON; S3 takes a bucket policy of at most 20 KB (${BUCKET_POLICY_BYTES} bytes). Shorten it: grant to roles or a condition (aws:PrincipalOrgID, aws:SourceVpce) instead of listing principals or addresses, or move the access to the roles' own IAM policies. Source: S3 User Guide "Bucket policies".`,
        ];
    }
    return [];
}
