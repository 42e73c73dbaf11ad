/**
 * The shared cache (sessions, cache, queue, locks) is reachable only from the app servers,
 * over TLS and with AUTH. AWS: ElastiCache with transit encryption and an auth token (or a
 * user group), in private subnets, its security group admitting only the app servers' group.
 * DigitalOcean: the Valkey/Redis cluster in the VPC behind a database firewall trusting only
 * the app droplets or their tag (DigitalOcean caches always use TLS and a password).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Finding, dataStoreAccessFindings } from "../lib/data-access";
import { AWS, StackGraph } from "../lib/graph";
import { Res, describe, fromStackResources, isUnknown, listOf, present } from "../lib/values";

/** Transit encryption: absent is the provider's default, false. */
export function transitEncryptionFinding(store: Res): Finding | undefined {
    const value = store.props.transitEncryptionEnabled;
    if (value === true) return undefined;
    const why = isUnknown(value) ? "has transitEncryptionEnabled unknown during preview, so TLS cannot be proven" : "does not enable transit encryption";
    return { urn: store.urn, message: `${describe(store)} ${why}. Set transitEncryptionEnabled to true so sessions and queue payloads never cross the network in clear text.` };
}

/**
 * AUTH: an auth token or a user group must be set. A token unknown during preview (a
 * generated password) is still a token, so it passes.
 */
export function authFinding(store: Res, userGroupKey: string): Finding | undefined {
    if (present(store.props.authToken)) return undefined;
    const groups = store.props[userGroupKey];
    if (isUnknown(groups) || listOf(groups).length > 0) return undefined;
    return { urn: store.urn, message: `${describe(store)} requires no AUTH. Set authToken (from a RandomPassword, kept secret) or ${userGroupKey}.` };
}

export const cacheNotPublic: StackValidationPolicy = {
    name: "webtier-cache-not-public",
    description: "The cache is reachable only from the app servers, with TLS and AUTH: ElastiCache transit encryption and auth token, private subnets, security group admitting only the app servers' group; DigitalOcean Valkey/Redis in the VPC behind a database firewall trusting only the app droplets or their tag.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const findings: Finding[] = [];
        for (const group of graph.ofType(AWS.replicationGroups)) {
            for (const finding of [transitEncryptionFinding(group), authFinding(group, "userGroupIds")]) if (finding) findings.push(finding);
        }
        for (const cluster of graph.ofType(AWS.cacheClusters)) {
            // A member of a replication group is judged through its group.
            if (present(cluster.props.replicationGroupId)) continue;
            const transit = transitEncryptionFinding(cluster);
            if (transit) findings.push(transit);
            const engine = cluster.props.engine;
            if (isUnknown(engine) || engine !== "memcached") {
                findings.push({ urn: cluster.urn, message: `${describe(cluster)} is a standalone Redis/Valkey cluster, which cannot require AUTH. Use an aws.elasticache.ReplicationGroup with authToken instead.` });
            }
        }
        for (const cache of graph.ofType(AWS.serverlessCaches)) {
            const auth = authFinding(cache, "userGroupId");
            if (auth) findings.push(auth);
        }
        findings.push(...dataStoreAccessFindings(graph, "cache"));
        for (const finding of findings) reportViolation(finding.message, finding.urn);
    },
};
