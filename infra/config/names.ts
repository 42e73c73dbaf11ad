/**
 * Every cloud name webtier derives from the stack name, and the check of each against the limit
 * and pattern of the resource type it lands on, after the provider's autonaming. The rules are
 * the preflight's (policies/preflight/name-rules.ts): config validation refuses a stack name for
 * the same reason the preflight would refuse the resource, only earlier, naming the stack.
 *
 * The list mirrors the components' logical names (`${name}-<role>`); a test evaluates the real
 * program on both clouds and fails when a named resource is missing here.
 */
import { effectiveName, nameProblems, nameRulesFor } from "../../policies/preflight/name-rules";
import type { Cloud } from "./types";

/** A name derived from the stack's name: the resource type, its logical name, and the name it sets (if any). */
export interface DerivedName {
    type: string;
    /** The logical name (`${name}-alb`); the provider autonames from it when `explicit` is absent. */
    logicalName: string;
    /** The name property the program sets itself, when it does (droplets, tags, final snapshots). */
    explicit?: { property: string; value: string };
    /** What it is, for messages. */
    role: string;
}

/** The most servers config allows (servers.count): the longest droplet name has this index. */
const MAX_SERVERS = 100;

/**
 * The names a stack called `name` creates on `cloud`. Resources whose names do not derive from the
 * stack name (listeners, routes, attachments, EC2 instances, which have no name) are left out.
 */
export function derivedNames(cloud: Cloud, name: string): DerivedName[] {
    const auto = (type: string, role: string, suffix: string): DerivedName => ({
        type,
        role,
        logicalName: `${name}-${suffix}`,
    });
    if (cloud === "aws") {
        return [
            auto("aws:lb/loadBalancer:LoadBalancer", "the load balancer", "alb"),
            auto("aws:lb/targetGroup:TargetGroup", "the target group", "tg"),
            ...["lb-sg", "app-sg", "db-sg", "cache-sg"].map((s) =>
                auto("aws:ec2/securityGroup:SecurityGroup", "a security group", s),
            ),
            auto("aws:s3/bucket:Bucket", "the uploads bucket", "uploads"),
            auto("aws:rds/instance:Instance", "the database", "db"),
            {
                type: "aws:rds/instance:Instance",
                role: "the database's final snapshot",
                logicalName: `${name}-db`,
                explicit: { property: "finalSnapshotIdentifier", value: `${name}-db-final-snapshot` },
            },
            auto("aws:rds/parameterGroup:ParameterGroup", "the database parameter group", "db-params"),
            auto("aws:rds/subnetGroup:SubnetGroup", "the database subnet group", "db-subnets"),
            auto("aws:elasticache/replicationGroup:ReplicationGroup", "the cache", "cache"),
            auto("aws:elasticache/subnetGroup:SubnetGroup", "the cache subnet group", "cache-subnets"),
            auto("aws:iam/role:Role", "the servers' IAM role", "app-role"),
            auto("aws:iam/instanceProfile:InstanceProfile", "the servers' instance profile", "app-profile"),
            auto("aws:iam/rolePolicy:RolePolicy", "the uploads policy", "app-uploads"),
            auto("aws:iam/rolePolicy:RolePolicy", "the queue policy", "app-queue"),
            auto("aws:sqs/queue:Queue", "the job queue", "jobs"),
            auto("aws:sqs/queue:Queue", "the dead-letter queue", "jobs-dlq"),
            auto(
                "aws:cloudfront/originAccessControl:OriginAccessControl",
                "the CDN's origin access control",
                "uploads-oac",
            ),
            auto("aws:ec2/keyPair:KeyPair", "the SSH key pair", "key"),
        ];
    }
    return [
        auto("digitalocean:index/vpc:Vpc", "the VPC", "vpc"),
        auto("digitalocean:index/databaseCluster:DatabaseCluster", "the database cluster", "db"),
        auto("digitalocean:index/databaseCluster:DatabaseCluster", "the cache cluster", "cache"),
        auto("digitalocean:index/loadBalancer:LoadBalancer", "the load balancer", "lb"),
        auto("digitalocean:index/firewall:Firewall", "the firewall", "firewall"),
        auto("digitalocean:index/spacesBucket:SpacesBucket", "the uploads bucket", "uploads"),
        {
            type: "digitalocean:index/tag:Tag",
            role: "the app servers' tag",
            logicalName: `${name}-app`,
            explicit: { property: "name", value: `${name}-app` },
        },
        {
            type: "digitalocean:index/tag:Tag",
            role: "the balancer's member tag",
            logicalName: `${name}-lb`,
            explicit: { property: "name", value: `${name}-lb` },
        },
        {
            type: "digitalocean:index/droplet:Droplet",
            role: "the last app server",
            logicalName: `${name}-app-${MAX_SERVERS}`,
            explicit: { property: "name", value: `${name}-app-${MAX_SERVERS}` },
        },
    ];
}

/** One name the cloud would refuse, with the sentence that says why. */
export interface NameRefusal {
    derived: DerivedName;
    name: string;
    problems: string[];
}

/** The derived names of a stack the cloud would refuse; empty when every one is accepted. */
export function refusedNames(cloud: Cloud, name: string): NameRefusal[] {
    const refusals: NameRefusal[] = [];
    for (const derived of derivedNames(cloud, name)) {
        const rules = nameRulesFor(derived.type);
        const rule = derived.explicit ? rules.find((r) => r.property === derived.explicit!.property) : rules[0];
        if (!rule) continue;
        const props = derived.explicit ? { [derived.explicit.property]: derived.explicit.value } : {};
        const effective = effectiveName(rule, props, derived.logicalName);
        if (!effective) continue;
        const problems = nameProblems(rule, effective.name);
        if (problems.length > 0) refusals.push({ derived, name: effective.name, problems });
    }
    return refusals;
}
