/**
 * The EKS-optimized machine images the eks provider picks a node group's image from (follows
 * pulumi-eks v4.3.0 nodejs/eks/nodes/ami.ts): each AMI type's operating system, GPU support,
 * architecture and the public Systems Manager parameter that names its current image, and the
 * rules that resolve an `amiType` / `operatingSystem` pair. Pure: the parameter is read by the
 * caller (nodegroup.ts getRecommendedAMI), which the harness's mocks answer
 * (mocks/aws-public-parameters.ts).
 */
import * as pulumi from "@pulumi/pulumi";

export type CpuArchitecture = "arm64" | "x86_64";

export const OperatingSystem = {
    AL2: "AL2",
    AL2023: "AL2023",
    Bottlerocket: "Bottlerocket",
} as const;
export type OperatingSystem = (typeof OperatingSystem)[keyof typeof OperatingSystem];

/** v4's default: Amazon Linux 2023, bootstrapped by nodeadm. */
export const DEFAULT_OS: OperatingSystem = OperatingSystem.AL2023;

export const AmiType = {
    AL2X86_64: "AL2_x86_64",
    AL2X86_64GPU: "AL2_x86_64_GPU",
    AL2Arm64: "AL2_ARM_64",
    AL2023X86_64Standard: "AL2023_x86_64_STANDARD",
    AL2023Arm64Standard: "AL2023_ARM_64_STANDARD",
    AL2023X86_64Nvidia: "AL2023_x86_64_NVIDIA",
    BottlerocketArm64: "BOTTLEROCKET_ARM_64",
    BottlerocketX86_64: "BOTTLEROCKET_x86_64",
    BottlerocketArm64Nvidia: "BOTTLEROCKET_ARM_64_NVIDIA",
    BottlerocketX86_64Nvidia: "BOTTLEROCKET_x86_64_NVIDIA",
} as const;

export type AmiType = (typeof AmiType)[keyof typeof AmiType];

export interface AmiMetadata {
    os: OperatingSystem;
    gpuSupport: boolean;
    architecture: CpuArchitecture;
    /** The public parameter holding the current image's id, for a Kubernetes version. */
    ssmParameterName: (clusterVersion: string) => string;
    /** The names older versions took (the parameter's path segment), still accepted as `amiType`. */
    aliases?: string[];
}

const eksParameter = (path: string) => (version: string) =>
    `/aws/service/eks/optimized-ami/${version}/${path}/recommended/image_id`;

// In the provider's order: getAmiType returns the first match.
const amiTypeMetadata: Record<AmiType, AmiMetadata> = {
    AL2_x86_64: {
        os: "AL2",
        gpuSupport: false,
        architecture: "x86_64",
        ssmParameterName: eksParameter("amazon-linux-2"),
        aliases: ["amazon-linux-2"],
    },
    AL2_x86_64_GPU: {
        os: "AL2",
        gpuSupport: true,
        architecture: "x86_64",
        ssmParameterName: eksParameter("amazon-linux-2-gpu"),
        aliases: ["amazon-linux-2-gpu"],
    },
    AL2_ARM_64: {
        os: "AL2",
        gpuSupport: false,
        architecture: "arm64",
        ssmParameterName: eksParameter("amazon-linux-2-arm64"),
        aliases: ["amazon-linux-2-arm"],
    },
    AL2023_x86_64_STANDARD: {
        os: "AL2023",
        gpuSupport: false,
        architecture: "x86_64",
        ssmParameterName: eksParameter("amazon-linux-2023/x86_64/standard"),
        aliases: ["amazon-linux-2023/x86_64/standard"],
    },
    AL2023_ARM_64_STANDARD: {
        os: "AL2023",
        gpuSupport: false,
        architecture: "arm64",
        ssmParameterName: eksParameter("amazon-linux-2023/arm64/standard"),
        aliases: ["amazon-linux-2023/arm64/standard"],
    },
    AL2023_x86_64_NVIDIA: {
        os: "AL2023",
        gpuSupport: true,
        architecture: "x86_64",
        ssmParameterName: eksParameter("amazon-linux-2023/x86_64/nvidia"),
        aliases: ["amazon-linux-2023/x86_64/nvidia"],
    },
    BOTTLEROCKET_ARM_64: {
        os: "Bottlerocket",
        gpuSupport: false,
        architecture: "arm64",
        ssmParameterName: (v) => `/aws/service/bottlerocket/aws-k8s-${v}/arm64/latest/image_id`,
    },
    BOTTLEROCKET_x86_64: {
        os: "Bottlerocket",
        gpuSupport: false,
        architecture: "x86_64",
        ssmParameterName: (v) => `/aws/service/bottlerocket/aws-k8s-${v}/x86_64/latest/image_id`,
    },
    BOTTLEROCKET_ARM_64_NVIDIA: {
        os: "Bottlerocket",
        gpuSupport: true,
        architecture: "arm64",
        ssmParameterName: (v) => `/aws/service/bottlerocket/aws-k8s-${v}-nvidia/arm64/latest/image_id`,
    },
    BOTTLEROCKET_x86_64_NVIDIA: {
        os: "Bottlerocket",
        gpuSupport: true,
        architecture: "x86_64",
        ssmParameterName: (v) => `/aws/service/bottlerocket/aws-k8s-${v}-nvidia/x86_64/latest/image_id`,
    },
};

export function getAmiMetadata(amiType: AmiType): AmiMetadata {
    return amiTypeMetadata[amiType];
}

export const amiTypeValues: AmiType[] = Object.values(AmiType);

const amiTypeAliases: Record<string, AmiType> = Object.fromEntries(
    Object.entries(amiTypeMetadata).flatMap(([type, metadata]) =>
        (metadata.aliases ?? []).map((alias) => [alias, type as AmiType]),
    ),
);

/** The AMI type a string names, taking the older aliases ("amazon-linux-2"); undefined if none. */
export function toAmiType(str: string): AmiType | undefined {
    if ((amiTypeValues as string[]).includes(str)) return str as AmiType;
    return amiTypeAliases[str];
}

/**
 * The operating system of an `amiType` / `operatingSystem` pair: the one given, else the AMI
 * type's, else AL2023; an unknown AMI type, or one of another OS than the one given, is refused.
 */
export function getOperatingSystem(
    amiType: string | undefined,
    operatingSystem: OperatingSystem | undefined,
): OperatingSystem {
    if (operatingSystem && !amiType) return operatingSystem;
    if (!amiType) return operatingSystem ?? DEFAULT_OS;
    const resolvedAmiType = toAmiType(amiType);
    if (!resolvedAmiType) {
        throw new pulumi.InputPropertyError({
            propertyPath: "amiType",
            reason: `Cannot determine OS of unknown AMI type: ${amiType}`,
        });
    }
    const resolvedOs = getAmiMetadata(resolvedAmiType).os;
    if (operatingSystem && operatingSystem !== resolvedOs) {
        throw new pulumi.InputPropertyError({
            propertyPath: "operatingSystem",
            reason: `Operating system '${operatingSystem}' does not match the detected operating system '${resolvedOs}' of AMI type '${amiType}'.`,
        });
    }
    return resolvedOs;
}

/** The first AMI type of the OS, GPU support and architecture asked for. */
export function getAmiType(
    os: OperatingSystem,
    gpuSupport: boolean,
    architecture: CpuArchitecture,
    parent: pulumi.Resource | undefined,
): AmiType {
    const found = amiTypeValues.find((amiType) => {
        const metadata = getAmiMetadata(amiType);
        return metadata.os === os && metadata.gpuSupport === gpuSupport && metadata.architecture === architecture;
    });
    if (found) return found;
    throw new pulumi.ResourceError(
        `No AMI type found for OS: ${os}, GPU support: ${gpuSupport}, architecture: ${architecture}`,
        parent,
    );
}

// Family, generation, processor ("g": Graviton), additional capabilities, size: `c7gn.large`.
const ec2InstanceRegex = /([a-z]+)([0-9]+)([a-z])?-?([a-z]+)?\.([a-zA-Z0-9-]+)/;

/** Whether an instance type is a Graviton (arm64) one: its processor letter is "g". */
export function isGravitonInstance(instanceType: string, propertyPath: string): boolean {
    const match = instanceType.toString().match(ec2InstanceRegex);
    if (!match) {
        throw new pulumi.InputPropertyError({ propertyPath, reason: `Invalid EC2 instance type: ${instanceType}` });
    }
    return match[3] === "g";
}

/** The one architecture the instance types share (x86_64 when none are given). */
export function getArchitecture(instanceTypes: string[], propertyPath: string): CpuArchitecture {
    let hasGravitonInstances = false;
    let hasX64Instances = false;
    for (const instanceType of instanceTypes) {
        if (isGravitonInstance(instanceType, propertyPath)) hasGravitonInstances = true;
        else hasX64Instances = true;
        if (hasGravitonInstances && hasX64Instances) {
            throw new pulumi.InputPropertyError({
                propertyPath,
                reason: "Cannot determine architecture of instance types. The provided instance types do not share a common architecture",
            });
        }
    }
    return hasGravitonInstances ? "arm64" : "x86_64";
}
