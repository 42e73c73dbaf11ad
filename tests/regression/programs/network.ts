// Shared by the AWS programs of the corpus: a VPC as people usually build one, public subnets
// routed to an internet gateway (for balancers) and private subnets with a route table of their
// own (for servers and data), so each program only writes the exposure or the design it is about.
import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface Network {
    vpc: aws.ec2.Vpc;
    publicSubnets: aws.ec2.Subnet[];
    privateSubnets: aws.ec2.Subnet[];
}

export function network(prefix: string): Network {
    const vpc = new aws.ec2.Vpc(`${prefix}-vpc`, { cidrBlock: "10.40.0.0/16", enableDnsHostnames: true });
    const igw = new aws.ec2.InternetGateway(`${prefix}-igw`, { vpcId: vpc.id });
    const publicTable = new aws.ec2.RouteTable(`${prefix}-public-rt`, { vpcId: vpc.id });
    new aws.ec2.Route(`${prefix}-public-default`, {
        routeTableId: publicTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: igw.id,
    });
    const privateTable = new aws.ec2.RouteTable(`${prefix}-private-rt`, { vpcId: vpc.id });
    const zones = ["eu-west-1a", "eu-west-1b"];
    const publicSubnets = zones.map((zone, i) => {
        const subnet = new aws.ec2.Subnet(`${prefix}-public-${i + 1}`, {
            vpcId: vpc.id,
            cidrBlock: `10.40.${i}.0/24`,
            availabilityZone: zone,
        });
        new aws.ec2.RouteTableAssociation(`${prefix}-public-rta-${i + 1}`, {
            subnetId: subnet.id,
            routeTableId: publicTable.id,
        });
        return subnet;
    });
    const privateSubnets = zones.map((zone, i) => {
        const subnet = new aws.ec2.Subnet(`${prefix}-private-${i + 1}`, {
            vpcId: vpc.id,
            cidrBlock: `10.40.${i + 10}.0/24`,
            availabilityZone: zone,
        });
        new aws.ec2.RouteTableAssociation(`${prefix}-private-rta-${i + 1}`, {
            subnetId: subnet.id,
            routeTableId: privateTable.id,
        });
        return subnet;
    });
    return { vpc, publicSubnets, privateSubnets };
}

/** A security group that admits `port` only from `from`'s group. */
export function groupFrom(
    name: string,
    vpc: aws.ec2.Vpc,
    port: number,
    from: aws.ec2.SecurityGroup,
): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description: name });
    new aws.vpc.SecurityGroupIngressRule(`${name}-in-${port}`, {
        securityGroupId: group.id,
        referencedSecurityGroupId: from.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
    });
    return group;
}

/** An internet-facing ALB group (80 and 443 from anywhere) and an HTTPS ALB forwarding to `targetGroup`, HTTP redirecting. */
export function httpsAlb(
    prefix: string,
    net: Network,
    targetGroup: aws.lb.TargetGroup,
): { group: aws.ec2.SecurityGroup; alb: aws.lb.LoadBalancer } {
    const group = new aws.ec2.SecurityGroup(`${prefix}-alb-sg`, {
        vpcId: net.vpc.id,
        ingress: [80, 443].map((port) => ({
            protocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrBlocks: ["0.0.0.0/0"],
            ipv6CidrBlocks: ["::/0"],
        })),
    });
    const alb = new aws.lb.LoadBalancer(`${prefix}-alb`, {
        loadBalancerType: "application",
        securityGroups: [group.id],
        subnets: net.publicSubnets.map((s) => s.id),
    });
    new aws.lb.Listener(`${prefix}-https`, {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    });
    new aws.lb.Listener(`${prefix}-http`, {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    return { group, alb };
}

/** A target group that checks /up (the corpus uses the pack's default healthCheckPath). */
export function targetGroup(
    name: string,
    vpc: aws.ec2.Vpc,
    port: number,
    targetType: "instance" | "ip" = "instance",
): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(name, {
        vpcId: vpc.id,
        port,
        protocol: "HTTP",
        targetType,
        healthCheck: { enabled: true, protocol: "HTTP", path: "/up" },
    });
}

/** An app server in the first private subnet, in a security group of its own, which is returned. */
export function appServer(prefix: string, net: Network): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(`${prefix}-app-sg`, { vpcId: net.vpc.id });
    new aws.ec2.Instance(`${prefix}-app`, {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [group.id],
    });
    return group;
}

/**
 * Valkey for the app's sessions and queues ("sessions"), Multi-AZ and encrypted, in the private
 * subnets (`<prefix>-cache-subnets`) behind `group`, whose clients log in through `userGroupId`.
 */
export function sessionsCache(
    prefix: string,
    net: Network,
    group: aws.ec2.SecurityGroup,
    userGroupId: pulumi.Input<string>,
): aws.elasticache.ReplicationGroup {
    const subnets = new aws.elasticache.SubnetGroup(`${prefix}-cache-subnets`, {
        subnetIds: net.privateSubnets.map((s) => s.id),
    });
    return new aws.elasticache.ReplicationGroup("sessions", {
        description: "Laravel sessions and queues",
        engine: "valkey",
        nodeType: "cache.t4g.small",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: true,
        subnetGroupName: subnets.name,
        securityGroupIds: [group.id],
        userGroupIds: [userGroupId],
    });
}

/** The app's Valkey user "laravel", on for everything, with a generated password. */
export function laravelCacheUser(): aws.elasticache.User {
    const password = new random.RandomPassword("laravel-cache-password", { length: 32, special: false });
    return new aws.elasticache.User("laravel", {
        userId: "laravel",
        userName: "laravel",
        engine: "valkey",
        accessString: "on ~* +@all",
        authenticationMode: { type: "password", passwords: [password.result] },
    });
}

/**
 * The app as a Fargate service "shop" of two tasks in the private subnets, in `group`, registered
 * in `targets` on port 8080; `settings` are added to its args.
 */
export function fargateService(
    net: Network,
    targets: aws.lb.TargetGroup,
    group: aws.ec2.SecurityGroup,
    settings: Partial<aws.ecs.ServiceArgs> = {},
): aws.ecs.Service {
    const cluster = new aws.ecs.Cluster("shop-cluster", {});
    return new aws.ecs.Service("shop", {
        cluster: cluster.arn,
        launchType: "FARGATE",
        desiredCount: 2,
        taskDefinition: "shop-app:7",
        networkConfiguration: {
            subnets: net.privateSubnets.map((s) => s.id),
            securityGroups: [group.id],
            assignPublicIp: false,
        },
        loadBalancers: [{ targetGroupArn: targets.arn, containerName: "app", containerPort: 8080 }],
        ...settings,
    });
}

/** The same network written with the native provider (CloudFormation's shapes). */
export interface NativeNetwork {
    vpc: awsnative.ec2.Vpc;
    publicSubnets: awsnative.ec2.Subnet[];
    privateSubnets: awsnative.ec2.Subnet[];
}

export function nativeNetwork(prefix: string): NativeNetwork {
    const vpc = new awsnative.ec2.Vpc(`${prefix}-vpc`, { cidrBlock: "10.50.0.0/16", enableDnsHostnames: true });
    const igw = new awsnative.ec2.InternetGateway(`${prefix}-igw`, {});
    new awsnative.ec2.VpcGatewayAttachment(`${prefix}-igw-attachment`, {
        vpcId: vpc.vpcId,
        internetGatewayId: igw.internetGatewayId,
    });
    const publicTable = new awsnative.ec2.RouteTable(`${prefix}-public-rt`, { vpcId: vpc.vpcId });
    new awsnative.ec2.Route(`${prefix}-public-default`, {
        routeTableId: publicTable.routeTableId,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: igw.internetGatewayId,
    });
    const privateTable = new awsnative.ec2.RouteTable(`${prefix}-private-rt`, { vpcId: vpc.vpcId });
    const subnets = (kind: string, table: awsnative.ec2.RouteTable, offset: number) =>
        ["eu-west-1a", "eu-west-1b"].map((zone, i) => {
            const subnet = new awsnative.ec2.Subnet(`${prefix}-${kind}-${i + 1}`, {
                vpcId: vpc.vpcId,
                cidrBlock: `10.50.${i + offset}.0/24`,
                availabilityZone: zone,
            });
            new awsnative.ec2.SubnetRouteTableAssociation(`${prefix}-${kind}-rta-${i + 1}`, {
                subnetId: subnet.subnetId,
                routeTableId: table.routeTableId,
            });
            return subnet;
        });
    return { vpc, publicSubnets: subnets("public", publicTable, 0), privateSubnets: subnets("private", privateTable, 10) };
}

/** A native security group `name` in `net`'s VPC that admits `port` only from the group `from`. */
export function nativeGroupFrom(
    name: string,
    net: NativeNetwork,
    port: number,
    from: awsnative.ec2.SecurityGroup,
): awsnative.ec2.SecurityGroup {
    const group = new awsnative.ec2.SecurityGroup(name, { groupDescription: name, vpcId: net.vpc.vpcId });
    new awsnative.ec2.SecurityGroupIngress(`${name}-in-${port}`, {
        groupId: group.groupId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        sourceSecurityGroupId: from.groupId,
    });
    return group;
}
