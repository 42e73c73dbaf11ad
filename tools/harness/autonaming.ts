/**
 * Autonaming as the bridged providers do it in their Check, before the engine hands a resource's
 * inputs to a policy pack: a name property the program leaves out gets the resource's logical
 * name, a separator and 7 random characters (pulumi-terraform-bridge `AutoName`, `Randlen: 7`,
 * hexadecimal), lowercased where the provider lowercases; none when it would exceed the provider's maximum length.
 *
 * - pulumi-digitalocean (provider/resources.go): `prov.SetAutonaming(255, "-")`, so every resource
 *   with a `name` input is autonamed; Volume lowercases its name, at most 64 characters.
 * - pulumi-aws: per resource, the name field and its limits as the provider's resources.go sets
 *   them for the resources below (S3 buckets, RDS and ElastiCache identifiers and subnet groups
 *   lowercased, balancer and target group names at most 32 characters).
 *
 * Without this, a reference to an autonamed resource (`tag.name` in a firewall, a balancer's
 * `dropletTag`) reached the policies as undefined.
 */
import { randomBytes } from "crypto";
import { sdkClassFor } from "./sdk-classes";

export interface AutonameRule {
    /** The input property the provider fills in. */
    field: string;
    maxLength: number;
    separator: string;
    lowercase: boolean;
}

const rule = (field: string, maxLength = 255, lowercase = false, separator = "-"): AutonameRule => ({
    field,
    maxLength,
    separator,
    lowercase,
});

/** AWS resources whose name the provider generates, as its resources.go declares them. */
const AWS: Record<string, AutonameRule> = {
    "aws:s3/bucket:Bucket": rule("bucket", 63, true),
    "aws:s3/bucketV2:BucketV2": rule("bucket", 63, true),
    "aws:ec2/securityGroup:SecurityGroup": rule("name"),
    "aws:ec2/keyPair:KeyPair": rule("keyName"),
    "aws:ec2/launchTemplate:LaunchTemplate": rule("name", 128),
    "aws:lb/loadBalancer:LoadBalancer": rule("name", 32),
    "aws:lb/targetGroup:TargetGroup": rule("name", 32),
    "aws:alb/loadBalancer:LoadBalancer": rule("name", 32),
    "aws:alb/targetGroup:TargetGroup": rule("name", 32),
    "aws:rds/instance:Instance": rule("identifier", 255, true),
    "aws:rds/cluster:Cluster": rule("clusterIdentifier", 255, true),
    "aws:rds/subnetGroup:SubnetGroup": rule("name", 255, true),
    "aws:rds/parameterGroup:ParameterGroup": rule("name", 255, true),
    "aws:elasticache/subnetGroup:SubnetGroup": rule("name", 255, true),
    "aws:elasticache/parameterGroup:ParameterGroup": rule("name", 255, true),
    "aws:elasticache/replicationGroup:ReplicationGroup": rule("replicationGroupId", 40, true),
    "aws:elasticache/cluster:Cluster": rule("clusterId", 50, true),
    "aws:iam/role:Role": rule("name", 64),
    "aws:iam/instanceProfile:InstanceProfile": rule("name"),
    "aws:iam/policy:Policy": rule("name", 128),
    "aws:iam/user:User": rule("name", 64),
    "aws:sqs/queue:Queue": rule("name", 80),
    "aws:sns/topic:Topic": rule("name", 256),
    "aws:cloudwatch/logGroup:LogGroup": rule("name", 512),
    "aws:cloudwatch/metricAlarm:MetricAlarm": rule("name"),
    "aws:cloudfront/originAccessControl:OriginAccessControl": rule("name", 64),
    "aws:secretsmanager/secret:Secret": rule("name", 512),
    "aws:ssm/parameter:Parameter": rule("name", 2048),
    "aws:route53/healthCheck:HealthCheck": rule("referenceName", 64),
};

/** DigitalOcean resources with their own limits; any other with a `name` input is 255, "-". */
const DIGITALOCEAN: Record<string, AutonameRule> = {
    "digitalocean:index/volume:Volume": rule("name", 64, true),
};

/**
 * The rule for `type`, if its provider autonames it. `hasInput` says whether the resource type
 * takes a given input at all (DigitalOcean autonames every resource with a `name` input).
 */
export function autonameRule(type: string, hasInput: (field: string) => boolean): AutonameRule | undefined {
    if (type.startsWith("aws:")) return AWS[type];
    if (type.startsWith("digitalocean:")) return DIGITALOCEAN[type] ?? (hasInput("name") ? rule("name") : undefined);
    return undefined;
}

/**
 * `<name><separator><7 random hex>`, lowercased if the provider lowercases; undefined when it
 * would exceed the provider's maximum length, where the provider's Check fails instead
 * (`NewUniqueName`: "name '<prefix>' plus 7 random chars is longer than maximum length N") and
 * leaves the name to the policies that report it.
 */
export function autoname(
    name: string,
    rule: AutonameRule,
    random: () => string = () => randomBytes(4).toString("hex").slice(0, 7),
): string | undefined {
    const prefix = `${name}${rule.separator}`;
    if (prefix.length + 7 > rule.maxLength) return undefined;
    const result = `${prefix}${random()}`;
    return rule.lowercase ? result.toLowerCase() : result;
}

const inputsByType = new Map<string, string>();

/** Whether the SDK class of `type` takes `field` as an input (its constructor sets resourceInputs[field]). */
export function takesInput(type: string, field: string): boolean {
    if (!inputsByType.has(type)) inputsByType.set(type, sdkClassFor(type)?.toString() ?? "");
    return inputsByType.get(type)!.includes(`resourceInputs["${field}"]`);
}

/** The autoname rule of a resource type, judging DigitalOcean's `name` input from its installed SDK class. */
export function autonameRuleFor(type: string): AutonameRule | undefined {
    return autonameRule(type, (field) => takesInput(type, field));
}
