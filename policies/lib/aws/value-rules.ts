/**
 * AWS values from a closed list or of a fixed shape (see policies/preflight/enums.ts, which checks
 * them): only stable lists, each from the service's API reference (the enums of the botocore
 * model); a shape rule (an instance class) is written as loosely as the API allows new values.
 */
import type { ValueRule } from "../../preflight/enums";

const LB = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const TG = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const LISTENER = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const ELB_PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"];

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
