/**
 * AWS under the harness's mocks: the ids, ARNs and computed outputs (endpoints, addresses, zones)
 * AWS would hand back, and the data sources webtier and typical programs read. Registered in
 * tools/clouds.ts.
 */
import { createHash } from "crypto";
import type { MockIds } from "../mock-state";
import { AutonameRule, autonameOf, ProviderMocks, secretResult, stableUuid } from "../provider-mocks";
import { loadSchemaFile } from "../tf-defaults/file";
import { policyDocumentId, renderPolicyDocument } from "./aws-policy-document";
import { EKS_COMPUTED } from "../aws/eks/computed";
import { MOCK_AMI, publicParameterValue } from "./aws-public-parameters";

/**
 * AWS resources whose name the provider generates, as pulumi-aws 7 declares them: its
 * `setAutonaming` (provider/autonaming.go) gives every resource with a `name` input the bridge's
 * AutoName (255 characters, "-", 7 hex), except where provider/resource_overrides.go (with
 * aliases.go and compatibility.go) says otherwise, as below: another property, limit, separator
 * or alphabet, a lowercased name, a suffix, or none at all (`null`). RDS clusters, subnet and
 * parameter groups, load balancers and most others take the default; a name the default makes
 * too long for the service is refused by the provider's validation (tf-defaults), not cut.
 */
const AUTONAMED: Record<string, AutonameRule | null> = {
    // Not autonamed: a record's name is its DNS name, a directory's its domain.
    "aws:route53/record:Record": null,
    "aws:directoryservice/directory:Directory": null,
    "aws:s3/bucket:Bucket": autonameOf("bucket", 63, true),
    "aws:s3/bucketV2:BucketV2": autonameOf("bucket", 63, true),
    // An object's key is its logical name, as it is.
    "aws:s3/bucketObject:BucketObject": { ...autonameOf("key", 0, false, ""), randomLength: 0 },
    "aws:s3/bucketObjectv2:BucketObjectv2": { ...autonameOf("key", 0, false, ""), randomLength: 0 },
    "aws:ec2/keyPair:KeyPair": autonameOf("keyName"),
    "aws:lb/targetGroup:TargetGroup": autonameOf("name", 32),
    "aws:elasticache/replicationGroup:ReplicationGroup": autonameOf("replicationGroupId", 40, true),
    "aws:elasticache/cluster:Cluster": autonameOf("clusterId", 50, true),
    "aws:elasticsearch/domain:Domain": autonameOf("domainName", 28, true),
    "aws:opensearch/domain:Domain": autonameOf("domainName"),
    "aws:elasticbeanstalk/environment:Environment": autonameOf("name", 40),
    "aws:cloudwatch/eventRule:EventRule": autonameOf("name", 64),
    "aws:cloudwatch/eventTarget:EventTarget": autonameOf("targetId"),
    "aws:efs/fileSystem:FileSystem": autonameOf("creationToken"),
    "aws:eks/nodeGroup:NodeGroup": autonameOf("nodeGroupName"),
    "aws:eks/fargateProfile:FargateProfile": autonameOf("fargateProfileName"),
    "aws:iam/role:Role": autonameOf("name", 64),
    "aws:lambda/function:Function": autonameOf("name", 64),
    "aws:lambda/permission:Permission": autonameOf("statementId", 100),
    "aws:mq/broker:Broker": autonameOf("brokerName", 55),
    "aws:msk/cluster:Cluster": autonameOf("clusterName"),
    "aws:msk/serverlessCluster:ServerlessCluster": autonameOf("clusterName"),
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": autonameOf("name", 255, false, "_"),
    "aws:appsync/function:Function": autonameOf("name", 255, false, "_"),
    "aws:appsync/dataSource:DataSource": autonameOf("name", 255, false, "_"),
    "aws:athena/database:Database": autonameOf("name", 255, false, "_"),
    "aws:codedeploy/deploymentConfig:DeploymentConfig": autonameOf("deploymentConfigName", 100, false, "_"),
    "aws:iot/topicRule:TopicRule": { ...autonameOf("name", 0, false, "_"), randomLength: 0 },
    ...Object.fromEntries(
        [
            ["aws:glue/catalogDatabase:CatalogDatabase", true],
            ["aws:glue/catalogTable:CatalogTable", true],
            ["aws:lex/bot:Bot", false],
            ["aws:lex/botAlias:BotAlias", false],
            ["aws:lex/intent:Intent", false],
            ["aws:lex/slotType:SlotType", false],
        ].map(([type, lowercase]) => [
            type,
            { ...autonameOf("name", 0, lowercase as boolean, "_"), randomLength: 8, alphabet: "letters" },
        ]),
    ),
    "aws:kms/alias:Alias": {
        ...autonameOf("name", 238),
        post: (name) => (name.startsWith("alias/") ? name : `alias/${name}`),
    },
    "aws:sqs/queue:Queue": { ...autonameOf("name", 80), post: fifo("fifoQueue") },
    "aws:sns/topic:Topic": { ...autonameOf("name", 80), post: fifo("fifoTopic") },
};

/** A FIFO queue's or topic's name ends in ".fifo". */
function fifo(flag: string): AutonameRule["post"] {
    return (name, input) => (input(flag) === true ? `${name}.fifo` : name);
}

/**
 * An RDS instance's identifier: the name and 7 hex with no separator, left as written (RDS
 * lowercases it itself); SQL Server's, at most 15 characters, 3 hex.
 */
function rdsIdentifier(input: (key: string) => unknown): AutonameRule {
    const engine = input("engine");
    const sqlServer = typeof engine === "string" && engine.toLowerCase().includes("sqlserver");
    return { ...autonameOf("identifier", sqlServer ? 15 : 255, false, ""), randomLength: sqlServer ? 3 : 7 };
}

const ACCOUNT = "123456789012";

/** The mock's creation time in id.PrefixedUniqueId's form: yyyymmddhhmmss and 4 digits of the second. */
const TERRAFORM_TIMESTAMP = "202612020000000000";

/** The names terraform-provider-aws takes a prefix for (`namePrefix`, `bucketPrefix`, ...). */
const PREFIXED_NAMES = ["name", "bucket", "identifier", "clusterIdentifier", "keyName"];

/** Clusters whose identifier neither Pulumi nor the program names: Terraform names them "tf-...". */
const TERRAFORM_NAMED: Readonly<Record<string, string>> = {
    "aws:rds/cluster:Cluster": "clusterIdentifier",
    "aws:docdb/cluster:Cluster": "clusterIdentifier",
    "aws:neptune/cluster:Cluster": "clusterIdentifier",
};

/**
 * The names terraform-provider-aws generates at create (create.NewNameGenerator): a configured
 * `<field>Prefix` followed by terraform-plugin-sdk's unique id (`id.PrefixedUniqueId`: a UTC
 * timestamp to the 100 microseconds, 18 digits, and an 8-hex-digit counter), or "tf-" and that id
 * for the identifiers no one names. Known after `pulumi up`, unknown in a preview.
 */
function terraformNames(type: string, state: Record<string, any>, ids: MockIds): void {
    const unique = () => `${TERRAFORM_TIMESTAMP}${ids.count("terraform-unique-id").toString(16).padStart(8, "0")}`;
    for (const field of PREFIXED_NAMES) {
        const prefix = state[`${field}Prefix`];
        if (typeof prefix === "string" && state[field] === undefined) state[field] = `${prefix}${unique()}`;
    }
    const field = TERRAFORM_NAMED[type];
    if (field && state[field] === undefined && state[`${field}Prefix`] === undefined) state[field] = `tf-${unique()}`;
}

/** The mock region's zones, as getAvailabilityZones answers: names <region>a.. and ids <prefix>-az1.., in one order. */
const ZONE_LETTERS = ["a", "b", "c"];

/**
 * A subnet's zone, by name and by id, the one from the other as getAvailabilityZones pairs them.
 * EC2 picks the zone of a subnet that names none, which cannot be known before it does: such a
 * subnet gets the zone of the VPC that has the fewest subnets so far, so that no rule refuses what
 * EC2 may well accept (an application load balancer over two subnets, one of them placed by EC2).
 */
function placeSubnet(state: Record<string, any>, region: string, ids: MockIds): void {
    const byId = typeof state.availabilityZoneId === "string" ? /-az(\d+)$/.exec(state.availabilityZoneId) : null;
    if (state.availabilityZone === undefined && byId)
        state.availabilityZone = `${region}${ZONE_LETTERS[(Number(byId[1]) - 1) % ZONE_LETTERS.length]}`;
    const used = (zone: string) => `subnets:${String(state.vpcId)}:${zone}`;
    if (state.availabilityZone === undefined) {
        const zones = ZONE_LETTERS.map((z) => `${region}${z}`);
        state.availabilityZone = zones.reduce((least, zone) =>
            ids.counted(used(zone)) < ids.counted(used(least)) ? zone : least,
        );
    }
    ids.count(used(String(state.availabilityZone)));
    const letter = ZONE_LETTERS.indexOf(String(state.availabilityZone).slice(region.length));
    if (state.availabilityZoneId === undefined && letter >= 0)
        state.availabilityZoneId = `${zoneIdPrefix(region)}-az${letter + 1}`;
}
/** The mock account's default VPC (aws:ec2/getVpc with default: true). */
const DEFAULT_VPC_ID = "vpc-0d0d0d0d0d0d0d0d0";

/** The keys of a CloudFormation template's Outputs, in JSON or YAML (its top-level mapping). */
function templateOutputKeys(body: unknown): string[] {
    if (typeof body !== "string") return [];
    try {
        const outputs = (JSON.parse(body) as { Outputs?: Record<string, unknown> }).Outputs;
        return outputs ? Object.keys(outputs) : [];
    } catch {
        // YAML, whose short-form functions (!Ref, !GetAtt) a plain YAML reader refuses: the keys
        // one level under a top-level "Outputs:".
        const lines = body.split("\n");
        const start = lines.findIndex((line) => /^Outputs:\s*$/.test(line.trimEnd()) || /^\s*Outputs:\s*$/.test(line));
        if (start < 0) return [];
        const base = lines[start].search(/\S/);
        const keys: string[] = [];
        let child: number | undefined;
        for (const line of lines.slice(start + 1)) {
            if (!line.trim() || line.trim().startsWith("#")) continue;
            const indent = line.search(/\S/);
            if (indent <= base) break;
            child ??= indent;
            const key = indent === child ? /^\s*([A-Za-z0-9]+):/.exec(line)?.[1] : undefined;
            if (key) keys.push(key);
        }
        return keys;
    }
}

/** The id of a VPC's main route table, which EC2 makes with the VPC. */
const mainRouteTableId = (vpcId: string) => `rtb-main-${vpcId.replace(/^vpc-/, "")}`;

/**
 * The id of a VPC's default security group, which EC2 makes with the VPC: the VPC reports it
 * (`defaultSecurityGroupId`) and `aws.ec2.DefaultSecurityGroup` adopts that group (its id).
 */
const defaultSecurityGroupId = (vpcId: string) => `sg-default-${vpcId.replace(/^vpc-/, "")}`;

type Route = Record<string, unknown>;

/** A route table's routes, the local route aside: its inline routes and the aws.ec2.Route resources in it. */
function routesOf(tableId: string, inline: unknown, ids: MockIds): Route[] {
    const routes = Array.isArray(inline) ? (inline as Route[]).filter((r) => r.gatewayId !== "local") : [];
    for (const { state } of ids.created("aws:ec2/route:Route"))
        if (state.routeTableId === tableId) {
            const { routeTableId: _table, ...route } = state;
            routes.push({
                ...route,
                cidrBlock: route.destinationCidrBlock,
                ipv6CidrBlock: route.destinationIpv6CidrBlock,
            });
        }
    return routes;
}

/** aws:ec2/getRouteTable by subnetId or routeTableId, among the program's tables and the default VPC's main one. */
function routeTableLookup(inputs: Record<string, any>, ids: MockIds): Record<string, any> | undefined {
    const narrowed = ["filters", "tags", "vpcId", "gatewayId"].some((key) => inputs[key] !== undefined);
    if (narrowed) return undefined;
    const answer = (routeTableId: string, vpcId: string, routes: Route[]) => ({
        id: routeTableId,
        routeTableId,
        vpcId,
        ownerId: ACCOUNT,
        routes,
        ...(inputs.subnetId !== undefined ? { subnetId: inputs.subnetId } : {}),
    });
    let tableId = typeof inputs.routeTableId === "string" ? inputs.routeTableId : undefined;
    if (tableId === undefined && typeof inputs.subnetId === "string") {
        const subnetId = inputs.subnetId;
        const own = ids.created("aws:ec2/subnet:Subnet").some((s) => s.id === subnetId);
        if (!own && !/^subnet-0d0d0d0d0d0d0d0d[a-z]$/.test(subnetId)) return undefined;
        tableId = ids
            .created("aws:ec2/routeTableAssociation:RouteTableAssociation")
            .find((a) => a.state.subnetId === subnetId)?.state.routeTableId;
        if (tableId === undefined) throw new Error("no matching EC2 Route Table found");
    }
    if (tableId === undefined) return undefined;
    if (tableId === mainRouteTableId(DEFAULT_VPC_ID))
        // The default VPC's main table routes everything else to its internet gateway.
        return answer(tableId, DEFAULT_VPC_ID, [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0d0d0d0d0d0d0d0d0" }]);
    const vpc = ids.created("aws:ec2/vpc:Vpc").find((v) => mainRouteTableId(v.id) === tableId);
    if (vpc) return answer(tableId, vpc.id, routesOf(tableId, [], ids));
    const table = ids.stateOf(tableId);
    if (!table || !ids.created("aws:ec2/routeTable:RouteTable").some((t) => t.id === tableId)) return undefined;
    return answer(tableId, String(table.vpcId), routesOf(tableId, table.routes, ids));
}

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
    // pulumi-aws bridges terraform-provider-aws.
    bridged: true,
    // A DefaultSecurityGroup is the group EC2 made with its VPC (the default VPC's without vpcId).
    id: (type, inputs, ids) => {
        if (type !== "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") return undefined;
        ids.next("sg");
        return defaultSecurityGroupId(typeof inputs.vpcId === "string" ? inputs.vpcId : DEFAULT_VPC_ID);
    },
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
        terraformNames(type, state, ids);
        switch (type) {
            case "aws:lb/loadBalancer:LoadBalancer":
                state.dnsName = `${name}-${id.slice(-6)}.${region}.elb.amazonaws.com`;
                state.zoneId = "Z35SXDOTRQ7X7K";
                state.arnSuffix = `app/${name}/${id}`;
                break;
            case "aws:lb/targetGroup:TargetGroup":
                state.arnSuffix = `targetgroup/${name}/${id}`;
                break;
            case "aws:elb/loadBalancer:LoadBalancer":
                state.dnsName = `${name}-${id.slice(-6)}.${region}.elb.amazonaws.com`;
                // The group instances admit the balancer by (ELB's SourceSecurityGroup): in a VPC, the
                // first of the groups it was given. (Given none, EC2 makes one the stack does not know.)
                if (Array.isArray(inputs.securityGroups) && typeof inputs.securityGroups[0] === "string")
                    state.sourceSecurityGroupId = inputs.securityGroups[0];
                break;
            case "aws:ec2/subnet:Subnet":
                placeSubnet(state, region, ids);
                break;
            case "aws:ec2/instance:Instance": {
                state.privateIp = `10.20.${(parseInt(id.slice(-4), 16) % 200) + 16}.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
                // An instance launched on a network interface of its own is in that interface's subnet,
                // which the provider reports as the instance's subnetId.
                const primary =
                    inputs.primaryNetworkInterface?.networkInterfaceId ??
                    (
                        inputs.networkInterfaces as { deviceIndex?: number; networkInterfaceId?: string }[] | undefined
                    )?.find((nic) => Number(nic.deviceIndex) === 0)?.networkInterfaceId;
                // Its primary interface: the one it was launched on, else the one EC2 creates for it.
                state.primaryNetworkInterfaceId = primary ?? `eni-${id.replace(/^i-/, "")}`;
                const subnetId = inputs.subnetId ?? ids.stateOf(primary)?.subnetId;
                if (state.subnetId === undefined && subnetId !== undefined) state.subnetId = subnetId;
                // An instance runs in its subnet's zone.
                state.availabilityZone =
                    state.availabilityZone ?? ids.stateOf(subnetId)?.availabilityZone ?? `${region}a`;
                if (inputs.associatePublicIpAddress || ids.stateOf(inputs.subnetId)?.mapPublicIpOnLaunch)
                    state.publicIp = ids.nextPublicIp();
                break;
            }
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
            // terraform-provider-aws' formats: a function's invoke ARN (lambdaFunctionInvokeARN),
            // a REST API's execution ARN and a stage's invoke URL, which API Gateway integrations
            // and Lambda permissions are built from.
            case "aws:lambda/function:Function":
                state.arn = `arn:aws:lambda:${region}:${ACCOUNT}:function:${state.name ?? name}`;
                state.qualifiedArn = `${state.arn}:$LATEST`;
                state.invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${state.arn}/invocations`;
                state.version = "$LATEST";
                break;
            case "aws:apigateway/restApi:RestApi":
                state.arn = `arn:aws:apigateway:${region}::/restapis/${id}`;
                state.executionArn = `arn:aws:execute-api:${region}:${ACCOUNT}:${id}`;
                state.rootResourceId = id.slice(-10);
                break;
            case "aws:apigateway/stage:Stage":
                state.arn = `arn:aws:apigateway:${region}::/restapis/${inputs.restApi}/stages/${inputs.stageName}`;
                state.executionArn = `arn:aws:execute-api:${region}:${ACCOUNT}:${inputs.restApi}/${inputs.stageName}`;
                state.invokeUrl = `https://${inputs.restApi}.execute-api.${region}.amazonaws.com/${inputs.stageName}`;
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
                state.defaultSecurityGroupId = defaultSecurityGroupId(id);
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
            case "aws:eks/cluster:Cluster":
            case "aws:ec2/launchTemplate:LaunchTemplate":
                EKS_COMPUTED[type](state, id, region);
                break;
            // A stack's outputs are its template's Outputs, each as CloudFormation names what a
            // `!Ref` gives: the stack's name, the key and a random suffix (the eks provider's node
            // group outputs its autoscaling group's physical name so).
            case "aws:cloudformation/stack:Stack": {
                const keys = templateOutputKeys(inputs.templateBody);
                if (keys.length > 0 && state.outputs === undefined)
                    state.outputs = Object.fromEntries(
                        keys.map((key) => [
                            key,
                            `${state.name ?? name}-${key}-${id
                                .replace(/[^0-9a-f]/g, "")
                                .slice(-12)
                                .toUpperCase()}`,
                        ]),
                    );
                break;
            }
        }
    },
    autoname: (type, hasInput, input) => {
        if (type === "aws:rds/instance:Instance") return rdsIdentifier(input);
        if (type in AUTONAMED) return AUTONAMED[type] ?? undefined;
        return hasInput("name") ? autonameOf("name") : undefined;
    },
    calls: {
        "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, _ids, { region }) => ({
            names: ZONE_LETTERS.map((z) => `${region}${z}`),
            zoneIds: ZONE_LETTERS.map((_, i) => `${zoneIdPrefix(region)}-az${i + 1}`),
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
        // The default VPC's subnets, one default subnet per zone as EC2 makes them; the subnets of
        // any other VPC, or picked by tags, are the account's and stay unanswered.
        "aws:ec2/getSubnets:getSubnets": (inputs, _ids, { region }) => {
            const filters = (inputs.filters ?? []) as { name?: string; values?: string[] }[];
            const known = ["vpc-id", "default-for-az", "availability-zone", "availabilityZone"];
            if (filters.some((f) => !known.includes(f.name ?? "")) || inputs.tags) return undefined;
            const inDefault = filters.some((f) => f.name === "vpc-id" && (f.values ?? []).includes(DEFAULT_VPC_ID));
            const defaultForAz = filters.some((f) => f.name === "default-for-az" && (f.values ?? []).includes("true"));
            if (!inDefault && !defaultForAz) return undefined;
            const zones = filters.find((f) => f.name === "availability-zone" || f.name === "availabilityZone")?.values;
            const letters = ZONE_LETTERS.filter((z) => !zones || zones.includes(`${region}${z}`));
            return { ids: letters.map((z) => `subnet-0d0d0d0d0d0d0d0d${z}`), id: region, filters: inputs.filters };
        },
        // One subnet by id: one the program created, as the mocks made it, or a default subnet of
        // the default VPC, as EC2 makes them: a /20 per zone from 172.31.0.0 in zone order, public
        // (Amazon VPC User Guide, "Default subnets"). awsx reads each default subnet this way to
        // tell public from private ones, and a balancer's first subnet for its VPC. Any other
        // subnet is the account's and stays unanswered.
        "aws:ec2/getSubnet:getSubnet": (inputs, ids, { region }) => {
            const narrowed = ["filters", "tags", "vpcId", "cidrBlock", "availabilityZone", "defaultForAz"].some(
                (key) => inputs[key] !== undefined,
            );
            const created = String(inputs.id ?? "").startsWith("subnet-") ? ids.stateOf(inputs.id) : undefined;
            if (!narrowed && created) {
                const fields = ["arn", "vpcId", "availabilityZone", "availabilityZoneId", "cidrBlock", "ipv6CidrBlock"];
                return {
                    ...Object.fromEntries(fields.map((key) => [key, created[key]])),
                    id: inputs.id,
                    defaultForAz: false,
                    mapPublicIpOnLaunch: created.mapPublicIpOnLaunch === true,
                    assignIpv6AddressOnCreation: created.assignIpv6AddressOnCreation === true,
                    ownerId: ACCOUNT,
                    state: "available",
                    tags: created.tags ?? {},
                };
            }
            const match = /^subnet-0d0d0d0d0d0d0d0d([a-z])$/.exec(String(inputs.id ?? ""));
            const index = match ? ZONE_LETTERS.indexOf(match[1]) : -1;
            if (narrowed || index < 0) return undefined;
            return {
                id: inputs.id,
                arn: arn("ec2", region, `subnet/${inputs.id}`),
                vpcId: DEFAULT_VPC_ID,
                availabilityZone: `${region}${ZONE_LETTERS[index]}`,
                availabilityZoneId: `${zoneIdPrefix(region)}-az${index + 1}`,
                cidrBlock: `172.31.${index * 16}.0/20`,
                defaultForAz: true,
                mapPublicIpOnLaunch: true,
                assignIpv6AddressOnCreation: false,
                ownerId: ACCOUNT,
                state: "available",
                tags: {},
            };
        },
        // AWS's own prefix lists (CloudFront's origin-facing ranges, S3's, DynamoDB's) by name: an id
        // a rule can name; their entries are AWS's and change, so none are given. The account's
        // own lists stay unanswered.
        "aws:ec2/getManagedPrefixList:getManagedPrefixList": (inputs, _ids, { region }) => {
            const name = typeof inputs.name === "string" ? inputs.name : undefined;
            if (!name?.startsWith("com.amazonaws.")) return undefined;
            const id = `pl-${createHash("sha256").update(`${region}/${name}`).digest("hex").slice(0, 8)}`;
            return {
                id,
                name,
                arn: `arn:aws:ec2:${region}:aws:prefix-list/${id}`,
                addressFamily: "IPv4",
                ownerId: "AWS",
                entries: [],
            };
        },
        // An issued certificate for the domain looked up (a lookup that finds none fails the
        // engine's run instead); its ARN is stable per region and domain, its PEM the account's.
        "aws:acm/getCertificate:getCertificate": (inputs, _ids, { region }) => {
            const domain = typeof inputs.domain === "string" ? inputs.domain : undefined;
            if (!domain) return undefined;
            const certificateArn = arn("acm", region, `certificate/${stableUuid(`${region}/${domain}`)}`);
            return { arn: certificateArn, id: certificateArn, domain, region, status: "ISSUED", tags: {} };
        },
        // AWS's public parameters that name a machine image, in the shapes AWS publishes them
        // (aws-public-parameters.ts). The account's own parameters stay unanswered.
        "aws:ssm/getParameter:getParameter": (inputs, _ids, { region }) => {
            const name = typeof inputs.name === "string" ? inputs.name : "";
            const value = publicParameterValue(name);
            if (value === undefined) return undefined;
            return {
                name,
                id: name,
                arn: `arn:aws:ssm:${region}::parameter${name}`,
                type: "String",
                value,
                insecureValue: value,
                version: 1,
            };
        },
        // The one image the mocks know, with the root device Amazon Linux and the EKS- and
        // ECS-optimized images have (the eks provider sizes a node's root volume by its name).
        "aws:ec2/getAmi:getAmi": () => ({
            id: MOCK_AMI,
            imageId: MOCK_AMI,
            name: "ubuntu-noble-24.04-amd64-server-mock",
            architecture: "x86_64",
            rootDeviceName: "/dev/xvda",
            blockDeviceMappings: [
                { deviceName: "/dev/xvda", ebs: { volumeSize: "20", volumeType: "gp3", deleteOnTermination: "true" } },
            ],
        }),
        // A subnet's route table (terraform-provider-aws aws_route_table, filtered by
        // association.subnet-id or route-table-id) among those the program created, or the default
        // VPC's main table; routes as the table holds them, inline and aws.ec2.Route alike, the
        // local route left out as the provider leaves it. A subnet with no table of its own fails
        // the lookup ("no matching route table found"), as EC2 lists none for it: the caller then
        // asks for its VPC's main table (getRouteTables, association.main).
        "aws:ec2/getRouteTable:getRouteTable": (inputs, ids) => routeTableLookup(inputs, ids),
        "aws:ec2/getRouteTables:getRouteTables": (inputs, ids, { region }) => {
            const filters = (inputs.filters ?? []) as { name?: string; values?: string[] }[];
            const main = filters.some((f) => f.name === "association.main" && (f.values ?? []).includes("true"));
            const vpcId = typeof inputs.vpcId === "string" ? inputs.vpcId : undefined;
            if (!main || !vpcId || filters.length !== 1 || inputs.tags) return undefined;
            if (vpcId !== DEFAULT_VPC_ID && !ids.stateOf(vpcId)) return undefined;
            return { id: region, ids: [mainRouteTableId(vpcId)], vpcId, filters: inputs.filters };
        },
        // A registry's Docker credentials (terraform-provider-aws aws_ecr_authorization_token, from
        // ECR's GetAuthorizationToken): the token is base64 of "AWS:<password>", valid 12 hours,
        // for the registry of the account asked (the caller's by default); the token and the
        // password are sensitive in the provider's schema, so the engine hands them out as secrets.
        "aws:ecr/getAuthorizationToken:getAuthorizationToken": (inputs, _ids, { region }) => {
            const registryId = typeof inputs.registryId === "string" ? inputs.registryId : ACCOUNT;
            const password = `mock-ecr-password-${createHash("sha256").update(`${registryId}/${region}`).digest("hex").slice(0, 32)}`;
            return {
                id: region,
                region,
                ...(inputs.registryId !== undefined ? { registryId: inputs.registryId } : {}),
                userName: "AWS",
                password: secretResult(password),
                authorizationToken: secretResult(Buffer.from(`AWS:${password}`).toString("base64")),
                proxyEndpoint: `https://${registryId}.dkr.ecr.${region}.amazonaws.com`,
                expiresAt: new Date(Date.now() + 12 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
            };
        },
        "aws:route53/getZone:getZone": (inputs, ids) => ({ zoneId: ids.next("Z"), id: "zone", name: inputs.name }),
        // Computed by the provider itself, with no cloud call: rendered as it renders it.
        "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
            const { json, minifiedJson } = renderPolicyDocument(inputs);
            return { json, minifiedJson, id: policyDocumentId(json) };
        },
    },
};
