/**
 * webtier-private-versioned-storage on DigitalOcean: every Spaces bucket is versioned (on the
 * bucket itself), and a Spaces bucket policy unknown during preview is reported: Spaces has no
 * public access block to vouch for it.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { policyIsPublic, versioned } from "../../storage";
import { Res, UNKNOWN, describe } from "../../values";
import { DO } from "../types";

/** Spaces bucket policies with a document unknown during preview. */
function unknownPolicyFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const unknown = (res: Res) => policyIsPublic(res.props.policy) === UNKNOWN;
    for (const res of graph.ofType(DO.spacesBucketPolicies).filter(unknown)) {
        findings.push({
            urn: res.urn,
            message: `${describe(res)} has a policy document unknown during preview (or not valid JSON), so it cannot be proven private, and Spaces has no public access block to vouch for it. Build the document from values known before deployment.`,
        });
    }
    return findings;
}

function bucketFindings(graph: StackGraph): Finding[] {
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

/** Every Spaces bucket not versioned, and every Spaces policy unknown during preview. */
export function digitalOceanStorageFindings(graph: StackGraph): Finding[] {
    return [...unknownPolicyFindings(graph), ...bucketFindings(graph)];
}
