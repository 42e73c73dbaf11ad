import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AppEndpoints, ServerInfo, UserDataRenderer } from "../components";
import { SizeClass } from "../config/types";
import { childName } from "../naming";
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
import { transform, Transform } from "../transform";

/** Canonical's AWS account, the publisher of the official Ubuntu images. */
export const CANONICAL_OWNER_ID = "099720109477";
/** The official Ubuntu 24.04 LTS (Noble) amd64 server images on gp3 EBS. */
export const UBUNTU_2404_NAME_FILTER = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*";

/** Root volume size in GiB: the OS, PHP, Composer's vendor tree and a few releases with room to spare. */
export const ROOT_VOLUME_GB = 20;

/** Escape hatches for the servers' children, by role. */
export interface ServersTransform {
    role?: Transform<aws.iam.RoleArgs>;
    /** The attachment of AWS's managed policy that lets Systems Manager in. */
    ssmPolicy?: Transform<aws.iam.RolePolicyAttachmentArgs>;
    /** The role's access to the uploads bucket (and its KMS key). */
    uploadsPolicy?: Transform<aws.iam.RolePolicyArgs>;
    /** The role's access to the SQS queue; only with the sqs driver. */
    queuePolicy?: Transform<aws.iam.RolePolicyArgs>;
    /** The role's access to the stack's parameters and their KMS key. */
    secretsPolicy?: Transform<aws.iam.RolePolicyArgs>;
    instanceProfile?: Transform<aws.iam.InstanceProfileArgs>;
    /** Only with an SSH public key. */
    keyPair?: Transform<aws.ec2.KeyPairArgs>;
    /** Called for every server (`${name}-app-1`, `${name}-app-2`, ...). */
    instance?: Transform<aws.ec2.InstanceArgs>;
    /** Called for every server's registration in the target group (`${name}-app-1-tg`, ...). */
    targetGroupAttachment?: Transform<aws.lb.TargetGroupAttachmentArgs>;
    /** Called for every server's health gate (`${name}-app-1-healthy`, ...), when gates are on. */
    healthGate?: Transform<HealthGateArgs>;
}

export interface ServersArgs {
    /** The AWS region: the user data and the role's policies name the stack's parameters in it. Required. */
    region: string;
    /**
     * How many servers. Required: the platform passes `webtier:servers.count` (default in parseConfig's
     * `DEFAULTS.servers.count`: 2, the fewest that survive losing one).
     */
    count: number;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:servers.size` (default "small"). */
    size: SizeClass;
    /**
     * An AMI id to pin. Default none (`webtier:servers.image` unset): the newest Ubuntu 24.04 LTS at
     * creation, then kept, so a newly published AMI never replaces running servers.
     */
    image?: string;
    /** OpenSSH public key for the servers' key pair. Default none (`webtier:servers.sshPublicKey` unset): use SSM. */
    sshPublicKey?: string;
    /**
     * Wait for each replaced server to be healthy in the target group before the next one is
     * replaced (a `HealthGate` per server). Default none: no gate, server i+1 only waits for server
     * i's registration; the platform turns it on unless `webtier:servers.healthGate` is false.
     */
    healthGate?: {
        /** Seconds a server may take to become healthy. Required: `webtier:servers.healthGateTimeoutMinutes` in seconds. */
        timeoutSeconds: number;
        /**
         * Resources the balancer needs before it routes to the target group: its forwarding listener
         * (HTTPS, which waits for the certificate, or HTTP without a domain). Gates wait for them,
         * since every target of a group no listener uses is `unused`, never healthy. Default: none.
         */
        balancerReady?: pulumi.Resource[];
    };
    /** Private subnets, in zone order; server i goes to zone i mod zones. Required. */
    subnetIds: pulumi.Input<string>[];
    /** Zone names matching `subnetIds`. Required. */
    zoneNames: pulumi.Input<string>[];
    /** The app security group (its rules are added by rules.ts). Required. */
    securityGroupId: pulumi.Input<string>;
    /** Every server registers in this target group on port 80. Required. */
    targetGroupArn: pulumi.Input<string>;
    /** The uploads bucket the servers read and write through their instance role. Required. */
    bucketArn: pulumi.Input<string>;
    /** The uploads bucket's KMS key, when it has one. Default: none (SSE-S3). */
    kmsKeyArn?: pulumi.Input<string>;
    /** The SQS queue the workers consume, when the queue driver is sqs. Default: none. */
    queueArn?: pulumi.Input<string>;
    /** The shared services every server's bootstrap needs. Required. */
    endpoints: AppEndpoints;
    /** Renders each server's cloud-init (text; sent gzip-compressed through `userDataBase64`). Required. */
    userData: UserDataRenderer;
    /**
     * Where the servers' `.env` is kept (a SecureString parameter, infra/aws/secrets.ts): the role
     * may read it, the user data names it. Required: the user data never carries the .env.
     */
    secrets: Pick<ServerSecrets, "envParameterName" | "envParameter" | "pathArn" | "key">;
    /** Escape hatches for the children. Default: none. */
    transform?: ServersTransform;
}

/**
 * The app servers: `count` EC2 instances in the private subnets, spread round robin
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
    /** The servers as the balancer and the outputs see them. */
    public readonly info: ServerInfo[];

    constructor(name: string, args: ServersArgs, opts?: pulumi.ComponentResourceOptions) {
        const { count, image, sshPublicKey } = args;
        // Refused before anything is registered.
        if (!Number.isInteger(count) || count < 1) {
            throw new Error(`webtier: ${name}: servers.count must be a whole number of at least 1, got ${count}.`);
        }
        super("webtier:aws:Servers", name, {}, opts);
        const t = args.transform ?? {};

        const roleName = childName(name, "app-role");
        this.role = new aws.iam.Role(
            ...transform(
                t.role,
                roleName,
                {
                    description: `webtier ${name}: app servers`,
                    assumeRolePolicy: JSON.stringify(ec2AssumeRolePolicy()),
                    tags: nameTag(roleName),
                },
                { parent: this },
            ),
        );
        new aws.iam.RolePolicyAttachment(
            ...transform(
                t.ssmPolicy,
                childName(name, "app-ssm"),
                { role: this.role.name, policyArn: SSM_MANAGED_POLICY_ARN },
                { parent: this },
            ),
        );
        new aws.iam.RolePolicy(
            ...transform(
                t.uploadsPolicy,
                childName(name, "app-uploads"),
                {
                    role: this.role.name,
                    policy: pulumi
                        .all([args.bucketArn, args.kmsKeyArn])
                        .apply(([bucketArn, kmsKeyArn]) => JSON.stringify(uploadsAccessPolicy(bucketArn, kmsKeyArn))),
                },
                { parent: this },
            ),
        );
        if (args.queueArn) {
            new aws.iam.RolePolicy(
                ...transform(
                    t.queuePolicy,
                    childName(name, "app-queue"),
                    {
                        role: this.role.name,
                        policy: pulumi
                            .output(args.queueArn)
                            .apply((queueArn) => JSON.stringify(queueAccessPolicy(queueArn))),
                    },
                    { parent: this },
                ),
            );
        }
        const secretsAccess = new aws.iam.RolePolicy(
            ...transform(
                t.secretsPolicy,
                childName(name, "app-secrets"),
                {
                    role: this.role.name,
                    policy: pulumi
                        .all([args.secrets.pathArn, args.secrets.key.arn])
                        .apply(([pathArn, keyArn]) =>
                            JSON.stringify(serverSecretsPolicy(pathArn, keyArn, args.region)),
                        ),
                },
                { parent: this },
            ),
        );
        const envDelivery = { kind: "parameter" as const, name: args.secrets.envParameterName, region: args.region };
        this.instanceProfile = new aws.iam.InstanceProfile(
            ...transform(t.instanceProfile, childName(name, "app-profile"), { role: this.role.name }, { parent: this }),
        );

        if (sshPublicKey) {
            const keyName = childName(name, "key");
            this.keyPair = new aws.ec2.KeyPair(
                ...transform(t.keyPair, keyName, { publicKey: sshPublicKey, tags: nameTag(keyName) }, { parent: this }),
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
                { parent: this },
            ).id;

        const gates: HealthGateSettings | undefined = args.healthGate
            ? {
                  provider: awsHealthGateProvider,
                  balancer: awsGateBalancer(args.region, args.targetGroupArn),
                  timeoutSeconds: args.healthGate.timeoutSeconds,
                  dependsOn: args.healthGate.balancerReady,
                  transform: t.healthGate,
              }
            : undefined;
        const sequenced = buildOneAtATime(
            count,
            gates,
            (index, after) => {
                const serverName = childName(name, `app-${index + 1}`);
                const zone = serverZone(index, args.subnetIds.length);
                const instance = new aws.ec2.Instance(
                    ...transform(
                        t.instance,
                        serverName,
                        {
                            ami,
                            instanceType: serverSize("aws", args.size),
                            subnetId: args.subnetIds[zone],
                            availabilityZone: args.zoneNames[zone],
                            vpcSecurityGroupIds: [args.securityGroupId],
                            associatePublicIpAddress: false,
                            // One-minute EC2 metrics (detailed monitoring): alarms see a problem in minutes, not in five.
                            monitoring: true,
                            // Disk traffic on its own bandwidth, not the network's. Every size's type (profile.ts) is
                            // EBS-optimized by default at no charge; said here so a policy reading the inputs sees it.
                            ebsOptimized: true,
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
                        {
                            parent: this,
                            // The user data only names the parameter: wait until it exists and the role may read
                            // it, so the first boot does not spend its retries on IAM or a missing parameter.
                            dependsOn: [...after, secretsAccess, args.secrets.envParameter],
                            deleteBeforeReplace: false,
                            ignoreChanges: image ? [] : ["ami"],
                        },
                    ),
                );
                const attachment = new aws.lb.TargetGroupAttachment(
                    ...transform(
                        t.targetGroupAttachment,
                        childName(serverName, "tg"),
                        {
                            targetGroupArn: args.targetGroupArn,
                            targetId: instance.id,
                            port: 80,
                        },
                        { parent: this },
                    ),
                );
                return {
                    built: { serverName, instance, attachment },
                    serverName,
                    serverId: instance.id,
                    serverAddresses: { privateIp: instance.privateIp },
                    member: attachment,
                };
            },
            { parent: this },
        );

        this.instances = sequenced.map((s) => s.built.instance);
        this.attachments = sequenced.map((s) => s.built.attachment);
        this.healthGates = sequenced.flatMap((s) => (s.gate ? [s.gate] : []));
        this.info = sequenced.map(({ built: { serverName, instance } }) => ({
            name: serverName,
            id: instance.id,
            privateIp: instance.privateIp,
            publicIp: pulumi.output(undefined),
            zone: instance.availabilityZone,
        }));
        this.registerOutputs({ instanceIds: this.instances.map((instance) => instance.id) });
    }
}
