/**
 * AWS under the harness's mocks: the ids, ARNs and computed outputs (endpoints, addresses, zones)
 * AWS would hand back, and the data sources webtier and typical programs read. Registered in
 * tools/clouds.ts.
 */
import type { MockIds } from "../mock-state";
import { AutonameRule, autonameOf, ProviderMocks } from "../provider-mocks";
import { loadSchemaFile } from "../tf-defaults/file";

/**
 * AWS resources whose name the provider generates, as pulumi-aws's resources.go declares them:
 * the name field and its limits per resource (S3 buckets, RDS and ElastiCache identifiers and
 * subnet groups lowercased, balancer and target group names at most 32 characters).
 */
const AUTONAMED: Record<string, AutonameRule> = {
    "aws:s3/bucket:Bucket": autonameOf("bucket", 63, true),
    "aws:s3/bucketV2:BucketV2": autonameOf("bucket", 63, true),
    "aws:ec2/securityGroup:SecurityGroup": autonameOf("name"),
    "aws:ec2/keyPair:KeyPair": autonameOf("keyName"),
    "aws:ec2/launchTemplate:LaunchTemplate": autonameOf("name", 128),
    "aws:lb/loadBalancer:LoadBalancer": autonameOf("name", 32),
    "aws:lb/targetGroup:TargetGroup": autonameOf("name", 32),
    "aws:alb/loadBalancer:LoadBalancer": autonameOf("name", 32),
    "aws:alb/targetGroup:TargetGroup": autonameOf("name", 32),
    "aws:rds/instance:Instance": autonameOf("identifier", 255, true),
    "aws:rds/cluster:Cluster": autonameOf("clusterIdentifier", 255, true),
    "aws:rds/subnetGroup:SubnetGroup": autonameOf("name", 255, true),
    "aws:rds/parameterGroup:ParameterGroup": autonameOf("name", 255, true),
    "aws:elasticache/subnetGroup:SubnetGroup": autonameOf("name", 255, true),
    "aws:elasticache/parameterGroup:ParameterGroup": autonameOf("name", 255, true),
    "aws:elasticache/replicationGroup:ReplicationGroup": autonameOf("replicationGroupId", 40, true),
    "aws:elasticache/cluster:Cluster": autonameOf("clusterId", 50, true),
    "aws:iam/role:Role": autonameOf("name", 64),
    "aws:iam/instanceProfile:InstanceProfile": autonameOf("name"),
    "aws:iam/policy:Policy": autonameOf("name", 128),
    "aws:iam/user:User": autonameOf("name", 64),
    "aws:sqs/queue:Queue": autonameOf("name", 80),
    "aws:sns/topic:Topic": autonameOf("name", 256),
    "aws:cloudwatch/logGroup:LogGroup": autonameOf("name", 512),
    "aws:cloudwatch/metricAlarm:MetricAlarm": autonameOf("name"),
    "aws:cloudfront/originAccessControl:OriginAccessControl": autonameOf("name", 64),
    "aws:secretsmanager/secret:Secret": autonameOf("name", 512),
    "aws:ssm/parameter:Parameter": autonameOf("name", 2048),
    "aws:route53/healthCheck:HealthCheck": autonameOf("referenceName", 64),
};

const ACCOUNT = "123456789012";
/** The mock account's default VPC (aws:ec2/getVpc with default: true). */
const DEFAULT_VPC_ID = "vpc-0d0d0d0d0d0d0d0d0";

/**
 * The prefix of a region's zone ids, as AWS forms it: `use1` for us-east-1, `euw1` for
 * eu-west-1, `apse2` for ap-southeast-2 (the area, the direction's initials, the number).
 */
export function zoneIdPrefix(region: string): string {
    const [area, direction = "", number = ""] = region.split("-");
    const initials = direction
        .replace(/north/g, "n")
        .replace(/south/g, "s")
        .replace(/east/g, "e")
        .replace(/west/g, "w")
        .replace(/central/g, "c");
    return `${area}${initials}${number}`;
}

function arn(service: string, region: string, resource: string): string {
    return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

export const AWS_MOCKS: ProviderMocks = {
    package: "aws",
    terraformDefaults: () => loadSchemaFile("aws.jsonl"),
    // The provider's `region`, else the variables it reads, as terraform-provider-aws does.
    region: (provider) =>
        provider.inputs.region || provider.env.AWS_REGION || provider.env.AWS_DEFAULT_REGION || "us-east-1",
    // terraform-provider-aws 6 plans these (CustomizeDiff), so a preview knows them: a region-aware
    // resource naming no region is in its provider's ("Enhanced Region Support": `region` is
    // Optional and Computed, defaulting to the provider's); `tagsAll` is the provider's
    // `defaultTags` under the resource's own `tags`.
    planned: (type, state, provider, has) => {
        if (state.region === undefined && has("region")) state.region = AWS_MOCKS.region!(provider);
        if (has("tagsAll")) state.tagsAll = { ...(provider.inputs.defaultTags?.tags ?? {}), ...(state.tags ?? {}) };
    },
    idPrefixes: {
        "aws:ec2/vpc:Vpc": "vpc",
        "aws:ec2/subnet:Subnet": "subnet",
        "aws:ec2/securityGroup:SecurityGroup": "sg",
        "aws:ec2/instance:Instance": "i",
        "aws:ec2/internetGateway:InternetGateway": "igw",
        "aws:ec2/natGateway:NatGateway": "nat",
        "aws:ec2/eip:Eip": "eipalloc",
        "aws:ec2/routeTable:RouteTable": "rtb",
        "aws:ec2/launchTemplate:LaunchTemplate": "lt",
        "aws:ec2/keyPair:KeyPair": "key",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    },
    created: (
        type: string,
        name: string,
        inputs: Record<string, any>,
        state: Record<string, any>,
        id: string,
        ids: MockIds,
        region: string,
    ) => {
        const service = type.split(":")[1].split("/")[0];
        state.arn = state.arn ?? arn(service, region, `${type.split(":").pop()!.toLowerCase()}/${id}`);
        switch (type) {
            case "aws:lb/loadBalancer:LoadBalancer":
                state.dnsName = `${name}-${id.slice(-6)}.${region}.elb.amazonaws.com`;
                state.zoneId = "Z35SXDOTRQ7X7K";
                state.arnSuffix = `app/${name}/${id}`;
                break;
            case "aws:lb/targetGroup:TargetGroup":
                state.arnSuffix = `targetgroup/${name}/${id}`;
                break;
            case "aws:ec2/subnet:Subnet":
                // A subnet without a zone gets one from EC2; the first of the region here.
                state.availabilityZone = state.availabilityZone ?? `${region}a`;
                break;
            case "aws:ec2/instance:Instance":
                state.privateIp = `10.20.${(parseInt(id.slice(-4), 16) % 200) + 16}.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
                // An instance runs in its subnet's zone.
                state.availabilityZone =
                    state.availabilityZone ?? ids.stateOf(inputs.subnetId)?.availabilityZone ?? `${region}a`;
                if (inputs.associatePublicIpAddress || ids.stateOf(inputs.subnetId)?.mapPublicIpOnLaunch)
                    state.publicIp = ids.nextPublicIp();
                break;
            case "aws:ec2/eip:Eip":
                // An Elastic IP's address and allocation, as EC2 hands them out.
                state.publicIp = ids.nextPublicIp();
                state.publicDns = `ec2-${state.publicIp.replace(/\./g, "-")}.compute-1.amazonaws.com`;
                state.allocationId = id;
                state.domain = state.domain ?? "vpc";
                break;
            case "aws:ec2/natGateway:NatGateway":
                state.publicIp = ids.stateOf(inputs.allocationId)?.publicIp;
                break;
            case "aws:rds/instance:Instance":
                state.address = `${name}.${id}.${region}.rds.amazonaws.com`;
                state.endpoint = `${state.address}:${state.port ?? (inputs.engine === "postgres" ? 5432 : 3306)}`;
                state.port = state.port ?? (inputs.engine === "postgres" ? 5432 : 3306);
                state.masterUserSecrets = state.masterUserSecrets ?? [];
                break;
            case "aws:elasticache/replicationGroup:ReplicationGroup":
                state.primaryEndpointAddress = `master.${name}.${id}.${region}.cache.amazonaws.com`;
                state.readerEndpointAddress = `replica.${name}.${id}.${region}.cache.amazonaws.com`;
                state.port = state.port ?? 6379;
                break;
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2":
                state.bucket = state.bucket ?? `${name}-${id.slice(-8)}`;
                state.bucketDomainName = `${state.bucket}.s3.amazonaws.com`;
                state.bucketRegionalDomainName = `${state.bucket}.s3.${region}.amazonaws.com`;
                state.arn = `arn:aws:s3:::${state.bucket}`;
                break;
            case "aws:cloudfront/distribution:Distribution":
                state.domainName = `${id.slice(-8)}.cloudfront.net`;
                state.hostedZoneId = "Z2FDTNDATAQYW2";
                break;
            case "aws:acm/certificate:Certificate":
                state.domainValidationOptions = [
                    {
                        domainName: inputs.domainName,
                        resourceRecordName: `_${id.slice(-8)}.${inputs.domainName}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${id.slice(-8)}.acm-validations.aws.`,
                    },
                ];
                break;
            case "aws:sqs/queue:Queue":
                // Auto-named like the provider does: the resource name plus a random suffix.
                state.name = state.name ?? `${name}-${id.slice(-7)}`;
                state.url = `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${state.name}`;
                break;
            case "aws:ec2/vpc:Vpc":
                // The Amazon-provided IPv6 block a VPC gets when it asks for one.
                if (inputs.assignGeneratedIpv6CidrBlock)
                    state.ipv6CidrBlock = state.ipv6CidrBlock ?? `2600:1f18:${id.slice(-4)}:ff00::/56`;
                break;
            case "aws:iam/role:Role":
            case "aws:iam/instanceProfile:InstanceProfile":
                state.name = state.name ?? `${name}-${id.slice(-6)}`;
                state.arn = `arn:aws:iam::${ACCOUNT}:${type.includes("role") ? "role" : "instance-profile"}/${state.name}`;
                break;
            case "aws:kms/key:Key":
                // KMS key ids are UUIDs; the ARN names the key by it (aws_kms_key's key_id and arn).
                state.keyId = `${id.slice(-8).padStart(8, "0")}-0000-4000-8000-${id.slice(-12).padStart(12, "0")}`;
                state.arn = arn("kms", region, `key/${state.keyId}`);
                break;
            case "aws:iam/accessKey:AccessKey":
                state.secret = `mock-secret-${id}`;
                break;
        }
    },
    autoname: (type) => AUTONAMED[type],
    calls: {
        "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, _ids, { region }) => ({
            names: ["a", "b", "c"].map((z) => `${region}${z}`),
            zoneIds: ["az1", "az2", "az3"].map((z) => `${zoneIdPrefix(region)}-${z}`),
            id: region,
        }),
        "aws:index/getRegion:getRegion": (inputs, _ids, { region }) => ({
            name: inputs.name ?? region,
            region,
            id: region,
        }),
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({
            accountId: ACCOUNT,
            arn: `arn:aws:iam::${ACCOUNT}:user/mock`,
            userId: "MOCK",
            id: ACCOUNT,
        }),
        "aws:index/getPartition:getPartition": () => ({
            partition: "aws",
            dnsSuffix: "amazonaws.com",
            reverseDnsPrefix: "com.amazonaws",
            id: "aws",
        }),
        // The default VPC, which AWS makes alike in every region of an account: a /16 at
        // 172.31.0.0 (Amazon VPC User Guide, "Default VPCs"). Any other VPC lookup depends on the
        // account, so the mock does not answer it.
        "aws:ec2/getVpc:getVpc": (inputs, _ids, { region }) => {
            const narrowed = ["id", "cidrBlock", "filters", "tags", "state", "dhcpOptionsId"].some(
                (key) => inputs[key] !== undefined,
            );
            if (inputs.default !== true || narrowed) return undefined;
            return {
                id: DEFAULT_VPC_ID,
                arn: arn("ec2", region, `vpc/${DEFAULT_VPC_ID}`),
                cidrBlock: "172.31.0.0/16",
                cidrBlockAssociations: [
                    { associationId: "vpc-cidr-assoc-0d0d0d0d", cidrBlock: "172.31.0.0/16", state: "associated" },
                ],
                default: true,
                enableDnsHostnames: true,
                enableDnsSupport: true,
                instanceTenancy: "default",
                ownerId: ACCOUNT,
                state: "available",
                tags: {},
            };
        },
        "aws:ec2/getAmi:getAmi": () => ({
            id: "ami-0123456789abcdef0",
            imageId: "ami-0123456789abcdef0",
            name: "ubuntu-noble-24.04-amd64-server-mock",
            architecture: "x86_64",
        }),
        "aws:route53/getZone:getZone": (inputs, ids) => ({ zoneId: ids.next("Z"), id: "zone", name: inputs.name }),
        "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
            json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
            id: "policy",
        }),
    },
};
