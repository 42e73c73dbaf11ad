/**
 * Builds the AWS tier under the mock harness for a few representative stacks, once per
 * process (each evaluation runs the whole program), and offers small lookups over the
 * registered resources. Goes through `WebTier` + `awsPlatform` directly, not program.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { evaluate, Evaluation, RegisteredResource } from "../../../tools/harness/evaluate";
import { parseConfig, RawConfig } from "../../../infra/config/parse";
import { WebtierConfig } from "../../../infra/config/types";
import { WebTier } from "../../../infra/webtier";
import { AwsWebTier, createAwsPlatform } from "../../../infra/aws";
import { buildOutputs } from "../../../infra/outputs/build";
import { WebTierResources } from "../../../infra/components";

export const APP_KEY = `base64:${"A".repeat(43)}=`;

const BASE: RawConfig = { cloud: "aws", region: "eu-west-1", appKey: APP_KEY };

/** The stacks the tests look at. */
export const STACKS = {
    /** One server, no domain, MySQL, Redis queue, data unprotected so it can be torn down. */
    dev: {
        ...BASE,
        environment: "dev",
        protectData: "false",
        servers: JSON.stringify({ count: 1 }),
    },
    /** Three servers over three zones, a domain in a Route 53 zone, Postgres, SQS, CDN, SSH allowlist. */
    prod: {
        ...BASE,
        environment: "prod",
        domain: "app.example.com",
        dnsZone: "example.com",
        zones: "3",
        healthCheckPath: "/healthz",
        servers: JSON.stringify({
            count: 3,
            allowSshFrom: ["203.0.113.0/24", "2001:db8::/48"],
            sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockKey ops@example.com",
        }),
        database: JSON.stringify({ engine: "postgres", version: "16" }),
        queue: JSON.stringify({ driver: "sqs" }),
        storage: JSON.stringify({ cdn: true, corsOrigins: ["https://app.example.com"], versionRetentionDays: 90 }),
        alerts: JSON.stringify({
            emails: ["ops@example.com", "oncall@example.com"],
            httpsEndpoint: "https://events.example.net/integration/abc/enqueue",
        }),
    },
    /** A domain whose DNS is hosted elsewhere: validation records for a human, no Route 53. No access logs. */
    staging: {
        ...BASE,
        environment: "staging",
        accessLogDays: "0",
        domain: "staging.example.org",
        servers: JSON.stringify({ count: 2, image: "ami-0abcdef1234567890" }),
    },
} satisfies Record<string, RawConfig>;

export type StackName = keyof typeof STACKS;

export interface Built {
    config: WebtierConfig;
    evaluation: Evaluation;
    resources: RegisteredResource[];
    /** The neutral view, with Outputs (for secrecy checks). */
    tier: WebTierResources;
    /** The AWS components themselves, as the platform hands them over. */
    aws: AwsWebTier;
}

const cache = new Map<StackName, Promise<Built>>();

/** Evaluates one stack (memoised: evaluations run one at a time, each once). */
export function build(stack: StackName): Promise<Built> {
    let pending = cache.get(stack);
    if (!pending) {
        const previous = Promise.all([...cache.values()].map((p) => p.catch(() => undefined)));
        pending = previous.then(async () => {
            const config = parseConfig(STACKS[stack], stack);
            let tier: WebTierResources | undefined;
            let components: AwsWebTier | undefined;
            const platform = createAwsPlatform({}, (built) => {
                components = built;
            });
            const evaluation = await evaluate({
                stack,
                program: () => {
                    const web = new WebTier(config.name, platform, {
                        config,
                        userData: (_endpoints, server, env) =>
                            pulumi.output(
                                `#cloud-config\n# server ${server.index + 1} of ${server.count}\n# env ${JSON.stringify(env)}\n`,
                            ),
                        laravelEnv: (endpoints) =>
                            pulumi.interpolate`APP_KEY=${pulumi.secret(APP_KEY)}\nDB_PASSWORD=${endpoints.database.password}\n`,
                    });
                    tier = web.resources;
                    return buildOutputs(config, web.resources, pulumi.secret(APP_KEY));
                },
            });
            return { config, evaluation, resources: evaluation.resources, tier: tier!, aws: components! };
        });
        cache.set(stack, pending);
    }
    return pending;
}

export function ofType(built: Built, type: string): RegisteredResource[] {
    return built.resources.filter((r) => r.type === type);
}

/** Every resource of `type`, failing when there is none: a loop over them then checks something. */
export function someOf(built: Built, type: string): RegisteredResource[] {
    const found = ofType(built, type);
    if (found.length === 0) throw new Error(`expected at least one ${type}, found none`);
    return found;
}

export function named(built: Built, name: string): RegisteredResource {
    const found = built.resources.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0];
}

/** The resource that owns a mock id or ARN (for following references between resources). */
export function owner(built: Built, idOrArn: unknown): RegisteredResource | undefined {
    const urn = built.evaluation.ids.ownerOf(idOrArn);
    return urn ? built.resources.find((r) => r.urn === urn) : undefined;
}

export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    natGateway: "aws:ec2/natGateway:NatGateway",
    route: "aws:ec2/route:Route",
    routeTable: "aws:ec2/routeTable:RouteTable",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    instance: "aws:ec2/instance:Instance",
    keyPair: "aws:ec2/keyPair:KeyPair",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    certificate: "aws:acm/certificate:Certificate",
    certificateValidation: "aws:acm/certificateValidation:CertificateValidation",
    record: "aws:route53/record:Record",
    rds: "aws:rds/instance:Instance",
    dbParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
    dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
    bucket: "aws:s3/bucket:Bucket",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    cors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    bucketLogging: "aws:s3/bucketLogging:BucketLogging",
    distribution: "aws:cloudfront/distribution:Distribution",
    originAccessControl: "aws:cloudfront/originAccessControl:OriginAccessControl",
    queue: "aws:sqs/queue:Queue",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    randomPassword: "random:index/randomPassword:RandomPassword",
    kmsKey: "aws:kms/key:Key",
    kmsAlias: "aws:kms/alias:Alias",
    parameter: "aws:ssm/parameter:Parameter",
    provider: "pulumi:providers:aws",
} as const;

/** One security-group rule as registered, with group ids resolved to the groups' names. */
export interface RuleView {
    name: string;
    direction: "ingress" | "egress";
    /** The group the rule belongs to, by resource name (for example "prod-app-sg"). */
    group: string;
    fromPort: number;
    toPort: number;
    protocol: string;
    cidrIpv4?: string;
    cidrIpv6?: string;
    /** The referenced group's name, when the peer is a group. */
    peerGroup?: string;
}

export function securityRules(built: Built): RuleView[] {
    return [...ofType(built, T.ingress), ...ofType(built, T.egress)].map((rule) => ({
        name: rule.name,
        direction: rule.type === T.ingress ? "ingress" : "egress",
        group: owner(built, rule.inputs.securityGroupId)?.name ?? `unknown:${rule.inputs.securityGroupId}`,
        fromPort: rule.inputs.fromPort,
        toPort: rule.inputs.toPort,
        protocol: rule.inputs.ipProtocol,
        cidrIpv4: rule.inputs.cidrIpv4,
        cidrIpv6: rule.inputs.cidrIpv6,
        peerGroup: rule.inputs.referencedSecurityGroupId
            ? owner(built, rule.inputs.referencedSecurityGroupId)?.name
            : undefined,
    }));
}

/** True when the rule covers `port` (protocol "-1" covers every port). */
export function coversPort(rule: RuleView, port: number): boolean {
    return rule.protocol === "-1" || (rule.fromPort <= port && port <= rule.toPort);
}
