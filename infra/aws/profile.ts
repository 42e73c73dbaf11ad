/**
 * AWS in webtier's configuration: regions, size classes, database versions, network rules, the
 * names a stack creates and the config rules only AWS has (see infra/config/cloud-profile.ts).
 */
import { AWS_ENGINE_VERSIONS } from "../../policies/lib/aws/engine-versions";
import type { CloudProfile, DerivedName } from "../config/cloud-profile";
import { childName } from "../naming";

/** ACM issues no certificate whose first domain name (its common name) is longer (RFC 5280 ub-common-name). */
const ACM_DOMAIN_MAX = 64;

function derivedNames(name: string): DerivedName[] {
    const auto = (type: string, role: string, suffix: string): DerivedName => ({
        type,
        role,
        logicalName: childName(name, suffix),
    });
    return [
        auto("aws:lb/loadBalancer:LoadBalancer", "the load balancer", "alb"),
        auto("aws:lb/targetGroup:TargetGroup", "the target group", "tg"),
        ...["lb-sg", "app-sg", "db-sg", "cache-sg"].map((s) =>
            auto("aws:ec2/securityGroup:SecurityGroup", "a security group", s),
        ),
        auto("aws:s3/bucket:Bucket", "the uploads bucket", "uploads"),
        auto("aws:s3/bucket:Bucket", "the access-log bucket", "access-logs"),
        auto("aws:rds/instance:Instance", "the database", "db"),
        {
            type: "aws:rds/instance:Instance",
            role: "the database's final snapshot",
            logicalName: childName(name, "db"),
            explicit: { property: "finalSnapshotIdentifier", value: childName(name, "db-final-snapshot") },
        },
        auto("aws:rds/parameterGroup:ParameterGroup", "the database parameter group", "db-params"),
        auto("aws:rds/subnetGroup:SubnetGroup", "the database subnet group", "db-subnets"),
        auto("aws:elasticache/replicationGroup:ReplicationGroup", "the cache", "cache"),
        auto("aws:elasticache/subnetGroup:SubnetGroup", "the cache subnet group", "cache-subnets"),
        auto("aws:iam/role:Role", "the servers' IAM role", "app-role"),
        auto("aws:iam/instanceProfile:InstanceProfile", "the servers' instance profile", "app-profile"),
        auto("aws:iam/rolePolicy:RolePolicy", "the uploads policy", "app-uploads"),
        auto("aws:iam/rolePolicy:RolePolicy", "the queue policy", "app-queue"),
        auto("aws:iam/rolePolicy:RolePolicy", "the secrets policy", "app-secrets"),
        auto("aws:sqs/queue:Queue", "the job queue", "jobs"),
        auto("aws:sqs/queue:Queue", "the dead-letter queue", "jobs-dlq"),
        auto(
            "aws:cloudfront/originAccessControl:OriginAccessControl",
            "the CDN's origin access control",
            "uploads-oac",
        ),
        auto("aws:ec2/keyPair:KeyPair", "the SSH key pair", "key"),
        auto("aws:sns/topic:Topic", "the alerts topic", "alerts"),
    ];
}

export const AWS_PROFILE: CloudProfile = {
    name: "aws",
    label: "AWS",
    stackPrefix: "aws",
    regions: [
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "ca-central-1",
        "ca-west-1",
        "sa-east-1",
        "mx-central-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "ap-south-1",
        "ap-south-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-7",
        "ap-east-1",
        "me-south-1",
        "me-central-1",
        "il-central-1",
        "af-south-1",
    ],
    exampleRegion: "eu-west-1",
    // Classes match by memory across clouds: small = 2 GiB, medium = 4 GiB, large = 8 GiB.
    sizes: {
        small: { server: "t3.small", database: "db.t4g.small", cache: "cache.t4g.small" },
        medium: { server: "t3.medium", database: "db.t4g.medium", cache: "cache.t4g.medium" },
        large: { server: "m6i.large", database: "db.m6g.large", cache: "cache.m6g.large" },
    },
    engineVersions: AWS_ENGINE_VERSIONS,
    // AWS allows overlapping VPCs in one account (they only cannot be peered): one fixed default,
    // which existing stacks were created with.
    network: { defaultRange: { kind: "fixed", cidr: "10.20.0.0/16" }, refusesOverlap: false, reserved: [] },
    alertDestinations: {
        httpsEndpoint: true,
        slack: "Amazon SNS cannot post to a Slack webhook (Slack refuses SNS's message format); connect Slack through AWS Chatbot to the alerts topic, or set alerts.httpsEndpoint to a relay that accepts SNS.",
    },
    accessLogs: ["balancer", "uploads"],
    storageEndpoint: (region) => `https://s3.${region}.amazonaws.com`,
    derivedNames,
    validate(config, problems) {
        const domain = config.domain;
        if (domain !== undefined && !problems.reported("domain") && domain.length > ACM_DOMAIN_MAX) {
            problems.report(
                "domain",
                `"${domain}" is ${domain.length} characters; ACM issues no certificate whose first domain name is over ${ACM_DOMAIN_MAX} (it becomes the certificate's common name). Serve the app on a shorter hostname, for example app.example.com.`,
            );
        }
        const image = config.servers.image;
        if (image !== undefined && !problems.reported("servers.image") && !/^ami-[0-9a-f]{8,17}$/.test(image)) {
            problems.report(
                "servers.image",
                `"${image}" is not an AMI id; on AWS use an id such as ami-0123456789abcdef0.`,
            );
        }
    },
};
