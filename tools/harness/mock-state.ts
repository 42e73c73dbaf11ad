/**
 * What the mocks hand back for a resource or an invoke: the inputs plus the computed
 * fields a real provider would fill in (ids, ARNs, endpoints, addresses), so that programs
 * that read them evaluate the way they do under the engine. Ids and ARNs are unique and
 * recorded, so the policy check can map them back to the resource that owns them.
 */

import { autoname, autonameRuleFor } from "./autonaming";

/** Maps the ids and ARNs the mocks handed out to the URN of the resource that owns them. */
export class MockIds {
    private counter = 0;
    private readonly owners = new Map<string, string>();

    next(prefix: string): string {
        this.counter += 1;
        return `${prefix}-${this.counter.toString(16).padStart(8, "0")}`;
    }

    private readonly states = new Map<string, Record<string, any>>();

    own(id: string | undefined, state: Record<string, any>, urn: string): void {
        if (id) {
            this.owners.set(id, urn);
            this.states.set(id, state);
        }
        for (const key of ["arn", "urn", "uid"]) {
            const value = state?.[key];
            if (typeof value === "string" && value && !this.owners.has(value)) this.owners.set(value, urn);
        }
    }

    /** The state a mock handed out with this id (a subnet's zone for the instance placed in it). */
    stateOf(id: unknown): Record<string, any> | undefined {
        return typeof id === "string" ? this.states.get(id) : undefined;
    }

    /** A public IPv4 address the provider would allocate, unique in this evaluation (TEST-NET-1). */
    nextPublicIp(): string {
        this.publicIps += 1;
        return `192.0.2.${(this.publicIps % 250) + 4}`;
    }
    private publicIps = 0;

    /** The URN of the resource whose id or ARN this is, if a mock handed it out. */
    ownerOf(value: unknown): string | undefined {
        return typeof value === "string" ? this.owners.get(value) : undefined;
    }
}

interface Context {
    preview: boolean;
    project: string;
    stack: string;
}

const ACCOUNT = "123456789012";

function arn(service: string, region: string, resource: string): string {
    return `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
}

/** The id prefix a real provider would use, so the ids read naturally in reports. */
function idPrefix(type: string): string {
    const known: Record<string, string> = {
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
    };
    return known[type] ?? type.split(":").pop()!.toLowerCase();
}

/**
 * The id a real provider would hand out: DigitalOcean droplets have numeric ids (the load
 * balancer and firewalls take them as numbers) and a tag's id is its name; others get a
 * readable prefixed id.
 */
function mockId(type: string, inputs: Record<string, any>, ids: MockIds): string {
    if (type === "digitalocean:index/droplet:Droplet") return String(500000000 + parseInt(ids.next("d").slice(2), 16));
    if (type === "digitalocean:index/tag:Tag" && typeof inputs.name === "string") {
        ids.next("tag");
        return inputs.name;
    }
    return ids.next(idPrefix(type));
}

/** Inputs plus computed outputs for one resource. */
export function mockState(
    type: string,
    name: string,
    inputs: Record<string, any>,
    ids: MockIds,
    context: Context,
): { id: string; state: Record<string, any> } {
    const id = mockId(type, inputs, ids);
    const region = inputs.region ?? "us-east-1";
    const state: Record<string, any> = { ...inputs };
    // A name the program left out is the provider's (autonaming.ts): evaluate() fills it in before
    // this, as the provider's Check does; other callers get it here.
    const rule = autonameRuleFor(type);
    const generated = rule && state[rule.field] === undefined ? autoname(name, rule) : undefined;
    if (rule && generated !== undefined) state[rule.field] = generated;
    if (context.preview) {
        // During a preview the provider knows nothing it computes; ids are still handed out
        // by the mock monitor, but no endpoint or address is.
        return { id, state };
    }
    const [pkg] = type.split(":");
    if (pkg === "aws") {
        const service = type.split(":")[1].split("/")[0];
        state.arn = state.arn ?? arn(service, region, `${type.split(":").pop()!.toLowerCase()}/${id}`);
        state.tagsAll = state.tags ?? {};
    }
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
        case "digitalocean:index/droplet:Droplet":
            state.ipv4Address = `203.0.113.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
            state.ipv4AddressPrivate = `10.20.0.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
            state.urn = `do:droplet:${id}`;
            break;
        case "digitalocean:index/loadBalancer:LoadBalancer":
            state.ip = `198.51.100.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
            state.loadBalancerUrn = `do:loadbalancer:${id}`;
            break;
        case "digitalocean:index/databaseCluster:DatabaseCluster": {
            const port = inputs.engine === "pg" ? 25060 : inputs.engine === "mysql" ? 25060 : 25061;
            state.host = `${name}-do-user-0.db.ondigitalocean.com`;
            state.privateHost = `private-${state.host}`;
            state.port = port;
            // Valkey and Redis clusters have a single ACL user, "default"; SQL engines an admin.
            state.user = inputs.engine === "valkey" || inputs.engine === "redis" ? "default" : "doadmin";
            state.password = `mock-password-${id}`;
            state.database = "defaultdb";
            state.uri = `${inputs.engine}://doadmin:mock-password-${id}@${state.host}:${port}/defaultdb`;
            state.privateUri = state.uri.replace(state.host, state.privateHost);
            state.clusterUrn = `do:dbaas:${id}`;
            state.urn = state.clusterUrn;
            break;
        }
        case "digitalocean:index/databaseUser:DatabaseUser":
            state.password = `mock-password-${id}`;
            break;
        case "digitalocean:index/spacesBucket:SpacesBucket":
            state.bucketDomainName = `${inputs.name ?? name}.${inputs.region ?? "nyc3"}.digitaloceanspaces.com`;
            state.endpoint = `${inputs.region ?? "nyc3"}.digitaloceanspaces.com`;
            state.urn = `do:space:${inputs.name ?? name}`;
            break;
        case "digitalocean:index/cdn:Cdn":
            state.endpoint = `${id.slice(-8)}.cdn.digitaloceanspaces.com`;
            break;
        case "digitalocean:index/spacesKey:SpacesKey":
            state.accessKey = `DO00${id.slice(-8).toUpperCase()}`;
            state.secretKey = `mock-secret-${id}`;
            break;
        case "digitalocean:index/vpc:Vpc":
            state.urn = `do:vpc:${id}`;
            break;
        case "digitalocean:index/certificate:Certificate":
            state.uuid = id;
            break;
        case "digitalocean:index/sshKey:SshKey":
            state.fingerprint = `mock:${id}`;
            break;
        case "random:index/randomPassword:RandomPassword":
        case "random:index/randomString:RandomString":
            state.result = `mock-${name}-${"x".repeat(Math.max(0, (inputs.length ?? 16) - name.length - 5))}`.slice(
                0,
                inputs.length ?? 32,
            );
            break;
        case "random:index/randomId:RandomId":
            state.hex = id.slice(-8);
            state.b64Url = id.slice(-8);
            state.dec = String(parseInt(id.slice(-8), 16));
            break;
    }
    return { id, state };
}

/** Results of the data-source invokes webtier and typical programs make. */
export function mockCall(token: string, inputs: Record<string, any>, ids: MockIds): Record<string, any> {
    switch (token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const region = inputs.region ?? "us-east-1";
            return {
                names: ["a", "b", "c"].map((z) => `${region}${z}`),
                zoneIds: ["az1", "az2", "az3"].map((z) => `use1-${z}`),
                id: region,
            };
        }
        case "aws:index/getRegion:getRegion":
            return { name: inputs.name ?? "us-east-1", region: inputs.region ?? "us-east-1", id: "us-east-1" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/mock`, userId: "MOCK", id: ACCOUNT };
        case "aws:ec2/getAmi:getAmi":
            return {
                id: "ami-0123456789abcdef0",
                imageId: "ami-0123456789abcdef0",
                name: "ubuntu-noble-24.04-amd64-server-mock",
                architecture: "x86_64",
            };
        case "aws:route53/getZone:getZone":
            return { zoneId: ids.next("Z"), id: "zone", name: inputs.name };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return {
                json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
                id: "policy",
            };
        case "digitalocean:index/getDatabaseCa:getDatabaseCa":
            return {
                clusterId: inputs.clusterId,
                certificate: `-----BEGIN CERTIFICATE-----\nMOCK-CA-FOR-${inputs.clusterId}\n-----END CERTIFICATE-----\n`,
                id: inputs.clusterId,
            };
        case "digitalocean:index/getDomain:getDomain":
            return { name: inputs.name, id: inputs.name, urn: `do:domain:${inputs.name}` };
        default:
            return {};
    }
}
