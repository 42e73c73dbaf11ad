/**
 * Which security groups play which role in the tier: the balancers', the app servers', each kind
 * of data store's. A role's groups are the ones its resources sit in (see group-holders.ts).
 */
import type { ServerFilters } from "../cloud-pack";
import type { StackGraph } from "../graph";
import { Res, propOf } from "../values";
import { DataKind, dataStoreShapes } from "./data-stores";
import { APP_COMPUTE, AWS_COMPUTE_TYPES, BALANCERS, GroupHolder } from "./group-holders";
import { SECURITY_GROUP_TYPES } from "./types";

/** The group references a holder keeps, read from its one top-level property (not a copy of all). */
function heldGroups(graph: StackGraph, holder: GroupHolder, res: Res): Res[] {
    const ids = holder.read({ [holder.key]: propOf(res, holder.key) });
    return graph.resolveAll(res, holder.key, SECURITY_GROUP_TYPES, ids).candidates;
}

/** The security groups the holders' resources sit in. */
export function groupsHeldBy(graph: StackGraph, holders: readonly GroupHolder[]): Set<Res> {
    const groups = new Set<Res>();
    for (const holder of holders) {
        for (const res of graph.ofType(holder.types)) heldGroups(graph, holder, res).forEach((g) => groups.add(g));
    }
    return groups;
}

/** The security groups of every load balancer: the only groups allowed to be public. */
export function balancerSecurityGroups(graph: StackGraph): Set<Res> {
    return groupsHeldBy(graph, BALANCERS);
}

/** The security groups of the app tier's compute (see `APP_COMPUTE`: instances, launch templates and configurations, ECS services, Lambda). */
export function serverSecurityGroups(graph: StackGraph): Set<Res> {
    return groupsHeldBy(graph, APP_COMPUTE);
}

/** The security groups of every data store of a kind (see `AWS_DATA_STORES`). */
export function dataSecurityGroups(graph: StackGraph, kind: DataKind): Set<Res> {
    return groupsHeldBy(graph, dataStoreShapes(kind));
}

/** What SSH reaches on AWS: EC2 instances, and the launch templates and configurations of the instances a group starts. */
const EC2_SERVERS: readonly string[] = [
    ...AWS_COMPUTE_TYPES.instances,
    ...AWS_COMPUTE_TYPES.launchTemplates,
    ...AWS_COMPUTE_TYPES.launchConfigurations,
    ...AWS_COMPUTE_TYPES.nativeInstances,
    ...AWS_COMPUTE_TYPES.nativeLaunchTemplates,
    ...AWS_COMPUTE_TYPES.nativeLaunchConfigurations,
];

/** Each EC2 server of the stack with every security group it sits in. */
export function awsServerFilters(graph: StackGraph): ServerFilters[] {
    const groupsOf = new Map<Res, Set<Res>>();
    for (const holder of APP_COMPUTE.filter((h) => h.types.some((t) => EC2_SERVERS.includes(t)))) {
        for (const server of graph.ofType(holder.types)) {
            const groups = groupsOf.get(server) ?? new Set<Res>();
            heldGroups(graph, holder, server).forEach((g) => groups.add(g));
            groupsOf.set(server, groups);
        }
    }
    return [...groupsOf].map(([server, groups]) => ({ server, filters: [...groups] }));
}
