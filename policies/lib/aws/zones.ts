/**
 * What AWS refuses for too few Availability Zones (webtier-preflight-placement), read from the
 * subnets of the stack:
 * - an application load balancer in subnets of one zone: CreateLoadBalancer answers "At least
 *   two subnets in two different Availability Zones must be specified" (network and gateway load
 *   balancers may sit in one);
 * - a DB subnet group (RDS, DocumentDB, Neptune) whose subnets cover one zone:
 *   CreateDBSubnetGroup answers DBSubnetGroupDoesNotCoverEnoughAZs ("Add subnets to cover at
 *   least 2 AZs").
 * Fewer than two subnets are fewer than two zones, whatever and wherever they are (a literal id
 * of a subnet outside the stack included). Two or more are judged only when every subnet named is
 * one of the stack's; a subnet whose zone AWS picks (no `availabilityZone` or
 * `availabilityZoneId`, or one unknown in a preview) is in one zone all the same; a subnet outside
 * the stack is not judged. Subnets outside their VPC's range and overlapping subnets are
 * subnet-placement.ts's.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, listOf, propOf } from "../values";
import { AWS_BALANCER_TYPES } from "./balancers";
import { awsSubnetPlacementFindings } from "./subnet-placement";
import { AWS } from "./types";

const DB_SUBNET_GROUPS = [
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:docdb/subnetGroup:SubnetGroup",
    "aws:neptune/subnetGroup:SubnetGroup",
];

/** The zones a list of subnets covers: those known, and the subnets whose zone is not. */
interface Coverage {
    zones: Set<string>;
    /** Subnets whose zone AWS picks or a preview does not know: each adds one zone at most. */
    unplaced: Set<string>;
}

/**
 * The zones the subnets `from` names under `key` can be in, or undefined when one cannot be told.
 * A subnet id unknown during preview came from one of the property's dependencies, so it is in
 * one of their zones: the union of those is all the zones it can add (at least as many as it
 * does, so a count below two is certain).
 */
function zonesOf(graph: StackGraph, from: Res, key: string, values: unknown[]): Coverage | undefined {
    const coverage: Coverage = { zones: new Set(), unplaced: new Set() };
    for (const value of values) {
        let subnets: Res[];
        if (isUnknown(value)) subnets = graph.dependenciesOf(from, key, AWS.subnets);
        else if (typeof value === "string" || typeof value === "number") {
            const { candidates } = graph.resolve(from, key, value, AWS.subnets);
            subnets = candidates.length === 1 ? candidates : [];
        } else return undefined;
        if (subnets.length === 0) return undefined;
        for (const subnet of subnets) {
            // By name, or by id when only that is known (a preview of a subnet placed by zone id);
            // a zone counted both ways can only make the count larger.
            const zone = [propOf(subnet, "availabilityZone"), propOf(subnet, "availabilityZoneId")].find(
                (z): z is string => typeof z === "string" && !isUnknown(z) && z !== "",
            );
            if (zone) coverage.zones.add(zone);
            else coverage.unplaced.add(subnet.urn);
        }
    }
    return coverage;
}

/**
 * How many subnets a list names at most: known ids counted once each, each unknown as one more
 * (a list unknown as a whole is not judged by the callers).
 */
function mostSubnets(values: unknown[]): number {
    const known = new Set(values.filter((v) => !isUnknown(v)).map((v) => String(v)));
    return known.size + values.filter((v) => isUnknown(v)).length;
}

/** At most how many zones the subnets cover. */
const mostZones = (coverage: Coverage) => coverage.zones.size + coverage.unplaced.size;

function zoneText({ zones }: Coverage): string {
    return zones.size === 0 ? "no zone" : `only ${[...zones].join(", ")}`;
}

/** Every application load balancer and DB subnet group of the stack that covers fewer than two zones, and the subnets placed outside their VPC's range or over each other. */
export function awsZoneFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const balancer of graph.ofType(AWS_BALANCER_TYPES.elbv2)) {
        const type = propOf(balancer, "loadBalancerType");
        if (isUnknown(type) || (type !== undefined && type !== null && type !== "application")) continue;
        const subnets = propOf(balancer, "subnets");
        const mappings = propOf(balancer, "subnetMappings");
        if (isUnknown(subnets) || isUnknown(mappings)) continue;
        const [key, values] =
            listOf(subnets).length > 0
                ? ["subnets", listOf(subnets)]
                : [
                      "subnetMappings",
                      listOf<Record<string, unknown>>(mappings).map((m) => (isUnknown(m) ? m : m?.subnetId)),
                  ];
        if (values.length === 0) continue;
        const zones = zonesOf(graph, balancer, key, values);
        if (!zones && mostSubnets(values) < 2) {
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} is an application load balancer in a single subnet, so a single zone: AWS refuses it ("At least two subnets in two different Availability Zones must be specified"). Give it a public subnet in a second zone.`,
            });
            continue;
        }
        if (!zones || mostZones(zones) >= 2) continue;
        findings.push({
            urn: balancer.urn,
            message: `${describe(balancer)} is an application load balancer in ${zones.unplaced.size > 0 ? "a single subnet, so a single zone" : `subnets of ${zoneText(zones)}`}: AWS refuses it ("At least two subnets in two different Availability Zones must be specified"). Give it a public subnet in a second zone.`,
        });
    }
    for (const group of graph.ofType(DB_SUBNET_GROUPS)) {
        const ids = propOf(group, "subnetIds");
        if (isUnknown(ids) || listOf(ids).length === 0) continue;
        const zones = zonesOf(graph, group, "subnetIds", listOf(ids));
        if (!zones && mostSubnets(listOf(ids)) < 2) {
            findings.push({
                urn: group.urn,
                message: `${describe(group)} covers a single subnet, so a single zone: AWS refuses a DB subnet group in fewer than two Availability Zones (DBSubnetGroupDoesNotCoverEnoughAZs). Add a private subnet in a second zone.`,
            });
            continue;
        }
        if (!zones || mostZones(zones) >= 2) continue;
        findings.push({
            urn: group.urn,
            message: `${describe(group)} covers ${zones.unplaced.size > 0 ? "a single subnet, so a single zone" : zoneText(zones)}: AWS refuses a DB subnet group in fewer than two Availability Zones (DBSubnetGroupDoesNotCoverEnoughAZs). Add a private subnet in a second zone.`,
        });
    }
    return [...findings, ...awsSubnetPlacementFindings(graph)];
}
