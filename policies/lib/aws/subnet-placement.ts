/**
 * Subnets and instances placed where EC2 refuses them (webtier-preflight-placement), read from the
 * stack's VPCs and subnets:
 * - a subnet whose range is not inside its VPC's ranges (the VPC's `cidrBlock` and the ranges the
 *   stack adds to it): EC2 CreateSubnet answers InvalidSubnet.Range;
 * - two subnets of one VPC whose ranges overlap: the second is refused, InvalidSubnet.Conflict
 *   ("The specified CIDR block conflicts with that of another subnet in your VPC");
 * (EC2 API Reference, "Error codes for the Amazon EC2 API", and CreateSubnet; read 2026-12-03.)
 * Judged only where every range involved is known and the VPC is the stack's for certain: a VPC
 * whose range comes from IPAM, or one with an added range not yet known, is not judged. (An
 * instance's zone against its subnet's is not: a stack policy sees the subnet's zone also where
 * AWS picked it, which the offline check can only make up.)
 */
import { Cidr, cidrContains, cidrOverlaps, parseCidr } from "../cidr";
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, propOf } from "../values";

const SUBNET = "aws:ec2/subnet:Subnet";
const VPC = "aws:ec2/vpc:Vpc";
const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";

const knownText = (value: unknown): value is string => typeof value === "string" && !isUnknown(value) && value !== "";

/** The one stack resource of `types` that `from`'s `key` names for certain, or undefined. */
function certainTarget(graph: StackGraph, from: Res, key: string, types: readonly string[]): Res | undefined {
    const value = propOf(from, key);
    if (value === undefined || value === null || (typeof value !== "string" && !isUnknown(value))) return undefined;
    const { candidates, certain } = graph.resolve(from, key, value, types);
    return certain && candidates.length === 1 ? candidates[0] : undefined;
}

/** A VPC's IPv4 ranges in the stack, or undefined when one of them is not known. */
function vpcRanges(graph: StackGraph, vpc: Res): Cidr[] | undefined {
    // A range drawn from an IPAM pool is IPAM's: what the stack sees of it may be a stand-in.
    const ipam = propOf(vpc, "ipv4IpamPoolId");
    if (ipam !== undefined && ipam !== null && ipam !== "") return undefined;
    const texts: unknown[] = [propOf(vpc, "cidrBlock")];
    for (const association of graph.ofType([ASSOCIATION])) {
        const vpcId = propOf(association, "vpcId");
        const { candidates } = graph.resolve(association, "vpcId", vpcId, [VPC]);
        if (!candidates.includes(vpc)) continue;
        // One that may be this VPC's, with a range not known, could hold the subnet.
        texts.push(propOf(association, "cidrBlock"));
    }
    const ranges = texts.map((t) => (knownText(t) ? parseCidr(t) : undefined));
    return ranges.every((r): r is Cidr => r !== undefined && r.version === 4) ? ranges : undefined;
}

function subnetRangeFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const byVpc = new Map<Res, { subnet: Res; range: Cidr; text: string }[]>();
    for (const subnet of graph.ofType([SUBNET])) {
        const text = propOf(subnet, "cidrBlock");
        const range = knownText(text) ? parseCidr(text) : undefined;
        // A range the networks rule refuses on its own is left to it.
        if (!range || range.version !== 4 || range.hadHostBits) continue;
        const vpc = certainTarget(graph, subnet, "vpcId", [VPC]);
        if (!vpc) continue;
        const ranges = vpcRanges(graph, vpc);
        if (ranges && !ranges.some((outer) => cidrContains(outer, range))) {
            const vpcText = ranges.map((r) => `${r.text}`).join(", ");
            findings.push({
                urn: subnet.urn,
                message: `${describe(subnet)}: cidrBlock ${text} is outside its VPC's range${ranges.length > 1 ? "s" : ""} (${describe(vpc)}: ${vpcText}); EC2 refuses the subnet (InvalidSubnet.Range). Give it a range inside ${vpcText}, or add a range to the VPC (aws.ec2.VpcIpv4CidrBlockAssociation) and make the subnet depend on it. Source: EC2 API CreateSubnet.`,
            });
            continue;
        }
        const siblings = byVpc.get(vpc) ?? [];
        const clash = siblings.find((other) => cidrOverlaps(other.range, range));
        if (clash)
            findings.push({
                urn: subnet.urn,
                message: `${describe(subnet)}: cidrBlock ${text} overlaps ${describe(clash.subnet)} (${clash.text}) in the same VPC; EC2 refuses the second of them (InvalidSubnet.Conflict). Give each subnet of a VPC its own range. Source: EC2 API CreateSubnet.`,
            });
        byVpc.set(vpc, [...siblings, { subnet, range, text }]);
    }
    return findings;
}

export function awsSubnetPlacementFindings(graph: StackGraph): Finding[] {
    return subnetRangeFindings(graph);
}
