/**
 * The resource graph of a stack validation: which resource an id, ARN or name refers to,
 * and the roles resources play (balancer, app server, database, cache) in the web tier.
 *
 * A reference is resolved first by identity (the referenced resource's `id`, `arn` or name
 * in its properties, as the engine reports outputs), then through `propertyDependencies`,
 * which is all there is during a preview, when the id of a resource about to be created is
 * still unknown. Through dependencies a reference resolves to a set of candidates; a rule
 * holds when it holds for every candidate.
 */
import { Res, UNKNOWN, Unknown, isUnknown, listOf, present } from "./values";
import { NetworkRule, SECURITY_GROUP_TYPES } from "./network";

export const AWS = {
    loadBalancers: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listeners: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    listenerRules: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    targetGroups: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    targetGroupAttachments: ["aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:alb/targetGroupAttachment:TargetGroupAttachment"],
    instances: ["aws:ec2/instance:Instance"],
    launchTemplates: ["aws:ec2/launchTemplate:LaunchTemplate"],
    autoScalingGroups: ["aws:autoscaling/group:Group"],
    subnets: ["aws:ec2/subnet:Subnet"],
    vpcs: ["aws:ec2/vpc:Vpc"],
    internetGateways: ["aws:ec2/internetGateway:InternetGateway"],
    routeTables: ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"],
    defaultRouteTables: ["aws:ec2/defaultRouteTable:DefaultRouteTable"],
    routeTableAssociations: ["aws:ec2/routeTableAssociation:RouteTableAssociation"],
    mainRouteTableAssociations: ["aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation"],
    routes: ["aws:ec2/route:Route"],
    rdsInstances: ["aws:rds/instance:Instance"],
    rdsClusters: ["aws:rds/cluster:Cluster"],
    rdsClusterInstances: ["aws:rds/clusterInstance:ClusterInstance"],
    rdsSubnetGroups: ["aws:rds/subnetGroup:SubnetGroup"],
    replicationGroups: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    cacheClusters: ["aws:elasticache/cluster:Cluster"],
    serverlessCaches: ["aws:elasticache/serverlessCache:ServerlessCache"],
    cacheSubnetGroups: ["aws:elasticache/subnetGroup:SubnetGroup"],
    buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    securityGroups: SECURITY_GROUP_TYPES,
} as const;

export const DO = {
    loadBalancers: ["digitalocean:index/loadBalancer:LoadBalancer"],
    droplets: ["digitalocean:index/droplet:Droplet"],
    firewalls: ["digitalocean:index/firewall:Firewall"],
    databaseClusters: ["digitalocean:index/databaseCluster:DatabaseCluster"],
    databaseFirewalls: ["digitalocean:index/databaseFirewall:DatabaseFirewall"],
    spacesBuckets: ["digitalocean:index/spacesBucket:SpacesBucket"],
    vpcs: ["digitalocean:index/vpc:Vpc"],
} as const;

/** How an AWS data store keeps its security groups and its subnets. */
export interface AwsDataStoreShape {
    types: readonly string[];
    securityGroupsKey: string;
    /** The subnet group property and its types; absent for stores placed by subnet ids (serverless caches). */
    subnetGroup?: { key: string; types: readonly string[] };
    /** A store judged through another resource (a cluster that is a member of a replication group). */
    judgedElsewhere?: (store: Res) => boolean;
}

/** Which AWS resources are the tier's databases and caches, and where each keeps its groups and subnets. */
export const AWS_DATA_STORES: Record<"database" | "cache", AwsDataStoreShape[]> = {
    database: [
        { types: [...AWS.rdsInstances, ...AWS.rdsClusters], securityGroupsKey: "vpcSecurityGroupIds", subnetGroup: { key: "dbSubnetGroupName", types: AWS.rdsSubnetGroups } },
    ],
    cache: [
        { types: AWS.replicationGroups, securityGroupsKey: "securityGroupIds", subnetGroup: { key: "subnetGroupName", types: AWS.cacheSubnetGroups } },
        {
            types: AWS.cacheClusters, securityGroupsKey: "securityGroupIds", subnetGroup: { key: "subnetGroupName", types: AWS.cacheSubnetGroups },
            judgedElsewhere: (cluster) => present(cluster.props.replicationGroupId),
        },
        { types: AWS.serverlessCaches, securityGroupsKey: "securityGroupIds" },
    ],
};

/** Properties besides `id` and `arn` that other resources use to refer to a resource of this type. */
const NAME_KEYS: Record<string, string[]> = {
    "aws:s3/bucket:Bucket": ["bucket"],
    "aws:s3/bucketV2:BucketV2": ["bucket"],
    "aws:rds/subnetGroup:SubnetGroup": ["name"],
    "aws:elasticache/subnetGroup:SubnetGroup": ["name"],
    "digitalocean:index/spacesBucket:SpacesBucket": ["name"],
};

/** The candidates a reference may point at. */
export interface Resolution {
    /** Resources of the expected types the reference may point at. */
    candidates: Res[];
    /** True when the reference was matched by identity (or has one possible target). */
    certain: boolean;
}

export class StackGraph {
    private readonly byUrn = new Map<string, Res>();
    private readonly byIdentity = new Map<string, Res[]>();

    constructor(readonly resources: Res[]) {
        for (const res of resources) {
            this.byUrn.set(res.urn, res);
            for (const key of ["id", "arn", ...(NAME_KEYS[res.type] ?? [])]) {
                const value = res.props[key];
                if ((typeof value === "string" || typeof value === "number") && !isUnknown(value) && value !== "") {
                    const identity = String(value);
                    this.byIdentity.set(identity, [...(this.byIdentity.get(identity) ?? []), res]);
                }
            }
        }
    }

    get(urn: string): Res | undefined {
        return this.byUrn.get(urn);
    }

    ofType(types: readonly string[]): Res[] {
        return this.resources.filter((res) => types.includes(res.type));
    }

    /**
     * What `from`'s property `key` (holding `value`, perhaps unknown) refers to among `types`.
     * A known value is matched by identity; failing that (or when unknown), the property's
     * dependencies of those types are the candidates.
     */
    resolve(from: Res, key: string, value: string | number | Unknown | undefined, types: readonly string[]): Resolution {
        if (value !== undefined && !isUnknown(value)) {
            const exact = (this.byIdentity.get(String(value)) ?? []).filter((res) => types.includes(res.type));
            if (exact.length > 0) return { candidates: exact, certain: true };
        }
        const candidates = this.dependenciesOf(from, key, types);
        return { candidates, certain: candidates.length === 1 };
    }

    /** Every value of a list (or single) property, resolved; the union of candidates. */
    resolveAll(from: Res, key: string, types: readonly string[]): { candidates: Res[]; unresolved: (string | Unknown)[] } {
        const candidates = new Set<Res>();
        const unresolved: (string | Unknown)[] = [];
        for (const value of listOf<string | number>(from.props[key])) {
            const resolution = this.resolve(from, key, value, types);
            resolution.candidates.forEach((c) => candidates.add(c));
            if (resolution.candidates.length === 0) unresolved.push(isUnknown(value) ? value : String(value));
        }
        return { candidates: [...candidates], unresolved };
    }

    /** The resources of `types` that `from`'s property `key` was computed from. */
    dependenciesOf(from: Res, key: string, types: readonly string[]): Res[] {
        return (from.propertyDependencies[key] ?? [])
            .map((urn) => this.byUrn.get(urn))
            .filter((res): res is Res => res !== undefined && types.includes(res.type));
    }

    /** Resources of `types` whose property `key` refers to `target` (by identity or dependency). */
    referrers(types: readonly string[], key: string, target: Res): Res[] {
        return this.ofType(types).filter((res) => {
            const values = listOf<string | number>(res.props[key]);
            return values.some((value) => this.resolve(res, key, value, [target.type]).candidates.includes(target));
        });
    }

    /** The security groups of every AWS load balancer: the only groups allowed to be public. */
    balancerSecurityGroups(): Set<Res> {
        return this.groupsUsedBy(AWS.loadBalancers, ["securityGroups"]);
    }

    /** The security groups attached to app servers (instances and launch templates). */
    serverSecurityGroups(): Set<Res> {
        const groups = this.groupsUsedBy(AWS.instances, ["vpcSecurityGroupIds", "securityGroups"]);
        this.groupsUsedBy(AWS.launchTemplates, ["vpcSecurityGroupIds"]).forEach((g) => groups.add(g));
        for (const template of this.ofType(AWS.launchTemplates)) {
            for (const nic of listOf<Record<string, any>>(template.props.networkInterfaces)) {
                const values: (string | Unknown)[] = isUnknown(nic) ? [UNKNOWN] : listOf<string>(nic?.securityGroups);
                for (const value of values) {
                    this.resolve(template, "networkInterfaces", value, SECURITY_GROUP_TYPES).candidates.forEach((g) => groups.add(g));
                }
            }
        }
        return groups;
    }

    /** The security groups of databases (RDS) or caches (ElastiCache). */
    dataSecurityGroups(kind: "database" | "cache"): Set<Res> {
        const groups = new Set<Res>();
        for (const shape of AWS_DATA_STORES[kind]) this.groupsUsedBy(shape.types, [shape.securityGroupsKey]).forEach((g) => groups.add(g));
        return groups;
    }

    /** The security groups named by `keys` of every resource of `types`. */
    groupsUsedBy(types: readonly string[], keys: string[]): Set<Res> {
        const groups = new Set<Res>();
        for (const res of this.ofType(types)) {
            for (const key of keys) this.resolveAll(res, key, SECURITY_GROUP_TYPES).candidates.forEach((g) => groups.add(g));
        }
        return groups;
    }

    /** The security group(s) a rule protects: the group itself for inline rules. */
    ruleTargets(owner: Res, rule: NetworkRule): Resolution {
        if (rule.target.kind === "itself") return { candidates: [owner], certain: true };
        return this.resolve(owner, rule.target.referenceKey, rule.target.value, SECURITY_GROUP_TYPES);
    }

    /** Every (owner, ingress rule) pair whose protected group may be one of `groups`. */
    ingressInto(groups: Set<Res>, rulesOf: (res: Res) => NetworkRule[]): { owner: Res; rule: NetworkRule }[] {
        const found: { owner: Res; rule: NetworkRule }[] = [];
        for (const owner of this.resources) {
            for (const rule of rulesOf(owner)) {
                if (rule.direction !== "ingress") continue;
                if (this.ruleTargets(owner, rule).candidates.some((g) => groups.has(g))) found.push({ owner, rule });
            }
        }
        return found;
    }
}
