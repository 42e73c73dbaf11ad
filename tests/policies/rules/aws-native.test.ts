// The same risks written with the native AWS provider (CloudFormation's shapes): its security
// groups (inline and standalone rules), EC2 instances, load balancers and RDS instances are read
// as the classic provider's are, by the SSH, port 80 and database rules; its ElastiCache replication
// groups by the cache rule, its listeners and listener rules by the TLS rule, its target groups by
// the health check and port 80 rules, its S3 buckets and bucket policies by the storage rules, its
// databases, caches and file systems by the encryption and reliability rules.
import { alerts } from "../../../policies/rules/alerts";
import { cacheNotPublic } from "../../../policies/rules/cache-not-public";
import { dataEncrypted } from "../../../policies/rules/data-encrypted";
import { databaseNotPublic } from "../../../policies/rules/database-not-public";
import { healthChecks } from "../../../policies/rules/health-checks";
import { port80OnlyFromBalancer } from "../../../policies/rules/port-80-only-from-balancer";
import { privateVersionedStorage } from "../../../policies/rules/private-versioned-storage";
import { reliability } from "../../../policies/rules/reliability";
import { serversNotPublic } from "../../../policies/rules/servers-not-public";
import { sshAllowlist } from "../../../policies/rules/ssh-allowlist";
import { storageNotPublic } from "../../../policies/rules/storage-not-public";
import { tlsAtBalancer } from "../../../policies/rules/tls-at-balancer";
import * as assert from "assert";
import {
    FakeResource,
    UNKNOWN_BOOLEAN,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    validateResource,
    validateStack,
} from "../helpers";

const N = {
    sg: "aws-native:ec2:SecurityGroup",
    ingress: "aws-native:ec2:SecurityGroupIngress",
    instance: "aws-native:ec2:Instance",
    lb: "aws-native:elasticloadbalancingv2:LoadBalancer",
    db: "aws-native:rds:DbInstance",
    subnets: "aws-native:rds:DbSubnetGroup",
};
const ALLOW = { allowSshFrom: ["203.0.113.0/24"] };

/** A standalone SecurityGroupIngress's props: TCP `port` into `groupId` from `source`. */
function ingressProps(groupId: string, port: number, source: { cidrIp: string } | { sourceSecurityGroupId: string }) {
    return { groupId, ipProtocol: "tcp", fromPort: port, toPort: port, ...source };
}

/**
 * A sound native tier: the balancer's group open on 443, the app group admitting 80 from it
 * (standalone SecurityGroupIngress naming the group by groupId) and SSH from the office, the
 * database group admitting 3306 only from the app group, a private RDS instance in a subnet group.
 * The groups are named by their groupId output (the native provider's), not an id.
 */
function nativeTier(): FakeResource[] {
    return [
        {
            type: N.sg,
            name: "lb-sg",
            props: {
                groupId: "sg-lb",
                securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "0.0.0.0/0" }],
            },
        },
        {
            type: N.sg,
            name: "app-sg",
            props: {
                groupId: "sg-app",
                securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "203.0.113.0/24" }],
            },
        },
        {
            type: N.ingress,
            name: "app-80-from-lb",
            props: ingressProps("sg-app", 80, { sourceSecurityGroupId: "sg-lb" }),
        },
        { type: N.sg, name: "db-sg", props: { groupId: "sg-db" } },
        {
            type: N.ingress,
            name: "db-from-app",
            props: ingressProps("sg-db", 3306, { sourceSecurityGroupId: "sg-app" }),
        },
        {
            type: N.lb,
            name: "lb",
            props: { loadBalancerArn: "arn:lb", securityGroups: ["sg-lb"], scheme: "internet-facing" },
        },
        { type: N.instance, name: "web-0", props: { id: "i-0", securityGroupIds: ["sg-app"] } },
        {
            type: N.instance,
            name: "web-1",
            props: { id: "i-1", networkInterfaces: [{ deviceIndex: "0", groupSet: ["sg-app"] }] },
        },
        {
            type: N.subnets,
            name: "db-subnets",
            props: { id: "db-subnets", dbSubnetGroupName: "db-subnets", subnetIds: ["subnet-a", "subnet-b"] },
        },
        {
            type: N.db,
            name: "db",
            props: {
                id: "db",
                engine: "mysql",
                publiclyAccessible: false,
                vpcSecurityGroups: ["sg-db"],
                dbSubnetGroupName: "db-subnets",
            },
        },
    ];
}

function pick(stack: FakeResource[], name: string): FakeResource {
    return stack.find((r) => r.name === name)!;
}

describe("the native AWS provider's shapes", () => {
    it("passes a sound native tier under the SSH, port 80 and database rules", async () => {
        assertNone(await validateStack(sshAllowlist, nativeTier(), ALLOW));
        assertNone(await validateStack(port80OnlyFromBalancer, nativeTier()));
        assertNone(await validateStack(databaseNotPublic, nativeTier()));
    });

    it("refuses SSH from the world, inline or standalone, on the app servers' group", async () => {
        const inline = nativeTier();
        pick(inline, "app-sg").props.securityGroupIngress[0].cidrIp = "0.0.0.0/0";
        assertViolation(
            await validateStack(sshAllowlist, inline, ALLOW),
            'securityGroupIngress[0] of security group "app-sg"',
            "0.0.0.0/0",
        );
        const standalone = nativeTier();
        standalone.push({
            type: N.ingress,
            name: "ssh-v6",
            props: { groupId: "sg-app", ipProtocol: "-1", cidrIpv6: "::/0" },
        });
        assertViolation(await validateStack(sshAllowlist, standalone, ALLOW), '"ssh-v6"', "::/0");
    });

    it("refuses the app port from a CIDR or from a group that is not the balancer's", async () => {
        const open = nativeTier();
        pick(open, "app-80-from-lb").props = ingressProps("sg-app", 80, { cidrIp: "0.0.0.0/0" });
        assertViolation(await validateStack(port80OnlyFromBalancer, open), "port 80", "0.0.0.0/0");
        const fromDb = nativeTier();
        pick(fromDb, "app-80-from-lb").props.sourceSecurityGroupId = "sg-db";
        assertViolation(await validateStack(port80OnlyFromBalancer, fromDb), "port 80");
    });

    it("refuses a public RDS instance, one in no group or subnet group, and one whose group admits a CIDR", async () => {
        const open = nativeTier();
        pick(open, "db").props.publiclyAccessible = true;
        assertViolation(await validateStack(databaseNotPublic, open), 'RDS instance "db" is publicly accessible');
        pick(open, "db").props.publiclyAccessible = UNKNOWN_BOOLEAN;
        assertViolation(await validateStack(databaseNotPublic, open), "publiclyAccessible unknown during preview");
        const bare = nativeTier();
        delete pick(bare, "db").props.vpcSecurityGroups;
        delete pick(bare, "db").props.dbSubnetGroupName;
        const findings = await validateStack(databaseNotPublic, bare);
        assertViolation(findings, "sets no security groups (vpcSecurityGroups)");
        assertViolation(findings, "sets no dbSubnetGroupName");
        const cidr = nativeTier();
        pick(cidr, "db-from-app").props = ingressProps("sg-db", 3306, { cidrIp: "10.0.0.0/8" });
        assertViolation(await validateStack(databaseNotPublic, cidr), "10.0.0.0/8");
    });

    it("judges an Aurora member's groups and subnets at its cluster, and its public switch on itself", async () => {
        // The tier's database as an Aurora cluster with one member: the groups and subnets are the cluster's.
        const aurora = () => {
            const stack = nativeTier();
            const db = pick(stack, "db");
            db.props = { id: "db", engine: "aurora-mysql", dbClusterIdentifier: "app", publiclyAccessible: false };
            stack.push({
                type: "aws-native:rds:DbCluster",
                name: "app",
                props: {
                    id: "app",
                    engine: "aurora-mysql",
                    vpcSecurityGroupIds: ["sg-db"],
                    dbSubnetGroupName: "db-subnets",
                },
            });
            return stack;
        };
        assertNone(await validateStack(databaseNotPublic, aurora()));
        const publicMember = aurora();
        pick(publicMember, "db").props.publiclyAccessible = true;
        assertViolation(
            await validateStack(databaseNotPublic, publicMember),
            'RDS instance "db" is publicly accessible',
        );
        const bareCluster = aurora();
        pick(bareCluster, "app").props = { id: "app", engine: "aurora-mysql" };
        const findings = await validateStack(databaseNotPublic, bareCluster);
        assertViolation(findings, 'RDS cluster "app" sets no security groups (vpcSecurityGroupIds)');
        assertViolation(findings, 'RDS cluster "app" sets no dbSubnetGroupName');
        assert.ok(!findings.some((v) => v.message.includes('RDS instance "db"')), JSON.stringify(findings));
        // A Multi-AZ DB cluster's public switch is the cluster's own, on either provider.
        const multiAz = aurora();
        pick(multiAz, "app").props.publiclyAccessible = true;
        assertViolation(await validateStack(databaseNotPublic, multiAz), 'RDS cluster "app" is publicly accessible');
        assertViolation(
            await validateStack(databaseNotPublic, [
                { type: "aws:rds/cluster:Cluster", name: "classic", props: { publiclyAccessible: true } },
            ]),
            'RDS cluster "classic" is publicly accessible',
        );
    });

    it('refuses a public S3 bucket or bucket policy: canned ACL, public access block switches, Principal "*"', async () => {
        const BUCKET = "aws-native:s3:Bucket";
        const on = {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        };
        assert.deepStrictEqual(await validateResource(storageNotPublic, BUCKET, {}), []);
        assert.deepStrictEqual(
            await validateResource(storageNotPublic, BUCKET, {
                accessControl: "Private",
                publicAccessBlockConfiguration: on,
            }),
            [],
        );
        assertViolation(
            (await validateResource(storageNotPublic, BUCKET, { accessControl: "PublicRead" })).map((message) => ({
                message,
            })),
            'accessControl "public-read"',
        );
        const partial = await validateResource(storageNotPublic, BUCKET, {
            publicAccessBlockConfiguration: { ...on, blockPublicPolicy: false, restrictPublicBuckets: undefined },
        });
        assert.strictEqual(partial.length, 2, partial.join("\n"));
        assert.match(partial[0], /publicAccessBlockConfiguration\.blockPublicPolicy is false/);
        assert.match(partial[1], /publicAccessBlockConfiguration\.restrictPublicBuckets is not set/);
        assert.match(
            (await validateResource(storageNotPublic, BUCKET, { publicAccessBlockConfiguration: UNKNOWN_STRING }))[0],
            /publicAccessBlockConfiguration is unknown during preview/,
        );
        const document = {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads/*" },
            ],
        };
        assert.match(
            (
                await validateResource(storageNotPublic, "aws-native:s3:BucketPolicy", {
                    bucket: "uploads",
                    policyDocument: document,
                })
            )[0],
            /allows Principal "\*"/,
        );
        assert.deepStrictEqual(
            await validateResource(storageNotPublic, "aws-native:s3:BucketPolicy", {
                bucket: "uploads",
                policyDocument: {
                    ...document,
                    Statement: [{ ...document.Statement[0], Principal: { AWS: "arn:aws:iam::123456789012:role/app" } }],
                },
            }),
            [],
        );
    });

    /** The native tier with a Valkey replication group in its own group, admitting the app group. */
    function withCache(props: Record<string, any>): FakeResource[] {
        return [
            ...nativeTier(),
            { type: N.sg, name: "cache-sg", props: { groupId: "sg-cache" } },
            {
                type: N.ingress,
                name: "cache-from-app",
                props: ingressProps("sg-cache", 6379, { sourceSecurityGroupId: "sg-app" }),
            },
            {
                type: "aws-native:elasticache:SubnetGroup",
                name: "cache-subnets",
                props: { cacheSubnetGroupName: "cache-subnets", subnetIds: ["subnet-a", "subnet-b"] },
            },
            {
                type: "aws-native:elasticache:ReplicationGroup",
                name: "cache",
                props: {
                    engine: "valkey",
                    securityGroupIds: ["sg-cache"],
                    cacheSubnetGroupName: "cache-subnets",
                    transitEncryptionEnabled: true,
                    authToken: "generated-and-secret-0123456789",
                    ...props,
                },
            },
        ];
    }

    it("holds an ElastiCache replication group to TLS, AUTH, its own group and a subnet group", async () => {
        assertNone(await validateStack(cacheNotPublic, withCache({})));
        assertViolation(
            await validateStack(cacheNotPublic, withCache({ transitEncryptionEnabled: false })),
            'ElastiCache replication group "cache" does not enable transit encryption',
        );
        assertViolation(
            await validateStack(cacheNotPublic, withCache({ authToken: undefined })),
            'ElastiCache replication group "cache" requires no AUTH',
        );
        const bare = await validateStack(
            cacheNotPublic,
            withCache({ securityGroupIds: undefined, cacheSubnetGroupName: undefined }),
        );
        assertViolation(bare, "sets no security groups (securityGroupIds)");
        assertViolation(bare, "sets no cacheSubnetGroupName");
        const open = withCache({});
        pick(open, "cache-from-app").props = ingressProps("sg-cache", 6379, { cidrIp: "0.0.0.0/0" });
        assertViolation(await validateStack(cacheNotPublic, open), "0.0.0.0/0");
    });

    /**
     * The native balancer's HTTPS listener and its HTTP listener redirecting to it, changed by
     * `change`; the balancer and the listeners are named by their ARN outputs, not an id.
     */
    function withListeners(change: (https: Record<string, any>, http: Record<string, any>) => void): FakeResource[] {
        const https = {
            loadBalancerArn: "arn:lb",
            port: 443,
            protocol: "HTTPS",
            certificates: [{ certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }],
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
        };
        const http = {
            loadBalancerArn: "arn:lb",
            port: 80,
            protocol: "HTTP",
            defaultActions: [
                { type: "redirect", redirectConfig: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
        };
        change(https, http);
        return [
            ...nativeTier(),
            {
                type: "aws-native:elasticloadbalancingv2:Listener",
                name: "https",
                props: { listenerArn: "arn:https", ...https },
            },
            {
                type: "aws-native:elasticloadbalancingv2:Listener",
                name: "http",
                props: { listenerArn: "arn:http", ...http },
            },
        ];
    }

    it("holds the balancer's listeners to TLS with a certificate and a modern policy, and HTTP to a redirect", async () => {
        assertNone(
            await validateStack(
                tlsAtBalancer,
                withListeners(() => undefined),
            ),
        );
        assertViolation(
            await validateStack(
                tlsAtBalancer,
                withListeners((https) => delete https.certificates),
            ),
            'listener "https" is HTTPS but has no certificates',
        );
        assertViolation(
            await validateStack(
                tlsAtBalancer,
                withListeners((https) => delete https.sslPolicy),
            ),
            'listener "https" uses no sslPolicy',
        );
        assertViolation(
            await validateStack(
                tlsAtBalancer,
                withListeners((_, http) => (http.defaultActions = [{ type: "forward", targetGroupArn: "arn:tg" }])),
            ),
            'listener "http" is plain HTTP and does not only redirect to HTTPS',
        );
        const rule = withListeners(() => undefined);
        rule.push({
            type: "aws-native:elasticloadbalancingv2:ListenerRule",
            name: "api-over-http",
            props: { listenerArn: "arn:http", priority: 10, actions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
        });
        assertViolation(await validateStack(tlsAtBalancer, rule), 'listener rule "api-over-http"', "serves traffic");
        assertViolation(
            await validateStack(
                tlsAtBalancer,
                withListeners((https) => (https.protocol = "TCP")),
            ),
            'listener "https" forwards raw TCP on port 443',
        );
    });

    it("refuses an application balancer without an HTTPS listener, and a target group speaking TLS to the servers", async () => {
        const plainOnly = withListeners(() => undefined).filter((r) => r.name !== "https");
        assertViolation(await validateStack(tlsAtBalancer, plainOnly), 'load balancer "lb" has no HTTPS listener');
        assertNone(await validateStack(tlsAtBalancer, plainOnly, { allowHttpOnly: true }));
        // A network balancer ends TLS on a TLS listener; without one its raw listeners are reported instead.
        const network = plainOnly.map((r) => (r.name === "lb" ? { ...r, props: { ...r.props, type: "network" } } : r));
        assert.ok(
            !(await validateStack(tlsAtBalancer, network)).some((v) => v.message.includes("has no HTTPS listener")),
        );
        const GROUP = "aws-native:elasticloadbalancingv2:TargetGroup";
        const grouped = (protocol: unknown) => [
            ...withListeners(() => undefined),
            { type: GROUP, name: "app-tg", props: { targetGroupArn: "arn:tg", port: 443, protocol } },
        ];
        assertNone(await validateStack(tlsAtBalancer, grouped("HTTP")));
        assertViolation(await validateStack(tlsAtBalancer, grouped("HTTPS")), 'target group "app-tg" speaks HTTPS');
        assertViolation(await validateStack(tlsAtBalancer, grouped(UNKNOWN_STRING)), '"app-tg" has a protocol unknown');
    });

    it("holds databases, caches and file systems to encryption at rest with CloudFormation's defaults", async () => {
        const messages = (type: string, props: Record<string, unknown>) => validateResource(dataEncrypted, type, props);
        assertViolation(await messages(N.db, { engine: "mysql" }), 'RDS instance "', "has no storageEncrypted");
        assertNone(await messages(N.db, { engine: "mysql", storageEncrypted: true }));
        // Aurora members take the cluster's encryption, replicas their source's.
        assertNone(await messages(N.db, { engine: "aurora-mysql", dbClusterIdentifier: "app" }));
        assertNone(await messages(N.db, { sourceDbInstanceIdentifier: "arn:aws:rds:eu-west-1:1:db:app" }));
        assertViolation(await messages(N.db, { dbSnapshotIdentifier: "before-upgrade" }), "may be stored unencrypted");
        const CLUSTER = "aws-native:rds:DbCluster";
        assertViolation(await messages(CLUSTER, { engine: "aurora-mysql" }), 'RDS cluster "', "storageEncrypted");
        assertNone(await messages(CLUSTER, { engine: "aurora-mysql", engineMode: "serverless" }));
        assertViolation(await messages(CLUSTER, { engineMode: UNKNOWN_STRING }), "engineMode unknown during preview");
        const CACHE = "aws-native:elasticache:ReplicationGroup";
        assertViolation(await messages(CACHE, {}), "Redis OSS engine");
        assertNone(await messages(CACHE, { engine: "valkey" }));
        assertViolation(await messages(CACHE, { engine: "valkey", atRestEncryptionEnabled: false }), "false");
        assertViolation(await messages("aws-native:docdb:DbCluster", {}), "DocumentDB's default");
        assertViolation(await messages("aws-native:efs:FileSystem", {}), 'EFS file system "', "EFS's default");
        assertNone(await messages("aws-native:efs:FileSystem", { encrypted: true }));
    });

    it("holds a native database to Multi-AZ, backups (CloudFormation keeps 1 day by default) and deletion protection", async () => {
        const stack = (props: Record<string, unknown>, extra: FakeResource[] = []) => [
            { type: N.db, name: "db", props: { engine: "mysql", ...props } },
            ...extra,
        ];
        assertNone(await validateStack(reliability, stack({ multiAz: true, deletionProtection: true })));
        const bare = await validateStack(reliability, stack({}));
        assertViolation(bare, 'RDS instance "db" is not Multi-AZ');
        assertViolation(bare, 'RDS instance "db" has no deletion protection');
        assert.ok(!bare.some((v) => v.message.includes("days of backups")), JSON.stringify(bare));
        assertViolation(
            await validateStack(
                reliability,
                stack({ multiAz: true, deletionProtection: true, backupRetentionPeriod: 0 }),
            ),
            "keeps 0 days of backups",
        );
        // An Aurora member is judged as its cluster.
        const aurora = stack({ dbClusterIdentifier: "app" }, [
            { type: "aws-native:rds:DbCluster", name: "app", props: { engine: "aurora-mysql" } },
        ]);
        const auroraFindings = await validateStack(reliability, aurora);
        assert.deepStrictEqual(
            auroraFindings.map((v) => v.message),
            ['RDS cluster "app" has no deletion protection. Set deletionProtection to true.'],
        );
    });

    it("counts the servers behind a native balancer: target group targets and auto scaling groups, and their zones", async () => {
        const subnet = (name: string, zone: string): FakeResource => ({
            type: "aws-native:ec2:Subnet",
            name,
            props: { id: name, subnetId: name, availabilityZone: zone },
        });
        const base = (): FakeResource[] => [
            { type: N.lb, name: "lb", props: { loadBalancerArn: "arn:lb" } },
            subnet("subnet-a", "eu-west-1a"),
            subnet("subnet-b", "eu-west-1b"),
        ];
        const instance = (name: string, subnetId: string): FakeResource => ({
            type: N.instance,
            name,
            props: { id: name, instanceId: name, subnetId },
        });
        const targets = (...ids: string[]): FakeResource => ({
            type: "aws-native:elasticloadbalancingv2:TargetGroup",
            name: "tg",
            props: { targetGroupArn: "arn:tg", targets: ids.map((id) => ({ id, port: 80 })) },
        });
        const two = [...base(), instance("i-1", "subnet-a"), instance("i-2", "subnet-b"), targets("i-1", "i-2")];
        assertNone(await validateStack(reliability, two));
        assertViolation(
            await validateStack(reliability, [...base(), instance("i-1", "subnet-a"), targets("i-1")]),
            "Only 1 server(s)",
        );
        const oneZone = [...base(), instance("i-1", "subnet-a"), instance("i-2", "subnet-a"), targets("i-1", "i-2")];
        assertViolation(await validateStack(reliability, oneZone), "all run in eu-west-1a");
        const replaced = two.map((r) => (r.name === "i-1" ? { ...r, deleteBeforeReplace: true } : r));
        assertViolation(await validateStack(reliability, replaced), 'EC2 instance "i-1"', "deleteBeforeReplace");
        const group = (minSize: string, subnets: string[]): FakeResource => ({
            type: "aws-native:autoscaling:AutoScalingGroup",
            name: "app",
            props: { minSize, maxSize: "4", targetGroupArns: ["arn:tg"], vpcZoneIdentifier: subnets },
        });
        assertNone(await validateStack(reliability, [...base(), group("2", ["subnet-a", "subnet-b"])]));
        assertViolation(await validateStack(reliability, [...base(), group("1", ["subnet-a", "subnet-b"])]), "Only 1");
        assertViolation(
            await validateStack(reliability, [...base(), group("2", ["subnet-a"])]),
            "all run in eu-west-1a",
        );
    });

    it("counts a native ECS service's tasks behind the balancer, and holds its rolling deployment to a minimum", async () => {
        const subnet = (name: string, zone: string): FakeResource => ({
            type: "aws-native:ec2:Subnet",
            name,
            props: { id: name, subnetId: name, availabilityZone: zone },
        });
        const service = (props: Record<string, unknown>): FakeResource => ({
            type: "aws-native:ecs:Service",
            name: "app",
            props: {
                desiredCount: 2,
                loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "app", containerPort: 8080 }],
                networkConfiguration: {
                    awsvpcConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-app"] },
                },
                ...props,
            },
        });
        const stack = (props: Record<string, unknown>) => [
            { type: N.lb, name: "lb", props: { loadBalancerArn: "arn:lb" } },
            subnet("subnet-a", "eu-west-1a"),
            subnet("subnet-b", "eu-west-1b"),
            service(props),
        ];
        assertNone(await validateStack(reliability, stack({})));
        assertViolation(await validateStack(reliability, stack({ desiredCount: 1 })), "Only 1 server(s)");
        assertViolation(
            await validateStack(reliability, stack({ deploymentConfiguration: { minimumHealthyPercent: 0 } })),
            'ECS service "app" has deploymentConfiguration.minimumHealthyPercent 0',
        );
        assertNone(
            await validateStack(
                reliability,
                stack({ deploymentConfiguration: { minimumHealthyPercent: 0, strategy: "BLUE_GREEN" } }),
            ),
        );
        assertViolation(
            await validateStack(reliability, [
                ...stack({}).filter((r) => r.name !== "subnet-b"),
                subnet("subnet-b", "eu-west-1a"),
            ]),
            "all run in eu-west-1a",
        );
        // Its container port is the app port: open to the world on the tasks' group, refused.
        const open = [...nativeTier(), service({})];
        open.push({ type: N.ingress, name: "app-8080", props: ingressProps("sg-app", 8080, { cidrIp: "0.0.0.0/0" }) });
        assertViolation(await validateStack(port80OnlyFromBalancer, open), '"app-8080"', "port 8080");
    });

    it("holds a native bucket to a public access block, versioning and encryption, all inline", async () => {
        const BUCKET = "aws-native:s3:Bucket";
        const sound = {
            publicAccessBlockConfiguration: {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            versioningConfiguration: { status: "Enabled" },
            bucketEncryption: {
                serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            },
        };
        const check = (props: Record<string, unknown>) =>
            validateStack(privateVersionedStorage, [{ type: BUCKET, name: "uploads", props }]);
        assertNone(await check(sound));
        const bare = await check({});
        // No encryption is asked for: S3 encrypts every bucket itself.
        assert.strictEqual(bare.length, 2, JSON.stringify(bare));
        assertViolation(bare, 'S3 bucket "uploads" has no publicAccessBlockConfiguration');
        assertViolation(bare, 'S3 bucket "uploads" is not versioned');
        assertViolation(
            await check({ ...sound, publicAccessBlockConfiguration: { blockPublicAcls: true } }),
            "without all four switches on",
        );
        assertViolation(
            await check({ ...sound, versioningConfiguration: { status: "Suspended" } }),
            "is not versioned",
        );
        assertViolation(await check({ ...sound, versioningConfiguration: UNKNOWN_STRING }), "versioning unknown");
        assertNone(await check({ ...sound, bucketEncryption: UNKNOWN_STRING }));
        // The account's block, all four switches on, stands for the bucket's own.
        const accountBlocked = await validateStack(privateVersionedStorage, [
            { type: BUCKET, name: "uploads", props: { ...sound, publicAccessBlockConfiguration: undefined } },
            {
                type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                name: "account",
                props: sound.publicAccessBlockConfiguration,
            },
        ]);
        assertNone(accountBlocked);
    });

    it("holds node-based and serverless caches to TLS, AUTH, a subnet group and the app servers' group", async () => {
        const cacheGroup = { type: N.sg, name: "cache-sg", props: { groupId: "sg-cache" } };
        const fromApp = {
            type: N.ingress,
            name: "cache-from-app",
            props: ingressProps("sg-cache", 6379, { sourceSecurityGroupId: "sg-app" }),
        };
        const subnets = {
            type: "aws-native:elasticache:SubnetGroup",
            name: "cache-subnets",
            props: { cacheSubnetGroupName: "cache-subnets", subnetIds: ["subnet-a", "subnet-b"] },
        };
        const cluster = (props: Record<string, unknown>) => [
            ...nativeTier(),
            cacheGroup,
            fromApp,
            subnets,
            {
                type: "aws-native:elasticache:CacheCluster",
                name: "cache",
                props: {
                    engine: "memcached",
                    transitEncryptionEnabled: true,
                    vpcSecurityGroupIds: ["sg-cache"],
                    ...props,
                },
            },
        ];
        assertNone(await validateStack(cacheNotPublic, cluster({ cacheSubnetGroupName: "cache-subnets" })));
        assertViolation(
            await validateStack(cacheNotPublic, cluster({})),
            'ElastiCache cluster "cache" sets no cacheSubnetGroupName',
        );
        assertViolation(
            await validateStack(cacheNotPublic, cluster({ cacheSubnetGroupName: "cache-subnets", engine: "redis" })),
            "cannot require AUTH",
        );
        const open = cluster({ cacheSubnetGroupName: "cache-subnets" });
        open.push({
            type: N.ingress,
            name: "cache-world",
            props: ingressProps("sg-cache", 6379, { cidrIp: "0.0.0.0/0" }),
        });
        assertViolation(await validateStack(cacheNotPublic, open), '"cache-world"', "0.0.0.0/0");
        assertViolation(
            await validateResource(dataEncrypted, "aws-native:elasticache:CacheCluster", { engine: "redis" }),
            "cannot encrypt at rest",
        );
        const serverless = (props: Record<string, unknown>) => [
            ...nativeTier(),
            cacheGroup,
            fromApp,
            {
                type: "aws-native:elasticache:ServerlessCache",
                name: "sessions",
                props: { engine: "valkey", securityGroupIds: ["sg-cache"], subnetIds: ["subnet-a"], ...props },
            },
        ];
        assertNone(await validateStack(cacheNotPublic, serverless({ userGroupId: "laravel-users" })));
        assertViolation(
            await validateStack(cacheNotPublic, serverless({})),
            'ElastiCache serverless cache "sessions" requires no AUTH',
        );
        assertViolation(
            await validateStack(cacheNotPublic, serverless({ userGroupId: "laravel-users", securityGroupIds: [] })),
            'ElastiCache serverless cache "sessions" sets no security groups',
        );
    });

    it("takes a launch template's groups, launch configuration's and ECS service's as the app servers'", async () => {
        // The database admits the app group, which only a launch template (or configuration, or service) uses.
        const withCompute = (compute: FakeResource) => [...nativeTier().filter((r) => r.type !== N.instance), compute];
        const template = {
            type: "aws-native:ec2:LaunchTemplate",
            name: "app",
            props: { launchTemplateData: { networkInterfaces: [{ deviceIndex: 0, groups: ["sg-app"] }] } },
        };
        assertNone(await validateStack(databaseNotPublic, withCompute(template)));
        assertNone(
            await validateStack(
                databaseNotPublic,
                withCompute({ ...template, props: { launchTemplateData: { securityGroupIds: ["sg-app"] } } }),
            ),
        );
        assertNone(
            await validateStack(
                databaseNotPublic,
                withCompute({
                    type: "aws-native:autoscaling:LaunchConfiguration",
                    name: "app",
                    props: { securityGroups: ["sg-app"] },
                }),
            ),
        );
        assertNone(
            await validateStack(
                databaseNotPublic,
                withCompute({
                    type: "aws-native:ecs:Service",
                    name: "app",
                    props: { networkConfiguration: { awsvpcConfiguration: { securityGroups: ["sg-app"] } } },
                }),
            ),
        );
        assertViolation(
            await validateStack(
                databaseNotPublic,
                withCompute({ ...template, props: { launchTemplateData: { securityGroupIds: ["sg-other"] } } }),
            ),
            "which no app server of this stack",
        );
        // The template's servers are servers: a port opened to the world on their group makes them public.
        const open = withCompute(template);
        pick(open, "app-sg").props.securityGroupIngress = [
            { ipProtocol: "tcp", fromPort: 9000, toPort: 9000, cidrIp: "0.0.0.0/0" },
        ];
        assertViolation(await validateStack(serversNotPublic, open, ALLOW), 'into launch template "app"');
    });

    it("counts native alarms (listed dimensions, metric queries) that mail someone through a native topic", async () => {
        const ALARM = "aws-native:cloudwatch:Alarm";
        const stack = (alarm: Record<string, unknown>, topic: Record<string, unknown>, extra: FakeResource[] = []) => [
            { type: N.lb, name: "lb", props: { loadBalancerArn: "arn:lb", loadBalancerFullName: "app/lb/1a2b" } },
            { type: "aws-native:sns:Topic", name: "ops", props: { topicArn: "arn:aws:sns:eu-west-1:1:ops", ...topic } },
            { type: ALARM, name: "lb-5xx", props: { alarmActions: ["arn:aws:sns:eu-west-1:1:ops"], ...alarm } },
            ...extra,
        ];
        const mailed = { subscription: [{ protocol: "email", endpoint: "ops@example.com" }] };
        const byDimension = { dimensions: [{ name: "LoadBalancer", value: "app/lb/1a2b" }] };
        assertNone(await validateStack(alerts, stack(byDimension, mailed)));
        const byQuery = {
            metrics: [
                { id: "m", metricStat: { metric: { dimensions: [{ name: "LoadBalancer", value: "app/lb/1a2b" }] } } },
            ],
        };
        assertNone(await validateStack(alerts, stack(byQuery, mailed)));
        assertViolation(
            await validateStack(
                alerts,
                stack({ dimensions: [{ name: "LoadBalancer", value: "app/other/9" }] }, mailed),
            ),
            'load balancer "lb" (the balancer) has no CloudWatch alarm',
        );
        assertViolation(await validateStack(alerts, stack(byDimension, {})), "none notifies anyone");
        const subscription = {
            type: "aws-native:sns:Subscription",
            name: "ops-mail",
            props: { topicArn: "arn:aws:sns:eu-west-1:1:ops", protocol: "email", endpoint: "ops@example.com" },
        };
        assertNone(await validateStack(alerts, stack(byDimension, {}, [subscription])));
    });

    it("holds a target group to an HTTP health check on the app's path, and takes its port as the app port", async () => {
        const GROUP = "aws-native:elasticloadbalancingv2:TargetGroup";
        const group = { port: 8080, protocol: "HTTP", targetType: "instance", healthCheckPath: "/up" };
        assert.deepStrictEqual(await validateResource(healthChecks, GROUP, group), []);
        assert.match(
            (await validateResource(healthChecks, GROUP, { ...group, healthCheckPath: undefined }))[0],
            /checks health on path \//,
        );
        assert.match(
            (await validateResource(healthChecks, GROUP, { port: 80, protocol: "TCP", healthCheckPath: "/up" }))[0],
            /checks health over TCP/,
        );
        assert.match(
            (await validateResource(healthChecks, GROUP, { ...group, healthCheckEnabled: false }))[0],
            /disabled/,
        );
        assert.deepStrictEqual(await validateResource(healthChecks, GROUP, { targetType: "lambda" }), []);
        // The app port is what the target group sends to: 8080 from the world is the app port opened.
        const open = nativeTier();
        open.push({ type: GROUP, name: "app-tg", props: { targetGroupArn: "arn:tg", ...group } });
        open.push({ type: N.ingress, name: "app-8080", props: ingressProps("sg-app", 8080, { cidrIp: "0.0.0.0/0" }) });
        assertViolation(await validateStack(port80OnlyFromBalancer, open), '"app-8080"', "port 8080");
    });
});
