/**
 * Where AWS resources keep the security groups they sit in. A resource may keep them at the top
 * level (`vpcSecurityGroupIds`) or inside a block (`networkConfiguration.securityGroups`); the
 * engine reports property dependencies per top-level key only, so each holder names both the
 * top-level key (for dependencies) and how to read the ids under it.
 */
import { UNKNOWN, Unknown, isUnknown, listOf } from "../values";

export interface GroupHolder {
    /** Resource types that keep their groups this way. */
    types: readonly string[];
    /** The top-level property the ids live under (its propertyDependencies name the groups). */
    key: string;
    /** The group ids (or `UNKNOWN` for a value unknown during preview) read from the properties. */
    read: (props: Record<string, any>) => (string | Unknown)[];
}

/** `props[key]` as a list of ids; an unknown list or item is `UNKNOWN`. */
export function topLevel(key: string): (props: Record<string, any>) => (string | Unknown)[] {
    return (props) => listOf<string>(props[key]).map((v) => (isUnknown(v) ? UNKNOWN : String(v)));
}

/**
 * `props[block][field]` as a list of ids, for one block or a list of blocks (launch template
 * network interfaces). An unknown block answers `[UNKNOWN]`.
 */
export function nested(block: string, field: string): (props: Record<string, any>) => (string | Unknown)[] {
    return (props) => {
        const out: (string | Unknown)[] = [];
        for (const item of listOf<Record<string, any>>(props[block])) {
            if (isUnknown(item) || item === null || typeof item !== "object") {
                out.push(UNKNOWN);
                continue;
            }
            for (const v of listOf<string>(item[field])) out.push(isUnknown(v) ? UNKNOWN : String(v));
        }
        return out;
    };
}

export const AWS_COMPUTE_TYPES = {
    // A spot instance request takes an instance's arguments and starts one (its spotInstanceId).
    instances: ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    launchTemplates: ["aws:ec2/launchTemplate:LaunchTemplate"],
    launchConfigurations: ["aws:ec2/launchConfiguration:LaunchConfiguration"],
    autoScalingGroups: ["aws:autoscaling/group:Group"],
    ecsServices: ["aws:ecs/service:Service"],
    lambdaFunctions: ["aws:lambda/function:Function"],
    // The native provider's (CloudFormation's AWS::EC2::Instance, AWS::EC2::LaunchTemplate,
    // AWS::AutoScaling::LaunchConfiguration and AWS::ECS::Service property names).
    nativeInstances: ["aws-native:ec2:Instance"],
    nativeLaunchTemplates: ["aws-native:ec2:LaunchTemplate"],
    nativeLaunchConfigurations: ["aws-native:autoscaling:LaunchConfiguration"],
    nativeEcsServices: ["aws-native:ecs:Service"],
    // An instance launched on (or given) a network interface of its own sits in that interface's
    // groups, and in any a NetworkInterfaceSecurityGroupAttachment adds to it.
    networkInterfaces: ["aws:ec2/networkInterface:NetworkInterface"],
    interfaceGroupAttachments: [
        "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment",
    ],
    interfaceAttachments: ["aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment"],
    // App Runner reaches the VPC through a connector, in the connector's groups ("Enabling VPC
    // access for outgoing traffic": all the service's outbound traffic to the VPC goes through it).
    appRunnerConnectors: ["aws:apprunner/vpcConnector:VpcConnector"],
    // Elastic Beanstalk's instances, in the groups its `aws:autoscaling:launchconfiguration`
    // `SecurityGroups` option lists (besides the one it makes), on the environment or its template.
    beanstalk: [
        "aws:elasticbeanstalk/environment:Environment",
        "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
    ],
    // EKS puts managed node groups' nodes and Fargate pods in the cluster security group it makes
    // (`vpcConfig.clusterSecurityGroupId`; the EKS user guide's "cluster security group"), which
    // is no resource of the stack: data-access.ts takes a source naming it as the app servers'.
    eksClusters: ["aws:eks/cluster:Cluster"],
} as const;

/**
 * The groups a Beanstalk environment's or template's `SecurityGroups` launch configuration option
 * lists (comma-separated ids or names); an option unknown during preview answers `[UNKNOWN]`.
 */
export function beanstalkInstanceGroups(props: Record<string, any>): (string | Unknown)[] {
    const settings = props.settings;
    if (isUnknown(settings)) return [UNKNOWN];
    const out: (string | Unknown)[] = [];
    for (const setting of listOf<Record<string, any>>(settings)) {
        if (isUnknown(setting) || setting === null || typeof setting !== "object") {
            out.push(UNKNOWN);
            continue;
        }
        if (isUnknown(setting.namespace) || isUnknown(setting.name)) {
            out.push(UNKNOWN);
            continue;
        }
        const namespace = String(setting.namespace).toLowerCase();
        if (
            namespace !== "aws:autoscaling:launchconfiguration" ||
            String(setting.name).toLowerCase() !== "securitygroups"
        )
            continue;
        if (isUnknown(setting.value)) out.push(UNKNOWN);
        else for (const group of String(setting.value ?? "").split(",")) if (group.trim()) out.push(group.trim());
    }
    return out;
}

/** What `read` finds in the block `props[block]` (a block two levels above the ids); unknown answers `[UNKNOWN]`. */
export function inside(
    block: string,
    read: (props: Record<string, any>) => (string | Unknown)[],
): (props: Record<string, any>) => (string | Unknown)[] {
    return (props) => {
        const value = props[block];
        if (isUnknown(value)) return [UNKNOWN];
        return value && typeof value === "object" ? read(value) : [];
    };
}

/**
 * The app tier's compute on AWS and where each keeps its groups: EC2 instances, the launch
 * templates and launch configurations of auto scaling groups, ECS (Fargate or EC2) services in
 * awsvpc mode, Lambda functions in a VPC, the network interfaces instances are launched on (and
 * groups attached to them), the native provider's EC2 instances, launch templates, launch
 * configurations and ECS services, App Runner's VPC connectors and Elastic Beanstalk's instances.
 * Each is an app server for the rules that let
 * only the app servers reach the data stores and only the balancer reach the app servers.
 */
export const APP_COMPUTE: readonly GroupHolder[] = [
    { types: AWS_COMPUTE_TYPES.instances, key: "vpcSecurityGroupIds", read: topLevel("vpcSecurityGroupIds") },
    { types: AWS_COMPUTE_TYPES.instances, key: "securityGroups", read: topLevel("securityGroups") },
    { types: AWS_COMPUTE_TYPES.launchTemplates, key: "vpcSecurityGroupIds", read: topLevel("vpcSecurityGroupIds") },
    {
        types: AWS_COMPUTE_TYPES.launchTemplates,
        key: "networkInterfaces",
        read: nested("networkInterfaces", "securityGroups"),
    },
    { types: AWS_COMPUTE_TYPES.launchConfigurations, key: "securityGroups", read: topLevel("securityGroups") },
    {
        types: AWS_COMPUTE_TYPES.ecsServices,
        key: "networkConfiguration",
        read: nested("networkConfiguration", "securityGroups"),
    },
    { types: AWS_COMPUTE_TYPES.lambdaFunctions, key: "vpcConfig", read: nested("vpcConfig", "securityGroupIds") },
    { types: AWS_COMPUTE_TYPES.nativeInstances, key: "securityGroupIds", read: topLevel("securityGroupIds") },
    {
        types: AWS_COMPUTE_TYPES.nativeInstances,
        key: "networkInterfaces",
        read: nested("networkInterfaces", "groupSet"),
    },
    // A native launch template keeps its groups in its launchTemplateData, at its top or on its
    // network interfaces.
    {
        types: AWS_COMPUTE_TYPES.nativeLaunchTemplates,
        key: "launchTemplateData",
        read: inside("launchTemplateData", (data) => [
            ...topLevel("securityGroupIds")(data),
            ...nested("networkInterfaces", "groups")(data),
        ]),
    },
    { types: AWS_COMPUTE_TYPES.networkInterfaces, key: "securityGroups", read: topLevel("securityGroups") },
    { types: AWS_COMPUTE_TYPES.interfaceGroupAttachments, key: "securityGroupId", read: topLevel("securityGroupId") },
    {
        types: AWS_COMPUTE_TYPES.nativeLaunchConfigurations,
        key: "securityGroups",
        read: topLevel("securityGroups"),
    },
    {
        types: AWS_COMPUTE_TYPES.nativeEcsServices,
        key: "networkConfiguration",
        read: inside("networkConfiguration", nested("awsvpcConfiguration", "securityGroups")),
    },
    { types: AWS_COMPUTE_TYPES.appRunnerConnectors, key: "securityGroups", read: topLevel("securityGroups") },
    { types: AWS_COMPUTE_TYPES.beanstalk, key: "settings", read: beanstalkInstanceGroups },
];

/**
 * Network interfaces AWS services put in a VPC for the VPC's own clients, which serve no app:
 * interface VPC endpoints (PrivateLink to SSM, ECR, CloudWatch Logs...) and EFS mount targets.
 */
export const SERVICE_INTERFACES: readonly GroupHolder[] = [
    { types: ["aws:ec2/vpcEndpoint:VpcEndpoint"], key: "securityGroupIds", read: topLevel("securityGroupIds") },
    { types: ["aws:efs/mountTarget:MountTarget"], key: "securityGroups", read: topLevel("securityGroups") },
];

/** Load balancers (ALB, NLB; classic ELB) and where they keep their groups. */
export const BALANCERS: readonly GroupHolder[] = [
    {
        types: [
            "aws:lb/loadBalancer:LoadBalancer",
            "aws:alb/loadBalancer:LoadBalancer",
            "aws:elb/loadBalancer:LoadBalancer",
            "aws-native:elasticloadbalancingv2:LoadBalancer",
        ],
        key: "securityGroups",
        read: topLevel("securityGroups"),
    },
];
