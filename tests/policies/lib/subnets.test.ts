import * as assert from "assert";
import { subnetExposure } from "../../../policies/lib/aws/subnets";
import { UNKNOWN } from "../../../policies/lib/values";
import { FakeResource, graphOf } from "../helpers";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    table: "aws:ec2/routeTable:RouteTable",
    defaultTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    route: "aws:ec2/route:Route",
};

function exposure(resources: FakeResource[], subnet: string): string | undefined {
    const graph = graphOf(resources);
    return subnetExposure(
        graph,
        graph.ofType([T.subnet]).find((s) => s.name === subnet)!,
    );
}

/** A VPC with an internet gateway, a public subnet routed to it and a private subnet routed to a NAT gateway. */
function network(): FakeResource[] {
    return [
        { type: T.vpc, name: "vpc", props: { id: "vpc-1" } },
        { type: T.igw, name: "igw", props: { id: "igw-0a1b", vpcId: "vpc-1" }, deps: { vpcId: ["vpc"] } },
        { type: T.nat, name: "nat", props: { id: "nat-1" } },
        {
            type: T.subnet,
            name: "public",
            props: { id: "subnet-pub", vpcId: "vpc-1", mapPublicIpOnLaunch: false },
            deps: { vpcId: ["vpc"] },
        },
        {
            type: T.subnet,
            name: "private",
            props: { id: "subnet-priv", vpcId: "vpc-1", mapPublicIpOnLaunch: false },
            deps: { vpcId: ["vpc"] },
        },
        { type: T.table, name: "public-rt", props: { id: "rtb-pub", vpcId: "vpc-1" }, deps: { vpcId: ["vpc"] } },
        { type: T.table, name: "private-rt", props: { id: "rtb-priv", vpcId: "vpc-1" }, deps: { vpcId: ["vpc"] } },
        {
            type: T.route,
            name: "public-default",
            props: { routeTableId: "rtb-pub", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b" },
            deps: { routeTableId: ["public-rt"], gatewayId: ["igw"] },
        },
        {
            type: T.route,
            name: "private-default",
            props: { routeTableId: "rtb-priv", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
            deps: { routeTableId: ["private-rt"], natGatewayId: ["nat"] },
        },
        {
            type: T.association,
            name: "public-rta",
            props: { subnetId: "subnet-pub", routeTableId: "rtb-pub" },
            deps: { subnetId: ["public"], routeTableId: ["public-rt"] },
        },
        {
            type: T.association,
            name: "private-rta",
            props: { subnetId: "subnet-priv", routeTableId: "rtb-priv" },
            deps: { subnetId: ["private"], routeTableId: ["private-rt"] },
        },
    ];
}

/** The same network as a preview sees it: every id unknown, references only through dependencies. */
function previewNetwork(): FakeResource[] {
    return network().map((r) => {
        const props: Record<string, any> = {};
        for (const [key, value] of Object.entries(r.props))
            props[key] = key === "id" || key.endsWith("Id") ? UNKNOWN : value;
        return { ...r, props };
    });
}

describe("subnetExposure: is a subnet public?", () => {
    it("calls a subnet routed to an internet gateway public, even without public IPs on launch", () => {
        assert.match(
            exposure(network(), "public") ?? "",
            /routes to an internet gateway \(route "public-default" in route table "public-rt"\)/,
        );
    });

    it("calls a subnet routed through a NAT gateway private", () => {
        assert.strictEqual(exposure(network(), "private"), undefined);
    });

    it("follows the routes through dependencies when every id is unknown during preview", () => {
        assert.match(exposure(previewNetwork(), "public") ?? "", /routes to an internet gateway/);
        assert.strictEqual(exposure(previewNetwork(), "private"), undefined);
    });

    it("reads inline routes of a route table", () => {
        const stack = network().filter((r) => r.name !== "public-default");
        const table = stack.find((r) => r.name === "public-rt")!;
        table.props.routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b" }];
        table.deps = { ...table.deps, routes: ["igw"] };
        assert.match(exposure(stack, "public") ?? "", /routes\[0\] of route table "public-rt"/);
    });

    it("calls a subnet that gives instances public IPs public, and one whose setting is unknown not proven private", () => {
        const stack = network();
        stack.find((r) => r.name === "private")!.props.mapPublicIpOnLaunch = true;
        assert.match(exposure(stack, "private") ?? "", /public IPs/);
        stack.find((r) => r.name === "private")!.props.mapPublicIpOnLaunch = UNKNOWN;
        assert.match(exposure(stack, "private") ?? "", /unknown during preview/);
    });

    it("does not prove private a route whose gateway is unknown and computed from nothing in the stack", () => {
        const stack = network();
        const route = stack.find((r) => r.name === "private-default")!;
        route.props = { routeTableId: "rtb-priv", destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN };
        route.deps = { routeTableId: ["private-rt"] };
        assert.match(exposure(stack, "private") ?? "", /may route to an internet gateway/);
    });

    it("does not prove private a subnet associated with a route table outside the stack", () => {
        const stack = network();
        const association = stack.find((r) => r.name === "private-rta")!;
        association.props.routeTableId = "rtb-elsewhere";
        association.deps = { subnetId: ["private"] };
        assert.match(exposure(stack, "private") ?? "", /route table this stack does not hold/);
    });

    it("reads the VPC's main route table for a subnet without an association", () => {
        const withMain = network().filter((r) => r.name !== "public-rta");
        assert.strictEqual(
            exposure(withMain, "public"),
            undefined,
            "a new VPC's own main table has only the local route",
        );
        withMain.push({
            type: T.mainAssociation,
            name: "main",
            props: { vpcId: "vpc-1", routeTableId: "rtb-pub" },
            deps: { vpcId: ["vpc"], routeTableId: ["public-rt"] },
        });
        assert.match(exposure(withMain, "public") ?? "", /internet gateway/);

        const withDefault = network().filter((r) => r.name !== "public-rta");
        withDefault.push({
            type: T.defaultTable,
            name: "default-rt",
            props: { defaultRouteTableId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b" }] },
            deps: { defaultRouteTableId: ["vpc"], routes: ["igw"] },
        });
        assert.match(exposure(withDefault, "public") ?? "", /default route table "default-rt"/);
    });

    it("reads a public route added to the VPC's main route table by id, for every subnet without an association", () => {
        const stack = network().filter((r) => r.name !== "private-rta");
        stack.find((r) => r.name === "vpc")!.props.mainRouteTableId = "rtb-main";
        stack.push({
            type: T.route,
            name: "main-default",
            props: { routeTableId: "rtb-main", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b" },
            deps: { routeTableId: ["vpc"], gatewayId: ["igw"] },
        });
        assert.match(exposure(stack, "private") ?? "", /route "main-default", added to the VPC's main route table/);
        assert.match(
            exposure(network().concat(stack.slice(-1)), "private") ?? "none",
            /none/,
            "a subnet with its own association does not use the main table",
        );
        // Preview, and the offline check's `pulumi up` (where the mock reports no mainRouteTableId): through the dependency on the VPC.
        const route = stack.find((r) => r.name === "main-default")!;
        route.props.routeTableId = UNKNOWN;
        assert.match(exposure(stack, "private") ?? "", /main route table/);
        delete route.props.routeTableId;
        assert.match(exposure(stack, "private") ?? "", /main route table/);
        route.props.gatewayId = "nat-elsewhere";
        route.deps = { routeTableId: ["vpc"] };
        assert.strictEqual(exposure(stack, "private"), undefined);
    });
});
