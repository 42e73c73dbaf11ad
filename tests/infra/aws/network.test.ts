import { strict as assert } from "assert";
import { build, named, ofType, owner, someOf, T } from "./fixture";

describe("AWS network (registered resources)", function () {
    this.timeout(120000);

    it("creates one VPC with DNS hostnames on and the configured range", async () => {
        const [vpc] = ofType(await build("prod"), T.vpc);
        assert.equal(ofType(await build("prod"), T.vpc).length, 1);
        assert.equal(vpc.inputs.cidrBlock, "10.20.0.0/16");
        assert.equal(vpc.inputs.enableDnsHostnames, true);
    });

    it("creates a public and a private subnet in each configured zone, each in a different zone", async () => {
        for (const [stack, zones] of [
            ["dev", 2],
            ["prod", 3],
        ] as const) {
            const subnets = ofType(await build(stack), T.subnet);
            const publicZones = subnets
                .filter((s) => s.inputs.tags["webtier:tier"] === "public")
                .map((s) => s.inputs.availabilityZone);
            const privateZones = subnets
                .filter((s) => s.inputs.tags["webtier:tier"] === "private")
                .map((s) => s.inputs.availabilityZone);
            assert.equal(new Set(publicZones).size, zones, `${stack} public`);
            assert.equal(new Set(privateZones).size, zones, `${stack} private`);
        }
    });

    it("routes only the public subnets to the internet gateway", async () => {
        const built = await build("prod");
        const igwRoutes = ofType(built, T.route).filter((route) => route.inputs.gatewayId);
        const publicTables = new Set(igwRoutes.map((route) => route.inputs.routeTableId));
        for (const association of someOf(built, T.routeTableAssociation)) {
            const subnet = owner(built, association.inputs.subnetId)!;
            const isPublic = subnet.inputs.tags["webtier:tier"] === "public";
            assert.equal(publicTables.has(association.inputs.routeTableId), isPublic, `${subnet.name} routed wrongly`);
        }
    });

    it("gives prod a NAT gateway per zone and sends each private subnet through its own zone's", async () => {
        const built = await build("prod");
        const nats = ofType(built, T.natGateway);
        assert.equal(nats.length, 3);
        for (let zone = 1; zone <= 3; zone += 1) {
            const route = named(built, `prod-private-default-${zone}`);
            const nat = owner(built, route.inputs.natGatewayId)!;
            assert.equal(nat.name, `prod-nat-${zone}`);
            // The NAT sits in the public subnet of the same zone as the private subnet it serves.
            const natSubnet = owner(built, nat.inputs.subnetId)!;
            assert.equal(
                natSubnet.inputs.availabilityZone,
                named(built, `prod-private-${zone}`).inputs.availabilityZone,
            );
            assert.equal(natSubnet.inputs.tags["webtier:tier"], "public");
        }
    });

    it("shares a single NAT gateway in dev to save cost", async () => {
        const built = await build("dev");
        assert.equal(ofType(built, T.natGateway).length, 1);
        const targets = ofType(built, T.route)
            .filter((r) => r.inputs.natGatewayId)
            .map((r) => r.inputs.natGatewayId);
        assert.equal(targets.length, 2);
        assert.equal(new Set(targets).size, 1);
    });

    it("gives the public subnets IPv6 /64s from the VPC's block, and the private ones none", async () => {
        const subnets = ofType(await build("prod"), T.subnet);
        for (const subnet of subnets) {
            if (subnet.inputs.tags["webtier:tier"] === "public")
                assert.match(subnet.inputs.ipv6CidrBlock, /^2600:1f18:[0-9a-f]+:ff0[0-2]::\/64$/);
            else assert.equal(subnet.inputs.ipv6CidrBlock, undefined, subnet.name);
        }
    });

    it("launches nothing with a public address by default in any subnet", async () => {
        for (const subnet of someOf(await build("prod"), T.subnet))
            assert.equal(subnet.inputs.mapPublicIpOnLaunch, false, subnet.name);
    });
});
