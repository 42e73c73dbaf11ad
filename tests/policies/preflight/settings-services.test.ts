import { preflightSettings } from "../../../policies/preflight";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const RDS = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const db = (props: Record<string, unknown>) =>
    check(preflightSettings, RDS, {
        engine: "postgres",
        instanceClass: "db.m6g.large",
        allocatedStorage: 100,
        ...props,
    });

describe("preflight: settings refused together, by service", () => {
    describe("RDS", () => {
        it("refuses io1 and io2 below 1,000 IOPS, with a range that fits both limits", async () => {
            assertViolation(
                await db({ storageType: "io1", iops: 500 }),
                "iops 500 on io1 storage",
                "at least 1000 IOPS",
                "between 1000 and 5000",
            );
            assertViolation(
                await db({ engine: "sqlserver-ex", allocatedStorage: 20, storageType: "io2", iops: 400 }),
                "at least 1000",
            );
            assertNone(await db({ storageType: "io1", iops: 1000 }));
            assertNone(await db({ engine: "sqlserver-ex", allocatedStorage: 50, storageType: "io1", iops: 1000 }));
        });

        it("refuses a storage autoscaling ceiling below the allocated storage", async () => {
            assertViolation(
                await db({ maxAllocatedStorage: 50 }),
                "maxAllocatedStorage 50 is below allocatedStorage 100",
            );
            assertNone(await db({ maxAllocatedStorage: 100 }));
            assertNone(await db({ maxAllocatedStorage: 0 }));
            assertNone(await db({ maxAllocatedStorage: UNKNOWN_NUMBER }));
        });

        it("refuses a backup window under 30 minutes or overlapping the maintenance window", async () => {
            assertViolation(await db({ backupWindow: "03:00-03:10" }), 'backupWindow "03:00-03:10" is 10 minutes');
            assertViolation(
                await db({ backupWindow: "03:00-04:00", maintenanceWindow: "Mon:03:30-Mon:04:30" }),
                "overlaps maintenanceWindow",
            );
            assertViolation(await db({ maintenanceWindow: "sun:04:00-sun:04:10" }), "is 10 minutes");
            assertNone(await db({ backupWindow: "03:00-03:30", maintenanceWindow: "Mon:03:30-Mon:04:30" }));
            assertNone(await db({ backupWindow: "23:45-00:15", maintenanceWindow: "sun:04:00-sun:04:30" }));
            assertNone(await db({ backupWindow: UNKNOWN_STRING, maintenanceWindow: "Mon:03:30-Mon:04:30" }));
            // An Aurora cluster's windows, under their own names.
            assertViolation(
                await check(preflightSettings, CLUSTER, {
                    engine: "aurora-postgresql",
                    preferredBackupWindow: "23:30-00:30",
                    preferredMaintenanceWindow: "Wed:00:00-Wed:00:30",
                }),
                'preferredBackupWindow "23:30-00:30"',
                "overlaps preferredMaintenanceWindow",
            );
        });

        it("refuses Multi-AZ on SQL Server Express, and db.serverless outside Aurora", async () => {
            assertViolation(
                await db({ engine: "sqlserver-ex", allocatedStorage: 20, multiAz: true }),
                "multiAz is true on SQL Server Express",
            );
            assertNone(await db({ engine: "sqlserver-se", allocatedStorage: 20, multiAz: true }));
            assertViolation(
                await db({ instanceClass: "db.serverless" }),
                "instanceClass db.serverless on engine postgres",
            );
            assertNone(await db({ instanceClass: "db.t4g.micro" }));
        });

        it("refuses an Aurora Serverless v2 minimum capacity above the maximum", async () => {
            const cluster = (minCapacity: unknown, maxCapacity: unknown) =>
                check(preflightSettings, CLUSTER, {
                    engine: "aurora-postgresql",
                    serverlessv2ScalingConfiguration: { minCapacity, maxCapacity },
                });
            assertViolation(await cluster(8, 4), "minCapacity 8 is above maxCapacity 4");
            assertNone(await cluster(4, 4));
            assertNone(await cluster(0.5, 16));
            assertNone(await cluster(UNKNOWN_NUMBER, 4));
        });
    });

    describe("Aurora Serverless v1", () => {
        it("refuses engineMode serverless, past its end of life, and points to Serverless v2", async () => {
            assertViolation(
                await check(preflightSettings, CLUSTER, { engine: "aurora-postgresql", engineMode: "serverless" }),
                'engineMode "serverless" is Aurora Serverless v1',
                "2025-03-31",
                "2025-01-08",
                'engineMode "provisioned" with serverlessv2ScalingConfiguration',
                "db.serverless",
                "Source: Aurora User Guide",
            );
            assertNone(
                await check(preflightSettings, CLUSTER, {
                    engine: "aurora-postgresql",
                    engineMode: "provisioned",
                    serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
                }),
            );
            assertNone(await check(preflightSettings, CLUSTER, { engine: "aurora-mysql" }));
            assertNone(await check(preflightSettings, CLUSTER, { engine: "aurora-mysql", engineMode: UNKNOWN_STRING }));
        });
    });

    describe("ElastiCache", () => {
        const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
        it("refuses more than 6 nodes in a group without shards", async () => {
            assertViolation(
                await check(preflightSettings, GROUP, { numCacheClusters: 7, automaticFailoverEnabled: true }),
                "numCacheClusters 7",
                "at most 6",
            );
            assertNone(await check(preflightSettings, GROUP, { numCacheClusters: 6, automaticFailoverEnabled: true }));
        });

        it("refuses Redis OSS after 7.1, which is Valkey's", async () => {
            assertViolation(
                await check(preflightSettings, GROUP, { engine: "redis", engineVersion: "8.0" }),
                "engine redis with engineVersion 8.0",
            );
            assertViolation(await check(preflightSettings, GROUP, { engineVersion: "7.2" }), "engineVersion 7.2");
            assertViolation(
                await check(preflightSettings, "aws:elasticache/cluster:Cluster", {
                    engine: "redis",
                    engineVersion: "8.x",
                }),
                "Redis OSS up to 7.1",
            );
            for (const engineVersion of ["7.1", "7.x", "6.2", "6.x", "5.0.6"])
                assertNone(await check(preflightSettings, GROUP, { engine: "redis", engineVersion }));
            assertNone(await check(preflightSettings, GROUP, { engine: "valkey", engineVersion: "8.0" }));
        });
    });

    describe("Elastic Load Balancing", () => {
        const TG = "aws:lb/targetGroup:TargetGroup";
        const LISTENER = "aws:lb/listener:Listener";
        it("refuses a health check timeout not shorter than its interval", async () => {
            assertViolation(
                await check(preflightSettings, TG, { healthCheck: { interval: 10, timeout: 30 } }),
                "healthCheck.timeout 30 is not shorter than healthCheck.interval 10",
            );
            assertViolation(
                await check(preflightSettings, TG, { healthCheck: { interval: 10, timeout: 10 } }),
                "timeout 10",
            );
            assertNone(await check(preflightSettings, TG, { healthCheck: { interval: 10, timeout: 9 } }));
            assertNone(
                await check(preflightSettings, TG, { healthCheck: { enabled: false, interval: 10, timeout: 30 } }),
            );
        });

        it("refuses an HTTPS or TLS listener without a default certificate", async () => {
            assertViolation(
                await check(preflightSettings, LISTENER, { protocol: "HTTPS", port: 443 }),
                "protocol HTTPS without certificateArn",
            );
            assertViolation(await check(preflightSettings, LISTENER, { protocol: "TLS", port: 443 }), "TLS listener");
            assertNone(
                await check(preflightSettings, LISTENER, {
                    protocol: "HTTPS",
                    certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                }),
            );
            assertNone(await check(preflightSettings, LISTENER, { protocol: "HTTPS", certificateArn: UNKNOWN_STRING }));
            assertNone(await check(preflightSettings, LISTENER, { protocol: "HTTP", port: 80 }));
        });
    });

    describe("EBS gp3 volumes", () => {
        it("refuses more than 500 IOPS per GiB above 3,000, on a volume, a root device and a launch template", async () => {
            assertViolation(
                await check(preflightSettings, "aws:ebs/volume:Volume", { type: "gp3", size: 8, iops: 10000 }),
                'EBS volume "subject": iops 10000 on a gp3 volume of 8 GiB',
            );
            assertViolation(
                await check(preflightSettings, "aws:ec2/instance:Instance", {
                    rootBlockDevice: { volumeType: "gp3", volumeSize: 8, iops: 10000 },
                }),
                "rootBlockDevice.iops 10000",
            );
            assertNone(await check(preflightSettings, "aws:ebs/volume:Volume", { type: "gp3", size: 1, iops: 3000 }));
            assertNone(await check(preflightSettings, "aws:ebs/volume:Volume", { type: "gp3", size: 8, iops: 4000 }));
            assertNone(await check(preflightSettings, "aws:ebs/volume:Volume", { type: "io2", size: 8, iops: 10000 }));
        });

        it("refuses more than 0.25 MiB/s per IOPS", async () => {
            assertViolation(
                await check(preflightSettings, "aws:ec2/launchTemplate:LaunchTemplate", {
                    blockDeviceMappings: [
                        {
                            deviceName: "/dev/xvda",
                            ebs: { volumeType: "gp3", volumeSize: 100, iops: 3000, throughput: 1000 },
                        },
                    ],
                }),
                "blockDeviceMappings[0].ebs.throughput 1000 MiB/s with 3000 IOPS",
            );
            assertNone(
                await check(preflightSettings, "aws:ebs/volume:Volume", {
                    type: "gp3",
                    size: 100,
                    iops: 4000,
                    throughput: 1000,
                }),
            );
        });
    });

    describe("EBS volume sizes", () => {
        const VOLUME = "aws:ebs/volume:Volume";
        it("refuses a size above what the volume type takes, on a volume, an instance's devices and a launch template", async () => {
            assertViolation(
                await check(preflightSettings, VOLUME, { type: "gp2", size: 16385 }),
                'EBS volume "subject": size 16385 GiB with volume type gp2',
                "at most 16,384 GiB",
                "or use gp3",
                "Source: API ec2 CreateVolume Size",
            );
            assertViolation(
                await check(preflightSettings, VOLUME, { type: "standard", size: 1025 }),
                "at most 1,024 GiB",
            );
            assertViolation(await check(preflightSettings, VOLUME, { type: "gp3", size: 65537 }), "at most 65,536 GiB");
            assertViolation(
                await check(preflightSettings, "aws:ec2/instance:Instance", {
                    rootBlockDevice: { volumeType: "st1", volumeSize: 20000 },
                    ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeType: "io1", volumeSize: "17000", iops: 3000 }],
                }),
                "rootBlockDevice.volumeSize 20000 GiB with volume type st1",
            );
            assertViolation(
                await check(preflightSettings, "aws:ec2/instance:Instance", {
                    ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeType: "io1", volumeSize: "17000", iops: 3000 }],
                }),
                "ebsBlockDevices[0].volumeSize 17000 GiB with volume type io1",
                "or use io2",
            );
            assertViolation(
                await check(preflightSettings, "aws:ec2/launchTemplate:LaunchTemplate", {
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 70000 } }],
                }),
                "blockDeviceMappings[0].ebs.volumeSize 70000 GiB is above 65,536 GiB, the largest EBS volume of any type",
            );
        });

        it("refuses a size below what io1, io2, st1 and sc1 take", async () => {
            assertViolation(
                await check(preflightSettings, VOLUME, { type: "sc1", size: 100 }),
                "size 100 GiB with volume type sc1",
                "at least 125 GiB",
            );
            assertViolation(
                await check(preflightSettings, VOLUME, { type: "io2", size: 2, iops: 100 }),
                "at least 4 GiB",
            );
        });

        it("accepts the sizes each type takes, a type left to the default up to 65,536 GiB, and unknowns", async () => {
            assertNone(await check(preflightSettings, VOLUME, { type: "gp3", size: 65536 }));
            assertNone(await check(preflightSettings, VOLUME, { type: "io2", size: 65536, iops: 100000 }));
            assertNone(await check(preflightSettings, VOLUME, { type: "gp2", size: 16384 }));
            assertNone(await check(preflightSettings, VOLUME, { type: "st1", size: 125 }));
            assertNone(await check(preflightSettings, VOLUME, { size: 20000 }));
            assertNone(await check(preflightSettings, VOLUME, { type: UNKNOWN_STRING, size: 20000 }));
            assertNone(await check(preflightSettings, VOLUME, { type: "gp2", size: UNKNOWN_NUMBER }));
            assertNone(
                await check(preflightSettings, "aws:ec2/instance:Instance", {
                    rootBlockDevice: { volumeType: "gp2", volumeSize: 8 },
                }),
            );
        });
    });

    it("refuses a Fargate task definition whose CPU and memory Fargate does not offer, not EC2's or Windows'", async () => {
        const TASK = "aws:ecs/taskDefinition:TaskDefinition";
        const task = (props: Record<string, unknown>) =>
            check(preflightSettings, TASK, {
                family: "api",
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                containerDefinitions: "[]",
                ...props,
            });
        assertViolation(
            await task({ cpu: "256", memory: "4096" }),
            "memory 4096 with cpu 256 is no Fargate task size",
            "memory 512, 1024, 2048",
        );
        assertViolation(await task({ cpu: "8192", memory: "18432" }), "16384 to 61440 in steps of 4096");
        assertViolation(await task({ cpu: "768", memory: "2048" }), "cpu 768 is no Fargate task size");
        for (const [cpu, memory] of [
            ["256", "512"],
            ["512", "4096"],
            ["4096", "30720"],
            ["16384", "122880"],
            ["1 vCPU", "3 GB"],
            [UNKNOWN_STRING, "4096"],
        ])
            assertNone(await task({ cpu, memory }));
        assertNone(await task({ cpu: "256", memory: "4096", requiresCompatibilities: ["EC2"] }));
        assertNone(
            await task({
                cpu: "256",
                memory: "4096",
                runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" },
            }),
        );
    });

    it("refuses an Auto Scaling group whose sizes do not nest", async () => {
        const ASG = "aws:autoscaling/group:Group";
        assertViolation(
            await check(preflightSettings, ASG, { minSize: 4, maxSize: 2 }),
            "minSize 4 is above maxSize 2",
        );
        assertViolation(
            await check(preflightSettings, ASG, { minSize: 1, maxSize: 2, desiredCapacity: 5 }),
            "desiredCapacity 5 is above maxSize 2",
        );
        assertViolation(
            await check(preflightSettings, ASG, { minSize: 2, maxSize: 4, desiredCapacity: 1 }),
            "desiredCapacity 1 is below minSize 2",
        );
        assertNone(await check(preflightSettings, ASG, { minSize: 2, maxSize: 2, desiredCapacity: 2 }));
        assertNone(await check(preflightSettings, ASG, { minSize: 1, maxSize: UNKNOWN_NUMBER, desiredCapacity: 5 }));
    });

    it("refuses a TCP or UDP rule whose fromPort is above its toPort, in every rule shape, not ICMP", async () => {
        assertViolation(
            await check(preflightSettings, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 80,
            }),
            "fromPort 443 is above toPort 80 (tcp)",
        );
        assertViolation(
            await check(preflightSettings, "aws:ec2/securityGroup:SecurityGroup", {
                ingress: [{ protocol: "6", fromPort: 8080, toPort: 80, cidrBlocks: ["10.0.0.0/16"] }],
            }),
            "ingress[0].fromPort 8080",
        );
        assertViolation(
            await check(preflightSettings, "aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "egress",
                protocol: "udp",
                fromPort: 53,
                toPort: 52,
            }),
            "(udp)",
        );
        // ICMP carries a type and a code: echo request is type 8, code 0.
        assertNone(
            await check(preflightSettings, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                ipProtocol: "icmp",
                fromPort: 8,
                toPort: 0,
            }),
        );
        assertNone(
            await check(preflightSettings, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 443,
            }),
        );
    });

    describe("DynamoDB, SQS, IAM and S3", () => {
        const TABLE = "aws:dynamodb/table:Table";
        it("refuses a table attribute no key or index uses", async () => {
            assertViolation(
                await check(preflightSettings, TABLE, {
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "id",
                    attributes: [
                        { name: "id", type: "S" },
                        { name: "email", type: "S" },
                    ],
                }),
                "attributes email is used by no key",
            );
            assertNone(
                await check(preflightSettings, TABLE, {
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "id",
                    rangeKey: "at",
                    attributes: [
                        { name: "id", type: "S" },
                        { name: "at", type: "N" },
                        { name: "email", type: "S" },
                        { name: "tenant", type: "S" },
                    ],
                    globalSecondaryIndexes: [{ name: "by-email", hashKey: "email", projectionType: "ALL" }],
                    localSecondaryIndexes: [{ name: "by-tenant", rangeKey: "tenant", projectionType: "ALL" }],
                }),
            );
        });

        it("refuses provisioned billing (the default) without read and write capacity", async () => {
            const table = { hashKey: "id", attributes: [{ name: "id", type: "S" }] };
            assertViolation(
                await check(preflightSettings, TABLE, table),
                "without readCapacity",
                "PROVISIONED (the default)",
            );
            assertViolation(
                await check(preflightSettings, TABLE, { ...table, readCapacity: 5 }),
                "without writeCapacity",
            );
            assertNone(await check(preflightSettings, TABLE, { ...table, readCapacity: 5, writeCapacity: 5 }));
            assertNone(await check(preflightSettings, TABLE, { ...table, billingMode: "PAY_PER_REQUEST" }));
        });

        it("refuses a FIFO queue name without .fifo, and .fifo on a standard queue", async () => {
            const QUEUE = "aws:sqs/queue:Queue";
            assertViolation(
                await check(preflightSettings, QUEUE, { name: "jobs", fifoQueue: true }),
                'name "jobs" does not end in .fifo',
            );
            assertViolation(await check(preflightSettings, QUEUE, { name: "jobs.fifo" }), "on a standard queue");
            assertNone(await check(preflightSettings, QUEUE, { name: "jobs.fifo", fifoQueue: true }));
            assertNone(await check(preflightSettings, QUEUE, { name: "jobs" }));
        });

        it("refuses an IAM managed policy over 6,144 characters without white space, and a bucket policy over 20 KB", async () => {
            const statements = (count: number) =>
                Array.from({ length: count }, (_, i) => ({
                    Sid: `Read${i}`,
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:Query"],
                    Resource: `arn:aws:dynamodb:eu-west-1:123456789012:table/webtier-table-${i}`,
                }));
            assertViolation(
                await check(preflightSettings, "aws:iam/policy:Policy", {
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements(60) }),
                }),
                'IAM policy "subject": policy is',
                "at most 6144",
            );
            // White space does not count: indented, the same policy of 30 statements is still small enough.
            assertNone(
                await check(preflightSettings, "aws:iam/policy:Policy", {
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements(30) }, undefined, 8),
                }),
            );
            assertViolation(
                await check(preflightSettings, "aws:s3/bucketPolicy:BucketPolicy", {
                    bucket: "assets",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements(150) }),
                }),
                "at most 20 KB",
            );
            assertNone(
                await check(preflightSettings, "aws:s3/bucketPolicy:BucketPolicy", {
                    bucket: "assets",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements(60) }, undefined, 8),
                }),
            );
        });
    });
});
