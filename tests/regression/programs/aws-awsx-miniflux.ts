// An RSS reader on awsx, in the shape of pulumi/examples' aws-ts-pulumi-miniflux (27b2b9945):
// Postgres in a single subnet of the default VPC, awsx's load balancer left to its defaults, and
// awsx's Fargate service on that balancer's target group with the admin password and a
// connection string in plain environment variables. That example leaves the service's networking
// to awsx, which since 2022 refuses it in a default VPC (no private subnets), and so does the
// check; this one asks for public addresses instead. awsx builds the listener, the security
// groups, the task definition and its roles; the check builds them as its provider does.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";

const reader = { database: "reader", user: "reader", password: "reader-db-pass", admin: "reader-admin-pass" };

const defaultVpc = new aws.ec2.DefaultVpc("default", {});
const onlySubnet = new aws.ec2.Subnet("db-subnet", { vpcId: defaultVpc.id });
const dbSubnets = new aws.rds.SubnetGroup("db-subnets", { subnetIds: [onlySubnet.id] });

const postgres = new aws.rds.Instance("reader-db", {
    engine: "postgres",
    instanceClass: "db.t3.micro",
    allocatedStorage: 5,
    dbSubnetGroupName: dbSubnets.id,
    dbName: reader.database,
    username: reader.user,
    password: reader.password,
    skipFinalSnapshot: true,
});

const balancer = new awsx.lb.ApplicationLoadBalancer("reader-lb", {});
const cluster = new aws.ecs.Cluster("reader", {});

new awsx.ecs.FargateService("reader", {
    cluster: cluster.arn,
    desiredCount: 1,
    assignPublicIp: true,
    taskDefinitionArgs: {
        container: {
            name: "reader",
            image: "miniflux/miniflux:2.2.6",
            portMappings: [{ containerPort: 8080, targetGroup: balancer.defaultTargetGroup }],
            environment: [
                {
                    name: "DATABASE_URL",
                    value: pulumi.interpolate`postgres://${reader.user}:${reader.password}@${postgres.endpoint}/${reader.database}`,
                },
                { name: "CREATE_ADMIN", value: "1" },
                { name: "ADMIN_PASSWORD", value: reader.admin },
            ],
        },
    },
});

export const url = pulumi.interpolate`http://${balancer.loadBalancer.dnsName}`;
