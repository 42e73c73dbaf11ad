/**
 * DigitalOcean VPCs of one stack whose ranges overlap (webtier-preflight-placement): its OpenAPI
 * specification, vpcs/models/vpc.yml `ip_range`: "Network ranges cannot overlap with other
 * networks in the same account" (read 2026-12-03), in any region, so the second VPC's create is
 * refused after the first exists. Ranges left out are generated not to conflict, and unknown ones
 * are not judged; other stacks' VPCs cannot be seen from here.
 */
import { Cidr, cidrOverlaps, parseCidr } from "../cidr";
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, propOf } from "../values";
import { DO } from "./types";

export function digitalOceanVpcOverlapFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const seen: { vpc: Res; range: Cidr }[] = [];
    for (const vpc of graph.ofType(DO.vpcs)) {
        const text = propOf(vpc, "ipRange");
        if (typeof text !== "string" || isUnknown(text)) continue;
        const range = parseCidr(text);
        // A range the networks rule refuses on its own is left to it.
        if (!range || range.version !== 4 || range.hadHostBits) continue;
        const clash = seen.find((other) => cidrOverlaps(other.range, range));
        if (clash)
            findings.push({
                urn: vpc.urn,
                message: `${describe(vpc)}: ipRange ${text} overlaps ${describe(clash.vpc)} (${clash.range.text}); DigitalOcean refuses a VPC range that overlaps another network of the account, in any region. Give each VPC its own range, or leave ipRange out (DigitalOcean then picks a /20 that conflicts with none). Source: DigitalOcean API (OpenAPI vpcs/models/vpc.yml ip_range).`,
            });
        seen.push({ vpc, range });
    }
    return findings;
}
