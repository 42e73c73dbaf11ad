/**
 * ElastiCache settings refused together (webtier-preflight-settings), for a replication
 * group: Multi-AZ needs automatic failover (terraform-provider-aws elasticache/diff.go,
 * CustomizeDiffValidateReplicationGroupAutomaticFailover: refused when the plan is made), and
 * automatic failover needs a replica to fail over to (API elasticache CreateReplicationGroup
 * NumCacheClusters: "If AutomaticFailoverEnabled is true, the value of this parameter must be at
 * least 2"; cluster mode, which shards the group, is not judged here), and takes at most 6 of
 * them ("The maximum permitted value for NumCacheClusters is 6 (1 primary plus 5 replicas)",
 * read 2026-12-03). For a group or a cluster: engine `redis` (Redis OSS, the provider's default
 * for a group) at a version ElastiCache does not run: its Redis OSS versions end at 7.1, what
 * comes after is Valkey (ElastiCache User Guide, "Supported engines and versions", read
 * 2026-12-03: Redis OSS 4.0.10 to 7.1; Valkey 7.2, 8.0, 8.1).
 */
import { Res, describe, isUnknown } from "../values";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";

/** The most nodes (a primary and its replicas) a replication group without shards holds. */
const MOST_CACHE_CLUSTERS = 6;

/** The last Redis OSS version ElastiCache runs, as major and minor. */
const LAST_REDIS = [7, 1];

/** Whether a Redis OSS engineVersion is past ElastiCache's last ("7.2", "8.0", "8.x"). */
export function redisVersionAfterLast(version: string): boolean {
    const match = /^(\d+)(?:\.(\d+|x))?/.exec(version);
    if (!match) return false;
    const major = Number(match[1]);
    if (major !== LAST_REDIS[0]) return major > LAST_REDIS[0];
    return match[2] !== undefined && match[2] !== "x" && Number(match[2]) > LAST_REDIS[1];
}

function engineProblems(res: Res): string[] {
    const { engine, engineVersion } = res.props;
    // A group's engine defaults to redis in the provider; a cluster names its own.
    const engineName =
        engine === undefined || engine === null ? (res.type === REPLICATION_GROUP ? "redis" : "") : engine;
    if (engineName !== "redis" || typeof engineVersion !== "string" || isUnknown(engineVersion)) return [];
    if (!redisVersionAfterLast(engineVersion)) return [];
    return [
        `${describe(res)}: engine redis with engineVersion ${engineVersion}; ElastiCache runs Redis OSS up to 7.1, and refuses a later version (what comes after 7.1 is Valkey). Set engine: "valkey" for ${engineVersion}, or engineVersion "7.1". Source: ElastiCache User Guide "Supported engines and versions".`,
    ];
}

export function cacheSettingsProblems(res: Res): string[] {
    if (res.type === CLUSTER) return engineProblems(res);
    if (res.type !== REPLICATION_GROUP) return [];
    const { multiAzEnabled, automaticFailoverEnabled, numCacheClusters, numNodeGroups, replicasPerNodeGroup } =
        res.props;
    const problems: string[] = engineProblems(res);
    if (multiAzEnabled === true && automaticFailoverEnabled !== true && !isUnknown(automaticFailoverEnabled))
        problems.push(
            `${describe(res)}: multiAzEnabled is true without automaticFailoverEnabled; the provider refuses it ("automatic_failover_enabled must be true if multi_az_enabled is true"). Set automaticFailoverEnabled: true. Source: terraform-provider-aws elasticache CustomizeDiffValidateReplicationGroupAutomaticFailover.`,
        );
    // Sized by numCacheClusters alone (1 when left out); shards and replicas per shard are not judged.
    const set = (value: unknown) => value !== undefined && value !== null;
    const clusterMode = set(numNodeGroups) || set(replicasPerNodeGroup);
    const nodes = numCacheClusters === undefined || numCacheClusters === null ? 1 : numCacheClusters;
    if (automaticFailoverEnabled === true && !clusterMode && typeof nodes === "number" && nodes < 2)
        problems.push(
            `${describe(res)}: automaticFailoverEnabled is true with numCacheClusters ${nodes}; ElastiCache takes at least 2 then (a primary and a replica to fail over to). Set numCacheClusters to 2 or more. Source: API elasticache CreateReplicationGroup NumCacheClusters.`,
        );
    if (typeof numCacheClusters === "number" && !isUnknown(numCacheClusters) && numCacheClusters > MOST_CACHE_CLUSTERS)
        problems.push(
            `${describe(res)}: numCacheClusters ${numCacheClusters}; ElastiCache takes at most ${MOST_CACHE_CLUSTERS} (a primary and 5 replicas) in a group without shards. Set numCacheClusters to ${MOST_CACHE_CLUSTERS} or fewer, or shard the group (numNodeGroups, replicasPerNodeGroup). Source: API elasticache CreateReplicationGroup NumCacheClusters.`,
        );
    return problems;
}
