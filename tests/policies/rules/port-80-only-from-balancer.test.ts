import * as assert from "assert";
import { port80OnlyFromBalancer } from "../../../policies/rules/port-80-only-from-balancer";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doPoolTier, doTier, pick } from "../fixtures";

/** A VPC ingress rule opening port 80 of a security group (`id`, resource `group`) to the world. */
const worldOnPort80 = (name: string, id: string, group: string): FakeResource => ({
    type: T.ingress,
    name,
    props: { securityGroupId: id, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" },
    deps: { securityGroupId: [group] },
});

describe("webtier-port-80-only-from-balancer on AWS", () => {
    it("admits port 80 only from the balancer, and leaves the balancer's own open 80/443 alone", async () => {
        assertNone(await validateStack(port80OnlyFromBalancer, awsTier()));
    });

    it("refuses an app security group rule that opens port 80 to a CIDR (vpc ingress rule)", async () => {
        const stack = awsTier();
        stack.push(worldOnPort80("app-http-world", "sg-app", "app-sg"));
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(v, "app-http-world", "CIDR 0.0.0.0/0", "balancer's security group");
    });

    it("refuses the app group's members admitting each other (self) on port 80, but not in a group no server sits in", async () => {
        const stack = awsTier();
        pick(stack, "app-sg").props.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }];
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "ingress[0]",
            "its own security group (self)",
        );
        // AWS's default group, adopted with its own rules and used by nothing.
        const unused = awsTier();
        unused.push({
            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            name: "default-sg",
            props: { id: "sg-default", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] },
        });
        assertNone(await validateStack(port80OnlyFromBalancer, unused));
        pick(unused, "default-sg").props.ingress.push({
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ["10.0.0.0/8"],
        });
        assertViolation(await validateStack(port80OnlyFromBalancer, unused), "default-sg", "CIDR 10.0.0.0/8");
    });

    it("lets an EKS node group's security group admit itself, as EKS requires of its nodes, and nothing more", async () => {
        const eks = (tags: unknown, deps: Record<string, string[]> = {}) => {
            const stack = awsTier();
            stack.push({ type: "aws:eks/cluster:Cluster", name: "web", props: { id: "web", name: "web" } });
            Object.assign(pick(stack, "app-sg").props, { tags });
            pick(stack, "app-sg").deps = { ...pick(stack, "app-sg").deps, ...deps };
            stack.push({
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                name: "web-eksNodeIngressRule",
                props: {
                    type: "ingress",
                    securityGroupId: "sg-app",
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    self: true,
                },
                deps: { securityGroupId: ["app-sg"] },
            });
            return stack;
        };
        assertNone(await validateStack(port80OnlyFromBalancer, eks({ "kubernetes.io/cluster/web": "owned" })));
        // In a preview @pulumi/eks's tags are unknown, taken from the cluster's name.
        assertNone(await validateStack(port80OnlyFromBalancer, eks(UNKNOWN_STRING, { tags: ["web"] })));
        assertViolation(
            await validateStack(port80OnlyFromBalancer, eks({ Name: "app" })),
            "web-eksNodeIngressRule",
            "its own security group (self)",
        );
        const world = eks({ "kubernetes.io/cluster/web": "owned" });
        world.push(worldOnPort80("nodes-http-world", "sg-app", "app-sg"));
        assertViolation(await validateStack(port80OnlyFromBalancer, world), "nodes-http-world", "CIDR 0.0.0.0/0");
    });

    it("leaves alone the groups of VPC endpoints and EFS mount targets, which no app server sits in", async () => {
        const stack = awsTier();
        const holder = (type: string, name: string, key: string): FakeResource => ({
            type,
            name,
            props: { [key]: [`sg-${name}`] },
            deps: { [key]: [`${name}-sg`] },
        });
        for (const [type, name, key] of [
            ["aws:ec2/vpcEndpoint:VpcEndpoint", "ssm", "securityGroupIds"],
            ["aws:efs/mountTarget:MountTarget", "files", "securityGroups"],
        ]) {
            stack.push({
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: `${name}-sg`,
                props: {
                    id: `sg-${name}`,
                    ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.50.0.0/16"] }],
                },
            });
            stack.push(holder(type, name, key));
        }
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        // The same group on an app server too is the app server's.
        pick(stack, "web-0").props.vpcSecurityGroupIds = ["sg-app", "sg-ssm"];
        pick(stack, "web-0").deps = { ...pick(stack, "web-0").deps, vpcSecurityGroupIds: ["app-sg", "ssm-sg"] };
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "ssm-sg", "CIDR 10.50.0.0/16");
    });

    it("refuses an inline ingress block on the app group with a private CIDR on port 80", async () => {
        const stack = awsTier();
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.20.0.0/16"] },
        ];
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "ingress[0]",
            "app-sg",
            "CIDR 10.20.0.0/16",
        );
    });

    it("proves a group computed from the balancer alone (alb.securityGroups[0], unknown during preview) to be the balancer's", async () => {
        const rule = (deps: string[]): FakeResource => ({
            type: T.sgRule,
            name: "app-from-lb-output",
            props: {
                type: "ingress",
                securityGroupId: "sg-app",
                sourceSecurityGroupId: UNKNOWN_STRING,
                protocol: "tcp",
                fromPort: 80,
                toPort: 80,
            },
            deps: { securityGroupId: ["app-sg"], sourceSecurityGroupId: deps },
        });
        assertNone(await validateStack(port80OnlyFromBalancer, [...awsTier(), rule(["lb"])]));
        // Computed from the balancer and another group: it may be the other one.
        const stack = [
            ...awsTier(),
            { type: T.sg, name: "bastion-sg", props: { id: "sg-bastion" } },
            rule(["lb", "bastion-sg"]),
        ];
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "app-from-lb-output");
    });

    it("refuses an all-ports ec2.SecurityGroupRule from another security group", async () => {
        const stack = awsTier();
        stack.push({ type: T.sg, name: "bastion-sg", props: { id: "sg-bastion" } });
        stack.push({
            type: T.sgRule,
            name: "app-all-from-bastion",
            props: {
                type: "ingress",
                securityGroupId: "sg-app",
                sourceSecurityGroupId: "sg-bastion",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
            },
            deps: { securityGroupId: ["app-sg"], sourceSecurityGroupId: ["bastion-sg"] },
        });
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "app-all-from-bastion",
            "bastion-sg",
            "not the security group of a load balancer",
        );
    });

    it("proves an unknown referenced group through its property dependency (preview)", async () => {
        const stack = awsTier();
        const rule = pick(stack, "app-http-from-lb");
        rule.props.referencedSecurityGroupId = UNKNOWN_STRING;
        rule.props.securityGroupId = UNKNOWN_STRING;
        pick(stack, "lb-sg").props.id = UNKNOWN_STRING;
        pick(stack, "lb").props.securityGroups = [UNKNOWN_STRING];
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
    });

    it("does not pass an unknown source with no dependency to trace", async () => {
        const stack = awsTier();
        const rule = pick(stack, "app-http-from-lb");
        rule.props.referencedSecurityGroupId = UNKNOWN_STRING;
        rule.deps = { securityGroupId: ["app-sg"] };
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "unknown during preview",
            "cannot be proven",
        );
    });
});

describe("webtier-port-80-only-from-balancer on DigitalOcean", () => {
    it("admits inbound 80 from the load balancer's uid", async () => {
        assertNone(await validateStack(port80OnlyFromBalancer, doTier()));
    });

    it("refuses inbound 80 from addresses", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules.push({
            protocol: "tcp",
            portRange: "80",
            sourceAddresses: ["0.0.0.0/0", "::/0"],
        });
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(v, "inboundRules[2]", "CIDR 0.0.0.0/0", "sourceLoadBalancerUids");
        assertViolation(v, "CIDR ::/0");
    });

    it("refuses an all-ports rule from a tag", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules.push({
            protocol: "tcp",
            portRange: "1-65535",
            sourceTags: ["office"],
        });
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "tag office");
    });

    it("refuses a uid that is not a load balancer of this stack", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules[0].sourceLoadBalancerUids = ["lb-uid-elsewhere"];
        pick(stack, "app-fw").deps = {};
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "lb-uid-elsewhere",
            "not a load balancer in this stack",
        );
    });

    it("proves an unknown uid through the firewall's dependency on the load balancer (preview)", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules[0].sourceLoadBalancerUids = [UNKNOWN_STRING];
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        pick(stack, "app-fw").deps = {};
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "unknown during preview");
    });
});

describe("webtier-port-80-only-from-balancer: the app port, shared groups, foreign ids", () => {
    it("follows the port the target group targets: 8080 open to a CIDR is refused, 80 is then not the app port", async () => {
        const stack = awsTier();
        pick(stack, "tg").props.port = 8080;
        pick(stack, "app-http-from-lb").props.fromPort = 8080;
        pick(stack, "app-http-from-lb").props.toPort = 8080;
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        stack.push({
            type: T.ingress,
            name: "app-8080-world",
            props: {
                securityGroupId: "sg-app",
                ipProtocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
                cidrIpv4: "0.0.0.0/0",
            },
            deps: { securityGroupId: ["app-sg"] },
        });
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "app-8080-world",
            "admits port 8080, the app port, from CIDR 0.0.0.0/0",
        );
    });

    it("follows a DigitalOcean forwarding rule's target port", async () => {
        const stack = doTier();
        for (const rule of pick(stack, "lb").props.forwardingRules) rule.targetPort = 3000;
        pick(stack, "app-fw").props.inboundRules.push({
            protocol: "tcp",
            portRange: "3000",
            sourceAddresses: ["0.0.0.0/0"],
        });
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "inboundRules[2]",
            "port 3000, the app port",
            "CIDR 0.0.0.0/0",
        );
    });

    it("refuses port 80 open to the world on a security group the balancer shares with the app servers", async () => {
        const stack = awsTier();
        pick(stack, "web-0").props.vpcSecurityGroupIds = ["sg-lb"];
        pick(stack, "web-0").deps = { vpcSecurityGroupIds: ["lb-sg"] };
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(
            v,
            'ingress[0] of security group "lb-sg"',
            "CIDR 0.0.0.0/0",
            "shared by the balancer and the app servers",
            "security group of its own",
        );
    });

    it("does not take a constant foreign group id computed from the balancer's group for the balancer's", async () => {
        const stack = awsTier();
        // referencedSecurityGroupId: lbSg.id.apply(() => "sg-0foreign"): depends on the balancer group, is not it.
        pick(stack, "app-http-from-lb").props.referencedSecurityGroupId = "sg-0foreign";
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "security group sg-0foreign",
            "not the security group of a load balancer",
        );
    });

    it("counts an ECS service's and an auto scaling launch configuration's groups as app servers", async () => {
        const stack = awsTier();
        stack.push({ type: T.sg, name: "svc-sg", props: { id: "sg-svc" } });
        stack.push({
            type: "aws:ecs/service:Service",
            name: "svc",
            props: { id: "svc", networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-svc"] } },
            deps: { networkConfiguration: ["svc-sg"] },
        });
        stack.push(worldOnPort80("svc-world", "sg-svc", "svc-sg"));
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "svc-world", "CIDR 0.0.0.0/0");
    });
});

describe("webtier-port-80-only-from-balancer: every droplet behind a firewall", () => {
    const tagType = "digitalocean:index/tag:Tag";

    it("refuses a droplet no firewall covers, by tag or by id", async () => {
        const stack = doTier();
        stack.push({ type: T.droplet, name: "worker", props: { id: "1003", tags: ["workers"] } });
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(v, 'droplet "worker"', "covered by no firewall", "22 and the app's included");
        assert.deepStrictEqual(
            v.map((x) => x.name),
            ["worker"],
        );
    });

    it("accepts a droplet covered by id", async () => {
        const stack = doTier();
        stack.push({ type: T.droplet, name: "worker", props: { id: "1003" } });
        stack.push({
            type: T.firewall,
            name: "worker-fw",
            props: {
                dropletIds: [1003],
                inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] }],
            },
        });
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
    });

    it("traces tags and ids unknown during preview through the Tag and droplet resources", async () => {
        const stack = [{ type: tagType, name: "app-tag", props: { name: "webtier-app" } }, ...doTier()];
        for (const name of ["web-0", "web-1"])
            Object.assign(pick(stack, name), {
                props: { ...pick(stack, name).props, tags: [UNKNOWN_STRING] },
                deps: { tags: ["app-tag"] },
            });
        Object.assign(pick(stack, "app-fw"), {
            props: { ...pick(stack, "app-fw").props, tags: [UNKNOWN_STRING] },
            deps: { inboundRules: ["lb"], tags: ["app-tag"] },
        });
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        pick(stack, "app-fw").deps = { inboundRules: ["lb"] };
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            'droplet "web-0"',
            "cannot be proven to be covered by a firewall",
        );
    });
});

describe("webtier-port-80-only-from-balancer: every droplet autoscale pool behind a firewall", () => {
    it("accepts a pool whose template's tag a firewall admitting the app port from the balancer covers", async () => {
        assertNone(await validateStack(port80OnlyFromBalancer, doPoolTier()));
    });

    it("refuses a pool no firewall covers by tag, also when a firewall names droplet ids", async () => {
        const stack = doPoolTier();
        pick(stack, "web-pool").props.dropletTemplate.tags = ["workers"];
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(
            v,
            'droplet autoscale pool "web-pool" starts droplets no firewall covers',
            "22 and the app's included",
            "tags include a tag of its dropletTemplate",
        );
        assert.deepStrictEqual(
            v.map((x) => x.name),
            ["web-pool"],
        );
        const byIds = doPoolTier();
        Object.assign(pick(byIds, "app-fw").props, { tags: undefined, dropletIds: [UNKNOWN_STRING] });
        assertViolation(await validateStack(port80OnlyFromBalancer, byIds), 'droplet autoscale pool "web-pool"');
    });

    it("traces template tags unknown during preview through the Tag resource, and refuses them untraced", async () => {
        const stack = [
            { type: "digitalocean:index/tag:Tag", name: "app-tag", props: { name: "webtier-app" } },
            ...doPoolTier(),
        ];
        Object.assign(pick(stack, "web-pool"), { deps: { dropletTemplate: ["app-tag"] } });
        pick(stack, "web-pool").props.dropletTemplate.tags = [UNKNOWN_STRING];
        Object.assign(pick(stack, "app-fw"), {
            props: { ...pick(stack, "app-fw").props, tags: [UNKNOWN_STRING] },
            deps: { inboundRules: ["lb"], tags: ["app-tag"] },
        });
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        pick(stack, "web-pool").deps = {};
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            'droplet autoscale pool "web-pool" starts droplets that cannot be proven to be covered by a firewall',
        );
    });
});

describe("webtier-port-80-only-from-balancer: a foreign load balancer uid on DigitalOcean", () => {
    it("does not take a constant uid computed from the load balancer's id for the load balancer", async () => {
        const stack = doTier();
        // sourceLoadBalancerUids: [lb.id.apply(() => "lb-uid-foreign")]: depends on the balancer, is not it.
        pick(stack, "app-fw").props.inboundRules[0].sourceLoadBalancerUids = ["lb-uid-foreign"];
        assertViolation(
            await validateStack(port80OnlyFromBalancer, stack),
            "load balancer uid lb-uid-foreign, which is not a load balancer in this stack",
        );
    });
});

describe("webtier-port-80-only-from-balancer: a network load balancer without security groups", () => {
    function nlbTier(): FakeResource[] {
        const stack = awsTier().filter((r) => !["lb", "https", "http", "app-http-from-lb"].includes(r.name));
        pick(stack, "private-a").props.cidrBlock = "10.20.1.0/24";
        pick(stack, "private-b").props.cidrBlock = "10.20.2.0/24";
        // A group no balancer uses yet (the NLB has none): nothing open.
        pick(stack, "lb-sg").props.ingress = [];
        stack.push({
            type: T.lb,
            name: "nlb",
            props: { id: "arn:nlb", arn: "arn:nlb", loadBalancerType: "network", subnets: ["subnet-a", "subnet-b"] },
        });
        return stack;
    }

    it("takes the app port admitted from the balancer's subnets for the balancer", async () => {
        const stack = nlbTier();
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.20.1.0/24", "10.20.2.0/25"] },
        ];
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
    });

    it("still refuses the VPC's whole range, or the world, and any range once the balancer has a security group", async () => {
        const stack = nlbTier();
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.20.0.0/16"] },
        ];
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "CIDR 10.20.0.0/16");
        pick(stack, "app-sg").props.ingress = [
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.20.1.0/24"] },
        ];
        pick(stack, "nlb").props.securityGroups = ["sg-lb"];
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "CIDR 10.20.1.0/24");
    });
});
