/**
 * Pure predicates about object storage exposure, shared by the storage rules.
 */
import { isWorldLike, isWorldOpen, parseCidr, parseCidrs } from "./cidr";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, plain, textOf } from "./values";

/** Canned ACLs that grant anyone (or any AWS account) read or write. */
export const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];

const PUBLIC_GRANTEE_URIS = [
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** true: public; false: private or absent (the default, private); UNKNOWN: cannot tell. */
export function cannedAclIsPublic(acl: unknown): boolean | Unknown {
    if (isUnknown(acl)) return UNKNOWN;
    return typeof acl === "string" && PUBLIC_CANNED_ACLS.includes(acl.toLowerCase());
}

/** Does a list of grants (S3 `grants` or an access control policy's) grant to everyone? */
export function grantsArePublic(grants: unknown): boolean | Unknown {
    let unknown = false;
    for (const grant of listOf<Record<string, any>>(grants)) {
        if (isUnknown(grant)) {
            unknown = true;
            continue;
        }
        const grantee = grant?.grantee ?? grant;
        const uri = grantee?.uri;
        if (isUnknown(uri)) {
            unknown = true;
            continue;
        }
        if (typeof uri === "string" && PUBLIC_GRANTEE_URIS.includes(uri)) return true;
    }
    return unknown ? UNKNOWN : false;
}

function principalIsEveryone(principal: unknown): boolean {
    if (principal === "*") return true;
    // The getPolicyDocument form: [{ type: "AWS" | "*", identifiers: ["*"] }].
    if (Array.isArray(principal))
        return principal.some((p) => p && typeof p === "object" && listOf(p.identifiers).includes("*"));
    if (principal && typeof principal === "object") {
        return Object.values(principal as Record<string, unknown>).some(
            (value) => value === "*" || (Array.isArray(value) && value.includes("*")),
        );
    }
    return false;
}

/**
 * Condition keys that, with fixed values, limit a statement to sources someone owns: S3's own
 * test of a "public" policy (Block Public Access), plus the organisation and principal keys.
 * Anything else (aws:SecureTransport, aws:UserAgent, a date) limits nobody.
 */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "aws:sourceorgid",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:sourceip",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
].map((k) => k.toLowerCase());

/**
 * Does one value of a restricting key name a fixed source? No wildcards, not `AROLEID:*` style
 * user ids, no policy variables (`${aws:SourceAccount}` compares a key with itself, `${aws:username}`
 * varies with the caller), and for aws:SourceIp a valid CIDR that is not the whole internet.
 */
function fixedValue(key: string, value: unknown): boolean | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value !== "string" || value === "") return false;
    if (value.includes("${")) return false;
    if (key === "aws:sourceip") {
        const cidr = parseCidr(value);
        return cidr !== undefined && !isWorldOpen(cidr);
    }
    return !/[*?]/.test(value);
}

/** aws:SourceIp values that together cover the world or a third of its public part limit nobody. */
function sourceIpsCoverWorld(values: unknown[]): boolean {
    return isWorldLike(parseCidrs(values));
}

/**
 * Does a statement's condition limit it to fixed sources? Some operator (not a negated one, not
 * an ...IfExists one, which passes when the key is absent) must test a restricting key against
 * fixed values only. A condition unknown during preview answers UNKNOWN.
 */
export function conditionRestricts(condition: unknown): boolean | Unknown {
    if (condition === undefined || condition === null) return false;
    if (isUnknown(condition) || typeof condition !== "object") return isUnknown(condition) ? UNKNOWN : false;
    // The getPolicyDocument form: [{ test, variable, values }], read as { test: { variable: values } }.
    const operators: [string, unknown][] = Array.isArray(condition)
        ? condition.map((c): [string, unknown] =>
              isUnknown(c) || !c
                  ? ["", UNKNOWN]
                  : [String(c.test ?? ""), isUnknown(c.variable) ? UNKNOWN : { [String(c.variable)]: c.values }],
          )
        : Object.entries(condition as Record<string, unknown>);
    let unknown = false;
    for (const [operator, tests] of operators) {
        const op = operator.toLowerCase();
        if (op.includes("not") || op.endsWith("ifexists") || op === "null") continue;
        if (isUnknown(tests)) {
            unknown = true;
            continue;
        }
        if (!tests || typeof tests !== "object") continue;
        for (const [key, values] of Object.entries(tests as Record<string, unknown>)) {
            const k = key.toLowerCase();
            if (!RESTRICTING_CONDITION_KEYS.includes(k)) continue;
            const list = listOf(values);
            if (list.length === 0) continue;
            const fixed = list.map((v) => fixedValue(k, v));
            if (k === "aws:sourceip" && sourceIpsCoverWorld(list)) continue;
            if (fixed.every((f) => f === true)) return true;
            if (!fixed.includes(false)) unknown = true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/** IAM's action match: case-insensitive, `*` any run of characters, `?` one character. */
function actionMatches(pattern: string, action: string): boolean {
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/**
 * Does a statement allow `action`: an `Action` pattern matching it, or a `NotAction` none of
 * whose patterns do (the getPolicyDocument form: `actions`, `notActions`)? A statement with
 * neither grants nothing. Unknown patterns answer UNKNOWN.
 */
function statementAllowsAction(statement: Record<string, unknown>, action: string): boolean | Unknown {
    const not = statement.NotAction ?? statement.notActions;
    const given = not !== undefined && not !== null ? not : (statement.Action ?? statement.actions);
    if (isUnknown(given)) return UNKNOWN;
    if (given === undefined || given === null) return false;
    const patterns = listOf<unknown>(given);
    let unknown = false;
    let matched = false;
    for (const pattern of patterns) {
        if (isUnknown(pattern)) unknown = true;
        else if (typeof pattern === "string" && actionMatches(pattern, action)) matched = true;
    }
    // Action: granted when a pattern matches. NotAction: granted when none does.
    const isNot = given === not;
    if (matched) return !isNot;
    return unknown ? UNKNOWN : isNot;
}

/**
 * Does a resource policy (JSON text or object) allow everyone (`Principal: "*"`) without a
 * condition that limits it to fixed sources (see `conditionRestricts`)? With `action`, only
 * statements that allow that action count (a secret's policy may let everyone describe it, not
 * read it). Unknown or unparsable documents answer UNKNOWN: they cannot be proven private.
 */
export function policyIsPublic(policy: unknown, action?: string): boolean | Unknown {
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
        if (isUnknown(statement)) {
            unknown = true;
            continue;
        }
        const effect = statement?.Effect ?? statement?.effect ?? "Allow";
        if (isUnknown(effect)) {
            unknown = true;
            continue;
        }
        if (String(effect) !== "Allow") continue;
        // Allow with NotPrincipal grants everyone except the principals named: as public as "*".
        const notPrincipal = statement.NotPrincipal ?? statement.notPrincipals;
        const principal =
            notPrincipal !== undefined && notPrincipal !== null ? "*" : (statement.Principal ?? statement.principals);
        if (
            isUnknown(notPrincipal) ||
            isUnknown(principal) ||
            (principal && typeof principal === "object" && Object.values(principal).some(isUnknown))
        ) {
            unknown = true;
            continue;
        }
        if (!principalIsEveryone(principal)) continue;
        if (action !== undefined) {
            const allows = statementAllowsAction(statement, action);
            if (allows === false) continue;
            if (allows === UNKNOWN) {
                unknown = true;
                continue;
            }
        }
        const restricted = conditionRestricts(statement.Condition ?? statement.conditions);
        if (restricted === false) return true;
        if (restricted === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : false;
}

/** Whether a policy document grants through NotPrincipal (the wording of a public policy's message). */
function notPrincipalIn(policy: unknown): boolean {
    const text = typeof policy === "string" ? policy : JSON.stringify(policy ?? null);
    return /"(NotPrincipal|notPrincipals)"\s*:/.test(text);
}

/** The four switches of an S3 public access block; absent is the provider default, false. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = [
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
] as const;

/**
 * Does this public access block keep a bucket private whatever its bucket policy says? With
 * blockPublicPolicy S3 refuses to store a public policy, and with restrictPublicBuckets it
 * ignores one already there (only AWS services and the owner account get through), so both
 * must be known to be true. (The ACL switches concern ACLs, which the policy text does not.)
 */
export function blockNeutralisesPublicPolicy(block: Record<string, unknown>): boolean {
    return block.blockPublicPolicy === true && block.restrictPublicBuckets === true;
}

/** Does this (bucket or account) public access block have all four switches known to be true? */
export function blockIsComplete(block: Record<string, unknown>): boolean {
    return PUBLIC_ACCESS_BLOCK_FLAGS.every((flag) => block[flag] === true);
}

/** true, false, or unknown: is versioning enabled by the inline block or one of `configs`? */
export function versioned(bucket: Res, configs: Res[]): boolean | typeof UNKNOWN {
    const inline = bucket.props.versioning;
    if (inline && !isUnknown(inline) && inline.enabled === true) return true;
    let unknown = isUnknown(inline) || (inline && isUnknown(inline.enabled));
    for (const config of configs) {
        const status =
            config.props.versioningConfiguration === UNKNOWN ? UNKNOWN : config.props.versioningConfiguration?.status;
        if (status === "Enabled") return true;
        if (isUnknown(status)) unknown = true;
    }
    return unknown ? UNKNOWN : false;
}

/**
 * The checks a stored-file resource's properties share on every S3-compatible cloud (webtier-storage-not-public):
 * each pushes onto `problems` what makes files public, naming the resource `name`.
 */
export function exposureChecks(
    name: string,
    problems: string[],
    /** How to grant access instead of to everyone, on this cloud (the fix of a public policy). */
    policyAdvice: string,
): {
    acl: (value: unknown, key: string) => void;
    grants: (value: unknown, key: string) => void;
    policy: (value: unknown, key: string) => void;
} {
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
                `${name} allows ${notPrincipalIn(value) ? "everyone but the principals a NotPrincipal names" : 'Principal "*"'} without a condition that limits it to fixed sources (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID, ...) in ${key}. ${policyAdvice}`,
            );
    };
    return { acl, grants, policy };
}

/** A public canned ACL made "private", the one safe fix (for "remediate"); undefined when the ACL is not public. */
export function privateAcl(args: { props: Record<string, any> }): Record<string, any> | undefined {
    if (cannedAclIsPublic(plain(args.props)?.acl) !== true) return undefined;
    args.props.acl = "private";
    return args.props;
}
