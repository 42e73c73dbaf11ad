/**
 * "Is this subnet public?", for the rules that keep data stores in private subnets. A subnet is
 * public when it gives instances public IPs, or when its route table sends traffic to an
 * internet gateway: the ALB's subnets are public that way even with `mapPublicIpOnLaunch`
 * false, and a database placed in them is one setting away from the internet.
 *
 * Route tables are followed through explicit `RouteTableAssociation`s; a subnet with none uses
 * its VPC's main route table, which is only visible when the stack manages it
 * (`MainRouteTableAssociation` or `DefaultRouteTable`; a new VPC's own main table has only the
 * local route), or when a route is added to it by id (`vpc.mainRouteTableId`). Routes are read
 * from a table's inline `routes` and from `aws.ec2.Route`s.
 */
import type { StackGraph } from "../graph";
import { AWS } from "./types";
import { Res, UNKNOWN, Unknown, describe, isUnknown, listOf, textOf } from "../values";

/** Does a route's `gatewayId` (inline or standalone) lead to an internet gateway? */
function gatewayIsInternet(graph: StackGraph, owner: Res, key: string, value: unknown): boolean | Unknown {
    if (value === undefined || value === null || value === "") return false;
    // By id, or through the property's dependencies (for inline routes, those of the whole
    // `routes` list: a table whose routes were computed from an internet gateway routes to it).
    if (
        graph.resolve(owner, key, isUnknown(value) ? UNKNOWN : textOf(value), AWS.internetGateways).candidates.length >
        0
    )
        return true;
    if (!isUnknown(value)) return textOf(value).startsWith("igw-");
    // Unknown, and computed from no internet gateway of this stack.
    return (owner.propertyDependencies[key] ?? []).length > 0 ? false : UNKNOWN;
}

/** Why `table` routes to the internet (a message fragment), "unknown", or undefined when it does not. */
function internetRoute(graph: StackGraph, table: Res): string | Unknown | undefined {
    let unknown = false;
    const inline = table.props.routes;
    if (isUnknown(inline)) {
        if (graph.dependenciesOf(table, "routes", AWS.internetGateways).length > 0)
            return `has an inline route to an internet gateway in ${describe(table)}`;
        unknown = true;
    }
    for (const [index, route] of listOf<Record<string, any>>(inline).entries()) {
        if (isUnknown(route)) {
            unknown = true;
            continue;
        }
        const viaGateway = gatewayIsInternet(graph, table, "routes", route?.gatewayId);
        if (viaGateway === true) return `routes to an internet gateway (routes[${index}] of ${describe(table)})`;
        if (viaGateway === UNKNOWN) unknown = true;
    }
    for (const route of graph.referrers(AWS.routes, "routeTableId", table)) {
        const viaGateway = gatewayIsInternet(graph, route, "gatewayId", route.props.gatewayId);
        if (viaGateway === true) return `routes to an internet gateway (${describe(route)} in ${describe(table)})`;
        if (viaGateway === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : undefined;
}

/**
 * Routes added to a VPC's main route table by its id (`routeTableId: vpc.mainRouteTableId`, or
 * `defaultRouteTableId`): the table itself is no resource of the stack, but every subnet of the
 * VPC without an explicit association uses it, so such a route to an internet gateway makes
 * all of them public.
 */
function mainTableRoutes(graph: StackGraph, vpcs: Set<Res>): Res[] {
    return graph
        .ofType(AWS.routes)
        .filter(
            (route) =>
                unlinked(route, "routeTableId") ||
                graph
                    .resolve(route, "routeTableId", route.props.routeTableId, AWS.vpcs)
                    .candidates.some((vpc) => vpcs.has(vpc)),
        );
}

/**
 * A required reference (a route's routeTableId, a default route table's defaultRouteTableId)
 * that is neither set nor traced to anything: the program passed an output the engine had no
 * value for (the offline check's mocks compute no `vpc.mainRouteTableId`). It may be any VPC's
 * main table, so it counts for every VPC rather than for none.
 */
function unlinked(res: Res, key: string): boolean {
    const value = res.props[key];
    return (
        (value === undefined || value === null || value === "") && (res.propertyDependencies[key] ?? []).length === 0
    );
}

/** The route tables that decide a subnet's traffic; `unresolved` when an association names one the stack does not hold. */
function routeTablesOf(graph: StackGraph, subnet: Res): { tables: Res[]; mainRoutes: Res[]; unresolved: boolean } {
    const associations = graph.referrers(AWS.routeTableAssociations, "subnetId", subnet);
    const tables = new Set<Res>();
    let unresolved = false;
    for (const association of associations) {
        const { candidates } = graph.resolve(
            association,
            "routeTableId",
            association.props.routeTableId,
            AWS.routeTables,
        );
        if (candidates.length === 0) unresolved = true;
        candidates.forEach((t) => tables.add(t));
    }
    let mainRoutes: Res[] = [];
    if (associations.length === 0) {
        // The VPC's main route table.
        const vpcs = new Set(graph.resolve(subnet, "vpcId", subnet.props.vpcId, AWS.vpcs).candidates);
        mainRoutes = mainTableRoutes(graph, vpcs);
        for (const main of graph.ofType(AWS.mainRouteTableAssociations)) {
            if (!graph.resolve(main, "vpcId", main.props.vpcId, AWS.vpcs).candidates.some((v) => vpcs.has(v))) continue;
            graph
                .resolve(main, "routeTableId", main.props.routeTableId, AWS.routeTables)
                .candidates.forEach((t) => tables.add(t));
        }
        for (const table of graph.ofType(AWS.defaultRouteTables)) {
            const owners = graph.resolve(
                table,
                "defaultRouteTableId",
                table.props.defaultRouteTableId,
                AWS.vpcs,
            ).candidates;
            if (unlinked(table, "defaultRouteTableId") || owners.some((v) => vpcs.has(v))) tables.add(table);
        }
    }
    return { tables: [...tables], mainRoutes, unresolved };
}

/**
 * Why `subnet` is (or may be) public, as a message fragment ("routes to an internet gateway
 * (...)"), or undefined when it is proven private.
 */
export function subnetExposure(graph: StackGraph, subnet: Res): string | undefined {
    const mapPublic = subnet.props.mapPublicIpOnLaunch;
    if (mapPublic === true) return "gives instances public IPs (mapPublicIpOnLaunch)";
    if (isUnknown(mapPublic)) return "may give instances public IPs (mapPublicIpOnLaunch unknown during preview)";
    const { tables, mainRoutes, unresolved } = routeTablesOf(graph, subnet);
    let unknown = false;
    for (const route of mainRoutes) {
        const viaGateway = gatewayIsInternet(graph, route, "gatewayId", route.props.gatewayId);
        if (viaGateway === true)
            return `routes to an internet gateway (${describe(route)}, added to the VPC's main route table, which every subnet without its own route table association uses)`;
        if (viaGateway === UNKNOWN) unknown = true;
    }
    for (const table of tables) {
        const route = internetRoute(graph, table);
        if (typeof route === "string") return route;
        if (route === UNKNOWN) unknown = true;
    }
    if (unknown) return "may route to an internet gateway (a route unknown during preview)";
    if (unresolved) return "uses a route table this stack does not hold, so it cannot be proven private";
    return undefined;
}
