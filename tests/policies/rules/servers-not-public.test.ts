import { serversNotPublic } from "../../../policies/rules/servers-not-public";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doPoolTier, doTier, pick } from "../fixtures";

/** An inline ingress block added to the app servers' security group. */
function appGroupAdmits(rule: Record<string, unknown>): FakeResource[] {
    const stack = awsTier();
    pick(stack, "app-sg").props.ingress = [rule];
    return stack;
}

describe("webtier-servers-not-public on AWS", () => {
    it("passes the tier whose servers admit only the balancer and the SSH allowlist", async () => {
        assertNone(await validateStack(serversNotPublic, awsTier()));
    });

    it("refuses another port of the app servers open to the world: an admin console on 8443", async () => {
        const v = await validateStack(
            serversNotPublic,
            appGroupAdmits({ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assertViolation(
            v,
            "ingress[0]",
            "app-sg",
            "port 8443",
            "0.0.0.0/0",
            'EC2 instance "web-0"',
            "only the balancer is public",
        );
    });

    it("adds up the ranges of every rule into one server that admit the same port: alone none is the internet", async () => {
        const stack = awsTier();
        pick(stack, "app-sg").props.ingress = [
            // 9000-9200 from one quarter and 9100 from another (each under a third of the public
            // internet): half of it on 9100 only.
            { protocol: "tcp", fromPort: 9000, toPort: 9200, cidrBlocks: ["0.0.0.0/3", "32.0.0.0/3"] },
            { protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["128.0.0.0/3", "160.0.0.0/3"] },
            // The second quarter on another port adds nothing there.
            { protocol: "tcp", fromPort: 8000, toPort: 8000, cidrBlocks: ["128.0.0.0/3", "160.0.0.0/3"] },
            // UDP on the same port is another service: not added to TCP's.
            { protocol: "udp", fromPort: 9100, toPort: 9100, cidrBlocks: ["64.0.0.0/3", "96.0.0.0/3"] },
        ];
        const v = await validateStack(serversNotPublic, stack);
        assertViolation(v, "ingress[0]", "ports 9000-9200", "port 9100", "% of the public IPv4 internet");
        assertViolation(v, "ingress[1]", "port 9100", 'EC2 instance "web-0"');
        assertNone(v.filter((m) => /ingress\[[23]\]/.test(typeof m === "string" ? m : m.message)));
        // One rule naming every piece is as open.
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["0.0.0.0/3", "32.0.0.0/3", "64.0.0.0/3"] },
        ];
        assertViolation(await validateStack(serversNotPublic, stack), "ingress[0]", "together cover");
        // Pieces that stop short of a third of the internet are not.
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["0.0.0.0/3"] },
            { protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["32.0.0.0/3"] },
        ];
        assertNone(await validateStack(serversNotPublic, stack));
    });

    it("puts a server that names no group in its VPC's default group, and one naming it through the VPC", async () => {
        const vpc: FakeResource = { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { id: "vpc-1" } };
        const defaultGroup: FakeResource = {
            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            name: "default-sg",
            props: {
                id: "sg-default-1",
                vpcId: "vpc-1",
                ingress: [
                    { protocol: "-1", fromPort: 0, toPort: 0, self: true },
                    { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] },
                ],
            },
            deps: { vpcId: ["vpc"] },
        };
        const withSubnetInVpc = () => {
            const stack = [...awsTier(), vpc, defaultGroup];
            pick(stack, "private-a").props.vpcId = "vpc-1";
            pick(stack, "private-a").deps = { vpcId: ["vpc"] };
            return stack;
        };
        // web-0 names no group: EC2 puts it in its subnet's VPC's default group.
        const implicit = withSubnetInVpc();
        delete pick(implicit, "web-0").props.vpcSecurityGroupIds;
        pick(implicit, "web-0").deps = { subnetId: ["private-a"] };
        assertViolation(
            await validateStack(serversNotPublic, implicit),
            "default-sg",
            "port 8443",
            'EC2 instance "web-0"',
        );
        // Named as the VPC's defaultSecurityGroupId, unknown during preview: the VPC's default group.
        const named = withSubnetInVpc();
        pick(named, "web-0").props.vpcSecurityGroupIds = [UNKNOWN_STRING];
        pick(named, "web-0").deps = { vpcSecurityGroupIds: ["vpc"], subnetId: ["private-a"] };
        assertViolation(await validateStack(serversNotPublic, named), "default-sg", 'EC2 instance "web-0"');
        // With a group of its own it is not in the default group; nor is a server of another VPC.
        assertNone(await validateStack(serversNotPublic, withSubnetInVpc()));
        const elsewhere = withSubnetInVpc();
        delete pick(elsewhere, "web-0").props.vpcSecurityGroupIds;
        pick(elsewhere, "private-a").props.vpcId = "vpc-2";
        pick(elsewhere, "private-a").deps = {};
        pick(elsewhere, "web-0").deps = { subnetId: ["private-a"] };
        assertNone(await validateStack(serversNotPublic, elsewhere));
    });

    it("reads a group an instance names by name (the default VPC's way)", async () => {
        const stack = awsTier();
        pick(stack, "app-sg").props.name = "legacy-web";
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] },
        ];
        const web = pick(stack, "web-0");
        delete web.props.vpcSecurityGroupIds;
        web.props.securityGroups = ["legacy-web"];
        web.deps = { securityGroups: ["app-sg"] };
        assertViolation(await validateStack(serversNotPublic, stack), "app-sg", 'EC2 instance "web-0"');
    });

    it("reads an instance's groups on its network interfaces, and a group attached to one", async () => {
        const exporter: FakeResource = {
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "exporter-sg",
            props: {
                id: "sg-exporter",
                ingress: [{ protocol: "tcp", fromPort: 9100, toPort: 9100, cidrBlocks: ["0.0.0.0/0"] }],
            },
        };
        const nic = (groups: string[]): FakeResource => ({
            type: "aws:ec2/networkInterface:NetworkInterface",
            name: "extra-nic",
            props: { id: "eni-extra", securityGroups: groups },
        });
        const attached: FakeResource = {
            type: "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment",
            name: "extra-on-web-0",
            props: { networkInterfaceId: "eni-extra", instanceId: pick(awsTier(), "web-0").props.id, deviceIndex: 1 },
        };
        // A second interface of web-0 in the exporter's group.
        assertViolation(
            await validateStack(serversNotPublic, [...awsTier(), exporter, nic(["sg-exporter"]), attached]),
            "exporter-sg",
            "port 9100",
            'EC2 instance "web-0"',
        );
        // The interface an instance is launched on: its groups are the instance's.
        const launchedOn = [...awsTier(), exporter, nic(["sg-exporter"])];
        pick(launchedOn, "web-0").props.primaryNetworkInterface = { networkInterfaceId: "eni-extra" };
        assertViolation(await validateStack(serversNotPublic, launchedOn), "exporter-sg", 'EC2 instance "web-0"');
        // An interface on no instance of the stack is a server of its own.
        assertViolation(
            await validateStack(serversNotPublic, [...awsTier(), exporter, nic(["sg-exporter"])]),
            'into network interface "extra-nic"',
        );
        // The group attached to an interface of the stack, or to an instance's primary interface by its id.
        const groupAttachment = (networkInterfaceId: string): FakeResource => ({
            type: "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment",
            name: "exporter-attachment",
            props: { networkInterfaceId, securityGroupId: "sg-exporter" },
        });
        assertViolation(
            await validateStack(serversNotPublic, [
                ...awsTier(),
                exporter,
                nic([]),
                attached,
                groupAttachment("eni-extra"),
            ]),
            'EC2 instance "web-0"',
        );
        const primary = awsTier();
        pick(primary, "web-1").props.primaryNetworkInterfaceId = "eni-web-1";
        assertViolation(
            await validateStack(serversNotPublic, [...primary, exporter, groupAttachment("eni-web-1")]),
            'EC2 instance "web-1"',
        );
        // Not attached to anything: nobody is exposed.
        assertNone(await validateStack(serversNotPublic, [...awsTier(), exporter]));
    });

    it("refuses a standalone rule from ::/0, and the world written as a range covering a third of it", async () => {
        for (const [key, cidr] of [
            ["cidrIpv6", "::/0"],
            ["cidrIpv4", "0.0.0.0/1"],
        ]) {
            const stack = awsTier();
            stack.push({
                type: T.ingress,
                name: "app-3000-world",
                props: { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 3000, toPort: 3000, [key]: cidr },
                deps: { securityGroupId: ["app-sg"] },
            });
            assertViolation(await validateStack(serversNotPublic, stack), "app-3000-world", "port 3000", cidr);
        }
    });

    it("names UDP, and refuses a source unknown during preview", async () => {
        assertViolation(
            await validateStack(
                serversNotPublic,
                appGroupAdmits({ protocol: "udp", fromPort: 51820, toPort: 51820, cidrBlocks: ["0.0.0.0/0"] }),
            ),
            "UDP port 51820",
        );
        assertViolation(
            await validateStack(
                serversNotPublic,
                appGroupAdmits({ protocol: "tcp", fromPort: 9000, toPort: 9100, cidrBlocks: [UNKNOWN_STRING] }),
            ),
            "ports 9000-9100",
            "unknown during preview",
        );
    });

    it("refuses a public port of a server with no balancer in front (the app port is then 80)", async () => {
        const stack: FakeResource[] = [
            {
                type: T.sg,
                name: "node-sg",
                props: {
                    id: "sg-node",
                    ingress: [{ protocol: "tcp", fromPort: 3000, toPort: 3000, cidrBlocks: ["0.0.0.0/0"] }],
                },
            },
            {
                type: T.instance,
                name: "node",
                props: { id: "i-node", vpcSecurityGroupIds: ["sg-node"] },
                deps: { vpcSecurityGroupIds: ["node-sg"] },
            },
        ];
        assertViolation(await validateStack(serversNotPublic, stack), "node-sg", "port 3000", 'EC2 instance "node"');
    });

    it("leaves alone the balancer's own group, private and allowlisted ranges, ICMP, and the ports the other rules judge", async () => {
        const onBalancer = awsTier();
        pick(onBalancer, "lb-sg").props.ingress = [
            ...(pick(onBalancer, "lb-sg").props.ingress as unknown[]),
            { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] },
        ];
        assertNone(await validateStack(serversNotPublic, onBalancer));
        for (const rule of [
            { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["203.0.113.0/24"] },
            { protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] },
            // webtier-ssh-allowlist's and webtier-port-80-only-from-balancer's, each reported there once (ports
            // unknown during preview: both report the rule as one that may admit theirs).
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 8000, toPort: UNKNOWN_STRING, cidrBlocks: ["0.0.0.0/0"] },
        ])
            assertNone(await validateStack(serversNotPublic, appGroupAdmits(rule)));
    });
});

describe("webtier-servers-not-public on DigitalOcean", () => {
    it("passes the tier whose droplets' firewall admits only the balancer and the SSH allowlist", async () => {
        assertNone(await validateStack(serversNotPublic, doTier()));
    });

    it("refuses a firewall rule that opens another port of the droplets to the world", async () => {
        const stack = doTier();
        const firewall = pick(stack, "app-fw");
        firewall.props.inboundRules = [
            ...(firewall.props.inboundRules as unknown[]),
            { protocol: "tcp", portRange: "6379", sourceAddresses: ["0.0.0.0/0", "::/0"] },
        ];
        assertViolation(await validateStack(serversNotPublic, stack), "app-fw", "port 6379", "0.0.0.0/0", "web-0");
    });

    it("refuses a firewall on an autoscale pool's tag that opens another port of its droplets to the world", async () => {
        assertNone(await validateStack(serversNotPublic, doPoolTier()));
        const stack = doPoolTier();
        stack.push({
            type: T.firewall,
            name: "debug-fw",
            props: {
                tags: ["webtier-app"],
                inboundRules: [{ protocol: "tcp", portRange: "3000", sourceAddresses: ["0.0.0.0/0"] }],
            },
        });
        assertViolation(
            await validateStack(serversNotPublic, stack),
            "debug-fw",
            "port 3000",
            'into droplet autoscale pool "web-pool"',
        );
    });
});
