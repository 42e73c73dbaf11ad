/**
 * Small, realistic stacks for the stack policies: the resources and dependencies a webtier
 * program registers, as the engine reports them (outputs with ids and ARNs). Each test takes
 * one and changes the one thing it is about.
 */
import { FakeResource } from "./helpers";

export const T = {
    sg: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    subnet: "aws:ec2/subnet:Subnet",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    listenerRule: "aws:lb/listenerRule:ListenerRule",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    instance: "aws:ec2/instance:Instance",
    rds: "aws:rds/instance:Instance",
    rdsSubnets: "aws:rds/subnetGroup:SubnetGroup",
    redis: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheSubnets: "aws:elasticache/subnetGroup:SubnetGroup",
    bucket: "aws:s3/bucket:Bucket",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    doLb: "digitalocean:index/loadBalancer:LoadBalancer",
    droplet: "digitalocean:index/droplet:Droplet",
    pool: "digitalocean:index/dropletAutoscale:DropletAutoscale",
    firewall: "digitalocean:index/firewall:Firewall",
    doCluster: "digitalocean:index/databaseCluster:DatabaseCluster",
    doDbFirewall: "digitalocean:index/databaseFirewall:DatabaseFirewall",
    spaces: "digitalocean:index/spacesBucket:SpacesBucket",
};

/** A compliant AWS web tier: balancer SG open on 80/443, app SG from the balancer, RDS and Valkey from the app SG. */
export function awsTier(): FakeResource[] {
    return [
        {
            type: T.subnet,
            name: "private-a",
            props: { id: "subnet-a", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false },
        },
        { type: T.subnet, name: "private-b", props: { id: "subnet-b", availabilityZone: "eu-west-1b" } },
        {
            type: T.sg,
            name: "lb-sg",
            props: {
                id: "sg-lb",
                ingress: [
                    { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
                    {
                        protocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        cidrBlocks: ["0.0.0.0/0"],
                        ipv6CidrBlocks: ["::/0"],
                    },
                ],
            },
        },
        { type: T.sg, name: "app-sg", props: { id: "sg-app" } },
        { type: T.sg, name: "db-sg", props: { id: "sg-db" } },
        { type: T.sg, name: "cache-sg", props: { id: "sg-cache" } },
        {
            type: T.ingress,
            name: "app-http-from-lb",
            props: {
                securityGroupId: "sg-app",
                referencedSecurityGroupId: "sg-lb",
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
            },
            deps: { securityGroupId: ["app-sg"], referencedSecurityGroupId: ["lb-sg"] },
        },
        {
            type: T.ingress,
            name: "db-from-app",
            props: {
                securityGroupId: "sg-db",
                referencedSecurityGroupId: "sg-app",
                ipProtocol: "tcp",
                fromPort: 3306,
                toPort: 3306,
            },
            deps: { securityGroupId: ["db-sg"], referencedSecurityGroupId: ["app-sg"] },
        },
        {
            type: T.ingress,
            name: "cache-from-app",
            props: {
                securityGroupId: "sg-cache",
                referencedSecurityGroupId: "sg-app",
                ipProtocol: "tcp",
                fromPort: 6379,
                toPort: 6379,
            },
            deps: { securityGroupId: ["cache-sg"], referencedSecurityGroupId: ["app-sg"] },
        },
        {
            type: T.lb,
            name: "lb",
            props: {
                id: "arn:lb",
                arn: "arn:lb",
                loadBalancerType: "application",
                securityGroups: ["sg-lb"],
                subnets: ["subnet-a", "subnet-b"],
            },
            deps: { securityGroups: ["lb-sg"] },
        },
        {
            type: T.targetGroup,
            name: "tg",
            props: {
                arn: "arn:tg",
                protocol: "HTTP",
                port: 80,
                healthCheck: { enabled: true, path: "/up", protocol: "HTTP" },
            },
        },
        {
            type: T.listener,
            name: "https",
            props: {
                arn: "arn:https",
                loadBalancerArn: "arn:lb",
                protocol: "HTTPS",
                port: 443,
                certificateArn: "arn:cert",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
            deps: { loadBalancerArn: ["lb"], defaultActions: ["tg"] },
        },
        {
            type: T.listener,
            name: "http",
            props: {
                arn: "arn:http",
                loadBalancerArn: "arn:lb",
                protocol: "HTTP",
                port: 80,
                defaultActions: [
                    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                ],
            },
            deps: { loadBalancerArn: ["lb"] },
        },
        {
            type: T.instance,
            name: "web-0",
            props: { id: "i-0", subnetId: "subnet-a", availabilityZone: "eu-west-1a", vpcSecurityGroupIds: ["sg-app"] },
            deps: { vpcSecurityGroupIds: ["app-sg"], subnetId: ["private-a"] },
        },
        {
            type: T.instance,
            name: "web-1",
            props: { id: "i-1", subnetId: "subnet-b", vpcSecurityGroupIds: ["sg-app"] },
            deps: { vpcSecurityGroupIds: ["app-sg"], subnetId: ["private-b"] },
        },
        {
            type: T.attachment,
            name: "web-0-tg",
            props: { targetGroupArn: "arn:tg", targetId: "i-0" },
            deps: { targetGroupArn: ["tg"], targetId: ["web-0"] },
        },
        {
            type: T.attachment,
            name: "web-1-tg",
            props: { targetGroupArn: "arn:tg", targetId: "i-1" },
            deps: { targetGroupArn: ["tg"], targetId: ["web-1"] },
        },
        {
            type: T.rdsSubnets,
            name: "db-subnets",
            props: { id: "db-subnets", name: "db-subnets", subnetIds: ["subnet-a", "subnet-b"] },
            deps: { subnetIds: ["private-a", "private-b"] },
        },
        {
            type: T.rds,
            name: "db",
            props: {
                id: "db-1",
                publiclyAccessible: false,
                vpcSecurityGroupIds: ["sg-db"],
                dbSubnetGroupName: "db-subnets",
                multiAz: true,
                backupRetentionPeriod: 14,
                deletionProtection: true,
                storageEncrypted: true,
            },
            deps: { vpcSecurityGroupIds: ["db-sg"], dbSubnetGroupName: ["db-subnets"] },
        },
        {
            type: T.cacheSubnets,
            name: "cache-subnets",
            props: { id: "cache-subnets", name: "cache-subnets", subnetIds: ["subnet-a", "subnet-b"] },
            deps: { subnetIds: ["private-a", "private-b"] },
        },
        {
            type: T.redis,
            name: "cache",
            props: {
                id: "cache-1",
                engine: "valkey",
                transitEncryptionEnabled: true,
                authToken: "s3cr3t-token-of-32-characters-xx",
                securityGroupIds: ["sg-cache"],
                subnetGroupName: "cache-subnets",
            },
            deps: { securityGroupIds: ["cache-sg"], subnetGroupName: ["cache-subnets"] },
        },
    ];
}

/** A compliant DigitalOcean web tier: two droplets behind an HTTPS balancer, firewalled, MySQL and Valkey behind database firewalls. */
export function doTier(): FakeResource[] {
    return [
        { type: T.droplet, name: "web-0", props: { id: "1001", tags: ["webtier-app"], vpcUuid: "vpc-1" } },
        { type: T.droplet, name: "web-1", props: { id: "1002", tags: ["webtier-app"], vpcUuid: "vpc-1" } },
        {
            type: T.doLb,
            name: "lb",
            props: {
                id: "lb-uid-1",
                dropletTag: "webtier-app",
                redirectHttpToHttps: true,
                forwardingRules: [
                    {
                        entryProtocol: "https",
                        entryPort: 443,
                        targetProtocol: "http",
                        targetPort: 80,
                        certificateName: "app-cert",
                    },
                    { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
                ],
                healthcheck: { protocol: "http", port: 80, path: "/up" },
            },
        },
        {
            type: T.firewall,
            name: "app-fw",
            props: {
                tags: ["webtier-app"],
                inboundRules: [
                    { protocol: "tcp", portRange: "80", sourceLoadBalancerUids: ["lb-uid-1"] },
                    { protocol: "tcp", portRange: "22", sourceAddresses: ["203.0.113.0/24"] },
                ],
            },
            deps: { inboundRules: ["lb"] },
        },
        {
            type: T.doCluster,
            name: "db",
            props: { id: "db-uuid", engine: "mysql", nodeCount: 2, privateNetworkUuid: "vpc-1" },
        },
        {
            type: T.doCluster,
            name: "cache",
            props: { id: "cache-uuid", engine: "valkey", nodeCount: 1, privateNetworkUuid: "vpc-1" },
        },
        {
            type: T.doDbFirewall,
            name: "db-fw",
            props: { clusterId: "db-uuid", rules: [{ type: "tag", value: "webtier-app" }] },
            deps: { clusterId: ["db"] },
        },
        {
            type: T.doDbFirewall,
            name: "cache-fw",
            props: {
                clusterId: "cache-uuid",
                rules: [
                    { type: "droplet", value: "1001" },
                    { type: "droplet", value: "1002" },
                ],
            },
            deps: { clusterId: ["cache"] },
        },
        {
            type: T.spaces,
            name: "uploads",
            props: { id: "uploads", name: "uploads", acl: "private", versioning: { enabled: true } },
        },
    ];
}

/**
 * The DigitalOcean tier with its two droplets replaced by an autoscale pool of two to five whose
 * template carries the app tag; the cache firewall trusts that tag (a pool's droplets have no ids
 * the program knows).
 */
export function doPoolTier(): FakeResource[] {
    const stack = doTier().filter((r) => r.type !== T.droplet);
    pick(stack, "cache-fw").props.rules = [{ type: "tag", value: "webtier-app" }];
    return [
        {
            type: T.pool,
            name: "web-pool",
            props: {
                id: "pool-uuid",
                config: { minInstances: 2, maxInstances: 5, targetCpuUtilization: 0.6 },
                dropletTemplate: {
                    image: "ubuntu-24-04-x64",
                    region: "fra1",
                    size: "s-1vcpu-2gb",
                    sshKeys: ["12345"],
                    tags: ["webtier-app"],
                    vpcUuid: "vpc-1",
                },
            },
        },
        ...stack,
    ];
}

/** The resource named `name` (to change one thing in a test). */
export function pick(resources: FakeResource[], name: string): FakeResource {
    const found = resources.find((r) => r.name === name);
    if (!found) throw new Error(`no fixture resource ${name}`);
    return found;
}

/** Removes the resource named `name`. */
export function without(resources: FakeResource[], name: string): FakeResource[] {
    return resources.filter((r) => r.name !== name);
}
