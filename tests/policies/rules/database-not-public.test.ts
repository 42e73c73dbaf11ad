import * as assert from "assert";
import { databaseNotPublic } from "../../../policies/rules/database-not-public";
import {
    FakeResource,
    UNKNOWN_ARRAY,
    UNKNOWN_BOOLEAN,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    validateStack,
} from "../helpers";
import { T, awsTier, doPoolTier, doTier, pick, without } from "../fixtures";

describe("webtier-database-not-public on AWS", () => {
    it("accepts a private RDS instance reachable only from the app security group", async () => {
        assertNone(await validateStack(databaseNotPublic, awsTier()));
    });

    it("reads an absent publiclyAccessible as the provider default, false", async () => {
        const stack = awsTier();
        delete pick(stack, "db").props.publiclyAccessible;
        assertNone(await validateStack(databaseNotPublic, stack));
    });

    it("refuses a publicly accessible RDS instance", async () => {
        const stack = awsTier();
        pick(stack, "db").props.publiclyAccessible = true;
        const v = await validateStack(databaseNotPublic, stack);
        assertViolation(v, 'RDS instance "db"', "publicly accessible", "publiclyAccessible to false");
    });

    it("does not pass publiclyAccessible unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "db").props.publiclyAccessible = UNKNOWN_BOOLEAN;
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "unknown during preview",
            "cannot be proven private",
        );
    });

    it("refuses an RDS snapshot (or copy, of an instance or a cluster) shared with all accounts, and passes one shared with an account", async () => {
        const types = [
            "aws:rds/snapshot:Snapshot",
            "aws:rds/snapshotCopy:SnapshotCopy",
            "aws:rds/clusterSnapshot:ClusterSnapshot",
            "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
        ];
        for (const type of types) {
            const stack = awsTier();
            stack.push({ type, name: "db-snap", props: { sharedAccounts: ["123456789012", "all"] }, deps: {} });
            const v = await validateStack(databaseNotPublic, stack);
            assertViolation(v, '"db-snap"', "shared with all AWS accounts", "anyone can restore it");
            assert.strictEqual(v.length, 1, type);
            pick(stack, "db-snap").props.sharedAccounts = ["123456789012"];
            assertNone(await validateStack(databaseNotPublic, stack));
            delete pick(stack, "db-snap").props.sharedAccounts;
            assertNone(await validateStack(databaseNotPublic, stack));
        }
    });

    it("does not pass a snapshot's sharedAccounts unknown during preview, whole or in part", async () => {
        for (const shared of [UNKNOWN_ARRAY, ["123456789012", UNKNOWN_STRING]]) {
            const stack = awsTier();
            stack.push({
                type: "aws:rds/snapshot:Snapshot",
                name: "db-snap",
                props: { sharedAccounts: shared },
                deps: {},
            });
            assertViolation(
                await validateStack(databaseNotPublic, stack),
                'RDS snapshot "db-snap"',
                "sharedAccounts unknown during preview",
                'never "all"',
            );
        }
    });

    it("refuses a CIDR on the database security group (standalone rule)", async () => {
        const stack = awsTier();
        stack.push({
            type: T.sgRule,
            name: "db-from-vpc",
            props: {
                type: "ingress",
                securityGroupId: "sg-db",
                protocol: "tcp",
                fromPort: 3306,
                toPort: 3306,
                cidrBlocks: ["10.20.0.0/16"],
            },
            deps: { securityGroupId: ["db-sg"] },
        });
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "db-from-vpc",
            "CIDR 10.20.0.0/16",
            "app servers' security group",
        );
    });

    it("refuses an inline ingress on the database group from the balancer's group", async () => {
        const stack = awsTier();
        pick(stack, "db-sg").props.ingress = [
            { protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: ["sg-lb"] },
        ];
        assertViolation(await validateStack(databaseNotPublic, stack), "ingress[0]", "sg-lb", "no app server");
    });

    it("does not pass a database group source unknown during preview without a dependency", async () => {
        const stack = awsTier();
        pick(stack, "db-from-app").props.referencedSecurityGroupId = UNKNOWN_STRING;
        pick(stack, "db-from-app").deps = { securityGroupId: ["db-sg"] };
        assertViolation(await validateStack(databaseNotPublic, stack), "unknown during preview");
    });

    it("refuses an RDS instance without its own security group or subnet group", async () => {
        const stack = awsTier();
        delete pick(stack, "db").props.vpcSecurityGroupIds;
        delete pick(stack, "db").props.dbSubnetGroupName;
        pick(stack, "db").deps = {};
        const v = await validateStack(databaseNotPublic, stack);
        assertViolation(v, "default security group");
        assertViolation(v, "dbSubnetGroupName", "public subnets");
    });

    it('refuses the subnet group named "default", the default VPC\'s public one', async () => {
        const stack = awsTier();
        pick(stack, "db").props.dbSubnetGroupName = "default";
        pick(stack, "db").deps = { ...pick(stack, "db").deps, dbSubnetGroupName: [] };
        assertViolation(await validateStack(databaseNotPublic, stack), 'subnet group "default"', "public");
    });

    it("judges a same-region read replica in its source's subnet group, and a cross-region one by its own", async () => {
        const stack = awsTier();
        const db = pick(stack, "db");
        const replica = {
            type: db.type,
            name: "db-replica",
            props: {
                id: "db-replica",
                identifier: "db-replica",
                replicateSourceDb: db.props.identifier ?? db.props.id,
                vpcSecurityGroupIds: db.props.vpcSecurityGroupIds,
            },
            deps: { replicateSourceDb: ["db"], vpcSecurityGroupIds: db.deps?.vpcSecurityGroupIds ?? [] },
        };
        const alone = (v: Awaited<ReturnType<typeof validateStack>>) =>
            v.filter((m) => (typeof m === "string" ? m : m.message).includes('"db-replica"'));
        assertNone(alone(await validateStack(databaseNotPublic, [...stack, replica])));
        // Its source in a public subnet: so is the replica.
        pick(stack, "private-b").props.mapPublicIpOnLaunch = true;
        assertViolation(
            alone(await validateStack(databaseNotPublic, [...stack, replica])),
            "read replica in its source's subnet group",
            "private-b",
        );
        // From another region (an ARN) it needs a subnet group of its own.
        const crossRegion = {
            ...replica,
            props: { ...replica.props, replicateSourceDb: "arn:aws:rds:us-east-1:1:db:db" },
            deps: {},
        };
        assertViolation(
            alone(await validateStack(databaseNotPublic, [...awsTier(), crossRegion])),
            "sets no dbSubnetGroupName",
        );
    });

    it("refuses a subnet group containing a public subnet", async () => {
        const stack = awsTier();
        pick(stack, "private-b").props.mapPublicIpOnLaunch = true;
        assertViolation(await validateStack(databaseNotPublic, stack), "private-b", "public IPs");
    });

    it("refuses a subnet group containing a subnet routed to an internet gateway (the balancer's subnets)", async () => {
        const stack = [
            ...awsTier(),
            { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", props: { id: "igw-1" } },
            { type: "aws:ec2/routeTable:RouteTable", name: "public-rt", props: { id: "rtb-1" } },
            {
                type: "aws:ec2/route:Route",
                name: "public-default",
                props: { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                deps: { routeTableId: ["public-rt"], gatewayId: ["igw"] },
            },
            {
                type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
                name: "b-rta",
                props: { subnetId: "subnet-b", routeTableId: "rtb-1" },
                deps: { subnetId: ["private-b"], routeTableId: ["public-rt"] },
            },
        ];
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            'RDS instance "db"',
            'subnet "private-b" routes to an internet gateway',
            "private subnets only",
        );
        assertNone(
            await validateStack(
                databaseNotPublic,
                stack.filter((r) => r.name !== "b-rta"),
            ),
        );
    });
});

describe("webtier-database-not-public on DigitalOcean", () => {
    it("accepts a cluster in the VPC behind a firewall trusting the app droplets' tag", async () => {
        assertNone(await validateStack(databaseNotPublic, doTier()));
    });

    it("refuses a cluster with no database firewall", async () => {
        const v = await validateStack(databaseNotPublic, without(doTier(), "db-fw"));
        assertViolation(v, 'database cluster "db"', "no database firewall", "DatabaseFirewall");
    });

    it("refuses a firewall rule trusting an IP address", async () => {
        const stack = doTier();
        pick(stack, "db-fw").props.rules.push({ type: "ip_addr", value: "0.0.0.0/0" });
        assertViolation(await validateStack(databaseNotPublic, stack), "rules[1]", "ip_addr 0.0.0.0/0", 'type "tag"');
    });

    it("trusts an ip_addr rule holding an app droplet's address only when the address comes from that droplet", async () => {
        const stack = doTier();
        pick(stack, "web-0").props.ipv4AddressPrivate = "10.20.0.7";
        pick(stack, "web-1").props.ipv4Address = "164.90.3.9";
        Object.assign(pick(stack, "db-fw"), {
            props: {
                ...pick(stack, "db-fw").props,
                rules: [
                    { type: "ip_addr", value: "10.20.0.7" },
                    { type: "ip_addr", value: "164.90.3.9/32" },
                ],
            },
            deps: { clusterId: ["db"], rules: ["web-0", "web-1"] },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        // The same text with no dependency on the droplets: typed in, equal to a droplet's by chance.
        pick(stack, "db-fw").deps = { clusterId: ["db"] };
        const typed = await validateStack(databaseNotPublic, stack);
        assertViolation(typed, "rules[0]", "ip_addr 10.20.0.7");
        assertViolation(typed, "rules[1]", "ip_addr 164.90.3.9/32");
        // Another address beside them, and the droplets' addresses unknown during preview.
        Object.assign(pick(stack, "db-fw"), {
            props: {
                ...pick(stack, "db-fw").props,
                rules: [
                    { type: "ip_addr", value: UNKNOWN_STRING },
                    { type: "ip_addr", value: "10.20.0.8" },
                ],
            },
            deps: { clusterId: ["db"], rules: ["web-0"] },
        });
        const preview = await validateStack(databaseNotPublic, stack);
        assertViolation(preview, "rules[1]", "ip_addr 10.20.0.8");
        assert.ok(!preview.some((x) => x.message.includes("rules[0]")), "the unknown address comes from web-0");
    });

    it("refuses a firewall trusting a tag no droplet of the stack carries, or a droplet outside the stack", async () => {
        const stack = doTier();
        pick(stack, "db-fw").props.rules = [
            { type: "tag", value: "office-bastion" },
            { type: "droplet", value: "9999" },
            { type: "droplet", value: "1001" },
        ];
        const v = await validateStack(databaseNotPublic, stack);
        assertViolation(v, "rules[0]", "tag office-bastion, which no droplet or autoscale pool of this stack carries");
        assertViolation(v, "rules[1]", "droplet 9999, which is not a droplet of this stack");
        assert.ok(!v.some((x) => x.message.includes("rules[2]")), "droplet 1001 is an app droplet");
    });

    it("traces an unknown tag through the tag resource the droplets carry (preview)", async () => {
        const tag = { type: "digitalocean:index/tag:Tag", name: "app-tag", props: { name: "webtier-app" } };
        const stack = [tag, ...doTier()];
        for (const name of ["web-0", "web-1"])
            Object.assign(pick(stack, name), {
                props: { ...pick(stack, name).props, tags: UNKNOWN_ARRAY },
                deps: { tags: ["app-tag"] },
            });
        Object.assign(pick(stack, "db-fw"), {
            props: { ...pick(stack, "db-fw").props, rules: [{ type: "tag", value: UNKNOWN_STRING }] },
            deps: { clusterId: ["db"], rules: ["app-tag"] },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "db-fw").deps = { clusterId: ["db"] };
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "cannot be traced to the app servers of this stack",
        );
    });

    it("trusts the tag an autoscale pool's template carries, by name or through its Tag resource (preview)", async () => {
        assertNone(await validateStack(databaseNotPublic, doPoolTier()));
        const other = doPoolTier();
        pick(other, "web-pool").props.dropletTemplate.tags = ["workers"];
        assertViolation(
            await validateStack(databaseNotPublic, other),
            "tag webtier-app, which no droplet or autoscale pool of this stack carries",
        );
        const tag = { type: "digitalocean:index/tag:Tag", name: "app-tag", props: { name: "webtier-app" } };
        const preview = [tag, ...doPoolTier()];
        pick(preview, "web-pool").props.dropletTemplate.tags = [UNKNOWN_STRING];
        pick(preview, "web-pool").deps = { dropletTemplate: ["app-tag"] };
        Object.assign(pick(preview, "db-fw"), {
            props: { ...pick(preview, "db-fw").props, rules: [{ type: "tag", value: UNKNOWN_STRING }] },
            deps: { clusterId: ["db"], rules: ["app-tag"] },
        });
        assertNone(await validateStack(databaseNotPublic, preview));
        pick(preview, "web-pool").deps = {};
        assertViolation(
            await validateStack(databaseNotPublic, preview),
            "cannot be traced to the app servers of this stack",
        );
    });

    it("trusts the stack's App Platform app or Kubernetes cluster when the tier runs there, and no other", async () => {
        const app = {
            type: "digitalocean:index/app:App",
            name: "shop",
            props: { id: "app-uuid-1", spec: { name: "shop" } },
        };
        const k8s = {
            type: "digitalocean:index/kubernetesCluster:KubernetesCluster",
            name: "shop-k8s",
            props: { id: "k8s-uuid-1", name: "shop-k8s" },
        };
        const stack = [app, k8s, ...doTier()];
        pick(stack, "db-fw").props.rules = [
            { type: "app", value: "app-uuid-1" },
            { type: "k8s", value: "k8s-uuid-1" },
        ];
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "db-fw").props.rules = [
            { type: "app", value: "app-uuid-elsewhere" },
            { type: "k8s", value: "k8s-uuid-elsewhere" },
        ];
        const v = await validateStack(databaseNotPublic, stack);
        assertViolation(v, "rules[0]", "app app-uuid-elsewhere, which is not an App Platform app of this stack");
        assertViolation(v, "rules[1]", "k8s k8s-uuid-elsewhere, which is not a Kubernetes cluster of this stack");
        // During a preview the app's id is unknown: the rule's dependency on the app proves it.
        Object.assign(pick(stack, "db-fw"), {
            props: { ...pick(stack, "db-fw").props, rules: [{ type: "app", value: UNKNOWN_STRING }] },
            deps: { clusterId: ["db"], rules: ["shop"] },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "db-fw").deps = { clusterId: ["db"] };
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "cannot be traced to the app servers of this stack",
        );
    });

    it("refuses a cluster outside the VPC (privateNetworkUuid absent)", async () => {
        const stack = doTier();
        delete pick(stack, "db").props.privateNetworkUuid;
        assertViolation(await validateStack(databaseNotPublic, stack), "privateNetworkUuid");
    });

    it("reads a VPC left out as the region's default one: the cluster must share one with the droplets", async () => {
        const placed = (dropletVpc: string | undefined, clusterVpc: string | undefined, clusterRegion = "ams3") => {
            const stack = doTier();
            for (const name of ["web-0", "web-1"]) {
                pick(stack, name).props.region = "ams3";
                if (dropletVpc) pick(stack, name).props.vpcUuid = dropletVpc;
                else delete pick(stack, name).props.vpcUuid;
            }
            pick(stack, "db").props.region = clusterRegion;
            if (clusterVpc) pick(stack, "db").props.privateNetworkUuid = clusterVpc;
            else delete pick(stack, "db").props.privateNetworkUuid;
            return stack;
        };
        const vpcFindings = async (stack: FakeResource[]) =>
            (await validateStack(databaseNotPublic, stack)).filter((m) =>
                /VPC/.test(typeof m === "string" ? m : m.message),
            );
        // Both left out, in one region: the same default VPC.
        assertNone(await vpcFindings(placed(undefined, undefined)));
        assertNone(await vpcFindings(placed("vpc-1", "vpc-1")));
        // The droplets in the stack's VPC, the cluster in the default one; another VPC; another region's default.
        assertViolation(await vpcFindings(placed("vpc-1", undefined)), "the default VPC of ams3", "no app server is");
        assertViolation(await vpcFindings(placed("vpc-1", "vpc-2")), "VPC vpc-2", "no app server is");
        assertViolation(await vpcFindings(placed(undefined, undefined, "fra1")), "the default VPC of fra1");
    });

    it("holds a Kubernetes tier's cluster to the Kubernetes cluster's VPC, as droplets' to theirs", async () => {
        const k8sTier = (k8sVpc: string | undefined, clusterVpc: string | undefined) => {
            const stack: FakeResource[] = [
                {
                    type: "digitalocean:index/kubernetesCluster:KubernetesCluster",
                    name: "shop-k8s",
                    props: { id: "k8s-uuid-1", region: "ams3", ...(k8sVpc ? { vpcUuid: k8sVpc } : {}) },
                },
                ...doTier().filter((r) => !["web-0", "web-1"].includes(r.name)),
            ];
            pick(stack, "db").props.region = "ams3";
            if (clusterVpc) pick(stack, "db").props.privateNetworkUuid = clusterVpc;
            else delete pick(stack, "db").props.privateNetworkUuid;
            pick(stack, "db-fw").props.rules = [{ type: "k8s", value: "k8s-uuid-1" }];
            return stack;
        };
        const vpcFindings = async (stack: FakeResource[]) =>
            (await validateStack(databaseNotPublic, stack)).filter((m) =>
                /VPC/.test(typeof m === "string" ? m : m.message),
            );
        assertNone(await vpcFindings(k8sTier("vpc-1", "vpc-1")));
        assertNone(await vpcFindings(k8sTier(undefined, undefined)));
        assertViolation(await vpcFindings(k8sTier("vpc-1", "vpc-2")), "VPC vpc-2", "no app server is", "Kubernetes");
        assertViolation(await vpcFindings(k8sTier(undefined, "vpc-1")), "the default VPC of ams3");
    });

    it("finds the firewall through its dependency while the cluster id is unknown (preview)", async () => {
        const stack = doTier();
        pick(stack, "db").props.id = UNKNOWN_STRING;
        pick(stack, "db-fw").props.clusterId = UNKNOWN_STRING;
        assertNone(await validateStack(databaseNotPublic, stack));
    });

    it("does not pass firewall rules unknown during preview", async () => {
        const stack = doTier();
        pick(stack, "db-fw").props.rules = UNKNOWN_ARRAY;
        assertViolation(await validateStack(databaseNotPublic, stack), "unknown during preview", "cannot be proven");
    });

    it("leaves the cache cluster to the cache rule", async () => {
        const v = await validateStack(databaseNotPublic, without(doTier(), "cache-fw"));
        assertNone(v);
    });
});

describe("webtier-database-not-public: every app tier compute and every managed data store", () => {
    function withService(stack: ReturnType<typeof awsTier>, type: string, props: Record<string, any>, depKey: string) {
        stack.push({ type: T.sg, name: "svc-sg", props: { id: "sg-svc" } });
        stack.push({ type, name: "svc", props: { id: "svc-1", ...props }, deps: { [depKey]: ["svc-sg"] } });
        stack.push({
            type: T.ingress,
            name: "db-from-svc",
            props: {
                securityGroupId: "sg-db",
                referencedSecurityGroupId: "sg-svc",
                ipProtocol: "tcp",
                fromPort: 3306,
                toPort: 3306,
            },
            deps: { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["svc-sg"] },
        });
        return stack;
    }

    it("accepts a database admitting a Fargate service's security group", async () => {
        const stack = withService(
            awsTier(),
            "aws:ecs/service:Service",
            { launchType: "FARGATE", networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-svc"] } },
            "networkConfiguration",
        );
        assertNone(await validateStack(databaseNotPublic, stack));
    });

    it("accepts a database admitting an auto scaling group's launch configuration group, and a VPC Lambda's", async () => {
        assertNone(
            await validateStack(
                databaseNotPublic,
                withService(
                    awsTier(),
                    "aws:ec2/launchConfiguration:LaunchConfiguration",
                    { securityGroups: ["sg-svc"] },
                    "securityGroups",
                ),
            ),
        );
        assertNone(
            await validateStack(
                databaseNotPublic,
                withService(
                    awsTier(),
                    "aws:lambda/function:Function",
                    { vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-svc"] } },
                    "vpcConfig",
                ),
            ),
        );
    });

    it("accepts a database admitting an App Runner VPC connector's group, and Beanstalk instances' (SecurityGroups option)", async () => {
        assertNone(
            await validateStack(
                databaseNotPublic,
                withService(
                    awsTier(),
                    "aws:apprunner/vpcConnector:VpcConnector",
                    { subnets: ["subnet-a"], securityGroups: ["sg-svc"] },
                    "securityGroups",
                ),
            ),
        );
        const beanstalk = (value: string) =>
            withService(
                awsTier(),
                "aws:elasticbeanstalk/environment:Environment",
                {
                    settings: [
                        { namespace: "aws:ec2:vpc", name: "VPCId", value: "vpc-1" },
                        { namespace: "aws:autoscaling:launchconfiguration", name: "SecurityGroups", value },
                    ],
                },
                "settings",
            );
        assertNone(await validateStack(databaseNotPublic, beanstalk("sg-other, sg-svc")));
        // Another option naming the group is not the instances' groups.
        const elsewhere = beanstalk("sg-other");
        pick(elsewhere, "svc").props.settings.push({
            namespace: "aws:elbv2:loadbalancer",
            name: "SecurityGroups",
            value: "sg-svc",
        });
        assertViolation(await validateStack(databaseNotPublic, elsewhere), "db-from-svc", "which no app server");
    });

    it("accepts a database admitting an EKS cluster's cluster security group, by its id or, in preview, through the cluster", async () => {
        const eks = (sourceId: string, deps: string[]) => {
            const stack = awsTier();
            stack.push({
                type: "aws:eks/cluster:Cluster",
                name: "eks",
                props: {
                    id: "eks-1",
                    vpcConfig: { subnetIds: ["subnet-a"], clusterSecurityGroupId: "sg-eks-cluster" },
                },
            });
            stack.push({
                type: T.ingress,
                name: "db-from-eks",
                props: {
                    securityGroupId: "sg-db",
                    referencedSecurityGroupId: sourceId,
                    ipProtocol: "tcp",
                    fromPort: 3306,
                    toPort: 3306,
                },
                deps: { securityGroupId: ["db-sg"], referencedSecurityGroupId: deps },
            });
            return stack;
        };
        assertNone(await validateStack(databaseNotPublic, eks("sg-eks-cluster", ["eks"])));
        assertNone(await validateStack(databaseNotPublic, eks(UNKNOWN_STRING, ["eks"])));
        assertViolation(
            await validateStack(databaseNotPublic, eks("sg-elsewhere", [])),
            "db-from-eks",
            "which no app server",
        );
        // Unknown, from another group of the stack: that group, not the cluster's, named as such.
        assertViolation(
            await validateStack(databaseNotPublic, eks(UNKNOWN_STRING, ["lb-sg"])),
            "db-from-eks",
            'lets security group "lb-sg" (its id unknown during preview), which no app server',
        );
    });

    it("lets a database's own group admit itself (self), unless a load balancer sits in it too", async () => {
        const stack = awsTier();
        pick(stack, "db-sg").props.ingress = [{ protocol: "tcp", fromPort: 3306, toPort: 3306, self: true }];
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "lb").props.securityGroups = [...pick(stack, "lb").props.securityGroups, "sg-db"];
        pick(stack, "lb").deps = { ...pick(stack, "lb").deps, securityGroups: ["lb-sg", "db-sg"] };
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "ingress[0]",
            "its own security group (self), which a load balancer holds too",
        );
    });

    it("still refuses a group no app compute uses", async () => {
        const stack = withService(
            awsTier(),
            "aws:ecs/service:Service",
            { networkConfiguration: { subnets: ["subnet-a"], securityGroups: [] } },
            "tags",
        );
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "db-from-svc",
            "which no app server of this stack",
        );
    });

    it("does not take a foreign group id computed from the app group for the app group", async () => {
        const stack = awsTier();
        pick(stack, "db-from-app").props.referencedSecurityGroupId = "sg-0foreign";
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "db-from-app",
            "security group sg-0foreign",
            "no app server",
        );
    });

    it("judges DocumentDB like RDS: its own group admitting only the app servers, private subnets", async () => {
        const stack = awsTier();
        stack.push({
            type: T.sg,
            name: "docdb-sg",
            props: {
                id: "sg-docdb",
                ingress: [{ protocol: "tcp", fromPort: 27017, toPort: 27017, cidrBlocks: ["10.0.0.0/8"] }],
            },
        });
        stack.push({
            type: "aws:docdb/subnetGroup:SubnetGroup",
            name: "docdb-subnets",
            props: { id: "docdb-subnets", name: "docdb-subnets", subnetIds: ["subnet-a"] },
        });
        stack.push({
            type: "aws:docdb/cluster:Cluster",
            name: "docs",
            props: { id: "docs", vpcSecurityGroupIds: ["sg-docdb"], dbSubnetGroupName: "docdb-subnets" },
        });
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "docdb-sg",
            "CIDR 10.0.0.0/8",
            "reach the database",
        );
        pick(stack, "docdb-sg").props.ingress = [
            { protocol: "tcp", fromPort: 27017, toPort: 27017, securityGroups: ["sg-app"] },
        ];
        assertNone(await validateStack(databaseNotPublic, stack));
        delete pick(stack, "docs").props.vpcSecurityGroupIds;
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            'DocumentDB cluster "docs"',
            "default security group",
        );
    });

    it("refuses an OpenSearch domain outside the VPC, and accepts one inside it", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:opensearch/domain:Domain",
            name: "search",
            props: { id: "search", domainName: "search" },
        });
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            'OpenSearch domain "search"',
            "no vpcOptions",
            "public endpoint",
        );
        pick(stack, "search").props.vpcOptions = { subnetIds: ["subnet-a"], securityGroupIds: ["sg-db"] };
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "search").props.vpcOptions = UNKNOWN_STRING;
        assertViolation(await validateStack(databaseNotPublic, stack), "vpcOptions unknown during preview");
    });

    it("refuses a publicly accessible Neptune instance (absent is the provider default, false)", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:neptune/clusterInstance:ClusterInstance",
            name: "graph-1",
            props: { id: "graph-1", clusterIdentifier: "graph", instanceClass: "db.r6g.large" },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "graph-1").props.publiclyAccessible = true;
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            'Neptune instance "graph-1"',
            "publicly accessible",
        );
    });

    it("refuses an OpenSearch domain or MSK cluster that still accepts clients in clear text", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:opensearch/domain:Domain",
            name: "search",
            props: { id: "search", vpcOptions: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-db"] } },
        });
        stack.push({
            type: "aws:msk/cluster:Cluster",
            name: "events",
            props: { id: "events", brokerNodeGroupInfo: { clientSubnets: ["subnet-a"], securityGroups: ["sg-db"] } },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "search").props.domainEndpointOptions = { enforceHttps: false };
        pick(stack, "events").props.encryptionInfo = { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } };
        const v = await validateStack(databaseNotPublic, stack);
        assertViolation(v, 'OpenSearch domain "search"', "enforceHttps to false");
        assertViolation(v, 'MSK cluster "events"', 'clientBroker "TLS_PLAINTEXT"');
    });

    it("refuses a publicly accessible Redshift cluster (absent is the provider default, false)", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:redshift/subnetGroup:SubnetGroup",
            name: "rs-subnets",
            props: { id: "rs-subnets", name: "rs-subnets", subnetIds: ["subnet-a"] },
        });
        stack.push({
            type: "aws:redshift/cluster:Cluster",
            name: "warehouse",
            props: { id: "wh", vpcSecurityGroupIds: ["sg-db"], clusterSubnetGroupName: "rs-subnets" },
        });
        assertNone(await validateStack(databaseNotPublic, stack));
        pick(stack, "warehouse").props.publiclyAccessible = true;
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            'Redshift cluster "warehouse"',
            "publicly accessible",
        );
    });
});

describe("webtier-database-not-public: an RDS Proxy between the app servers and the database", () => {
    function withProxy() {
        const stack = awsTier();
        stack.push({
            type: T.sg,
            name: "proxy-sg",
            props: {
                id: "sg-proxy",
                ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: ["sg-app"] }],
            },
        });
        stack.push({
            type: "aws:rds/proxy:Proxy",
            name: "proxy",
            props: {
                id: "proxy",
                engineFamily: "MYSQL",
                requireTls: true,
                vpcSecurityGroupIds: ["sg-proxy"],
                vpcSubnetIds: ["subnet-a", "subnet-b"],
            },
        });
        pick(stack, "db-from-app").props.referencedSecurityGroupId = "sg-proxy";
        pick(stack, "db-from-app").deps = { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["proxy-sg"] };
        return stack;
    }

    it("accepts the database admitting the proxy's group, and the proxy admitting the app servers'", async () => {
        assertNone(await validateStack(databaseNotPublic, withProxy()));
    });

    it("judges the proxy as a database endpoint: its group admitting a CIDR is refused", async () => {
        const stack = withProxy();
        pick(stack, "proxy-sg").props.ingress.push({
            protocol: "tcp",
            fromPort: 3306,
            toPort: 3306,
            cidrBlocks: ["0.0.0.0/0"],
        });
        assertViolation(
            await validateStack(databaseNotPublic, stack),
            "proxy-sg",
            "CIDR 0.0.0.0/0",
            "reach the database",
        );
    });
});
