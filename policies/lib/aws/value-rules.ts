/**
 * AWS values from a closed list or of a fixed shape (see policies/preflight/enums.ts, which checks
 * them): only stable lists, each from the service's API reference (the enums of the botocore
 * model); a shape rule (an instance class) is written as loosely as the API allows new values.
 */
import type { ValueRule } from "../../preflight/enums";
import type { Res } from "../values";

const LB = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const TG = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const LISTENER = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const ELB_PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"];

/**
 * What EC2 takes in a security group's description and its rules' (API ec2 CreateSecurityGroup
 * GroupDescription, IpRange/IpPermission Description; terraform-provider-aws
 * validSecurityGroupRuleDescription): up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
 * A typographic dash or an accented letter, pasted from a document, is refused.
 */
const SECURITY_GROUP_DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
const SECURITY_GROUP_DESCRIPTION_TEXT =
    "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (no other character, an accented letter or a typographic dash included)";
const SECURITY_GROUP_DESCRIPTIONS: readonly { types: string[]; property: string; source: string }[] = [
    {
        types: ["aws:ec2/securityGroup:SecurityGroup"],
        property: "description",
        source: "API ec2 CreateSecurityGroup GroupDescription",
    },
    ...["ingress", "egress"].map((list) => ({
        types: ["aws:ec2/securityGroup:SecurityGroup"],
        property: `${list}[].description`,
        source: "API ec2 IpRange Description; terraform-provider-aws validSecurityGroupRuleDescription",
    })),
    {
        types: [
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        ],
        property: "description",
        source: "API ec2 IpRange Description; terraform-provider-aws validSecurityGroupRuleDescription",
    },
];

/**
 * The least allocated storage RDS takes for a new instance (RDS User Guide, "Amazon RDS DB instance
 * storage": General Purpose SSD 20 GiB, Provisioned IOPS 100 GiB and 20 for SQL Server, magnetic
 * 5 GiB and 10 for Oracle, 20 for SQL Server), by storage type; absent, io1 when iops is set, else
 * General Purpose (API rds CreateDBInstance StorageType). The most (API rds CreateDBInstance
 * AllocatedStorage constraints, read 2026-12-03): on SSD storage 65,536 GiB (64 TiB) for MariaDB,
 * MySQL, PostgreSQL, Oracle and Db2, 16,384 GiB for SQL Server on gp2, gp3 and io1 (its io2, up to
 * 64 TiB on io2 Block Express, is not judged); on magnetic storage 3,072 GiB, 1,024 for SQL Server.
 * Aurora and RDS Custom keep their storage elsewhere.
 */
function rdsStorageRange(res: Res): { min: number; max?: number; because: string } | undefined {
    const engine = res.props.engine;
    if (typeof engine !== "string" || engine.startsWith("aurora") || engine.startsWith("custom-")) return undefined;
    const declared = res.props.storageType;
    if (declared !== undefined && typeof declared !== "string") return undefined;
    const type = declared ?? (res.props.iops !== undefined ? "io1" : "gp2");
    const sqlServer = engine.startsWith("sqlserver");
    const forEngine = sqlServer ? " for SQL Server" : "";
    if (type === "gp2" || type === "gp3")
        return { min: 20, max: sqlServer ? 16384 : 65536, because: `RDS allocates on ${type}${forEngine} (GiB)` };
    if (type === "io1" || type === "io2")
        return {
            min: sqlServer ? 20 : 100,
            max: sqlServer ? (type === "io1" ? 16384 : undefined) : 65536,
            because: `RDS allocates on ${type}${forEngine} (GiB)`,
        };
    if (type === "standard") {
        const min = engine.startsWith("oracle") ? 10 : engine.startsWith("sqlserver") ? 20 : 5;
        return { min, max: sqlServer ? 1024 : 3072, because: `RDS allocates on magnetic storage for ${engine} (GiB)` };
    }
    return undefined;
}

/**
 * A storage autoscaling ceiling above the most the storage type takes: RDS grows the storage up
 * to maxAllocatedStorage, within the same AllocatedStorage constraints (API rds CreateDBInstance
 * MaxAllocatedStorage). 0 turns autoscaling off; a ceiling below allocatedStorage is rds-settings.ts's.
 */
function maxAllocatedStorageProblem(value: string | number, res: Res): string | undefined {
    const range = rdsStorageRange(res);
    // 0 (autoscaling off) is below every most.
    if (typeof value !== "number" || range?.max === undefined || value <= range.max) return undefined;
    return `${value} is above ${range.max}, the most ${range.because}: the storage autoscaling ceiling may not exceed it. Set maxAllocatedStorage at most ${range.max}, or 0 to turn autoscaling off`;
}

export const AWS_VALUE_RULES: readonly ValueRule[] = [
    {
        types: LB,
        property: "loadBalancerType",
        allowed: ["application", "network", "gateway"],
        source: "API elbv2 CreateLoadBalancer Type (LoadBalancerTypeEnum)",
    },
    {
        types: LB,
        property: "ipAddressType",
        allowed: ["ipv4", "dualstack", "dualstack-without-public-ipv4"],
        source: "API elbv2 CreateLoadBalancer IpAddressType",
    },
    {
        types: TG,
        property: "protocol",
        allowed: ELB_PROTOCOLS,
        source: "API elbv2 CreateTargetGroup Protocol (ProtocolEnum)",
    },
    {
        types: TG,
        property: "targetType",
        allowed: ["instance", "ip", "lambda", "alb"],
        source: "API elbv2 CreateTargetGroup TargetType (TargetTypeEnum)",
    },
    {
        types: LISTENER,
        property: "protocol",
        allowed: ELB_PROTOCOLS,
        source: "API elbv2 CreateListener Protocol (ProtocolEnum)",
    },
    {
        types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
        property: "storageType",
        allowed: ["standard", "gp2", "gp3", "io1", "io2", "aurora", "aurora-iopt1"],
        source: "API rds CreateDBInstance / CreateDBCluster StorageType",
    },
    {
        types: ["aws:rds/instance:Instance"],
        property: "allocatedStorage",
        range: rdsStorageRange,
        source: 'RDS User Guide "Amazon RDS DB instance storage" (storage types and their sizes); API rds CreateDBInstance AllocatedStorage (constraints by engine and storage type)',
    },
    {
        types: ["aws:rds/instance:Instance"],
        property: "maxAllocatedStorage",
        check: maxAllocatedStorageProblem,
        source: "API rds CreateDBInstance AllocatedStorage and MaxAllocatedStorage (constraints by engine and storage type)",
    },
    ...SECURITY_GROUP_DESCRIPTIONS.map((rule) => ({
        ...rule,
        pattern: SECURITY_GROUP_DESCRIPTION,
        patternText: SECURITY_GROUP_DESCRIPTION_TEXT,
    })),
    {
        types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
        property: "instanceClass",
        pattern: /^db\.[a-z0-9][a-z0-9.-]*$/,
        patternText: 'a DB instance class, "db." and a type such as db.t4g.micro',
        source: "API rds CreateDBInstance DBInstanceClass (DB instance classes all start with db.)",
    },
    {
        types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"],
        property: "nodeType",
        pattern: /^cache\.[a-z0-9-]+\.[a-z0-9]+$/,
        patternText: 'a cache node type, "cache." and a type such as cache.t4g.micro',
        source: "API elasticache CreateReplicationGroup CacheNodeType (supported node types all start with cache.)",
    },
    {
        types: ["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate"],
        property: "instanceType",
        pattern: /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/,
        patternText: "an instance type such as t3.micro (family, a dot, size)",
        source: "API ec2 RunInstances InstanceType (family.size)",
    },
];
