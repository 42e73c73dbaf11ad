/**
 * Which VPC a DigitalOcean resource sits in. A droplet, an autoscale pool's droplets, a Kubernetes
 * cluster and a database cluster that name none are placed in the account's default VPC for their region
 * (DigitalOcean's API: `vpc_uuid` / `private_network_uuid` "If excluded, ... assigned to your
 * account's default VPC for the region"), so two resources that both leave it out share one.
 * Pure reading of the graph; the database and cache rules compare a cluster's with the app's.
 */
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, Unknown, describe, isUnknown, present, propOf } from "../values";
import { isAutoscalePool } from "./droplets";
import { DO } from "./types";

/** A VPC, as a key two resources share when they are in the same one, and how to name it. */
export interface Placement {
    key: string;
    shown: string;
}

/** The VPC `res` is placed in (`key` its VPC property), or UNKNOWN when a preview cannot tell. */
export function placementOf(graph: StackGraph, res: Res): Placement | Unknown {
    const pool = isAutoscalePool(res);
    const template = pool ? propOf(res, "dropletTemplate") : undefined;
    if (isUnknown(template)) return UNKNOWN;
    const source: Record<string, unknown> = pool ? ((template as Record<string, unknown>) ?? {}) : res.props;
    // Droplets and Kubernetes clusters name theirs `vpcUuid`, database clusters `privateNetworkUuid`.
    const ownKey = ([...DO.droplets, ...DO.kubernetesClusters] as readonly string[]).includes(res.type)
        ? "vpcUuid"
        : "privateNetworkUuid";
    const key = pool ? "dropletTemplate" : ownKey;
    const value = pool ? source.vpcUuid : source[key];
    if (!present(value)) {
        const region = source.region;
        if (isUnknown(region) || !present(region)) return UNKNOWN;
        return { key: `default:${String(region)}`, shown: `the default VPC of ${String(region)}` };
    }
    const vpcs = graph.resolve(res, key, isUnknown(value) ? UNKNOWN : String(value), DO.vpcs).candidates;
    // A pool's template depends on everything in it: only a VPC it names by value, or its one VPC.
    if (vpcs.length === 1) return { key: vpcs[0].urn, shown: describe(vpcs[0]) };
    if (isUnknown(value)) return UNKNOWN;
    return { key: `id:${String(value)}`, shown: `VPC ${String(value)}` };
}
