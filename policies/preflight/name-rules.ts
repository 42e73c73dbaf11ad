/**
 * The published limits on resource names, per resource type, after autonaming. Pure data and one
 * pure function (`nameProblems`), shared by the preflight policy and webtier's config validation
 * (infra/config/names.ts), so that both refuse the same names for the same reasons.
 *
 * Each rule names its source. "TF" is terraform-provider-aws / terraform-provider-digitalocean,
 * whose schema validators run in the provider's Check; "API" is the service's API reference
 * (the botocore model for AWS, DigitalOcean's OpenAPI specification).
 */
import { autoname, displayName, prefixedName } from "./autoname";

/** A name a cloud refuses although its characters and length are fine. */
export interface ReservedAffix {
    text: string;
    why: string;
}

export interface NameRule {
    /** Pulumi type tokens this rule applies to (legacy aliases included). */
    types: readonly string[];
    /** What the name is called in messages ("load balancer name"). */
    what: string;
    /** The input property holding the name. */
    property: string;
    /** The input property holding a name prefix, when the provider has one. */
    prefixProperty?: string;
    /** Whether the provider autonames the property when it is absent (else: no name, nothing to check). */
    autonamed: boolean;
    /** Whether the provider lowercases the autoname (pulumi-aws `AutoNameTransform(..., strings.ToLower)`). */
    lowercased?: boolean;
    minLength?: number;
    maxLength: number;
    /** The whole name must match. */
    pattern?: RegExp;
    /** `pattern` in words, for messages. */
    patternText?: string;
    mustNotStartWith?: readonly ReservedAffix[];
    mustNotEndWith?: readonly ReservedAffix[];
    /** Two hyphens in a row are refused (RDS, ElastiCache). */
    noDoubleHyphen?: boolean;
    /** Where the rule comes from. */
    source: string;
}

const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ELB_TEXT = "letters, digits and hyphens, not starting or ending with a hyphen";
const RDS_ID = /^[a-z][a-z0-9-]*$/;
const RDS_ID_TEXT = "lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";
const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_TEXT = "letters, digits and + = , . @ _ -";
const BUCKET = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
const BUCKET_TEXT = "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * S3 general purpose bucket naming rules (S3 User Guide, "General purpose bucket naming rules";
 * TF internal/service/s3 validBucketName). Spaces buckets follow the same rules (S3-compatible).
 */
const BUCKET_PREFIXES: readonly ReservedAffix[] = [
    { text: "xn--", why: "reserved by S3 for internationalised names" },
    { text: "sthree-", why: "reserved by S3" },
    { text: "amzn-s3-demo-", why: "reserved by S3 for documentation examples" },
];
const BUCKET_SUFFIXES: readonly ReservedAffix[] = [
    { text: "-s3alias", why: "reserved by S3 for access point aliases" },
    { text: "--ol-s3", why: "reserved by S3 for Object Lambda access point aliases" },
    { text: ".mrap", why: "reserved by S3 for Multi-Region Access Points" },
    { text: "--x-s3", why: "reserved by S3 for directory buckets" },
    { text: "--table-s3", why: "reserved by S3 for table buckets" },
];

export const NAME_RULES: readonly NameRule[] = [
    // ---- AWS ----
    {
        types: [
            "aws:lb/loadBalancer:LoadBalancer",
            "aws:alb/loadBalancer:LoadBalancer",
            "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
            "aws:applicationloadbalancing/loadBalancer:LoadBalancer",
        ],
        what: "load balancer name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 32,
        pattern: ELB_NAME,
        patternText: ELB_TEXT,
        mustNotStartWith: [{ text: "internal-", why: "reserved by ELB for the DNS names of internal load balancers" }],
        source: 'API elbv2 CreateLoadBalancer Name (max 32, alphanumerics and hyphens, not beginning or ending with a hyphen, not beginning with "internal-"); TF internal/service/elbv2 validName',
    },
    {
        types: [
            "aws:lb/targetGroup:TargetGroup",
            "aws:alb/targetGroup:TargetGroup",
            "aws:elasticloadbalancingv2/targetGroup:TargetGroup",
            "aws:applicationloadbalancing/targetGroup:TargetGroup",
        ],
        what: "target group name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 32,
        pattern: ELB_NAME,
        patternText: ELB_TEXT,
        source: 'API elbv2 CreateTargetGroup Name (max 32); pulumi-aws AutoName("name", 32, "-") (provider/legacy aliases)',
    },
    {
        types: ["aws:ec2/securityGroup:SecurityGroup"],
        what: "security group name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 255,
        mustNotStartWith: [{ text: "sg-", why: "EC2 refuses group names in the format of a group id" }],
        source: 'API ec2 CreateSecurityGroup GroupName ("Constraints: Up to 255 characters in length. Cannot start with sg-.")',
    },
    {
        types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
        what: "S3 bucket name",
        property: "bucket",
        prefixProperty: "bucketPrefix",
        autonamed: true,
        lowercased: true,
        minLength: 3,
        maxLength: 63,
        pattern: BUCKET,
        patternText: BUCKET_TEXT,
        mustNotStartWith: BUCKET_PREFIXES,
        mustNotEndWith: BUCKET_SUFFIXES,
        source: 'S3 User Guide "General purpose bucket naming rules"; TF validBucketName; pulumi-aws AutoNameTransform("bucket", 63, strings.ToLower)',
    },
    {
        types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
        what: "RDS instance identifier",
        property: "identifier",
        prefixProperty: "identifierPrefix",
        autonamed: true,
        lowercased: true,
        maxLength: 63,
        pattern: RDS_ID,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: "API rds CreateDBInstance DBInstanceIdentifier (1 to 63 letters, digits or hyphens; first a letter; no two consecutive hyphens; not ending with a hyphen); TF validIdentifier",
    },
    {
        types: ["aws:rds/cluster:Cluster"],
        what: "RDS cluster identifier",
        property: "clusterIdentifier",
        prefixProperty: "clusterIdentifierPrefix",
        autonamed: true,
        lowercased: true,
        maxLength: 63,
        pattern: RDS_ID,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: "API rds CreateDBCluster DBClusterIdentifier (1 to 63, same rules as instances); TF validIdentifier",
    },
    {
        types: ["aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup"],
        what: "DB parameter group name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        lowercased: true,
        maxLength: 255,
        pattern: RDS_ID,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: "API rds CreateDBParameterGroup DBParameterGroupName (1 to 255 letters, digits or hyphens; first a letter; no two consecutive hyphens; not ending with a hyphen); TF validParamGroupName",
    },
    {
        types: ["aws:rds/subnetGroup:SubnetGroup"],
        what: "DB subnet group name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        lowercased: true,
        maxLength: 255,
        pattern: /^[a-z0-9 ._-]+$/,
        patternText: "lowercase letters, digits, spaces, periods, underscores and hyphens",
        source: 'API rds CreateDBSubnetGroup DBSubnetGroupName (up to 255 letters, digits, periods, underscores, spaces or hyphens; not "default"); TF validSubnetGroupName',
    },
    {
        types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
        what: "ElastiCache replication group id",
        property: "replicationGroupId",
        autonamed: true,
        lowercased: true,
        maxLength: 40,
        pattern: /^[a-z][a-z0-9-]*$/,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: 'API elasticache CreateReplicationGroup ReplicationGroupId (1 to 40 alphanumerics or hyphens; first a letter; no two consecutive hyphens; not ending with a hyphen); pulumi-aws AutoNameTransform("replicationGroupId", 40, strings.ToLower)',
    },
    {
        types: ["aws:elasticache/cluster:Cluster"],
        what: "ElastiCache cluster id",
        property: "clusterId",
        autonamed: true,
        lowercased: true,
        maxLength: 50,
        pattern: /^[a-z][a-z0-9-]*$/,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: 'API elasticache CreateCacheCluster CacheClusterId (1 to 50, same rules); pulumi-aws AutoNameTransform("clusterId", 50, strings.ToLower)',
    },
    {
        types: ["aws:elasticache/subnetGroup:SubnetGroup"],
        what: "ElastiCache subnet group name",
        property: "name",
        autonamed: true,
        lowercased: true,
        maxLength: 255,
        pattern: /^[a-z0-9-]+$/,
        patternText: "lowercase letters, digits and hyphens",
        source: "API elasticache CreateCacheSubnetGroup CacheSubnetGroupName (up to 255 letters, digits or hyphens; stored lowercase)",
    },
    {
        types: ["aws:iam/role:Role"],
        what: "IAM role name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 64,
        pattern: IAM_NAME,
        patternText: IAM_TEXT,
        source: 'API iam CreateRole RoleName (1 to 64, [\\w+=,.@-]+); IAM User Guide "IAM object quotas"',
    },
    {
        types: [
            "aws:iam/instanceProfile:InstanceProfile",
            "aws:iam/policy:Policy",
            "aws:iam/user:User",
            "aws:iam/group:Group",
        ],
        what: "IAM name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 128,
        pattern: IAM_NAME,
        patternText: IAM_TEXT,
        source: "API iam CreateInstanceProfile / CreatePolicy / CreateGroup InstanceProfileName, PolicyName (1 to 128, [\\w+=,.@-]+); CreateUser UserName is at most 64 (checked against 128 here)",
    },
    {
        types: ["aws:iam/rolePolicy:RolePolicy"],
        what: "IAM inline policy name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 128,
        pattern: IAM_NAME,
        patternText: IAM_TEXT,
        source: "API iam PutRolePolicy PolicyName (1 to 128, [\\w+=,.@-]+)",
    },
    {
        types: ["aws:sqs/queue:Queue"],
        what: "SQS queue name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 80,
        pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
        patternText: "letters, digits, hyphens and underscores (a FIFO queue ends in .fifo)",
        source: "API sqs CreateQueue QueueName (up to 80 alphanumerics, hyphens and underscores; FIFO queues end in .fifo)",
    },
    {
        types: ["aws:cloudfront/originAccessControl:OriginAccessControl"],
        what: "CloudFront origin access control name",
        property: "name",
        autonamed: true,
        maxLength: 64,
        source: "API cloudfront CreateOriginAccessControl OriginAccessControlConfig.Name (at most 64 characters); TF StringLenBetween(1, 64)",
    },
    {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"],
        what: "launch template name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        minLength: 3,
        maxLength: 128,
        pattern: /^[a-zA-Z0-9()./_-]+$/,
        patternText: "letters, digits and ( ) . / _ -",
        source: "API ec2 CreateLaunchTemplate LaunchTemplateName (3 to 128, [a-zA-Z0-9\\(\\)\\.\\-/_]+); TF validLaunchTemplateName",
    },
    {
        types: ["aws:autoscaling/group:Group"],
        what: "auto scaling group name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 255,
        source: "API autoscaling CreateAutoScalingGroup AutoScalingGroupName (1 to 255)",
    },
    {
        types: ["aws:ec2/keyPair:KeyPair"],
        what: "key pair name",
        property: "keyName",
        prefixProperty: "keyNamePrefix",
        autonamed: true,
        maxLength: 255,
        source: "API ec2 ImportKeyPair KeyName (up to 255 ASCII characters)",
    },
    {
        types: ["aws:lambda/function:Function"],
        what: "Lambda function name",
        property: "name",
        autonamed: true,
        maxLength: 64,
        pattern: /^[a-zA-Z0-9_-]+$/,
        patternText: "letters, digits, hyphens and underscores",
        source: "API lambda CreateFunction FunctionName (a name is 1 to 64 characters, [a-zA-Z0-9-_]+); TF validFunctionName",
    },
    {
        types: ["aws:dynamodb/table:Table"],
        what: "DynamoDB table name",
        property: "name",
        autonamed: true,
        minLength: 3,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9_.-]+$/,
        patternText: "letters, digits, underscores, hyphens and periods",
        source: "API dynamodb CreateTable TableName (3 to 255, [a-zA-Z0-9_.-]+)",
    },
    {
        types: ["aws:sns/topic:Topic"],
        what: "SNS topic name",
        property: "name",
        prefixProperty: "namePrefix",
        autonamed: true,
        maxLength: 256,
        pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
        patternText: "letters, digits, hyphens and underscores (a FIFO topic ends in .fifo)",
        source: "API sns CreateTopic Name (up to 256 alphanumerics, hyphens and underscores; FIFO topics end in .fifo)",
    },
    {
        types: ["aws:ecr/repository:Repository"],
        what: "ECR repository name",
        property: "name",
        autonamed: true,
        lowercased: true,
        minLength: 2,
        maxLength: 256,
        pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
        patternText: "lowercase letters and digits, separated by single . _ - or /",
        // Treated as lowercased (as S3 buckets): a mixed-case logical name is not flagged rather than flagged wrongly.
        source: "API ecr CreateRepository repositoryName (2 to 256, (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)",
    },
    {
        types: ["aws:ecs/cluster:Cluster"],
        what: "ECS cluster name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9_-]+$/,
        patternText: "letters, digits, hyphens and underscores",
        source: "API ecs CreateCluster clusterName (up to 255 letters, numbers, underscores and hyphens)",
    },
    {
        types: ["aws:eks/cluster:Cluster"],
        what: "EKS cluster name",
        property: "name",
        autonamed: true,
        maxLength: 100,
        pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/,
        patternText: "letters, digits, hyphens and underscores, starting with a letter or digit",
        source: "API eks CreateCluster name (1 to 100, ^[0-9A-Za-z][A-Za-z0-9\\-_]*$)",
    },
    // ---- DigitalOcean ----
    {
        types: ["digitalocean:index/droplet:Droplet"],
        what: "droplet name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/,
        patternText: "letters, digits, dots and hyphens, as a hostname (ending with a letter or digit)",
        source: 'DigitalOcean OpenAPI droplet_single_create name (maxLength 255, pattern ^[a-zA-Z0-9]?[a-z0-9A-Z.\\-]*[a-z0-9A-Z]$); pulumi-digitalocean SetAutonaming(255, "-")',
    },
    {
        types: ["digitalocean:index/tag:Tag"],
        what: "tag name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9_\-:]+$/,
        patternText: "letters, digits, underscores, hyphens and colons",
        source: "DigitalOcean OpenAPI tags name (maxLength 255, pattern ^[a-zA-Z0-9_\\-\\:]+$)",
    },
    {
        types: ["digitalocean:index/firewall:Firewall"],
        what: "firewall name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9][a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dots and hyphens, starting with a letter or digit",
        source: "DigitalOcean OpenAPI firewall name (pattern ^[a-zA-Z0-9][a-zA-Z0-9\\.-]+$)",
    },
    {
        types: ["digitalocean:index/vpc:Vpc"],
        what: "VPC name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dashes and periods",
        source: 'DigitalOcean OpenAPI vpc name (pattern ^[a-zA-Z0-9\\-\\.]+$, "may only contain alphanumeric characters, dashes, and periods")',
    },
    {
        types: ["digitalocean:index/loadBalancer:LoadBalancer"],
        what: "load balancer name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dashes and periods",
        source: 'DigitalOcean load balancer names: alphanumeric characters, dashes and periods (control panel and API error text); pulumi-digitalocean SetAutonaming(255, "-")',
    },
    {
        types: ["digitalocean:index/databaseCluster:DatabaseCluster"],
        what: "database cluster name",
        property: "name",
        autonamed: true,
        minLength: 3,
        maxLength: 63,
        pattern: DNS_LABEL,
        patternText: "lowercase letters, digits and hyphens, as a DNS label",
        source: "DigitalOcean database cluster names become the first label of the cluster's hosts (OpenAPI database_connection host example backend-do-user-19081923-0.db.ondigitalocean.com): a DNS label, 63 characters at most",
    },
    {
        types: ["digitalocean:index/spacesBucket:SpacesBucket"],
        what: "Spaces bucket name",
        property: "name",
        autonamed: true,
        minLength: 3,
        maxLength: 63,
        pattern: BUCKET,
        patternText: BUCKET_TEXT,
        mustNotStartWith: BUCKET_PREFIXES,
        mustNotEndWith: BUCKET_SUFFIXES,
        source: 'Spaces is S3-compatible and takes S3\'s bucket naming rules (3 to 63 lowercase letters, digits, dots and hyphens); pulumi-digitalocean SetAutonaming(255, "-")',
    },
];

/**
 * Names a resource carries besides its own (no autonaming: checked only when set). An RDS final
 * snapshot identifier is only used at deletion, so a bad one fails the delete, not the create.
 */
export const SECONDARY_NAME_RULES: readonly NameRule[] = [
    {
        types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
        what: "RDS final snapshot identifier",
        property: "finalSnapshotIdentifier",
        autonamed: false,
        maxLength: 255,
        pattern: RDS_ID,
        patternText: RDS_ID_TEXT,
        noDoubleHyphen: true,
        source: "API rds DeleteDBInstance FinalDBSnapshotIdentifier (1 to 255 letters, digits or hyphens; first a letter; no two consecutive hyphens; not ending with a hyphen); TF validFinalSnapshotIdentifier",
    },
];

const BY_TYPE = new Map<string, NameRule[]>();
for (const rule of [...NAME_RULES, ...SECONDARY_NAME_RULES]) {
    for (const type of rule.types) BY_TYPE.set(type, [...(BY_TYPE.get(type) ?? []), rule]);
}

/** The rule of a resource type's own name, if any. */
export function nameRuleFor(type: string): NameRule | undefined {
    return BY_TYPE.get(type)?.[0];
}

/** Every name rule of a resource type: its own name first, then names it carries (final snapshots). */
export function nameRulesFor(type: string): readonly NameRule[] {
    return BY_TYPE.get(type) ?? [];
}

/** Where the name to check came from. */
export type NameOrigin = "set" | "autoname" | "prefix";

/** The name the cloud will be asked for, given the props and the logical name; undefined when there is none to check. */
export function effectiveName(
    rule: NameRule,
    props: Record<string, unknown>,
    logicalName: string,
): { name: string; origin: NameOrigin } | undefined {
    const set = props[rule.property];
    // Under `pulumi preview` (and a harness that autonames) the provider's autoname is already there.
    if (typeof set === "string" && set !== "")
        return { name: set, origin: isAutoname(set, logicalName) ? "autoname" : "set" };
    if (set !== undefined && set !== null && set !== "") return undefined; // unknown or not a string
    const prefix = rule.prefixProperty ? props[rule.prefixProperty] : undefined;
    if (typeof prefix === "string" && prefix !== "") return { name: prefixedName(prefix), origin: "prefix" };
    if (prefix !== undefined && prefix !== null && prefix !== "") return undefined;
    if (!rule.autonamed) return undefined;
    return { name: autoname(logicalName, rule.lowercased), origin: "autoname" };
}

/** True when `name` is the provider's autoname of `logicalName`: the logical name, "-" and 7 hex digits. */
export function isAutoname(name: string, logicalName: string): boolean {
    return (
        name.length === logicalName.length + 8 &&
        name.slice(0, logicalName.length).toLowerCase() === logicalName.toLowerCase() &&
        /^-[0-9a-f]{7}$/.test(name.slice(logicalName.length))
    );
}

/**
 * What the cloud refuses in a name under a rule: one sentence per problem, empty when none.
 * Length is measured in characters of the final name; an autoname's random part is a
 * stand-in of the exact length.
 */
export function nameProblems(rule: NameRule, name: string): string[] {
    const problems: string[] = [];
    if (name.length > rule.maxLength)
        problems.push(`is ${name.length} characters long, over the limit of ${rule.maxLength}`);
    if (rule.minLength !== undefined && name.length < rule.minLength)
        problems.push(`is ${name.length} characters long, under the minimum of ${rule.minLength}`);
    if (rule.pattern && !rule.pattern.test(name)) problems.push(`may only contain ${rule.patternText}`);
    for (const affix of rule.mustNotStartWith ?? []) {
        if (name.startsWith(affix.text)) problems.push(`starts with "${affix.text}", ${affix.why}`);
    }
    for (const affix of rule.mustNotEndWith ?? []) {
        if (name.endsWith(affix.text)) problems.push(`ends with "${affix.text}", ${affix.why}`);
    }
    if (rule.noDoubleHyphen && name.includes("--")) problems.push("contains two hyphens in a row");
    if (rule.noDoubleHyphen && name.endsWith("-")) problems.push("ends with a hyphen");
    if (rule.types.includes("aws:rds/subnetGroup:SubnetGroup") && name === "default")
        problems.push(`is "default", reserved by RDS`);
    if ((rule.property === "bucket" || rule.what.includes("bucket")) && /^\d+\.\d+\.\d+\.\d+$/.test(name))
        problems.push("is formatted as an IP address");
    if ((rule.property === "bucket" || rule.what.includes("bucket")) && name.includes(".."))
        problems.push("contains two periods in a row");
    return problems;
}

/** One readable sentence for a name's problems under a rule. */
export function describeNameProblems(rule: NameRule, name: string, origin: NameOrigin, problems: string[]): string {
    const how =
        origin === "autoname"
            ? ` (the provider's autoname: the logical name, "-" and 7 random characters)`
            : origin === "prefix"
              ? ` (the ${rule.prefixProperty} plus the provider's 26-character suffix)`
              : "";
    return `${rule.what} "${displayName(name)}"${how} ${problems.join("; ")}. Source: ${rule.source}.`;
}
