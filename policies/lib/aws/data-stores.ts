/**
 * Every AWS managed service with a network endpoint that holds the app's data, and how each
 * expresses its exposure: the security groups it sits in, the subnets it is placed in, and any
 * switch of its own that gives it a public endpoint. The database and cache rules judge every
 * shape here the same way, so a new service is one entry.
 */
import type { DataKind } from "../data-access";
import { GroupHolder, nested, topLevel } from "./group-holders";
import { Res, UNKNOWN, describe, isUnknown, present, textOf } from "../values";

export type { DataKind };

export interface AwsDataStoreShape extends GroupHolder {
    kind: DataKind;
    /** The subnet group property and its types; absent for stores placed by subnet ids or in no subnet. */
    subnetGroup?: { key: string; types: readonly string[] };
    /** Subnets the store is placed in directly, by id (no subnet group). */
    subnets?: { key: string; read: (props: Record<string, any>) => (string | typeof UNKNOWN)[] };
    /** A store judged through another resource (a cluster that is a member of a replication group). */
    judgedElsewhere?: (store: Res) => boolean;
    /** Why the service itself gives the store a public endpoint (a message), or undefined. */
    publicEndpoint?: (store: Res) => string | undefined;
    /** Why the store still accepts clients in clear text (a message), or undefined. */
    plaintext?: (store: Res) => string | undefined;
    /** When the store sits in no security group by design of the shape (a domain outside any VPC is judged by publicEndpoint). */
    groupsOptional?: (store: Res) => boolean;
}

/** `publiclyAccessible`, absent = the provider default false (RDS, Redshift, Amazon MQ). */
function publiclyAccessible(store: Res): string | undefined {
    const value = store.props.publiclyAccessible;
    if (value === true)
        return `${describe(store)} is publicly accessible. Set publiclyAccessible to false: the app servers reach it over the private network.`;
    if (isUnknown(value))
        return `${describe(store)} has publiclyAccessible unknown during preview, so it cannot be proven private. Set publiclyAccessible to the literal false.`;
    return undefined;
}

/** An OpenSearch / Elasticsearch domain without `vpcOptions` has a public endpoint. */
function domainOutsideVpc(store: Res): string | undefined {
    const vpc = store.props.vpcOptions;
    if (isUnknown(vpc))
        return `${describe(store)} has vpcOptions unknown during preview, so it cannot be proven to be inside the VPC. Set vpcOptions with the private subnets and its own security group.`;
    if (!present(vpc))
        return `${describe(store)} sets no vpcOptions, so the domain has a public endpoint that only its access policy guards. Set vpcOptions with the private subnets and a security group that admits only the app servers.`;
    return undefined;
}

/** MSK with public access turned on (`connectivityInfo.publicAccess.type` other than DISABLED). */
function mskPublic(store: Res): string | undefined {
    const info = store.props.brokerNodeGroupInfo;
    const type = isUnknown(info)
        ? UNKNOWN
        : isUnknown(info?.connectivityInfo)
          ? UNKNOWN
          : isUnknown(info?.connectivityInfo?.publicAccess)
            ? UNKNOWN
            : info?.connectivityInfo?.publicAccess?.type;
    if (type === undefined || type === null || String(type).toUpperCase() === "DISABLED") return undefined;
    const shown = isUnknown(type) ? "unknown during preview" : `"${type}"`;
    return `${describe(store)} has public access ${shown} (brokerNodeGroupInfo.connectivityInfo.publicAccess.type). Set it to "DISABLED": the app servers reach the brokers over the private network.`;
}

/** MSK brokers accept plaintext clients with clientBroker TLS_PLAINTEXT or PLAINTEXT (the default is TLS). */
function mskPlaintext(store: Res): string | undefined {
    const info = store.props.encryptionInfo;
    const transit = isUnknown(info) ? UNKNOWN : info?.encryptionInTransit;
    const value = isUnknown(transit) ? UNKNOWN : transit?.clientBroker;
    if (value === undefined || value === null || value === "TLS") return undefined;
    const shown = isUnknown(value) ? "unknown during preview" : `"${textOf(value)}"`;
    return `${describe(store)} has encryptionInfo.encryptionInTransit.clientBroker ${shown}, so brokers may accept clients in clear text. Set it to "TLS" (or leave it unset).`;
}

/** OpenSearch / Elasticsearch: domainEndpointOptions.enforceHttps false accepts plain HTTP (the default is true). */
function domainPlaintext(store: Res): string | undefined {
    const options = store.props.domainEndpointOptions;
    const value = isUnknown(options) ? UNKNOWN : options?.enforceHttps;
    if (value === undefined || value === null || value === true) return undefined;
    const why = isUnknown(value)
        ? "has domainEndpointOptions.enforceHttps unknown during preview"
        : "sets domainEndpointOptions.enforceHttps to false";
    return `${describe(store)} ${why}, so the domain may accept requests in clear text. Set enforceHttps to true (or leave it unset).`;
}

const outsideVpc = (store: Res) => !present(store.props.vpcOptions) && !isUnknown(store.props.vpcOptions);

export const AWS_DATA_STORES: readonly AwsDataStoreShape[] = [
    // Databases: RDS and Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK.
    {
        kind: "database",
        types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "dbSubnetGroupName", types: ["aws:rds/subnetGroup:SubnetGroup"] },
    },
    // The native provider's RDS instance and cluster (CloudFormation's AWS::RDS::DBInstance and
    // AWS::RDS::DBCluster property names). An instance in an Aurora cluster sits in the cluster's
    // groups and subnets, and a read replica in its source's, so both are judged there.
    {
        kind: "database",
        types: ["aws-native:rds:DbInstance"],
        key: "vpcSecurityGroups",
        read: topLevel("vpcSecurityGroups"),
        subnetGroup: { key: "dbSubnetGroupName", types: ["aws-native:rds:DbSubnetGroup"] },
        judgedElsewhere: (db) =>
            present(db.props.dbClusterIdentifier) ||
            present(db.props.sourceDbInstanceIdentifier) ||
            present(db.props.sourceDbClusterIdentifier),
    },
    {
        kind: "database",
        types: ["aws-native:rds:DbCluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "dbSubnetGroupName", types: ["aws-native:rds:DbSubnetGroup"] },
    },
    {
        kind: "database",
        types: ["aws:docdb/cluster:Cluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "dbSubnetGroupName", types: ["aws:docdb/subnetGroup:SubnetGroup"] },
    },
    {
        kind: "database",
        types: ["aws:neptune/cluster:Cluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "neptuneSubnetGroupName", types: ["aws:neptune/subnetGroup:SubnetGroup"] },
    },
    {
        kind: "database",
        types: ["aws:redshift/cluster:Cluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "clusterSubnetGroupName", types: ["aws:redshift/subnetGroup:SubnetGroup"] },
        publicEndpoint: publiclyAccessible,
    },
    {
        kind: "database",
        types: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
        key: "vpcOptions",
        read: nested("vpcOptions", "securityGroupIds"),
        subnets: { key: "vpcOptions", read: nested("vpcOptions", "subnetIds") },
        publicEndpoint: domainOutsideVpc,
        plaintext: domainPlaintext,
        groupsOptional: outsideVpc,
    },
    {
        kind: "database",
        types: ["aws:msk/cluster:Cluster"],
        key: "brokerNodeGroupInfo",
        read: nested("brokerNodeGroupInfo", "securityGroups"),
        subnets: { key: "brokerNodeGroupInfo", read: nested("brokerNodeGroupInfo", "clientSubnets") },
        publicEndpoint: mskPublic,
        plaintext: mskPlaintext,
    },
    // Their serverless forms: a Redshift Serverless workgroup (publicly accessible like a
    // cluster, placed by subnet ids) and an MSK Serverless cluster (its vpcConfigs).
    {
        kind: "database",
        types: ["aws:redshiftserverless/workgroup:Workgroup"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnets: { key: "subnetIds", read: topLevel("subnetIds") },
        publicEndpoint: publiclyAccessible,
    },
    {
        kind: "database",
        types: ["aws:msk/serverlessCluster:ServerlessCluster"],
        key: "vpcConfigs",
        read: nested("vpcConfigs", "securityGroupIds"),
        subnets: { key: "vpcConfigs", read: nested("vpcConfigs", "subnetIds") },
    },
    // RDS Proxy: a database endpoint of its own, in front of RDS (see DATA_INTERMEDIARIES).
    {
        kind: "database",
        types: ["aws:rds/proxy:Proxy"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnets: { key: "vpcSubnetIds", read: topLevel("vpcSubnetIds") },
    },
    // Caches and queues: ElastiCache (replication groups, standalone clusters, serverless), MemoryDB,
    // Amazon MQ, DAX.
    {
        kind: "cache",
        types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnetGroup: { key: "subnetGroupName", types: ["aws:elasticache/subnetGroup:SubnetGroup"] },
    },
    {
        kind: "cache",
        types: ["aws-native:elasticache:ReplicationGroup"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnetGroup: { key: "cacheSubnetGroupName", types: ["aws-native:elasticache:SubnetGroup"] },
    },
    {
        kind: "cache",
        types: ["aws:elasticache/cluster:Cluster"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnetGroup: { key: "subnetGroupName", types: ["aws:elasticache/subnetGroup:SubnetGroup"] },
        judgedElsewhere: (cluster) => present(cluster.props.replicationGroupId),
    },
    {
        kind: "cache",
        types: ["aws:elasticache/serverlessCache:ServerlessCache"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnets: { key: "subnetIds", read: topLevel("subnetIds") },
    },
    // The native provider's node-based and serverless caches (CloudFormation's names).
    {
        kind: "cache",
        types: ["aws-native:elasticache:CacheCluster"],
        key: "vpcSecurityGroupIds",
        read: topLevel("vpcSecurityGroupIds"),
        subnetGroup: { key: "cacheSubnetGroupName", types: ["aws-native:elasticache:SubnetGroup"] },
    },
    {
        kind: "cache",
        types: ["aws-native:elasticache:ServerlessCache"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnets: { key: "subnetIds", read: topLevel("subnetIds") },
    },
    {
        kind: "cache",
        types: ["aws:memorydb/cluster:Cluster"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnetGroup: { key: "subnetGroupName", types: ["aws:memorydb/subnetGroup:SubnetGroup"] },
    },
    // Amazon MQ (RabbitMQ or ActiveMQ) holding the queue (Laravel's RabbitMQ driver): whoever
    // reaches it and logs in puts jobs on every worker. Its endpoints are TLS only (amqps,
    // ssl://), and every broker has users, so only where it can be reached is the program's to get
    // wrong. A public RabbitMQ broker takes no security groups: its public endpoint is the finding.
    {
        kind: "cache",
        types: ["aws:mq/broker:Broker"],
        key: "securityGroups",
        read: topLevel("securityGroups"),
        subnets: { key: "subnetIds", read: topLevel("subnetIds") },
        publicEndpoint: publiclyAccessible,
        groupsOptional: (broker) => broker.props.publiclyAccessible === true,
    },
    {
        kind: "cache",
        types: ["aws:dax/cluster:Cluster"],
        key: "securityGroupIds",
        read: topLevel("securityGroupIds"),
        subnetGroup: { key: "subnetGroupName", types: ["aws:dax/subnetGroup:SubnetGroup"] },
    },
];

/**
 * Endpoints that stand between the app servers and a data store: the store may admit their
 * groups as it admits the app servers', since they are judged as data stores themselves (an RDS
 * Proxy's group admits only the app servers).
 */
export const DATA_INTERMEDIARIES: Record<DataKind, readonly GroupHolder[]> = {
    database: [{ types: ["aws:rds/proxy:Proxy"], key: "vpcSecurityGroupIds", read: topLevel("vpcSecurityGroupIds") }],
    cache: [],
};

export function dataStoreShapes(kind: DataKind): AwsDataStoreShape[] {
    return AWS_DATA_STORES.filter((shape) => shape.kind === kind);
}

/** Every subnet group type a data store may name (their `name` is how stores refer to them). */
export const DATA_SUBNET_GROUP_TYPES: readonly string[] = AWS_DATA_STORES.flatMap(
    (shape) => shape.subnetGroup?.types ?? [],
);
