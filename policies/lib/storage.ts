/**
 * Pure predicates about object storage exposure, shared by the storage rules.
 */
import { UNKNOWN, Unknown, isUnknown, listOf } from "./values";

/** Canned ACLs that grant anyone (or any AWS account) read or write. */
export const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];

const PUBLIC_GRANTEE_URIS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/** true: public; false: private or absent (the default, private); UNKNOWN: cannot tell. */
export function cannedAclIsPublic(acl: unknown): boolean | Unknown {
    if (isUnknown(acl)) return UNKNOWN;
    return typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl.toLowerCase());
}

/** Does a list of grants (S3 `grants` or an access control policy's) grant to everyone? */
export function grantsArePublic(grants: unknown): boolean | Unknown {
    let unknown = false;
    for (const grant of listOf<Record<string, any>>(grants)) {
        if (isUnknown(grant)) { unknown = true; continue; }
        const grantee = grant?.grantee ?? grant;
        const uri = grantee?.uri;
        if (isUnknown(uri)) { unknown = true; continue; }
        if (typeof uri === "string" && PUBLIC_GRANTEE_URIS.includes(uri)) return true;
    }
    return unknown ? UNKNOWN : false;
}

function principalIsEveryone(principal: unknown): boolean {
    if (principal === "*") return true;
    if (principal && typeof principal === "object") {
        return Object.values(principal as Record<string, unknown>).some((value) =>
            value === "*" || (Array.isArray(value) && value.includes("*")));
    }
    return false;
}

/**
 * Does a bucket policy (JSON text or object) allow `Principal: "*"` without a condition?
 * Unknown or unparsable documents answer UNKNOWN: they cannot be proven private.
 */
export function policyIsPublic(policy: unknown): boolean | Unknown {
    if (policy === undefined || policy === null || policy === "") return false;
    if (isUnknown(policy)) return UNKNOWN;
    let document: any = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return UNKNOWN;
        }
    }
    let unknown = false;
    for (const statement of listOf<Record<string, any>>(document?.Statement ?? document?.statements)) {
        if (isUnknown(statement)) { unknown = true; continue; }
        const effect = statement?.Effect ?? statement?.effect ?? "Allow";
        if (isUnknown(effect)) { unknown = true; continue; }
        if (String(effect) !== "Allow") continue;
        const principal = statement.Principal ?? statement.principals;
        if (isUnknown(principal) || (principal && typeof principal === "object" && Object.values(principal).some(isUnknown))) { unknown = true; continue; }
        const condition = statement.Condition ?? statement.conditions;
        const hasCondition = isUnknown(condition) || (condition !== undefined && condition !== null && Object.keys(condition).length > 0);
        if (principalIsEveryone(principal) && !hasCondition) return true;
    }
    return unknown ? UNKNOWN : false;
}

/** The four switches of an S3 public access block; absent is the provider default, false. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * Does this public access block keep a bucket private whatever its bucket policy says? With
 * blockPublicPolicy S3 refuses to store a public policy, and with restrictPublicBuckets it
 * ignores one already there (only AWS services and the owner account get through), so both
 * must be known to be true. (The ACL switches concern ACLs, which the policy text does not.)
 */
export function blockNeutralisesPublicPolicy(block: Record<string, unknown>): boolean {
    return block.blockPublicPolicy === true && block.restrictPublicBuckets === true;
}
