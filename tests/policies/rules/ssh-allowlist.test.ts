import * as assert from "assert";
import { sshAllowlist } from "../../../policies/rules/ssh-allowlist";
import { sshBroadRange } from "../../../policies/rules/ssh-broad-range";
import {
    UNKNOWN_ARRAY,
    UNKNOWN_NUMBER,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    validateAlone,
    validateResource,
    validateStack,
} from "../helpers";
import { doPoolTier, pick } from "../fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const FIREWALL = "digitalocean:index/firewall:Firewall";
const ALLOW = { allowSshFrom: ["203.0.113.0/24", "2001:db8:1234::/48"] };

describe("webtier-ssh-allowlist on AWS", () => {
    it("refuses port 22 from 0.0.0.0/0 in an inline ingress block", async () => {
        const v = await validateAlone(sshAllowlist, SG, {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
        });
        assertViolation(v, "ingress[0]", "0.0.0.0/0", "port 22");
    });

    it("refuses ::/0 through an all-protocols rule (-1)", async () => {
        const v = await validateAlone(sshAllowlist, SG, {
            ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }],
        });
        assertViolation(v, "::/0", "all protocols");
    });

    it("refuses 0.0.0.0/0 through a tcp rule covering every port", async () => {
        const v = await validateAlone(sshAllowlist, SG_RULE, {
            type: "ingress",
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            cidrBlocks: ["0.0.0.0/0"],
            securityGroupId: "sg-1",
        });
        assertViolation(v, "0.0.0.0/0", "all ports");
    });

    it("refuses a world-open vpc.SecurityGroupIngressRule with ipProtocol all", async () => {
        const v = await validateAlone(sshAllowlist, INGRESS, {
            securityGroupId: "sg-1",
            ipProtocol: "all",
            cidrIpv4: "0.0.0.0/0",
        });
        assertViolation(v, "0.0.0.0/0");
    });

    it("admits SSH from an allowlisted range in every AWS shape", async () => {
        assertNone(
            await validateAlone(
                sshAllowlist,
                SG,
                {
                    ingress: [
                        {
                            protocol: "tcp",
                            fromPort: 22,
                            toPort: 22,
                            cidrBlocks: ["203.0.113.0/25"],
                            ipv6CidrBlocks: ["2001:db8:1234:5::/64"],
                        },
                    ],
                },
                ALLOW,
            ),
        );
        assertNone(
            await validateAlone(
                sshAllowlist,
                SG_RULE,
                {
                    type: "ingress",
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrBlocks: ["203.0.113.7/32"],
                    securityGroupId: "sg-1",
                },
                ALLOW,
            ),
        );
        assertNone(
            await validateAlone(
                sshAllowlist,
                INGRESS,
                { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.0/24" },
                ALLOW,
            ),
        );
    });

    it("refuses a range outside the configured allowlist", async () => {
        const v = await validateAlone(
            sshAllowlist,
            INGRESS,
            { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "198.51.100.0/24" },
            ALLOW,
        );
        assertViolation(v, "198.51.100.0/24", "outside the allowlist", "203.0.113.0/24");
    });

    it("ignores egress rules and rules that do not cover port 22", async () => {
        assertNone(
            await validateAlone(sshAllowlist, SG, {
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "udp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                ],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            }),
        );
        assertNone(
            await validateAlone(sshAllowlist, SG_RULE, {
                type: "egress",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
                securityGroupId: "sg-1",
            }),
        );
    });

    it("reads an absent ipProtocol port pair on a vpc rule as every port", async () => {
        const v = await validateAlone(sshAllowlist, INGRESS, {
            securityGroupId: "sg-1",
            ipProtocol: "tcp",
            cidrIpv4: "0.0.0.0/0",
        });
        assertViolation(v, "0.0.0.0/0", "all ports");
    });

    it("does not pass a source CIDR that is unknown during preview", async () => {
        const v = await validateAlone(sshAllowlist, SG, {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN_STRING] }],
        });
        assertViolation(v, "unknown during preview", "cannot be proven");
        const whole = await validateAlone(sshAllowlist, SG, { ingress: UNKNOWN_ARRAY });
        assertViolation(whole, "may admit SSH", "unknown during preview");
    });

    it("does not pass a world-open rule whose ports are unknown during preview", async () => {
        const v = await validateAlone(sshAllowlist, SG_RULE, {
            type: "ingress",
            protocol: "tcp",
            fromPort: UNKNOWN_NUMBER,
            toPort: UNKNOWN_NUMBER,
            cidrBlocks: ["0.0.0.0/0"],
            securityGroupId: "sg-1",
        });
        assertViolation(v, "may admit SSH", "0.0.0.0/0");
    });

    it("accepts security group sources on port 22 (private peers)", async () => {
        assertNone(
            await validateAlone(
                sshAllowlist,
                SG,
                {
                    ingress: [
                        { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-bastion"], self: true },
                    ],
                },
                ALLOW,
            ),
        );
    });

    it("refuses a prefix list on port 22, whose contents a policy cannot see", async () => {
        const v = await validateAlone(
            sshAllowlist,
            INGRESS,
            { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: "pl-123" },
            ALLOW,
        );
        assertViolation(v, "prefix list pl-123");
    });
});

describe("webtier-ssh-allowlist: SSH a service opens in a security group of its own", () => {
    const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    const BEANSTALK = "aws:elasticbeanstalk/environment:Environment";
    const launch = (name: string, value: unknown) => ({
        namespace: "aws:autoscaling:launchconfiguration",
        name,
        value,
    });

    it("refuses an EKS node group with an SSH key and no source groups: EKS opens 22 to 0.0.0.0/0", async () => {
        assertViolation(
            await validateAlone(sshAllowlist, NODE_GROUP, { remoteAccess: { ec2SshKey: "ops" } }),
            'remoteAccess (ec2SshKey without sourceSecurityGroupIds) of EKS node group "subject"',
            "0.0.0.0/0, the whole internet",
        );
        assertNone(
            await validateAlone(sshAllowlist, NODE_GROUP, {
                remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-0bastion"] },
            }),
        );
        assertNone(await validateAlone(sshAllowlist, NODE_GROUP, { scalingConfig: { desiredSize: 2 } }));
        assertViolation(
            await validateAlone(sshAllowlist, NODE_GROUP, { remoteAccess: UNKNOWN_STRING }),
            "unknown during preview",
        );
    });

    it("refuses a Beanstalk environment with a key pair and no SSHSourceRestriction, and judges the restriction it is given", async () => {
        assertViolation(
            await validateAlone(sshAllowlist, BEANSTALK, {
                settings: [launch("InstanceType", "t3.small"), launch("EC2KeyName", "ops")],
            }),
            "settings[1] (EC2KeyName without SSHSourceRestriction)",
            "0.0.0.0/0",
        );
        assertViolation(
            await validateAlone(
                sshAllowlist,
                BEANSTALK,
                {
                    settings: [
                        launch("EC2KeyName", "ops"),
                        launch("SSHSourceRestriction", "tcp, 22, 22, 198.51.100.0/24"),
                    ],
                },
                ALLOW,
            ),
            "settings[1] (SSHSourceRestriction)",
            "198.51.100.0/24, which is outside the allowlist",
        );
        for (const restriction of ["tcp, 22, 22, 203.0.113.0/24", "tcp,22,22,sg-0bastion"])
            assertNone(
                await validateAlone(
                    sshAllowlist,
                    BEANSTALK,
                    { settings: [launch("EC2KeyName", "ops"), launch("SSHSourceRestriction", restriction)] },
                    ALLOW,
                ),
            );
        // The documented way to close it (loopback) is no world, though outside an allowlist like any other range.
        assertNone(
            await validateAlone(sshAllowlist, BEANSTALK, {
                settings: [launch("EC2KeyName", "ops"), launch("SSHSourceRestriction", "tcp, 22, 22, 127.0.0.1/32")],
            }),
        );
        assertViolation(
            await validateAlone(sshAllowlist, BEANSTALK, {
                settings: [launch("EC2KeyName", "ops"), launch("SSHSourceRestriction", "tcp, 22, 203.0.113.0/24")],
            }),
            "which is not a valid CIDR",
        );
        // No key pair, or no security group of Beanstalk's own: no SSH rule at all.
        assertNone(await validateAlone(sshAllowlist, BEANSTALK, { settings: [launch("InstanceType", "t3.small")] }));
        assertNone(
            await validateAlone(sshAllowlist, BEANSTALK, {
                settings: [launch("EC2KeyName", "ops"), launch("DisableDefaultEC2SecurityGroup", "true")],
            }),
        );
    });
});

describe("webtier-ssh-allowlist on DigitalOcean", () => {
    it("refuses inbound 22 from 0.0.0.0/0 and ::/0", async () => {
        const v = await validateAlone(sshAllowlist, FIREWALL, {
            inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["0.0.0.0/0", "::/0"] }],
        });
        assertViolation(v, "inboundRules[0]", "0.0.0.0/0");
        assertViolation(v, "inboundRules[0]", "::/0");
    });

    it('refuses world-open all-ports ranges: "1-65535", "all" and an absent portRange', async () => {
        for (const portRange of ["1-65535", "all", undefined]) {
            const rule: Record<string, any> = { protocol: "tcp", sourceAddresses: ["0.0.0.0/0"] };
            if (portRange) rule.portRange = portRange;
            assertViolation(
                await validateAlone(sshAllowlist, FIREWALL, { inboundRules: [rule] }),
                "0.0.0.0/0",
                "all ports",
            );
        }
    });

    it("admits inbound 22 from allowlisted ranges and ignores other ports and icmp", async () => {
        assertNone(
            await validateAlone(
                sshAllowlist,
                FIREWALL,
                {
                    inboundRules: [
                        { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] },
                        { protocol: "tcp", portRange: "443", sourceAddresses: ["0.0.0.0/0"] },
                        { protocol: "icmp", sourceAddresses: ["0.0.0.0/0"] },
                    ],
                    outboundRules: [{ protocol: "tcp", portRange: "1-65535", destinationAddresses: ["0.0.0.0/0"] }],
                },
                ALLOW,
            ),
        );
    });

    it("refuses a droplet range outside the allowlist", async () => {
        const v = await validateAlone(
            sshAllowlist,
            FIREWALL,
            { inboundRules: [{ protocol: "tcp", portRange: "20-25", sourceAddresses: ["192.0.2.0/24"] }] },
            ALLOW,
        );
        assertViolation(v, "192.0.2.0/24", "outside the allowlist");
    });

    it("adds up what the firewalls covering one droplet admit, by tag or by id", async () => {
        const DROPLET = "digitalocean:index/droplet:Droplet";
        const inbound = (cidr: string) => [{ protocol: "tcp", portRange: "22", sourceAddresses: [cidr] }];
        const droplet = { type: DROPLET, name: "app-1", props: { id: "101", tags: ["app"] } };
        const byTag = {
            type: FIREWALL,
            name: "fw-tag",
            props: { id: "fw-1", tags: ["app"], inboundRules: inbound("64.0.0.0/2") },
        };
        const byId = {
            type: FIREWALL,
            name: "fw-id",
            props: { id: "fw-2", dropletIds: [101], inboundRules: inbound("128.0.0.0/2") },
        };
        const v = await validateStack(sshAllowlist, [droplet, byTag, byId]);
        assertViolation(v, "fw-tag", "64.0.0.0/2", 'into droplet "app-1"', "as open as 0.0.0.0/0");
        assertViolation(v, "fw-id", "128.0.0.0/2", 'into droplet "app-1"');
        assert.strictEqual(v.length, 2);
        // The second firewall covers another droplet: nothing reaches one droplet from everywhere.
        const other = { type: DROPLET, name: "app-2", props: { id: "102", tags: ["worker"] } };
        assertNone(
            await validateStack(sshAllowlist, [
                droplet,
                other,
                byTag,
                { ...byId, props: { ...byId.props, dropletIds: [102] } },
            ]),
        );
    });

    it("refuses a droplet no firewall covers (SSH open on its public address), and one not proven covered in a preview", async () => {
        const DROPLET = "digitalocean:index/droplet:Droplet";
        const firewall = {
            type: FIREWALL,
            name: "fw",
            props: {
                id: "fw-1",
                tags: ["app"],
                inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] }],
            },
        };
        const web = { type: DROPLET, name: "web", props: { id: "101", tags: ["app"] } };
        const worker = { type: DROPLET, name: "worker", props: { id: "102", tags: ["worker"] } };
        const v = await validateStack(sshAllowlist, [web, worker, firewall], ALLOW);
        assert.strictEqual(v.length, 1, v.map((x) => x.message).join("\n"));
        assertViolation(
            v,
            'droplet "worker" is covered by no firewall',
            "SSH (port 22) on its public address is open",
            "203.0.113.0/24",
        );
        assert.strictEqual(v[0].name, "worker");
        // During a preview its tags are unknown and trace to no tag of the stack: not proven covered.
        const unknownTags = { ...worker, props: { id: "102", tags: UNKNOWN_ARRAY } };
        assertViolation(
            await validateStack(sshAllowlist, [web, unknownTags, firewall], ALLOW),
            "cannot be proven to be covered by a firewall",
        );
        assertNone(await validateStack(sshAllowlist, [web, firewall], ALLOW));
    });

    it("refuses an autoscale pool no firewall covers by a tag of its template (dropletIds cannot name its droplets)", async () => {
        assertNone(await validateStack(sshAllowlist, doPoolTier(), ALLOW));
        const byIds = doPoolTier();
        Object.assign(pick(byIds, "app-fw").props, { tags: undefined, dropletIds: [1001, 1002] });
        const v = await validateStack(sshAllowlist, byIds, ALLOW);
        assertViolation(
            v,
            'droplet autoscale pool "web-pool" starts droplets no firewall covers',
            "SSH (port 22) on its public address is open",
            "a tag of its dropletTemplate",
        );
        assert.deepStrictEqual(
            v.map((x) => x.name),
            ["web-pool"],
        );
    });

    it("adds up what the firewalls on an autoscale pool's template tags admit", async () => {
        const inbound = (cidr: string) => [{ protocol: "tcp", portRange: "22", sourceAddresses: [cidr] }];
        const stack = doPoolTier();
        pick(stack, "web-pool").props.dropletTemplate.tags = ["webtier-app", "ops"];
        stack.push(
            { type: FIREWALL, name: "fw-ops", props: { tags: ["ops"], inboundRules: inbound("64.0.0.0/2") } },
            { type: FIREWALL, name: "fw-app", props: { tags: ["webtier-app"], inboundRules: inbound("128.0.0.0/2") } },
        );
        const v = await validateStack(sshAllowlist, stack);
        assertViolation(v, "fw-ops", "64.0.0.0/2", 'into droplet autoscale pool "web-pool"', "as open as 0.0.0.0/0");
        assertViolation(v, "fw-app", "128.0.0.0/2", 'into droplet autoscale pool "web-pool"');
    });

    it("does not pass source addresses unknown during preview", async () => {
        const v = await validateAlone(
            sshAllowlist,
            FIREWALL,
            { inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: UNKNOWN_ARRAY }] },
            ALLOW,
        );
        assertViolation(v, "cannot be proven");
    });

    it("does not pass a world-open rule whose port range is unknown during preview", async () => {
        const v = await validateAlone(sshAllowlist, FIREWALL, {
            inboundRules: [{ protocol: "tcp", portRange: UNKNOWN_STRING, sourceAddresses: ["0.0.0.0/0"] }],
        });
        assertViolation(v, "may admit SSH");
    });
});

describe("webtier-ssh-broad-range", () => {
    it("warns about a very broad public range when no allowlist is configured (AWS)", async () => {
        const v = await validateResource(sshBroadRange, SG, {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["64.0.0.0/2"] }],
        });
        assertViolation(v, "64.0.0.0/2", "allowSshFrom");
    });

    it("warns about a very broad public range when no allowlist is configured (DigitalOcean)", async () => {
        const v = await validateResource(sshBroadRange, FIREWALL, {
            inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["2000::/8"] }],
        });
        assertViolation(v, "2000::/8");
    });

    it("stays quiet for narrow or private ranges and leaves world-open ones to the mandatory rule", async () => {
        assertNone(
            await validateResource(sshBroadRange, SG, {
                ingress: [
                    {
                        protocol: "tcp",
                        fromPort: 22,
                        toPort: 22,
                        cidrBlocks: ["10.0.0.0/8", "203.0.113.0/24", "0.0.0.0/0"],
                    },
                ],
            }),
        );
        const mandatory = await validateAlone(sshAllowlist, SG, {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["64.0.0.0/2"] }],
        });
        assertNone(mandatory);
    });
});

describe("webtier-ssh-allowlist: the world written without /0, and prefix lists of the stack", () => {
    const SGT = "aws:ec2/securityGroup:SecurityGroup";
    const PL = "aws:ec2/managedPrefixList:ManagedPrefixList";
    const PLE = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";

    it("refuses 0.0.0.0/1 + 128.0.0.0/1 and 2000::/3 as the whole internet, without an allowlist", async () => {
        const v = await validateAlone(sshAllowlist, SG, {
            ingress: [
                {
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"],
                    ipv6CidrBlocks: ["2000::/3"],
                },
            ],
        });
        assertViolation(v, "0.0.0.0/1", "the whole internet");
        assertViolation(v, "2000::/3", "the whole internet");
    });

    it("adds up pieces spread over several rule resources into the same group", async () => {
        const pieces = ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"].map((cidr, i) => ({
            type: INGRESS,
            name: `ssh-${i}`,
            props: { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: cidr },
            deps: { securityGroupId: ["app"] },
        }));
        const stack = [{ type: SGT, name: "app", props: { id: "sg-app" } }, ...pieces];
        const v = await validateStack(sshAllowlist, stack);
        assertViolation(v, "ssh-0", "0.0.0.0/2", "covers 100% of the public IPv4 internet", "as open as 0.0.0.0/0");
        assert.strictEqual(v.length, 4, "every piece is reported on its own resource");
        assertNone(await validateStack(sshAllowlist, stack.slice(0, 2)));
    });

    const sshFrom = (cidr: string) => [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr] }];

    it("adds up what the security groups of one server admit, each reported once however many servers share them", async () => {
        const groups = [
            // Each a /2, "very broad" alone (advisory); together more than a third of the internet.
            { type: SGT, name: "office-a", props: { id: "sg-a", ingress: sshFrom("64.0.0.0/2") } },
            { type: SGT, name: "office-b", props: { id: "sg-b", ingress: sshFrom("128.0.0.0/2") } },
            { type: SGT, name: "web", props: { id: "sg-web", ingress: sshFrom("10.0.0.0/8") } },
        ];
        const instances = [1, 2, 3].map((n) => ({
            type: "aws:ec2/instance:Instance",
            name: `app-${n}`,
            props: { id: `i-${n}`, vpcSecurityGroupIds: ["sg-a", "sg-b", "sg-web"] },
        }));
        const v = await validateStack(sshAllowlist, [...groups, ...instances]);
        assertViolation(v, "office-a", "64.0.0.0/2", 'into EC2 instance "app-1"', "of the public IPv4 internet");
        assertViolation(v, "office-b", "128.0.0.0/2", "as open as 0.0.0.0/0");
        assert.strictEqual(v.length, 2, v.map((x) => x.message).join("\n"));
        // A launch template's groups, through its network interfaces, add up alike.
        const template = {
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            name: "app",
            props: { id: "lt-1", networkInterfaces: [{ securityGroups: ["sg-a"] }], vpcSecurityGroupIds: ["sg-b"] },
        };
        assert.strictEqual((await validateStack(sshAllowlist, [...groups, template])).length, 2);
        // Groups no one server sits in together are judged each on its own.
        const apart = [
            { ...instances[0], props: { id: "i-1", vpcSecurityGroupIds: ["sg-a", "sg-web"] } },
            { ...instances[1], props: { id: "i-2", vpcSecurityGroupIds: ["sg-b"] } },
        ];
        assertNone(await validateStack(sshAllowlist, [...groups, ...apart]));
        // With an allowlist, each range outside it is refused on its own, once per rule (not per server).
        const listed = await validateStack(sshAllowlist, [...groups, ...instances], ALLOW);
        assert.strictEqual(listed.filter((x) => /outside the allowlist/.test(x.message)).length, 3);
        assert.ok(!listed.some((x) => /as open as/.test(x.message)));
    });

    it("keeps a single broad range (a /2) advisory, not mandatory", async () => {
        assertNone(
            await validateAlone(sshAllowlist, SG, {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["64.0.0.0/2"] }],
            }),
        );
    });

    it("accepts a prefix list of the stack whose entries are all inside the allowlist, inline or standalone", async () => {
        const stack = [
            { type: PL, name: "office", props: { id: "pl-office", entries: [{ cidr: "203.0.113.0/25" }] } },
            {
                type: PLE,
                name: "vpn",
                props: { prefixListId: "pl-office", cidr: "2001:db8:1234:5::/64" },
                deps: { prefixListId: ["office"] },
            },
            {
                type: INGRESS,
                name: "ssh-office",
                props: {
                    securityGroupId: "sg-1",
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    prefixListId: "pl-office",
                },
                deps: { prefixListId: ["office"] },
            },
        ];
        assertNone(await validateStack(sshAllowlist, stack, ALLOW));
        (stack[1].props as any).cidr = "2001:db8:9999::/48";
        assertViolation(
            await validateStack(sshAllowlist, stack, ALLOW),
            "2001:db8:9999::/48 (in prefix list pl-office)",
            "outside the allowlist",
        );
    });

    it("traces a prefix list id unknown during preview to the stack's list, and still refuses an opaque one", async () => {
        const stack = [
            { type: PL, name: "office", props: { id: UNKNOWN_STRING, entries: [{ cidr: "203.0.113.0/25" }] } },
            {
                type: INGRESS,
                name: "ssh-office",
                props: {
                    securityGroupId: "sg-1",
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    prefixListId: UNKNOWN_STRING,
                },
                deps: { prefixListId: ["office"] },
            },
        ];
        assertNone(await validateStack(sshAllowlist, stack, ALLOW));
        assertViolation(
            await validateAlone(
                sshAllowlist,
                INGRESS,
                {
                    securityGroupId: "sg-1",
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    prefixListId: "pl-0aws-managed",
                },
                ALLOW,
            ),
            "prefix list pl-0aws-managed",
        );
    });
});
