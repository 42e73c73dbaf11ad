/**
 * ElastiCache settings refused together (webtier-preflight-settings), for a replication
 * group: Multi-AZ needs automatic failover (terraform-provider-aws elasticache/diff.go,
 * CustomizeDiffValidateReplicationGroupAutomaticFailover: refused when the plan is made), and
 * automatic failover needs a replica to fail over to (API elasticache CreateReplicationGroup
 * NumCacheClusters: "If AutomaticFailoverEnabled is true, the value of this parameter must be at
 * least 2"; cluster mode, which shards the group, is not judged here).
 */
import { Res, describe, isUnknown } from "../values";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

export function cacheSettingsProblems(res: Res): string[] {
    if (res.type !== REPLICATION_GROUP) return [];
    const { multiAzEnabled, automaticFailoverEnabled, numCacheClusters, numNodeGroups, replicasPerNodeGroup } =
        res.props;
    const problems: string[] = [];
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
    return problems;
}
