/**
 * Resources DigitalOcean refuses to place across regions (webtier-preflight-placement). A VPC is a
 * network of one region (its `region`, "the VPC's location"), so a droplet, load balancer,
 * database cluster or Kubernetes cluster goes only into a VPC of its own region; a regional load
 * balancer routes "within a single datacenter", so its droplets are in its region; a volume
 * attaches only to a droplet of its region. Global load balancers span regions and are not
 * judged. Values unknown during preview, and VPCs or droplets outside the stack, are not judged.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, listOf, propOf } from "../values";
import { DO } from "./types";

/** The resources that name a VPC, and the property that does. */
const IN_VPC: readonly [string, string][] = [
    ["digitalocean:index/droplet:Droplet", "vpcUuid"],
    ["digitalocean:index/loadBalancer:LoadBalancer", "vpcUuid"],
    ["digitalocean:index/kubernetesCluster:KubernetesCluster", "vpcUuid"],
    ["digitalocean:index/databaseCluster:DatabaseCluster", "privateNetworkUuid"],
];

const VOLUME_ATTACHMENT = "digitalocean:index/volumeAttachment:VolumeAttachment";
const VOLUMES = ["digitalocean:index/volume:Volume"];

function regionOf(res: Res): string | undefined {
    const region = propOf(res, "region");
    return typeof region === "string" && !isUnknown(region) && region !== "" ? region.toLowerCase() : undefined;
}

/** The one resource of `types` that `from`'s `key` names, when it can be told. */
function named(graph: StackGraph, from: Res, key: string, value: unknown, types: readonly string[]): Res | undefined {
    if (typeof value !== "string" && typeof value !== "number" && !isUnknown(value)) return undefined;
    if (value === "") return undefined;
    const { candidates } = graph.resolve(from, key, value, types);
    return candidates.length === 1 ? candidates[0] : undefined;
}

/** Every placement across regions DigitalOcean refuses at create. */
export function digitalOceanRegionFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const [type, key] of IN_VPC) {
        for (const res of graph.ofType([type])) {
            const vpc = named(graph, res, key, propOf(res, key), DO.vpcs);
            const [own, theirs] = [regionOf(res), vpc && regionOf(vpc)];
            if (!vpc || !own || !theirs || own === theirs) continue;
            findings.push({
                urn: res.urn,
                message: `${describe(res)} is in region ${own} but its ${key} names VPC "${vpc.name}" in ${theirs}: a VPC is a network of one region, and DigitalOcean refuses the create. Put both in the same region.`,
            });
        }
    }
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const type = propOf(balancer, "type");
        const own = regionOf(balancer);
        if (!own || (typeof type === "string" && type.toUpperCase() === "GLOBAL")) continue;
        for (const id of listOf(propOf(balancer, "dropletIds"))) {
            const droplet = named(graph, balancer, "dropletIds", id, DO.droplets);
            const theirs = droplet && regionOf(droplet);
            if (!droplet || !theirs || theirs === own) continue;
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} is in region ${own} but balances droplet "${droplet.name}" in ${theirs}: a regional load balancer reaches droplets of its own region only. Put the droplet in ${own}, or use a global load balancer.`,
            });
        }
    }
    for (const attachment of graph.ofType([VOLUME_ATTACHMENT])) {
        const volume = named(graph, attachment, "volumeId", propOf(attachment, "volumeId"), VOLUMES);
        const droplet = named(graph, attachment, "dropletId", propOf(attachment, "dropletId"), DO.droplets);
        const [a, b] = [volume && regionOf(volume), droplet && regionOf(droplet)];
        if (!volume || !droplet || !a || !b || a === b) continue;
        findings.push({
            urn: attachment.urn,
            message: `${describe(attachment)} attaches volume "${volume.name}" in ${a} to droplet "${droplet.name}" in ${b}: a volume attaches only to a droplet of its region. Create the volume in ${b}.`,
        });
    }
    return findings;
}
