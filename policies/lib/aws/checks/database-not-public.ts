/**
 * webtier-database-not-public on AWS: every managed data service with a network endpoint (RDS and
 * Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK; see data-stores.ts) without a public
 * endpoint, in private subnets, its security group admitting only the app servers' groups; and
 * Lightsail databases not in public mode (`publiclyAccessible`, default false: reachable then
 * only by the account's Lightsail resources in the region). A database's data is reachable through
 * its snapshots too: no RDS snapshot of the stack is shared with every AWS account.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Res, describe, isUnknown } from "../../values";
import { awsDataStoreAccessFindings } from "../data-access";
import { LIGHTSAIL } from "../lightsail";
import { AWS } from "../types";

/** Neptune instances can be given a public endpoint too (publiclyAccessible, default false). */
const NEPTUNE_INSTANCES = AWS.neptuneInstances;

/** RDS (either provider), Neptune and Lightsail `publiclyAccessible`: absent is the provider's default, false. */
export function publiclyAccessibleFinding(store: Res): Finding | undefined {
    const value = store.props.publiclyAccessible;
    if (value === true) {
        return {
            urn: store.urn,
            message: `${describe(store)} is publicly accessible. Set publiclyAccessible to false: the app servers reach it over the private network.`,
        };
    }
    if (isUnknown(value)) {
        return {
            urn: store.urn,
            message: `${describe(store)} has publiclyAccessible unknown during preview, so it cannot be proven private. Set publiclyAccessible to the literal false.`,
        };
    }
    return undefined;
}

/**
 * RDS manual snapshots (and copies) shared with "all": anyone with an AWS account can restore
 * them, so the database's data, password hashes and the app's secrets in it are public. AWS
 * names everyone with the value `all` in the snapshot's `restore` attribute, which is what the
 * provider writes `sharedAccounts` to; an unknown entry cannot be proven to be an account.
 */
export function publicSnapshotFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const snapshot of graph.ofType(AWS.rdsSnapshots)) {
        const shared = snapshot.props.sharedAccounts;
        const entries: unknown[] = Array.isArray(shared) ? shared : [shared];
        if (entries.some((entry) => typeof entry === "string" && entry.toLowerCase() === "all"))
            findings.push({
                urn: snapshot.urn,
                message: `${describe(snapshot)} is shared with all AWS accounts (sharedAccounts "all"): anyone can restore it and read the database. Share it only with the account IDs that need it, or not at all.`,
            });
        else if (entries.some(isUnknown))
            findings.push({
                urn: snapshot.urn,
                message: `${describe(snapshot)} has sharedAccounts unknown during preview, so it cannot be proven not to be public. Name the account IDs literally (12 digits each), never "all".`,
            });
    }
    return findings;
}

/** Every AWS database with a public endpoint or reachable by more than the app servers. */
export function awsDatabaseFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    // Aurora's public switch is on each instance; a Multi-AZ DB cluster's is on the cluster.
    const stores = [
        ...AWS.rdsInstances,
        ...AWS.rdsClusters,
        ...AWS.rdsClusterInstances,
        ...NEPTUNE_INSTANCES,
        LIGHTSAIL.database,
        "aws-native:rds:DbInstance",
        "aws-native:rds:DbCluster",
    ];
    for (const store of graph.ofType(stores)) {
        const finding = publiclyAccessibleFinding(store);
        if (finding) findings.push(finding);
    }
    findings.push(...awsDataStoreAccessFindings(graph, "database"));
    findings.push(...publicSnapshotFindings(graph));
    return findings;
}
