/**
 * The database is reachable only from the app servers. AWS: every managed data service with
 * a network endpoint (RDS and Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK; see
 * lib/aws/data-stores.ts) without a public endpoint, in private subnets, its security group
 * admitting only the app servers' groups. DigitalOcean:
 * the cluster in the VPC, behind a database firewall that trusts only the app droplets or
 * their tag.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Finding, dataStoreAccessFindings } from "../lib/data-access";
import { AWS, StackGraph } from "../lib/graph";
import { Res, describe, fromStackResources, isUnknown } from "../lib/values";

/** Neptune instances can be given a public endpoint too (publiclyAccessible, default false). */
const NEPTUNE_INSTANCES = ["aws:neptune/clusterInstance:ClusterInstance"];

/** RDS and Neptune `publiclyAccessible`: absent is the provider's default, false. */
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

export const databaseNotPublic: StackValidationPolicy = {
    name: "webtier-database-not-public",
    description:
        "The database is reachable only from the app servers: every managed data service with a network endpoint (RDS and Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK) private (no public endpoint, no clear-text clients, private subnets, security group admitting only the app servers' groups: instances, launch templates and configurations, ECS services, Lambda functions); DigitalOcean clusters in the VPC behind a database firewall trusting only the app droplets or their tag.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const findings: Finding[] = [];
        for (const store of graph.ofType([...AWS.rdsInstances, ...AWS.rdsClusterInstances, ...NEPTUNE_INSTANCES])) {
            const finding = publiclyAccessibleFinding(store);
            if (finding) findings.push(finding);
        }
        findings.push(...dataStoreAccessFindings(graph, "database"));
        for (const finding of findings) reportViolation(finding.message, finding.urn);
    },
};
