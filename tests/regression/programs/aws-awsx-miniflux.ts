// pulumi/examples' aws-ts-pulumi-miniflux (Apache-2.0), as written there but for its config
// (constants here) and `assignPublicIp: true`: as written, awsx's provider (since 2022) refuses a
// service with default networking in a default VPC, which has no private subnets, and so does the
// check. A Postgres instance in one default subnet, awsx's load balancer with its defaults, and
// awsx's Fargate service in the default VPC's public subnets, with the admin password in a plain
// environment variable. awsx builds the listener, the security groups, the task definition and
// its roles; the check builds them as its provider does, and the pack judges them.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";

const dbName = "miniflux";
const dbUsername = "miniflux";
const dbPassword = "correct-horse-battery";
const adminUsername = "admin";
const adminPassword = "admin-password-1";

const vpc = new aws.ec2.DefaultVpc("defaultVpc", {});
const subnet = new aws.ec2.Subnet("defaultSubnet", { vpcId: vpc.id });

const subnetGroup = new aws.rds.SubnetGroup("dbsubnets", {
    subnetIds: [subnet.id],
});

const cluster = new aws.ecs.Cluster("cluster", {});

const db = new aws.rds.Instance("db", {
    engine: "postgres",
    instanceClass: aws.rds.InstanceType.T3_Micro,
    allocatedStorage: 5,
    dbSubnetGroupName: subnetGroup.id,
    dbName: dbName,
    username: dbUsername,
    password: dbPassword,
    skipFinalSnapshot: true,
});

const connectionString = pulumi.interpolate`postgres://${dbUsername}:${dbPassword}@${db.endpoint}/${dbName}?sslmode=disable`;

const loadBalancer = new awsx.lb.ApplicationLoadBalancer("loadbalancer", {});

new awsx.ecs.FargateService(
    "service",
    {
        cluster: cluster.arn,
        desiredCount: 1,
        assignPublicIp: true,
        taskDefinitionArgs: {
            container: {
                name: "service",
                image: "miniflux/miniflux:latest",
                portMappings: [{ containerPort: 8080, targetGroup: loadBalancer.defaultTargetGroup }],
                environment: [
                    { name: "DATABASE_URL", value: connectionString },
                    { name: "RUN_MIGRATIONS", value: "1" },
                    { name: "CREATE_ADMIN", value: "1" },
                    { name: "ADMIN_USERNAME", value: adminUsername },
                    { name: "ADMIN_PASSWORD", value: adminPassword },
                ],
            },
        },
    },
    { customTimeouts: { create: "20m", update: "20m", delete: "20m" } },
);

export const url = pulumi.interpolate`http://${loadBalancer.loadBalancer.dnsName}:8080}`;
