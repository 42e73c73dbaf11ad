/**
 * webtier-private-versioned-storage on AWS: every S3 bucket has a public access block (its own, or
 * the account's with all four switches on) and versioning, each a separate resource followed to its
 * bucket (the native provider's bucket carries both inline); a bucket policy unknown during preview
 * passes only behind a public access block that blocks and restricts public policies.
 *
 * Encryption is not asked for: since 5 January 2023 S3 encrypts every object of every bucket with
 * SSE-S3 unless a configuration picks another algorithm, and no configuration turns it off (the S3
 * user guide, "Setting default server-side encryption behavior for Amazon S3 buckets"), so a bucket
 * without an `aws.s3.BucketServerSideEncryptionConfiguration` is encrypted.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { blockIsComplete, blockNeutralisesPublicPolicy, policyIsPublic, versioned } from "../../storage";
import { Res, UNKNOWN, describe, isUnknown } from "../../values";
import { AWS } from "../types";

const PUBLIC_ACCESS_BLOCKS = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
/** One block for every bucket of the account: as good as a bucket's own when all four switches are on. */
const ACCOUNT_PUBLIC_ACCESS_BLOCKS = ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];
const BUCKET_POLICIES = ["aws:s3/bucketPolicy:BucketPolicy"];
const VERSIONINGS = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
/** The native provider's (CloudFormation's AWS::S3::Bucket), with the block and versioning inline. */
const NATIVE_BUCKETS = ["aws-native:s3:Bucket"];
function accountBlocked(graph: StackGraph): boolean {
    return graph.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCKS).some((block) => blockIsComplete(block.props));
}

function bucketFindings(graph: StackGraph, accountBlocked: boolean): Finding[] {
    const findings: Finding[] = [];
    for (const bucket of graph.ofType(AWS.buckets)) {
        const name = describe(bucket);
        if (!accountBlocked && graph.referrers(PUBLIC_ACCESS_BLOCKS, "bucket", bucket).length === 0) {
            findings.push({
                urn: bucket.urn,
                message: `${name} has no BucketPublicAccessBlock (and the stack has no aws.s3.AccountPublicAccessBlock with all four switches on). Add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.`,
            });
        }
        const isVersioned = versioned(bucket, graph.referrers(VERSIONINGS, "bucket", bucket));
        if (isVersioned !== true) {
            const why = isVersioned === UNKNOWN ? "has versioning unknown during preview" : "is not versioned";
            findings.push({
                urn: bucket.urn,
                message: `${name} ${why}, so an overwritten or deleted upload cannot be recovered. Add an aws.s3.BucketVersioning for it with versioningConfiguration.status "Enabled".`,
            });
        }
    }
    return findings;
}

/**
 * The native bucket's `publicAccessBlockConfiguration` and `versioningConfiguration`, held to what
 * the classic provider's separate resources are held to.
 */
function nativeBucketFindings(graph: StackGraph, accountBlocked: boolean): Finding[] {
    const findings: Finding[] = [];
    for (const bucket of graph.ofType(NATIVE_BUCKETS)) {
        const p = bucket.props;
        const name = describe(bucket);
        const problem = (why: string, fix: string) =>
            findings.push({ urn: bucket.urn, message: `${name} ${why}. ${fix}` });
        const block = p.publicAccessBlockConfiguration;
        if (!accountBlocked && (isUnknown(block) || !block || !blockIsComplete(block)))
            problem(
                isUnknown(block)
                    ? "has a publicAccessBlockConfiguration unknown during preview"
                    : block
                      ? "has a publicAccessBlockConfiguration without all four switches on"
                      : "has no publicAccessBlockConfiguration",
                "Set publicAccessBlockConfiguration with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
            );
        const versioning = isUnknown(p.versioningConfiguration) ? UNKNOWN : p.versioningConfiguration?.status;
        if (versioning !== "Enabled")
            problem(
                isUnknown(versioning)
                    ? "has versioning unknown during preview"
                    : "is not versioned, so an overwritten or deleted upload cannot be recovered",
                'Set versioningConfiguration to { status: "Enabled" }.',
            );
    }
    return findings;
}

/**
 * Bucket policies (standalone or inline) whose document is unknown during preview, unless every
 * bucket they may apply to has a public access block that neutralises public policies.
 */
function unknownPolicyFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const unknown = (res: Res) => policyIsPublic(res.props.policy) === UNKNOWN;
    const accountNeutralises = graph
        .ofType(ACCOUNT_PUBLIC_ACCESS_BLOCKS)
        .some((block) => blockNeutralisesPublicPolicy(block.props));
    const neutralised = (bucket: Res) =>
        accountNeutralises ||
        graph
            .referrers(PUBLIC_ACCESS_BLOCKS, "bucket", bucket)
            .some((block) => blockNeutralisesPublicPolicy(block.props));
    const fix =
        "Set blockPublicPolicy and restrictPublicBuckets to true on the bucket's aws.s3.BucketPublicAccessBlock (then S3 refuses or ignores a public policy), or build the document from values known before deployment.";
    const holders = [
        ...graph.ofType(BUCKET_POLICIES).map((policy) => ({
            res: policy,
            buckets: graph.resolve(policy, "bucket", policy.props.bucket, AWS.buckets).candidates,
        })),
        ...graph.ofType(AWS.buckets).map((bucket) => ({ res: bucket, buckets: [bucket] })),
    ];
    for (const { res, buckets } of holders.filter((h) => unknown(h.res))) {
        const exposed = buckets.filter((bucket) => !neutralised(bucket));
        if (buckets.length > 0 && exposed.length === 0) continue;
        const why =
            buckets.length === 0
                ? "its bucket is not in this stack, so no public access block can be shown to keep it private"
                : `${exposed.map(describe).join(" and ")} ${exposed.length > 1 ? "have" : "has"} no public access block with blockPublicPolicy and restrictPublicBuckets known to be true, which would keep it private whatever the document says`;
        findings.push({
            urn: res.urn,
            message: `${describe(res)} has a policy document unknown during preview (or not valid JSON), so it cannot be proven private, and ${why}. ${fix}`,
        });
    }
    return findings;
}

/** Every S3 bucket not private, versioned and encrypted, and every unknown policy nothing keeps private. */
export function awsStorageFindings(graph: StackGraph): Finding[] {
    const blocked = accountBlocked(graph);
    return [
        ...bucketFindings(graph, blocked),
        ...nativeBucketFindings(graph, blocked),
        ...unknownPolicyFindings(graph),
    ];
}
