/**
 * webtier-cache-not-public on AWS: ElastiCache with transit encryption in "required" mode and an
 * auth token (or a user group whose users all need a password), MemoryDB with TLS and an ACL of
 * password users, DAX with a TLS endpoint, an Amazon MQ broker that is not publicly accessible,
 * in private subnets, its security group admitting only the app servers' group; and an SQS queue
 * (the `sqs` queue driver) whose policy lets no one but fixed sources at the jobs (queues.ts).
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Res, Unknown, describe, isUnknown, listOf, present, sameText } from "../../values";
import { awsDataStoreAccessFindings } from "../data-access";
import { publicQueueFindings } from "../queues";
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
 * AUTH: an auth token (replication groups) or a user group must be set, and a user group of the
 * stack must not let anyone in without a password (passwordlessMembers). A token unknown during
 * preview (a generated password) is still a token, so it passes; a group from outside the stack
 * cannot be read, so naming one passes too.
 */
export function authFinding(
    graph: StackGraph,
    store: Res,
    userGroupKey: string,
    tokenKey?: "authToken",
): Finding | undefined {
    if (tokenKey && present(store.props[tokenKey])) return undefined;
    const groups = store.props[userGroupKey];
    if (isUnknown(groups) || listOf(groups).length > 0) {
        const open = graph
            .resolveAll(store, userGroupKey, AWS.cacheUserGroups)
            .candidates.flatMap((group) => passwordlessMembers(graph, group));
        if (open.length === 0) return undefined;
        return {
            urn: store.urn,
            message: `${describe(store)} lets clients in without a password: ${open.join("; ")}.`,
        };
    }
    const fix = tokenKey
        ? `Set ${tokenKey} (from a RandomPassword, kept secret) or ${userGroupKey}`
        : `Set ${userGroupKey} to an aws.elasticache.UserGroup whose users have passwords`;
    return { urn: store.urn, message: `${describe(store)} requires no AUTH. ${fix}.` };
}

/**
 * Whether a Redis ACL access string leaves its user on: the last "on" or "off" rule decides, and a
 * user with neither is off (ACL SETUSER's default). Unknown during preview counts as on.
 */
function switchedOn(accessString: unknown): boolean {
    if (typeof accessString !== "string" || isUnknown(accessString)) return true;
    const switches = accessString
        .split(/\s+/)
        .map((rule) => rule.toLowerCase())
        .filter((rule) => rule === "on" || rule === "off");
    return switches[switches.length - 1] === "on";
}

/**
 * The stack's users a member id may be: those with that userId (an input, so known during preview
 * too), else one it was computed from whose userId is unknown; for an unknown id, every user it
 * was computed from.
 */
function usersNamed(graph: StackGraph, from: Res, key: string, value: string | Unknown): Res[] {
    const computedFrom = graph.dependenciesOf(from, key, AWS.cacheUsers);
    if (isUnknown(value)) return computedFrom;
    const exact = graph.ofType(AWS.cacheUsers).filter((user) => user.props.userId === value);
    return exact.length > 0 ? exact : computedFrom.filter((user) => isUnknown(user.props.userId));
}

/**
 * The members of a stack's ElastiCache user group that let a client in without a password, each
 * as a clause for the message. A member is a user id in the group's `userIds` or in a
 * UserGroupAssociation naming the group. The id "default" that names no user of the stack is
 * AWS's built-in default user: no password and every command ("on ~* +@all"). A user of the
 * stack lets clients in when it is on and its authenticationMode is "no-password-required" (or,
 * without one, noPasswordRequired is true); settings unknown during preview cannot be proven to
 * require a password. A user from outside the stack cannot be read and is not judged.
 */
function passwordlessMembers(graph: StackGraph, group: Res): string[] {
    const members: { from: Res; key: string; value: string | Unknown }[] = listOf<string>(group.props.userIds).map(
        (value) => ({ from: group, key: "userIds", value }),
    );
    for (const association of graph.referrers(AWS.cacheUserGroupAssociations, "userGroupId", group)) {
        const value = association.props.userId;
        if (typeof value === "string") members.push({ from: association, key: "userId", value });
    }
    const clauses = new Set<string>();
    for (const { from, key, value } of members) {
        const users = usersNamed(graph, from, key, value);
        if (users.length === 0) {
            if (value === "default")
                clauses.add(
                    `its ${describe(group)} includes AWS's built-in user "default", which needs no password and may run every command. Put a user of your own named "default" in the group instead (an aws.elasticache.User with userName "default" and a fresh userId, with passwords, or off: accessString "off ~* -@all")`,
                );
            continue;
        }
        for (const user of users) {
            if (!switchedOn(user.props.accessString)) continue;
            const mode = user.props.authenticationMode;
            const type = mode && typeof mode === "object" && !isUnknown(mode) ? mode.type : mode;
            const legacy = user.props.noPasswordRequired;
            let why: string | undefined;
            if (isUnknown(type) || (type === undefined && isUnknown(legacy)))
                why = "is on and its authentication is unknown during preview, so a password cannot be proven";
            else if (sameText(type, "no-password-required"))
                why = 'is on and requires no password (authenticationMode type "no-password-required")';
            else if (type === undefined && legacy === true)
                why = "is on and requires no password (noPasswordRequired true)";
            if (why)
                clauses.add(
                    `${describe(user)} of its ${describe(group)} ${why}. Give it passwords (authenticationMode type "password") or IAM authentication, or switch it off in its accessString`,
                );
        }
    }
    return [...clauses];
}

/** Every AWS cache without TLS, without AUTH, or reachable by more than the app servers. */
export function awsCacheFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    // Both providers name the switches alike (transitEncryptionEnabled, authToken, userGroupIds).
    for (const group of graph.ofType([...AWS.replicationGroups, ...AWS.nativeReplicationGroups])) {
        for (const finding of [transitEncryptionFinding(group), authFinding(graph, group, "userGroupIds", "authToken")])
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
        const auth = authFinding(graph, cache, "userGroupId");
        if (auth) findings.push(auth);
    }
    for (const store of graph.ofType(AWS.memoryDbClusters)) findings.push(...memoryDbFindings(store));
    for (const store of graph.ofType(AWS.daxClusters)) {
        const finding = daxFinding(store);
        if (finding) findings.push(finding);
    }
    findings.push(...awsDataStoreAccessFindings(graph, "cache"));
    findings.push(...publicQueueFindings(graph));
    return findings;
}
