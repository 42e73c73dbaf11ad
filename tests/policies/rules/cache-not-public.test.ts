import { cacheNotPublic } from "../../../policies/rules/cache-not-public";
import { UNKNOWN_BOOLEAN, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doTier, pick, without } from "../fixtures";

describe("webtier-cache-not-public on AWS", () => {
    it("accepts an encrypted, password-protected replication group reachable only from the app group", async () => {
        assertNone(await validateStack(cacheNotPublic, awsTier()));
    });

    it("reads an absent transitEncryptionEnabled as the provider default, false", async () => {
        const stack = awsTier();
        delete pick(stack, "cache").props.transitEncryptionEnabled;
        assertViolation(
            await validateStack(cacheNotPublic, stack),
            "does not enable transit encryption",
            "transitEncryptionEnabled to true",
        );
    });

    it("does not pass transit encryption unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "cache").props.transitEncryptionEnabled = UNKNOWN_BOOLEAN;
        assertViolation(await validateStack(cacheNotPublic, stack), "unknown during preview");
    });

    it("refuses a cache without AUTH, and accepts a generated token unknown during preview", async () => {
        const stack = awsTier();
        delete pick(stack, "cache").props.authToken;
        assertViolation(await validateStack(cacheNotPublic, stack), "requires no AUTH", "authToken");
        pick(stack, "cache").props.authToken = UNKNOWN_STRING;
        assertNone(await validateStack(cacheNotPublic, stack));
    });

    it("refuses a CIDR on the cache security group", async () => {
        const stack = awsTier();
        stack.push({
            type: T.ingress,
            name: "cache-from-world",
            props: {
                securityGroupId: "sg-cache",
                ipProtocol: "tcp",
                fromPort: 6379,
                toPort: 6379,
                cidrIpv4: "0.0.0.0/0",
            },
            deps: { securityGroupId: ["cache-sg"] },
        });
        assertViolation(
            await validateStack(cacheNotPublic, stack),
            "cache-from-world",
            "CIDR 0.0.0.0/0",
            "reach the cache",
        );
    });

    it("refuses a standalone Redis cluster, which cannot require AUTH", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:elasticache/cluster:Cluster",
            name: "single",
            props: { engine: "redis", securityGroupIds: ["sg-cache"], subnetGroupName: "cache-subnets" },
            deps: { securityGroupIds: ["cache-sg"], subnetGroupName: ["cache-subnets"] },
        });
        const v = await validateStack(cacheNotPublic, stack);
        assertViolation(v, 'ElastiCache cluster "single"', "cannot require AUTH");
        assertViolation(v, 'ElastiCache cluster "single"', "transit encryption");
    });
});

describe("webtier-cache-not-public on DigitalOcean", () => {
    it("accepts a Valkey cluster behind a firewall trusting the app droplets", async () => {
        assertNone(await validateStack(cacheNotPublic, doTier()));
    });

    it("refuses a Valkey cluster with no database firewall", async () => {
        assertViolation(
            await validateStack(cacheNotPublic, without(doTier(), "cache-fw")),
            'database cluster "cache"',
            "no database firewall",
        );
    });

    it("refuses a firewall rule trusting a Kubernetes cluster", async () => {
        const stack = doTier();
        pick(stack, "cache-fw").props.rules = [{ type: "k8s", value: "k8s-uuid" }];
        assertViolation(await validateStack(cacheNotPublic, stack), "k8s k8s-uuid");
    });

    it("does not pass a rule type unknown during preview", async () => {
        const stack = doTier();
        pick(stack, "cache-fw").props.rules = [{ type: UNKNOWN_STRING, value: "x" }];
        assertViolation(await validateStack(cacheNotPublic, stack), "unknown during preview");
    });
});

describe("webtier-cache-not-public: TLS mode, MemoryDB and DAX", () => {
    it('refuses transitEncryptionMode "preferred" (clear-text clients still accepted), accepts required or unset', async () => {
        const stack = awsTier();
        pick(stack, "cache").props.transitEncryptionMode = "preferred";
        assertViolation(await validateStack(cacheNotPublic, stack), 'transitEncryptionMode "preferred"', "clear text");
        pick(stack, "cache").props.transitEncryptionMode = "required";
        assertNone(await validateStack(cacheNotPublic, stack));
        pick(stack, "cache").props.transitEncryptionMode = UNKNOWN_STRING;
        assertViolation(await validateStack(cacheNotPublic, stack), "transitEncryptionMode unknown during preview");
    });

    function memoryDb(props: Record<string, any>) {
        const stack = awsTier();
        stack.push({
            type: "aws:memorydb/subnetGroup:SubnetGroup",
            name: "mem-subnets",
            props: { id: "mem-subnets", name: "mem-subnets", subnetIds: ["subnet-a", "subnet-b"] },
        });
        stack.push({
            type: "aws:memorydb/cluster:Cluster",
            name: "mem",
            props: {
                id: "mem",
                aclName: "app-acl",
                nodeType: "db.t4g.small",
                securityGroupIds: ["sg-cache"],
                subnetGroupName: "mem-subnets",
                ...props,
            },
        });
        return stack;
    }

    it("accepts MemoryDB with TLS (the default), a password ACL, the cache group and private subnets", async () => {
        assertNone(await validateStack(cacheNotPublic, memoryDb({})));
    });

    it("refuses MemoryDB with the open-access ACL, without TLS, or open to a CIDR", async () => {
        assertViolation(
            await validateStack(cacheNotPublic, memoryDb({ aclName: "open-access", tlsEnabled: false })),
            'MemoryDB cluster "mem"',
            "open-access",
        );
        assertViolation(await validateStack(cacheNotPublic, memoryDb({ tlsEnabled: false })), "disables TLS");
        const open = memoryDb({});
        pick(open, "cache-sg").props.ingress = [
            { protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] },
        ];
        assertViolation(await validateStack(cacheNotPublic, open), "cache-sg", "CIDR 0.0.0.0/0", "reach the cache");
    });

    it("refuses a DAX cluster without a TLS endpoint (the default is NONE)", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:dax/subnetGroup:SubnetGroup",
            name: "dax-subnets",
            props: { id: "dax-subnets", name: "dax-subnets", subnetIds: ["subnet-a"] },
        });
        stack.push({
            type: "aws:dax/cluster:Cluster",
            name: "dax",
            props: { id: "dax", securityGroupIds: ["sg-cache"], subnetGroupName: "dax-subnets" },
        });
        assertViolation(await validateStack(cacheNotPublic, stack), 'DAX cluster "dax"', "the default NONE");
        pick(stack, "dax").props.clusterEndpointEncryptionType = "TLS";
        assertNone(await validateStack(cacheNotPublic, stack));
    });
});
