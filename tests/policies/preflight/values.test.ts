import { preflightValues } from "../../../policies/preflight";
import { assertNone, assertViolation, UNKNOWN_NUMBER, UNKNOWN_STRING } from "../helpers";
import { check } from "./support";

describe("preflight: enumerated and shaped values", () => {
    it("refuses balancer, target group and listener values ELB does not have", async () => {
        assertViolation(
            await check(preflightValues, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "classic" }),
            "loadBalancerType",
            '"classic"',
        );
        assertViolation(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { protocol: "http" }),
            "protocol",
            '"http"',
            "HTTP",
        );
        assertViolation(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { targetType: "instances" }),
            "targetType",
        );
        assertViolation(await check(preflightValues, "aws:lb/listener:Listener", { protocol: "HTTP2" }), "protocol");
        assertNone(
            await check(preflightValues, "aws:lb/loadBalancer:LoadBalancer", {
                loadBalancerType: "application",
                ipAddressType: "dualstack",
            }),
        );
        assertNone(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", {
                protocol: "HTTP",
                targetType: "instance",
            }),
        );
    });
    it("refuses an RDS storage type or instance class RDS does not have", async () => {
        assertViolation(
            await check(preflightValues, "aws:rds/instance:Instance", { storageType: "gp4" }),
            "storageType",
        );
        assertViolation(
            await check(preflightValues, "aws:rds/instance:Instance", { instanceClass: "t4g.micro" }),
            "instanceClass",
            "db.",
        );
        assertNone(
            await check(preflightValues, "aws:rds/instance:Instance", {
                storageType: "gp3",
                instanceClass: "db.r6gd.xlarge",
            }),
        );
        assertNone(
            await check(preflightValues, "aws:rds/clusterInstance:ClusterInstance", { instanceClass: "db.serverless" }),
        );
    });
    it("refuses cache node types without cache. and EC2 instance types without a size", async () => {
        assertViolation(
            await check(preflightValues, "aws:elasticache/replicationGroup:ReplicationGroup", {
                nodeType: "t4g.micro",
            }),
            "nodeType",
        );
        assertViolation(
            await check(preflightValues, "aws:ec2/instance:Instance", { instanceType: "t3" }),
            "instanceType",
        );
        assertNone(
            await check(preflightValues, "aws:elasticache/replicationGroup:ReplicationGroup", {
                nodeType: "cache.t4g.micro",
            }),
        );
        assertNone(await check(preflightValues, "aws:ec2/instance:Instance", { instanceType: "mac2-m2pro.metal" }));
    });
    it("refuses security group and rule descriptions with a character EC2 refuses, or over 255 characters", async () => {
        const SG = "aws:ec2/securityGroup:SecurityGroup";
        assertViolation(
            await check(preflightValues, SG, { description: "Web \u2013 app servers" }),
            'description "Web \u2013 app servers" is not up to 255 of a-z',
            "API ec2 CreateSecurityGroup GroupDescription",
        );
        assertViolation(
            await check(preflightValues, SG, {
                description: "web",
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" },
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"], description: "Büro" },
                ],
            }),
            "ingress[1].description",
        );
        for (const type of [
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        ])
            assertViolation(await check(preflightValues, type, { description: "x".repeat(256) }), "description");
        assertNone(
            await check(preflightValues, SG, {
                description: "ALB: 443 from the world (prod) #1 [web]+=&;{}!$*@,/",
                egress: [
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: UNKNOWN_STRING },
                ],
            }),
        );
    });

    it("refuses less allocated storage than RDS takes for the storage type", async () => {
        const RDS = "aws:rds/instance:Instance";
        assertViolation(
            await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 10 }),
            "allocatedStorage 10 is below 20, the least RDS allocates on gp2 (GiB)",
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "postgres", allocatedStorage: 50, storageType: "io2" }),
            "below 100",
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "postgres", allocatedStorage: 50, iops: 3000 }),
            "io1",
        );
        assertNone(
            await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 5, storageType: "standard" }),
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "oracle-se2", allocatedStorage: 5, storageType: "standard" }),
            "below 10",
        );
        assertNone(await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 20, storageType: "gp3" }));
        assertNone(await check(preflightValues, RDS, { engine: "aurora-mysql", allocatedStorage: 1 }));
    });

    it("takes SQL Server on provisioned IOPS from 20 GiB, and refuses SSD storage over 64 TiB", async () => {
        const RDS = "aws:rds/instance:Instance";
        // SQL Server's io1 and io2 start at 20 GiB, where the other engines' start at 100.
        assertNone(
            await check(preflightValues, RDS, {
                engine: "sqlserver-ex",
                allocatedStorage: 50,
                storageType: "io1",
                iops: 1000,
            }),
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "sqlserver-se", allocatedStorage: 10, storageType: "io2" }),
            "below 20",
            "for SQL Server",
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "postgres", allocatedStorage: 70000 }),
            "allocatedStorage 70000 is above 65536, the most RDS allocates on gp2 (GiB)",
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 65537, storageType: "io1" }),
            "above 65536",
        );
        assertNone(await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 65536, storageType: "gp3" }));
        // SQL Server's io2 ceiling (64 TiB on io2 Block Express) is not judged.
        assertNone(
            await check(preflightValues, RDS, { engine: "sqlserver-ee", allocatedStorage: 65536, storageType: "io2" }),
        );
    });

    it("refuses SQL Server over 16,384 GiB on gp2, gp3 and io1, and magnetic storage over 3,072 GiB (1,024 for SQL Server)", async () => {
        const RDS = "aws:rds/instance:Instance";
        assertViolation(
            await check(preflightValues, RDS, { engine: "sqlserver-se", allocatedStorage: 16385, storageType: "gp3" }),
            "allocatedStorage 16385 is above 16384, the most RDS allocates on gp3 for SQL Server",
            "CreateDBInstance AllocatedStorage",
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "sqlserver-ex", allocatedStorage: 20000 }),
            "above 16384",
        );
        assertViolation(
            await check(preflightValues, RDS, {
                engine: "sqlserver-web",
                allocatedStorage: 17000,
                storageType: "io1",
                iops: 20000,
            }),
            "above 16384",
        );
        assertNone(
            await check(preflightValues, RDS, { engine: "sqlserver-se", allocatedStorage: 16384, storageType: "gp3" }),
        );
        assertViolation(
            await check(preflightValues, RDS, { engine: "mysql", allocatedStorage: 3073, storageType: "standard" }),
            "above 3072, the most RDS allocates on magnetic storage for mysql",
        );
        assertViolation(
            await check(preflightValues, RDS, {
                engine: "sqlserver-ex",
                allocatedStorage: 1025,
                storageType: "standard",
            }),
            "above 1024",
        );
        assertNone(
            await check(preflightValues, RDS, { engine: "postgres", allocatedStorage: 3072, storageType: "standard" }),
        );
        assertNone(
            await check(preflightValues, RDS, {
                engine: "sqlserver-ex",
                allocatedStorage: 1024,
                storageType: "standard",
            }),
        );
    });

    it("refuses a storage autoscaling ceiling above the most the storage type takes, not 0", async () => {
        const RDS = "aws:rds/instance:Instance";
        assertViolation(
            await check(preflightValues, RDS, {
                engine: "postgres",
                allocatedStorage: 100,
                maxAllocatedStorage: 70000,
            }),
            "maxAllocatedStorage 70000 is above 65536",
            "Set maxAllocatedStorage at most 65536, or 0",
        );
        assertViolation(
            await check(preflightValues, RDS, {
                engine: "sqlserver-se",
                allocatedStorage: 100,
                storageType: "gp3",
                maxAllocatedStorage: 20000,
            }),
            "maxAllocatedStorage 20000 is above 16384",
            "for SQL Server",
        );
        assertNone(
            await check(preflightValues, RDS, {
                engine: "postgres",
                allocatedStorage: 100,
                maxAllocatedStorage: 65536,
            }),
        );
        assertNone(
            await check(preflightValues, RDS, { engine: "postgres", allocatedStorage: 100, maxAllocatedStorage: 0 }),
        );
        assertNone(
            await check(preflightValues, RDS, {
                engine: "postgres",
                allocatedStorage: 100,
                maxAllocatedStorage: UNKNOWN_NUMBER,
            }),
        );
        assertNone(
            await check(preflightValues, RDS, {
                engine: "aurora-postgresql",
                allocatedStorage: 100,
                maxAllocatedStorage: 70000,
            }),
        );
    });

    it("leaves unknown values and absent ones (provider defaults) alone", async () => {
        assertNone(await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { protocol: UNKNOWN_STRING }));
        assertNone(await check(preflightValues, "aws:lb/targetGroup:TargetGroup", {}));
    });
});
