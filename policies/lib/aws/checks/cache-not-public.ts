/**
 * webtier-cache-not-public on AWS: ElastiCache with transit encryption in "required" mode and an
 * auth token (or a user group), MemoryDB with TLS and an ACL of password users, DAX with a TLS
 * endpoint, in private subnets, its security group admitting only the app servers' group.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Res, describe, isUnknown, listOf, present, sameText } from "../../values";
import { awsDataStoreAccessFindings } from "../data-access";
import { AWS } from "../types";

/**
 * Transit encryption: absent is the provider's default, false. With it on, `transitEncryptionMode`
 * "preferred" still accepts clients in clear text (a migration setting); absent, AWS creates the
 * group in "required" mode.
 */
export function transitEncryptionFinding(store: Res): Finding | undefined {
    const value = store.props.transitEncryptionEnabled;
    const fix = "so sessions and queue payloads never cross the network in clear text";
    if (value !== true) {
        const why = isUnknown(value)
            ? "has transitEncryptionEnabled unknown during preview, so TLS cannot be proven"
            : "does not enable transit encryption";
        return { urn: store.urn, message: `${describe(store)} ${why}. Set transitEncryptionEnabled to true ${fix}.` };
    }
    const mode = store.props.transitEncryptionMode;
    if (mode === undefined || mode === null || sameText(mode, "required")) return undefined;
    const why = isUnknown(mode)
        ? "has transitEncryptionMode unknown during preview, so clear-text clients cannot be proven refused"
        : `has transitEncryptionMode "${mode}", which still accepts clients in clear text`;
    return {
        urn: store.urn,
        message: `${describe(store)} ${why}. Set transitEncryptionMode to "required" (or leave it unset) ${fix}.`,
    };
}

/** MemoryDB: TLS is on unless tlsEnabled is false; the "open-access" ACL requires no AUTH. */
export function memoryDbFindings(store: Res): Finding[] {
    const findings: Finding[] = [];
    const tls = store.props.tlsEnabled;
    if (tls === false || isUnknown(tls)) {
        const why =
            tls === false
                ? "disables TLS (tlsEnabled false)"
                : "has tlsEnabled unknown during preview, so TLS cannot be proven";
        findings.push({
            urn: store.urn,
            message: `${describe(store)} ${why}. Leave tlsEnabled unset or true so cache traffic never crosses the network in clear text.`,
        });
    }
    const acl = store.props.aclName;
    if (isUnknown(acl) || !present(acl) || sameText(acl, "open-access")) {
        const why = isUnknown(acl)
            ? "has an aclName unknown during preview, so AUTH cannot be proven"
            : `uses the ACL "${acl ?? "open-access"}", which lets any client in without a password`;
        findings.push({
            urn: store.urn,
            message: `${describe(store)} ${why}. Create an aws.memorydb.Acl with users that have passwords and set aclName to it.`,
        });
    }
    return findings;
}

/** DAX: the endpoint speaks TLS only with clusterEndpointEncryptionType "TLS" (the default is "NONE"). */
export function daxFinding(store: Res): Finding | undefined {
    const value = store.props.clusterEndpointEncryptionType;
    if (sameText(value, "TLS")) return undefined;
    const why = isUnknown(value)
        ? "has clusterEndpointEncryptionType unknown during preview"
        : `has clusterEndpointEncryptionType ${value === undefined ? "unset (the default NONE)" : `"${value}"`}`;
    return {
        urn: store.urn,
        message: `${describe(store)} ${why}, so clients may connect in clear text. Set clusterEndpointEncryptionType to "TLS".`,
    };
}

/**
 * AUTH: an auth token or a user group must be set. A token unknown during preview (a
 * generated password) is still a token, so it passes.
 */
export function authFinding(store: Res, userGroupKey: string): Finding | undefined {
    if (present(store.props.authToken)) return undefined;
    const groups = store.props[userGroupKey];
    if (isUnknown(groups) || listOf(groups).length > 0) return undefined;
    return {
        urn: store.urn,
        message: `${describe(store)} requires no AUTH. Set authToken (from a RandomPassword, kept secret) or ${userGroupKey}.`,
    };
}

/** Every AWS cache without TLS, without AUTH, or reachable by more than the app servers. */
export function awsCacheFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const group of graph.ofType(AWS.replicationGroups)) {
        for (const finding of [transitEncryptionFinding(group), authFinding(group, "userGroupIds")])
            if (finding) findings.push(finding);
    }
    for (const cluster of graph.ofType(AWS.cacheClusters)) {
        // A member of a replication group is judged through its group.
        if (present(cluster.props.replicationGroupId)) continue;
        const transit = transitEncryptionFinding(cluster);
        if (transit) findings.push(transit);
        const engine = cluster.props.engine;
        if (isUnknown(engine) || engine !== "memcached") {
            findings.push({
                urn: cluster.urn,
                message: `${describe(cluster)} is a standalone Redis/Valkey cluster, which cannot require AUTH. Use an aws.elasticache.ReplicationGroup with authToken instead.`,
            });
        }
    }
    for (const cache of graph.ofType(AWS.serverlessCaches)) {
        const auth = authFinding(cache, "userGroupId");
        if (auth) findings.push(auth);
    }
    for (const store of graph.ofType(AWS.memoryDbClusters)) findings.push(...memoryDbFindings(store));
    for (const store of graph.ofType(AWS.daxClusters)) {
        const finding = daxFinding(store);
        if (finding) findings.push(finding);
    }
    findings.push(...awsDataStoreAccessFindings(graph, "cache"));
    return findings;
}
