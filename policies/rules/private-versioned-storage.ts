/**
 * Every bucket is private, versioned and encrypted. S3 spreads these over separate resources
 * (BucketPublicAccessBlock, BucketVersioning, BucketServerSideEncryptionConfiguration), so
 * this is a stack rule: it follows each of them to its bucket and reports the bucket that
 * lacks one. Spaces: versioning on the bucket itself. (The values inside those resources,
 * and ACLs, are checked by webtier-storage-not-public.)
 *
 * It also judges the bucket policies webtier-storage-not-public cannot read: a document unknown
 * during preview (built from ARNs that do not exist yet) is accepted only when every bucket it
 * may apply to has a public access block with blockPublicPolicy and restrictPublicBuckets known
 * to be true, since then S3 refuses or ignores a public policy whatever the text says. Spaces
 * has no such switch, so an unknown Spaces policy is always reported.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Finding } from "../lib/data-access";
import { AWS, DO, StackGraph } from "../lib/graph";
import { blockIsComplete, blockNeutralisesPublicPolicy, policyIsPublic } from "../lib/storage";
import { Res, UNKNOWN, describe, fromStackResources, isUnknown, listOf } from "../lib/values";

const PUBLIC_ACCESS_BLOCKS = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
/** One block for every bucket of the account: as good as a bucket's own when all four switches are on. */
const ACCOUNT_PUBLIC_ACCESS_BLOCKS = ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];
const BUCKET_POLICIES = ["aws:s3/bucketPolicy:BucketPolicy"];
const SPACES_POLICIES = ["digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy"];
const VERSIONINGS = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
const ENCRYPTIONS = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/** true, false, or unknown: is versioning enabled by the inline block or one of `configs`? */
function versioned(bucket: Res, configs: Res[]): boolean | typeof UNKNOWN {
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

function encrypted(bucket: Res, configs: Res[]): boolean | typeof UNKNOWN {
    const inline = bucket.props.serverSideEncryptionConfiguration;
    if (isUnknown(inline)) return UNKNOWN;
    if (inline && (inline.rule || listOf(inline.rules).length > 0)) return true;
    for (const config of configs) {
        if (isUnknown(config.props.rules)) return UNKNOWN;
        if (listOf(config.props.rules).length > 0) return true;
    }
    return false;
}

function awsFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const accountBlocked = graph.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCKS).some((block) => blockIsComplete(block.props));
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
        const isEncrypted = encrypted(bucket, graph.referrers(ENCRYPTIONS, "bucket", bucket));
        if (isEncrypted !== true) {
            const why =
                isEncrypted === UNKNOWN
                    ? "has an encryption configuration unknown during preview"
                    : "has no server-side encryption configuration";
            findings.push({
                urn: bucket.urn,
                message: `${name} ${why}. Add an aws.s3.BucketServerSideEncryptionConfiguration for it (sseAlgorithm "AES256" or "aws:kms").`,
            });
        }
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
    for (const res of graph.ofType(SPACES_POLICIES).filter(unknown)) {
        findings.push({
            urn: res.urn,
            message: `${describe(res)} has a policy document unknown during preview (or not valid JSON), so it cannot be proven private, and Spaces has no public access block to vouch for it. Build the document from values known before deployment.`,
        });
    }
    return findings;
}

function digitalOceanFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const bucket of graph.ofType(DO.spacesBuckets)) {
        const isVersioned = versioned(bucket, []);
        if (isVersioned !== true) {
            const why = isVersioned === UNKNOWN ? "has versioning unknown during preview" : "is not versioned";
            findings.push({
                urn: bucket.urn,
                message: `${describe(bucket)} ${why}, so an overwritten or deleted upload cannot be recovered. Set versioning: { enabled: true }.`,
            });
        }
    }
    return findings;
}

export const privateVersionedStorage: StackValidationPolicy = {
    name: "webtier-private-versioned-storage",
    description:
        "Every S3 bucket has a public access block (its own, or the account's with all four switches on), versioning and server-side encryption; every Spaces bucket is versioned. A bucket policy unknown during preview passes only behind a public access block that blocks and restricts public policies.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const finding of [...awsFindings(graph), ...unknownPolicyFindings(graph), ...digitalOceanFindings(graph)])
            reportViolation(finding.message, finding.urn);
    },
};
