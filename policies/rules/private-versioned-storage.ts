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
import { CLOUD_PACKS } from "../lib/clouds";
import { CONFIG_DEFAULTS } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const privateVersionedStorage: StackValidationPolicy = {
    name: "webtier-private-versioned-storage",
    description:
        "Every S3 bucket has a public access block (its own, or the account's with all four switches on) and versioning (S3 encrypts every bucket itself); every Spaces bucket is versioned. A bucket policy unknown during preview passes only behind a public access block that blocks and restricts public policies.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.privateVersionedStorage(graph, CONFIG_DEFAULTS))
                reportViolation(finding.message, finding.urn);
    },
};
