/**
 * AWS data stores that keep data unencrypted on disk (webtier-data-encrypted), each with the
 * provider's or the API's default, as pulumi-aws 7 documents them:
 * - RDS instances (`storageEncrypted`, default false); a read replica (`replicateSourceDb`)
 *   takes its source's encryption and is judged there;
 * - Aurora clusters (`storageEncrypted`: false for the provisioned engine mode, true for
 *   Serverless v1's `serverless`); a cluster replicating another (`replicationSourceIdentifier`)
 *   or in a global cluster takes that one's;
 * - DocumentDB and Neptune clusters (`storageEncrypted`, default false);
 * - ElastiCache replication groups (`atRestEncryptionEnabled`: default true for Valkey, false for
 *   Redis OSS, the engine's default: CreateReplicationGroup; a global datastore's secondary takes
 *   its primary's); a node-based cluster outside a
 *   replication group (`aws.elasticache.Cluster`) cannot be encrypted at rest at all;
 * - DAX clusters (`serverSideEncryption.enabled`, default false);
 * - EFS file systems (`encrypted`, default false: CreateFileSystem), the shared folder some tiers
 *   keep uploads in instead of a bucket;
 * - Redshift clusters (`encrypted`, default true: only an explicit false).
 * The native provider's (CloudFormation's) DB instance and cluster, DocumentDB cluster (older
 * versions of the provider), replication group, node-based cluster and file system are read
 * alike, with CloudFormation's names and defaults: an instance in an Aurora cluster
 * (`dbClusterIdentifier`) is judged as the cluster, a replica or a restore
 * (`sourceDbInstanceIdentifier`, `sourceDbClusterIdentifier`, `sourceDbiResourceId`,
 * `sourceDbInstanceAutomatedBackupsArn`) takes its source's encryption, a snapshot restore
 * (`dbSnapshotIdentifier`, `snapshotIdentifier`) the snapshot's.
 * Serverless caches, MemoryDB and MSK always encrypt; DigitalOcean encrypts every managed
 * database and Spaces at rest, so it has nothing here.
 */
import { Res, describe, isUnknown, present, propOf, textOf } from "../values";

type Verdict =
    { encrypted: true } | { encrypted: false; why: string; maybe?: true } | { encrypted: "unknown"; key: string };

const UNSET = (value: unknown) => value === undefined || value === null;

function flag(res: Res, key: string, byDefault: boolean, defaultText: string): Verdict {
    const value = propOf(res, key);
    if (isUnknown(value)) return { encrypted: "unknown", key };
    if (UNSET(value))
        return byDefault ? { encrypted: true } : { encrypted: false, why: `has no ${key} (${defaultText})` };
    if (value === true || textOf(value).toLowerCase() === "true") return { encrypted: true };
    return { encrypted: false, why: `has ${key} false` };
}

/**
 * A store restored from a snapshot without `storageEncrypted` keeps the snapshot's encryption,
 * which the stack does not show.
 */
function restored(res: Res, keys = ["snapshotIdentifier"]): Verdict | undefined {
    if (!inherits(res, keys) || !UNSET(propOf(res, "storageEncrypted"))) return undefined;
    return {
        encrypted: false,
        maybe: true,
        why: "is restored from a snapshot and sets no storageEncrypted, so it is encrypted only if the snapshot was, which the stack does not show",
    };
}

/** Takes its encryption from another store (a replica), judged there. */
function inherits(res: Res, keys: string[]): boolean {
    return keys.some((key) => present(propOf(res, key)));
}

/**
 * An Aurora (or Multi-AZ) cluster: unencrypted unless `storageEncrypted`, except Serverless v1
 * (`engineMode` "serverless"), always encrypted; a cluster replicating another or restored from it
 * (`sources`) takes that one's encryption.
 */
function auroraCluster(res: Res, sources: string[]): Verdict | undefined {
    if (inherits(res, sources)) return undefined;
    const snapshot = restored(res);
    if (snapshot) return snapshot;
    const mode = propOf(res, "engineMode");
    if (isUnknown(mode) && UNSET(propOf(res, "storageEncrypted"))) return { encrypted: "unknown", key: "engineMode" };
    const serverless = textOf(mode ?? "").toLowerCase() === "serverless";
    return flag(res, "storageEncrypted", serverless, "unencrypted unless engineMode is serverless");
}

/**
 * A replication group: encrypted at rest by default with Valkey, not with Redis OSS, the default
 * engine (CreateReplicationGroup); a secondary of a global datastore takes the primary's.
 */
function replicationGroup(res: Res): Verdict | undefined {
    if (inherits(res, ["globalReplicationGroupId"])) return undefined;
    const engine = propOf(res, "engine");
    if (isUnknown(engine) && UNSET(propOf(res, "atRestEncryptionEnabled")))
        return { encrypted: "unknown", key: "engine" };
    const valkey = textOf(engine ?? "redis").toLowerCase() === "valkey";
    return flag(res, "atRestEncryptionEnabled", valkey, "unencrypted with the Redis OSS engine, the default");
}

const NODE_BASED_CLUSTER: Verdict = {
    encrypted: false,
    why: "is a node-based cluster outside a replication group, which ElastiCache cannot encrypt at rest",
};

const READERS: Record<string, (res: Res) => Verdict | undefined> = {
    "aws:rds/instance:Instance": (res) =>
        inherits(res, ["replicateSourceDb"])
            ? undefined
            : (restored(res) ?? flag(res, "storageEncrypted", false, "RDS's default: unencrypted")),
    "aws:rds/cluster:Cluster": (res) => auroraCluster(res, ["replicationSourceIdentifier", "globalClusterIdentifier"]),
    "aws:docdb/cluster:Cluster": (res) => flag(res, "storageEncrypted", false, "DocumentDB's default: unencrypted"),
    "aws:neptune/cluster:Cluster": (res) => flag(res, "storageEncrypted", false, "Neptune's default: unencrypted"),
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
    "aws:elasticache/cluster:Cluster": (res) =>
        // A member of a replication group is judged as the group.
        inherits(res, ["replicationGroupId"]) ? undefined : NODE_BASED_CLUSTER,
    "aws-native:elasticache:CacheCluster": () => NODE_BASED_CLUSTER,
    "aws:dax/cluster:Cluster": (res) => {
        const sse = propOf(res, "serverSideEncryption");
        if (isUnknown(sse)) return { encrypted: "unknown", key: "serverSideEncryption" };
        const enabled = sse && typeof sse === "object" ? (sse as { enabled?: unknown }).enabled : undefined;
        if (isUnknown(enabled)) return { encrypted: "unknown", key: "serverSideEncryption.enabled" };
        return enabled === true
            ? { encrypted: true }
            : { encrypted: false, why: "does not enable serverSideEncryption (DAX's default: unencrypted)" };
    },
    "aws:redshift/cluster:Cluster": (res) => flag(res, "encrypted", true, ""),
    "aws:efs/fileSystem:FileSystem": (res) => flag(res, "encrypted", false, "EFS's default: unencrypted"),
    "aws-native:rds:DbInstance": (res) =>
        inherits(res, [
            "dbClusterIdentifier",
            "sourceDbInstanceIdentifier",
            "sourceDbClusterIdentifier",
            "sourceDbiResourceId",
            "sourceDbInstanceAutomatedBackupsArn",
        ])
            ? undefined
            : (restored(res, ["dbSnapshotIdentifier"]) ??
              flag(res, "storageEncrypted", false, "RDS's default: unencrypted")),
    "aws-native:rds:DbCluster": (res) =>
        auroraCluster(res, ["replicationSourceIdentifier", "globalClusterIdentifier", "sourceDbClusterIdentifier"]),
    "aws-native:docdb:DbCluster": (res) =>
        inherits(res, ["sourceDbClusterIdentifier"])
            ? undefined
            : (restored(res) ?? flag(res, "storageEncrypted", false, "DocumentDB's default: unencrypted")),
    "aws-native:elasticache:ReplicationGroup": replicationGroup,
    "aws-native:efs:FileSystem": (res) => flag(res, "encrypted", false, "EFS's default: unencrypted"),
};

const RDS_INSTANCE_FIX =
    "Set storageEncrypted to true (with kmsKeyId for a key of your own); an existing instance is encrypted by restoring an encrypted copy of a snapshot.";
const CLUSTER_FIX = "Set storageEncrypted to true (with kmsKeyId for a key of your own).";
const REPLICATION_GROUP_FIX = 'Set atRestEncryptionEnabled to true (or use engine "valkey", encrypted by default).';
const FILE_SYSTEM_FIX =
    "Set encrypted to true (with kmsKeyId for a key of your own); an existing file system is encrypted by copying it to a new one.";

const FIX: Record<string, string> = {
    "aws:rds/instance:Instance": RDS_INSTANCE_FIX,
    "aws:rds/cluster:Cluster": CLUSTER_FIX,
    "aws:docdb/cluster:Cluster": "Set storageEncrypted to true.",
    "aws:neptune/cluster:Cluster": "Set storageEncrypted to true.",
    "aws:elasticache/replicationGroup:ReplicationGroup": REPLICATION_GROUP_FIX,
    "aws:elasticache/cluster:Cluster":
        "Use an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled (or a serverless cache, always encrypted).",
    "aws-native:elasticache:CacheCluster":
        "Use an ElastiCache ReplicationGroup with atRestEncryptionEnabled (or a serverless cache, always encrypted).",
    "aws:dax/cluster:Cluster": "Set serverSideEncryption to { enabled: true }.",
    "aws:redshift/cluster:Cluster": "Set encrypted to true.",
    "aws:efs/fileSystem:FileSystem": FILE_SYSTEM_FIX,
    "aws-native:rds:DbInstance": RDS_INSTANCE_FIX,
    "aws-native:rds:DbCluster": CLUSTER_FIX,
    "aws-native:docdb:DbCluster": "Set storageEncrypted to true.",
    "aws-native:elasticache:ReplicationGroup": REPLICATION_GROUP_FIX,
    "aws-native:efs:FileSystem": FILE_SYSTEM_FIX,
};

/** Why one AWS data store keeps its data unencrypted on disk, as messages. */
export function awsEncryptionAtRest(res: Res): string[] {
    const verdict = READERS[res.type]?.(res);
    if (!verdict || verdict.encrypted === true) return [];
    const fix = FIX[res.type];
    if (verdict.encrypted === "unknown")
        return [
            `${describe(res)} has ${verdict.key} unknown during preview, so encryption at rest cannot be proven. ${fix}`,
        ];
    const stored = verdict.maybe ? "may be stored unencrypted" : "are stored unencrypted";
    return [`${describe(res)} ${verdict.why}: its data, backups and snapshots ${stored}. ${fix}`];
}
