// Sound, with awsx: awsx's VPC (public and private subnets in three zones, one NAT gateway), its
// load balancer serving HTTPS with a current policy and redirecting HTTP, a target group that
// checks /up, its Fargate service in the private subnets admitting only the balancer, and an
// encrypted Aurora cluster admitting only the service. What awsx builds inside its components
// (route tables, NAT gateway, the task's roles and log group) must not be taken for an exposure.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

const vpc = new awsx.ec2.Vpc("shop", {
    cidrBlock: "10.20.0.0/16",
    natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
});

// awsx's own group for a balancer admits every port from anywhere, so the balancer gets its own.
const albGroup = new aws.ec2.SecurityGroup("shop-alb", {
    vpcId: vpc.vpcId,
    ingress: [80, 443].map((port) => ({
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrBlocks: ["0.0.0.0/0"],
        ipv6CidrBlocks: ["::/0"],
    })),
    egress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.20.0.0/16"] }],
});

const alb = new awsx.lb.ApplicationLoadBalancer("shop", {
    subnetIds: vpc.publicSubnetIds,
    securityGroups: [albGroup.id],
    defaultTargetGroup: {
        port: 8080,
        protocol: "HTTP",
        targetType: "ip",
        healthCheck: { enabled: true, protocol: "HTTP", path: "/up" },
    },
    listeners: [
        {
            port: 443,
            protocol: "HTTPS",
            certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        },
        {
            port: 80,
            protocol: "HTTP",
            defaultActions: [
                { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
        },
    ],
});

const serviceGroup = new aws.ec2.SecurityGroup("shop-svc", {
    vpcId: vpc.vpcId,
    ingress: [
        {
            protocol: "tcp",
            fromPort: 8080,
            toPort: 8080,
            securityGroups: [albGroup.id],
        },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const cluster = new aws.ecs.Cluster("shop", {});

new awsx.ecs.FargateService("shop", {
    cluster: cluster.arn,
    desiredCount: 2,
    networkConfiguration: {
        subnets: vpc.privateSubnetIds,
        securityGroups: [serviceGroup.id],
        assignPublicIp: false,
    },
    taskDefinitionArgs: {
        container: {
            name: "app",
            image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2",
            cpu: 512,
            memory: 1024,
            essential: true,
            portMappings: [{ containerPort: 8080, targetGroup: alb.defaultTargetGroup }],
            secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db" }],
        },
    },
});

const dbGroup = new aws.ec2.SecurityGroup("shop-db", {
    vpcId: vpc.vpcId,
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [serviceGroup.id] }],
});
const subnets = new aws.rds.SubnetGroup("shop-db", { subnetIds: vpc.privateSubnetIds });
new aws.rds.Cluster("shop-db", {
    engine: "aurora-postgresql",
    masterUsername: "shop",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    dbSubnetGroupName: subnets.name,
    vpcSecurityGroupIds: [dbGroup.id],
    backupRetentionPeriod: 7,
    deletionProtection: true,
});

export const url = alb.loadBalancer.dnsName;
