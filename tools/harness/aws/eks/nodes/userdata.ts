/**
 * The user data the eks provider writes for a node group's instances (follows pulumi-eks v4.3.0
 * nodejs/eks/nodes/userdata.ts), character for character: it lands in the launch template, where
 * a policy may read it. Pure.
 *
 * Amazon Linux 2 nodes run `/etc/eks/bootstrap.sh` (a MIME multipart document for a managed node
 * group, whose own bootstrap EKS merges in); Amazon Linux 2023 nodes read a nodeadm NodeConfig
 * from a MIME multipart document. Labels and taints become kubelet flags in both.
 *
 * Bottlerocket's TOML settings are not built here (the provider renders them with @iarna/toml,
 * which the harness does not carry): node groups of that OS stay remote (options.ts), and
 * createUserData refuses it.
 */
import * as jsyaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import type { OperatingSystem } from "./ami";

export type UserDataType = "linux" | "nodeadm" | "bottlerocket";
export type NodeGroupType = "managed" | "self-managed-v1" | "self-managed-v2";

const osUserDataType: Record<OperatingSystem, UserDataType> = {
    AL2: "linux",
    AL2023: "nodeadm",
    Bottlerocket: "bottlerocket",
};

export interface ClusterMetadata {
    name: string;
    apiServerEndpoint: string;
    /** Base64 of the cluster's certificate authority. */
    certificateAuthority: string;
    /** The cluster's service CIDR. */
    serviceCidr: string;
}

export interface UserDataTaint {
    value: string | undefined;
    effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
}

/** A part of a nodeadm document (a NodeConfig, a shell script). */
export interface NodeadmPart {
    content: string;
    contentType: string;
}

interface BaseUserDataArgs {
    nodeGroupType: NodeGroupType;
    kubeletExtraArgs: string | undefined;
    bootstrapExtraArgs: string | undefined;
    labels: Record<string, string> | undefined;
    taints: Record<string, UserDataTaint> | undefined;
    /** The program's own complete script, used as it is. */
    userDataOverride: string | undefined;
    bottlerocketSettings: object | undefined;
    nodeadmExtraOptions: NodeadmPart[] | undefined;
}

interface BaseSelfManagedNodeUserDataArgs extends BaseUserDataArgs {
    nodeGroupType: "self-managed-v1" | "self-managed-v2";
    stackName: string;
    /** A script (with its `#!`) run after the bootstrap. */
    extraUserData: string | undefined;
}

export interface ManagedNodeUserDataArgs extends BaseUserDataArgs {
    nodeGroupType: "managed";
}

export interface SelfManagedV1NodeUserDataArgs extends BaseSelfManagedNodeUserDataArgs {
    nodeGroupType: "self-managed-v1";
    awsRegion: string;
}

export interface SelfManagedV2NodeUserDataArgs extends BaseSelfManagedNodeUserDataArgs {
    nodeGroupType: "self-managed-v2";
}

export type UserDataArgs = ManagedNodeUserDataArgs | SelfManagedV1NodeUserDataArgs | SelfManagedV2NodeUserDataArgs;

const isManaged = (args: UserDataArgs): args is ManagedNodeUserDataArgs => args.nodeGroupType === "managed";
const isSelfManagedV1 = (args: UserDataArgs): args is SelfManagedV1NodeUserDataArgs =>
    args.nodeGroupType === "self-managed-v1";
const isSelfManaged = (args: UserDataArgs): args is SelfManagedV1NodeUserDataArgs | SelfManagedV2NodeUserDataArgs =>
    args.nodeGroupType !== "managed";

/** The arguments that make a managed node group need user data (and so a launch template) of its own. */
export const customUserDataArgs = [
    "bootstrapExtraArgs",
    "kubeletExtraArgs",
    "bottlerocketSettings",
    "nodeadmExtraOptions",
] as const;

export function requiresCustomUserData(args: Partial<Record<(typeof customUserDataArgs)[number], unknown>>): boolean {
    return customUserDataArgs.some((key) => args[key] !== undefined);
}

/** The user data of a node group of the OS: the program's override if any, else the OS's bootstrap. */
export function createUserData(
    os: OperatingSystem,
    clusterMetadata: ClusterMetadata,
    userDataArgs: UserDataArgs,
    parent: pulumi.Resource | undefined,
): string {
    if (userDataArgs.userDataOverride) return userDataArgs.userDataOverride;
    switch (osUserDataType[os]) {
        case "linux":
            return createLinuxUserData(clusterMetadata, userDataArgs, parent);
        case "nodeadm":
            return createNodeadmUserData(clusterMetadata, userDataArgs, parent);
        default:
            // Kept remote before it gets here (options.ts).
            throw new Error(`The harness does not build the user data of ${os} nodes`);
    }
}

function createLinuxUserData(
    clusterMetadata: ClusterMetadata,
    args: UserDataArgs,
    parent: pulumi.Resource | undefined,
): string {
    if (!isSelfManagedV1(args) && args.bottlerocketSettings) {
        throw new pulumi.ResourceError(
            "The 'bottlerocketSettings' argument is not supported for Linux based user data.",
            parent,
        );
    }
    const kubeletExtraArgs = buildKubeletFlags(args);
    let bootstrapExtraArgs = args.bootstrapExtraArgs ? " " + args.bootstrapExtraArgs : "";
    if (kubeletExtraArgs.length === 1) {
        // A single flag goes unquoted, as earlier versions of the provider wrote it.
        bootstrapExtraArgs += ` --kubelet-extra-args ${kubeletExtraArgs[0]}`;
    } else if (kubeletExtraArgs.length > 1) {
        bootstrapExtraArgs += ` --kubelet-extra-args '${kubeletExtraArgs.join(" ")}'`;
    }

    const baseUserData = `#!/bin/bash

/etc/eks/bootstrap.sh --apiserver-endpoint "${clusterMetadata.apiServerEndpoint}" --b64-cluster-ca "${clusterMetadata.certificateAuthority}" "${clusterMetadata.name}"${bootstrapExtraArgs}`;

    // A managed node group's launch template takes MIME multipart user data only.
    if (isManaged(args)) {
        return `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==MYBOUNDARY=="

--==MYBOUNDARY==
Content-Type: text/x-shellscript; charset="us-ascii"

${baseUserData}
--==MYBOUNDARY==--`;
    }

    let extraUserData = "";
    if (args.extraUserData && args.extraUserData !== "") {
        extraUserData = `cat >/opt/user-data <<${args.stackName}-user-data
${args.extraUserData}
${args.stackName}-user-data
chmod +x /opt/user-data
/opt/user-data
`;
    }

    // The line after the bootstrap is there even with no extra script.
    const userData = `${baseUserData}
${extraUserData}
`;

    // A CloudFormation node group (v1) signals its stack once the node is up.
    return !isSelfManagedV1(args)
        ? userData
        : `${userData}/opt/aws/bin/cfn-signal --exit-code $? --stack ${args.stackName} --resource NodeGroup --region ${args.awsRegion}\n`;
}

function createNodeadmUserData(
    clusterMetadata: ClusterMetadata,
    args: UserDataArgs,
    parent: pulumi.Resource | undefined,
): string {
    if (!isSelfManagedV1(args) && args.bottlerocketSettings) {
        throw new pulumi.ResourceError(
            "The 'bottlerocketSettings' argument is not supported for nodeadm based user data.",
            parent,
        );
    }
    if (args.bootstrapExtraArgs && args.bootstrapExtraArgs !== "") {
        throw new pulumi.ResourceError(
            "The 'bootstrapExtraArgs' argument is not supported for nodeadm based user data.",
            parent,
        );
    }

    const nodeadmSkeleton = { apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig" };
    const baseConfig = {
        ...nodeadmSkeleton,
        spec: {
            cluster: {
                name: clusterMetadata.name,
                apiServerEndpoint: clusterMetadata.apiServerEndpoint,
                certificateAuthority: clusterMetadata.certificateAuthority,
                cidr: clusterMetadata.serviceCidr,
            },
        },
    };
    const nodeadmPrefix = "---\n";
    const parts: NodeadmPart[] = [
        { contentType: "application/node.eks.aws", content: nodeadmPrefix + jsyaml.dump(baseConfig) },
    ];

    // nodeadm merges its NodeConfigs, so the kubelet flags come as one of their own.
    const kubeletFlags = buildKubeletFlags(args);
    if (kubeletFlags.length > 0) {
        parts.push({
            contentType: "application/node.eks.aws",
            content: nodeadmPrefix + jsyaml.dump({ ...nodeadmSkeleton, spec: { kubelet: { flags: kubeletFlags } } }),
        });
    }
    for (const option of args.nodeadmExtraOptions ?? []) parts.push(option);

    if (isSelfManaged(args) && args.extraUserData && args.extraUserData !== "") {
        parts.push({ contentType: 'text/x-shellscript; charset="us-ascii"', content: args.extraUserData });
    }
    if (isSelfManagedV1(args)) {
        parts.push({
            contentType: 'text/x-shellscript; charset="us-ascii"',
            content: `#!/bin/bash

/opt/aws/bin/cfn-signal --exit-code $? --stack ${args.stackName} --resource NodeGroup --region ${args.awsRegion}
`,
        });
    }
    return assembleNodeadmUserData(parts);
}

function assembleNodeadmUserData(parts: NodeadmPart[]): string {
    const boundary = "BOUNDARY";
    let userData = `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="${boundary}"

`;
    for (const part of parts) {
        userData += `--${boundary}
Content-Type: ${part.contentType}

${part.content}
`;
    }
    return `${userData}--${boundary}--\n`;
}

/**
 * The kubelet flags: the program's extra arguments split at spaces, then `--node-labels` and
 * `--register-with-taints` (`key=value:effect`, or `key:effect` for an empty value) from the
 * labels and taints, in their keys' order.
 */
export function buildKubeletFlags(args: Pick<BaseUserDataArgs, "kubeletExtraArgs" | "labels" | "taints">): string[] {
    const flags = args.kubeletExtraArgs ? args.kubeletExtraArgs.split(" ") : [];
    if (args.labels) {
        const parts = Object.keys(args.labels).map((key) => key + "=" + args.labels![key]);
        if (parts.length > 0) flags.push("--node-labels=" + parts.join(","));
    }
    if (args.taints) {
        const parts = Object.keys(args.taints).map((key) => {
            const taint = args.taints![key];
            return taint.value ? key + "=" + taint.value + ":" + taint.effect : key + ":" + taint.effect;
        });
        if (parts.length > 0) flags.push("--register-with-taints=" + parts.join(","));
    }
    return flags;
}
