import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AppEndpoints, ServerInfo, applyTransform, Transform, UserDataRenderer } from "../components";
import { WebtierConfig } from "../config/types";
import { serverZone } from "../network-plan";
import { serverSize } from "../sizing";
import {
    ec2AssumeRolePolicy,
    queueAccessPolicy,
    serverSecretsPolicy,
    SSM_MANAGED_POLICY_ARN,
    uploadsAccessPolicy,
} from "./iam-documents";
import { ServerSecrets } from "./secrets";
import { ec2UserDataBase64 } from "../bootstrap/compress";
import { buildOneAtATime, HealthGate, HealthGateArgs, HealthGateSettings } from "../health-gate/gate";
import { awsGateBalancer, awsHealthGateProvider } from "./health-gate";
import { nameTag } from "./tags";

/** Canonical's AWS account, the publisher of the official Ubuntu images. */
export const CANONICAL_OWNER_ID = "099720109477";
/** The official Ubuntu 24.04 LTS (Noble) amd64 server images on gp3 EBS. */
export const UBUNTU_2404_NAME_FILTER = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*";

/** Root volume size in GiB: the OS, PHP, Composer's vendor tree and a few releases with room to spare. */
export const ROOT_VOLUME_GB = 20;

export interface ServersArgs {
    /** The validated stack config; reads `servers`. */
    config: WebtierConfig;
    /** Private subnets, in zone order; server i goes to zone i mod zones. */
    subnetIds: pulumi.Input<string>[];
    /** Zone names matching `subnetIds`. */
    zoneNames: pulumi.Input<string>[];
    /** The app security group (its rules are added by rules.ts). */
    securityGroupId: pulumi.Input<string>;
    /** Every server registers in this target group on port 80. */
    targetGroupArn: pulumi.Input<string>;
    /** The uploads bucket the servers read and write through their instance role. */
    bucketArn: pulumi.Input<string>;
    /** The uploads bucket's KMS key, when it has one. Default: none (SSE-S3). */
    kmsKeyArn?: pulumi.Input<string>;
    /** The SQS queue the workers consume, when the queue driver is sqs. Default: none. */
    queueArn?: pulumi.Input<string>;
    /** The shared services every server's bootstrap needs. */
    endpoints: AppEndpoints;
    /** Renders each server's cloud-init (text; sent gzip-compressed through `userDataBase64`). */
    userData: UserDataRenderer;
    /**
     * Where the servers' `.env` is kept (a SecureString parameter, infra/aws/secrets.ts): the role
     * may read it, the user data names it. Required: the user data never carries the .env.
     */
    secrets: Pick<ServerSecrets, "envParameterName" | "envParameter" | "pathArn" | "key">;
    /**
     * Resources the balancer needs before it routes to the target group: its forwarding listener
     * (HTTPS, which waits for the certificate, or HTTP without a domain). Health gates wait for
     * them, since every target of a group no listener uses is `unused`, never healthy. Default: none.
     */
    balancerReady?: pulumi.Resource[];
    /** Escape hatches for the servers' children. */
    transform?: {
        /** Called for every server with its args. */
        instance?: Transform<aws.ec2.InstanceArgs>;
        role?: Transform<aws.iam.RoleArgs>;
        healthGate?: Transform<HealthGateArgs>;
    };
}

/**
 * The app servers: `servers.count` EC2 instances in the private subnets, spread round robin
 * over the zones, each registered in the balancer's target group. No public address and no
 * SSH needed: the instance role lets Systems Manager in, and reach the uploads bucket (and
 * SQS queue) without static keys. IMDSv2 only, encrypted root volume. The .env lives in
 * Parameter Store (`args.secrets`), read through the role; the user data carries no secret.
 *
 * Replacement keeps capacity: servers are replaced create-before-delete (never
 * deleteBeforeReplace); each new server is registered in the target group next to the old
 * one; its health gate (`${name}-app-<i>-healthy`, unless webtier:servers.healthGate is false)
 * waits until the target group reports it healthy; and server i+1 depends on gate i. So
 * replacements come up one at a time, each serving before the next starts, and the old
 * servers, still serving meanwhile, are deregistered and terminated only at the end of the
 * update. A server that never gets healthy fails its gate and stops the update there.
 */
export class Servers extends pulumi.ComponentResource {
    public readonly instances: aws.ec2.Instance[];
    public readonly attachments: aws.lb.TargetGroupAttachment[];
    /** One per server, when gates are on. */
    public readonly healthGates: HealthGate[];
    public readonly role: aws.iam.Role;
    public readonly instanceProfile: aws.iam.InstanceProfile;
    public readonly keyPair?: aws.ec2.KeyPair;
    /** The neutral view the outputs use. */
    public readonly servers: ServerInfo[];

    constructor(name: string, args: ServersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Servers", name, {}, opts);
        const { config } = args;
        const t = args.transform ?? {};
        const parent = { parent: this };
        const { count, image, sshPublicKey } = config.servers;

        this.role = new aws.iam.Role(
            `${name}-app-role`,
            applyTransform<aws.iam.RoleArgs>(
                {
                    description: `webtier ${name}: app servers`,
                    assumeRolePolicy: JSON.stringify(ec2AssumeRolePolicy()),
                    tags: nameTag(`${name}-app-role`),
                },
                t.role,
            ),
            parent,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-app-ssm`,
            { role: this.role.name, policyArn: SSM_MANAGED_POLICY_ARN },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-app-uploads`,
            {
                role: this.role.name,
                policy: pulumi
                    .all([args.bucketArn, args.kmsKeyArn])
                    .apply(([bucketArn, kmsKeyArn]) => JSON.stringify(uploadsAccessPolicy(bucketArn, kmsKeyArn))),
            },
            parent,
        );
        if (args.queueArn) {
            new aws.iam.RolePolicy(
                `${name}-app-queue`,
                {
                    role: this.role.name,
                    policy: pulumi
                        .output(args.queueArn)
                        .apply((queueArn) => JSON.stringify(queueAccessPolicy(queueArn))),
                },
                parent,
            );
        }
        const secretsAccess = new aws.iam.RolePolicy(
            `${name}-app-secrets`,
            {
                role: this.role.name,
                policy: pulumi
                    .all([args.secrets.pathArn, args.secrets.key.arn])
                    .apply(([pathArn, keyArn]) => JSON.stringify(serverSecretsPolicy(pathArn, keyArn, config.region))),
            },
            parent,
        );
        const envDelivery = { kind: "parameter" as const, name: args.secrets.envParameterName, region: config.region };
        this.instanceProfile = new aws.iam.InstanceProfile(`${name}-app-profile`, { role: this.role.name }, parent);

        if (sshPublicKey) {
            this.keyPair = new aws.ec2.KeyPair(
                `${name}-key`,
                { publicKey: sshPublicKey, tags: nameTag(`${name}-key`) },
                parent,
            );
        }

        // Unpinned: the newest Ubuntu 24.04 at creation time, then kept (see ignoreChanges below).
        const ami =
            image ??
            aws.ec2.getAmiOutput(
                {
                    owners: [CANONICAL_OWNER_ID],
                    mostRecent: true,
                    filters: [
                        { name: "name", values: [UBUNTU_2404_NAME_FILTER] },
                        { name: "architecture", values: ["x86_64"] },
                        { name: "virtualization-type", values: ["hvm"] },
                    ],
                },
                parent,
            ).id;

        const gates: HealthGateSettings | undefined = config.servers.healthGate
            ? {
                  provider: awsHealthGateProvider,
                  balancer: awsGateBalancer(config.region, args.targetGroupArn),
                  timeoutSeconds: config.servers.healthGateTimeoutMinutes * 60,
                  dependsOn: args.balancerReady,
                  transform: t.healthGate,
              }
            : undefined;
        const sequenced = buildOneAtATime(
            count,
            gates,
            (index, after) => {
                const serverName = `${name}-app-${index + 1}`;
                const zone = serverZone(index, args.subnetIds.length);
                const instance = new aws.ec2.Instance(
                    serverName,
                    applyTransform<aws.ec2.InstanceArgs>(
                        {
                            ami,
                            instanceType: serverSize("aws", config.servers.size),
                            subnetId: args.subnetIds[zone],
                            availabilityZone: args.zoneNames[zone],
                            vpcSecurityGroupIds: [args.securityGroupId],
                            associatePublicIpAddress: false,
                            // One-minute EC2 metrics (detailed monitoring): alarms see a problem in minutes, not in five.
                            monitoring: true,
                            iamInstanceProfile: this.instanceProfile.name,
                            keyName: this.keyPair?.keyName,
                            metadataOptions: {
                                httpEndpoint: "enabled",
                                // IMDSv2 only: a server-side request forgery cannot read the role's credentials.
                                httpTokens: "required",
                                httpPutResponseHopLimit: 1,
                            },
                            rootBlockDevice: {
                                volumeType: "gp3",
                                volumeSize: ROOT_VOLUME_GB,
                                encrypted: true,
                                deleteOnTermination: true,
                            },
                            // gzip: cloud-init decompresses it, and it stays far below EC2's 16 KB. No secret in it:
                            // webtier-env reads the .env from the parameter, so a rotated secret changes nothing here.
                            userDataBase64: args
                                .userData(args.endpoints, { index, count }, envDelivery)
                                .apply(ec2UserDataBase64),
                            // A changed bootstrap builds a fresh server rather than editing one that booted with the old one.
                            userDataReplaceOnChange: true,
                            tags: nameTag(serverName),
                            volumeTags: nameTag(serverName),
                        },
                        t.instance,
                    ),
                    {
                        parent: this,
                        // The user data only names the parameter: wait until it exists and the role may read
                        // it, so the first boot does not spend its retries on IAM or a missing parameter.
                        dependsOn: [...after, secretsAccess, args.secrets.envParameter],
                        deleteBeforeReplace: false,
                        ignoreChanges: image ? [] : ["ami"],
                    },
                );
                const attachment = new aws.lb.TargetGroupAttachment(
                    `${serverName}-tg`,
                    {
                        targetGroupArn: args.targetGroupArn,
                        targetId: instance.id,
                        port: 80,
                    },
                    parent,
                );
                return {
                    built: { serverName, instance, attachment },
                    serverName,
                    serverId: instance.id,
                    serverAddresses: { privateIp: instance.privateIp },
                    member: attachment,
                };
            },
            parent,
        );

        this.instances = sequenced.map((s) => s.built.instance);
        this.attachments = sequenced.map((s) => s.built.attachment);
        this.healthGates = sequenced.flatMap((s) => (s.gate ? [s.gate] : []));
        this.servers = sequenced.map(({ built: { serverName, instance } }) => ({
            name: serverName,
            id: instance.id,
            privateIp: instance.privateIp,
            publicIp: pulumi.output(undefined),
            zone: instance.availabilityZone,
        }));
        this.registerOutputs({ instanceIds: this.instances.map((instance) => instance.id) });
    }
}
