import * as assert from "assert";
import { cacheNotPublic } from "../../../policies/rules/cache-not-public";
import { FakeResource, UNKNOWN_BOOLEAN, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doPoolTier, doTier, pick, without } from "../fixtures";

const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const MEMBERSHIP = "aws:elasticache/userGroupAssociation:UserGroupAssociation";

/** An ElastiCache user, on with a password unless `settings` say otherwise. */
function cacheUser(name: string, userId: string, settings: Record<string, any> = {}): FakeResource {
    return {
        type: USER,
        name,
        props: {
            id: userId,
            userId,
            userName: userId,
            engine: "valkey",
            accessString: "on ~* +@all",
            authenticationMode: { type: "password", passwordCount: 1 },
            ...settings,
        },
    };
}

/**
 * awsTier's cache authenticated by a user group instead of a token: the group "cache-users" lists
 * `userIds`, from the users named in `userDeps`. `preview` leaves the ids the provider assigns
 * (the group's, the users') unknown, as they are before the resources exist; the ids the program
 * chose (userId, userGroupId) stay known.
 */
function withUserGroup(users: FakeResource[], userIds: string[], userDeps: string[], preview = false): FakeResource[] {
    if (preview)
        for (const user of users) {
            user.props.id = UNKNOWN_STRING;
            user.providerComputed = ["id"];
        }
    const stack = [...awsTier(), ...users];
    stack.push({
        type: USER_GROUP,
        name: "cache-users",
        props: { id: "laravel-users", userGroupId: "laravel-users", engine: "valkey", userIds },
        deps: { userIds: userDeps },
    });
    const cache = pick(stack, "cache");
    delete cache.props.authToken;
    cache.props.userGroupIds = [preview ? UNKNOWN_STRING : "laravel-users"];
    cache.deps = { ...cache.deps, userGroupIds: ["cache-users"] };
    return stack;
}

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

    it("refuses a user group that holds AWS's built-in default user, also while the group's id is unknown", async () => {
        for (const preview of [false, true]) {
            const stack = withUserGroup(
                [cacheUser("app-user", "laravel")],
                ["default", "laravel"],
                ["app-user"],
                preview,
            );
            assertViolation(
                await validateStack(cacheNotPublic, stack),
                'replication group "cache" lets clients in without a password',
                'user group "cache-users" includes AWS\'s built-in user "default"',
                'userName "default"',
            );
        }
    });

    it("accepts a user group whose own default user has a password or is switched off", async () => {
        const own = cacheUser("default-user", "default", { userName: "default" });
        assertNone(await validateStack(cacheNotPublic, withUserGroup([own], ["default"], ["default-user"])));
        const off = cacheUser("default-user", "app-default", {
            userName: "default",
            accessString: "off ~* -@all",
            authenticationMode: { type: "no-password-required" },
        });
        const app = cacheUser("app-user", "laravel");
        assertNone(
            await validateStack(
                cacheNotPublic,
                withUserGroup([off, app], ["app-default", "laravel"], ["default-user", "app-user"], true),
            ),
        );
    });

    it("refuses a member that is on without a password, named by the group or by a UserGroupAssociation", async () => {
        const open = cacheUser("open-user", "anyone", { authenticationMode: { type: "no-password-required" } });
        assertViolation(
            await validateStack(cacheNotPublic, withUserGroup([open], ["anyone"], ["open-user"])),
            'ElastiCache user "open-user" of its ElastiCache user group "cache-users" is on and requires no password',
            '"no-password-required"',
        );
        const legacy = cacheUser("open-user", "anyone", { authenticationMode: undefined, noPasswordRequired: true });
        const associated = withUserGroup([legacy], [], []);
        associated.push({
            type: MEMBERSHIP,
            name: "anyone-in-cache-users",
            props: { id: "laravel-users,anyone", userGroupId: "laravel-users", userId: "anyone" },
            deps: { userGroupId: ["cache-users"], userId: ["open-user"] },
        });
        assertViolation(await validateStack(cacheNotPublic, associated), "noPasswordRequired true");
        // Redis leaves a user off unless its access string switches it on.
        pick(associated, "open-user").props.accessString = "~* +@all";
        assertNone(await validateStack(cacheNotPublic, associated));
    });

    it("does not judge a user group from outside the stack", async () => {
        const stack = awsTier();
        delete pick(stack, "cache").props.authToken;
        pick(stack, "cache").props.userGroupIds = ["shared-users"];
        assertNone(await validateStack(cacheNotPublic, stack));
    });

    it("asks a serverless cache for a user group, the only AUTH it has", async () => {
        const stack = awsTier();
        stack.push({
            type: "aws:elasticache/serverlessCache:ServerlessCache",
            name: "sessions",
            props: { id: "sessions", engine: "valkey", securityGroupIds: ["sg-cache"], authToken: "not-an-input" },
            deps: { securityGroupIds: ["cache-sg"] },
        });
        const violations = await validateStack(cacheNotPublic, stack);
        assertViolation(violations, 'serverless cache "sessions" requires no AUTH', "Set userGroupId");
        assert.ok(!violations.some((v) => /authToken/.test(v.message)), "a serverless cache has no authToken");
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

    it("accepts a Valkey cluster trusting an autoscale pool's tag, not a tag no server carries", async () => {
        assertNone(await validateStack(cacheNotPublic, doPoolTier()));
        const stack = doPoolTier();
        pick(stack, "cache-fw").props.rules = [{ type: "tag", value: "bastion" }];
        assertViolation(await validateStack(cacheNotPublic, stack), "tag bastion, which no droplet or autoscale pool");
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

describe("webtier-cache-not-public: an Amazon MQ broker holding the queue", () => {
    function broker(props: Record<string, any>) {
        const stack = awsTier();
        stack.push({
            type: "aws:mq/broker:Broker",
            name: "jobs",
            props: {
                id: "b-1234",
                brokerName: "jobs",
                engineType: "RabbitMQ",
                securityGroups: ["sg-cache"],
                subnetIds: ["subnet-a", "subnet-b"],
                ...props,
            },
        });
        return stack;
    }

    it("accepts a private broker in the cache group and private subnets (publiclyAccessible absent: false)", async () => {
        assertNone(await validateStack(cacheNotPublic, broker({})));
        assertNone(await validateStack(cacheNotPublic, broker({ publiclyAccessible: false })));
    });

    it("refuses a publicly accessible broker once, with or without groups (a public RabbitMQ broker takes none)", async () => {
        const open = await validateStack(
            cacheNotPublic,
            broker({ publiclyAccessible: true, securityGroups: undefined }),
        );
        assertViolation(open, 'Amazon MQ broker "jobs" is publicly accessible', "Set publiclyAccessible to false");
        assert.strictEqual(open.length, 1);
        assertViolation(
            await validateStack(cacheNotPublic, broker({ publiclyAccessible: true })),
            "is publicly accessible",
        );
        assertViolation(
            await validateStack(cacheNotPublic, broker({ publiclyAccessible: UNKNOWN_BOOLEAN })),
            "publiclyAccessible unknown during preview",
        );
    });

    it("refuses a private broker in no group of its own, or in a group open to a CIDR", async () => {
        assertViolation(
            await validateStack(cacheNotPublic, broker({ securityGroups: undefined })),
            'Amazon MQ broker "jobs" sets no security groups (securityGroups)',
            "default security group",
        );
        const open = broker({});
        pick(open, "cache-sg").props.ingress = [
            { protocol: "tcp", fromPort: 5671, toPort: 5671, cidrBlocks: ["0.0.0.0/0"] },
        ];
        assertViolation(await validateStack(cacheNotPublic, open), "cache-sg", "CIDR 0.0.0.0/0");
    });
});

describe("webtier-cache-not-public: the SQS queue the workers read", () => {
    const QUEUE = "aws:sqs/queue:Queue";
    const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
    const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:shop-jobs";
    const document = (statement: Record<string, unknown>) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: QUEUE_ARN, ...statement }] });
    const withQueue = (policyProps: Record<string, unknown> | undefined, queueProps: Record<string, unknown> = {}) => {
        const stack = awsTier();
        stack.push({ type: QUEUE, name: "jobs", props: { name: "shop-jobs", ...queueProps }, deps: {} });
        if (policyProps)
            stack.push({
                type: QUEUE_POLICY,
                name: "jobs-policy",
                props: { queueUrl: "q", ...policyProps },
                deps: { queueUrl: ["jobs"] },
            });
        return stack;
    };

    it("refuses a queue policy that lets everyone send jobs or read them, standalone or inline, naming what it grants", async () => {
        assertViolation(
            await validateStack(
                cacheNotPublic,
                withQueue({ policy: document({ Principal: "*", Action: "sqs:SendMessage" }) }),
            ),
            'SQS queue policy "jobs-policy"',
            "send jobs, which the workers unserialize and run (sqs:SendMessage)",
        );
        const inline = await validateStack(
            cacheNotPublic,
            withQueue(undefined, { policy: document({ Principal: { AWS: "*" }, Action: "sqs:*" }) }),
        );
        assertViolation(inline, 'SQS queue "jobs"', "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:PurgeQueue");
        // A condition that limits nobody (TLS only, a wildcard source) does not help.
        assertViolation(
            await validateStack(
                cacheNotPublic,
                withQueue({
                    policy: document({
                        Principal: "*",
                        Action: ["sqs:ReceiveMessage"],
                        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:*" } },
                    }),
                }),
            ),
            "read the jobs' payloads (sqs:ReceiveMessage)",
        );
    });

    it("accepts a notification source limited by aws:SourceArn, a service principal, the app's role, and a queue with no policy", async () => {
        for (const statement of [
            {
                Principal: "*",
                Action: "sqs:SendMessage",
                Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:eu-west-1:123456789012:uploads" } },
            },
            { Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage" },
            { Principal: { AWS: "arn:aws:iam::123456789012:role/shop-app" }, Action: "sqs:*" },
            { Principal: "*", Action: "sqs:GetQueueAttributes" },
        ])
            assertNone(await validateStack(cacheNotPublic, withQueue({ policy: document(statement) })));
        assertNone(await validateStack(cacheNotPublic, withQueue(undefined)));
    });

    it("does not pass a queue policy unknown during preview", async () => {
        assertViolation(
            await validateStack(cacheNotPublic, withQueue({ policy: UNKNOWN_STRING })),
            'SQS queue policy "jobs-policy"',
            "unknown during preview",
            "cannot be proven",
        );
    });
});
