// A Laravel tier written with the native AWS provider (CloudFormation's shapes through Cloud
// Control) instead of the classic one: an HTTPS balancer redirecting HTTP, an auto scaling group
// of servers from a launch template, MySQL and Valkey in the private subnets behind groups that
// admit only the servers, a private, versioned, encrypted bucket, and alarms mailing the team.
// Every resource is wired by the outputs the native provider computes (groupId, loadBalancerArn,
// launchTemplateId, topicArn, ...) and names it generates (dbSubnetGroupName): a sound design.
import * as awsnative from "@pulumi/aws-native";
import * as random from "@pulumi/random";
import { nativeGroupFrom, nativeNetwork } from "./network";

export = function program() {
    const net = nativeNetwork("native");
    const lbGroup = new awsnative.ec2.SecurityGroup("native-lb-sg", {
        groupDescription: "balancer",
        vpcId: net.vpc.vpcId,
        securityGroupIngress: [80, 443].map((port) => ({
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrIp: "0.0.0.0/0",
        })),
    });
    const appGroup = nativeGroupFrom("native-app-sg", net, 80, lbGroup);
    const lb = new awsnative.elasticloadbalancingv2.LoadBalancer("native-lb", {
        scheme: "internet-facing",
        subnets: net.publicSubnets.map((s) => s.subnetId),
        securityGroups: [lbGroup.groupId],
    });
    const targets = new awsnative.elasticloadbalancingv2.TargetGroup("native-tg", {
        vpcId: net.vpc.vpcId,
        port: 80,
        protocol: "HTTP",
        healthCheckProtocol: "HTTP",
        healthCheckPath: "/up",
    });
    new awsnative.elasticloadbalancingv2.Listener("native-https", {
        loadBalancerArn: lb.loadBalancerArn,
        port: 443,
        protocol: "HTTPS",
        certificates: [{ certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b1e2c3d" }],
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: targets.targetGroupArn }],
    });
    new awsnative.elasticloadbalancingv2.Listener("native-http", {
        loadBalancerArn: lb.loadBalancerArn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [
            { type: "redirect", redirectConfig: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ],
    });
    const template = new awsnative.ec2.LaunchTemplate("native-app", {
        launchTemplateData: {
            imageId: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            securityGroupIds: [appGroup.groupId],
        },
    });
    const servers = new awsnative.autoscaling.AutoScalingGroup("native-app", {
        minSize: "2",
        maxSize: "4",
        desiredCapacity: "2",
        launchTemplate: { launchTemplateId: template.launchTemplateId, version: template.latestVersionNumber },
        targetGroupArns: [targets.targetGroupArn],
        vpcZoneIdentifier: net.privateSubnets.map((s) => s.subnetId),
    });

    const dbGroup = nativeGroupFrom("native-db-sg", net, 3306, appGroup);
    const dbSubnets = new awsnative.rds.DbSubnetGroup("native-db-subnets", {
        dbSubnetGroupDescription: "private subnets",
        subnetIds: net.privateSubnets.map((s) => s.subnetId),
    });
    const db = new awsnative.rds.DbInstance("native-db", {
        engine: "mysql",
        engineVersion: "8.0.40",
        dbInstanceClass: "db.t4g.medium",
        allocatedStorage: "50",
        masterUsername: "laravel",
        manageMasterUserPassword: true,
        dbSubnetGroupName: dbSubnets.dbSubnetGroupName,
        vpcSecurityGroups: [dbGroup.groupId],
        storageEncrypted: true,
        multiAz: true,
        deletionProtection: true,
        backupRetentionPeriod: 7,
    });

    const cacheGroup = nativeGroupFrom("native-cache-sg", net, 6379, appGroup);
    const cacheSubnets = new awsnative.elasticache.SubnetGroup("native-cache-subnets", {
        description: "private subnets",
        subnetIds: net.privateSubnets.map((s) => s.subnetId),
    });
    const token = new random.RandomPassword("native-cache-token", { length: 32, special: false });
    new awsnative.elasticache.ReplicationGroup("native-sessions", {
        replicationGroupDescription: "Laravel sessions and queues",
        engine: "valkey",
        cacheNodeType: "cache.t4g.small",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        transitEncryptionEnabled: true,
        authToken: token.result,
        cacheSubnetGroupName: cacheSubnets.cacheSubnetGroupName,
        securityGroupIds: [cacheGroup.groupId],
    });

    new awsnative.s3.Bucket("native-uploads", {
        publicAccessBlockConfiguration: {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        versioningConfiguration: { status: "Enabled" },
        bucketEncryption: {
            serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        },
    });

    const team = new awsnative.sns.Topic("native-ops", {
        subscription: [{ protocol: "email", endpoint: "ops@example.com" }],
    });
    new awsnative.cloudwatch.Alarm("native-lb-5xx", {
        namespace: "AWS/ApplicationELB",
        metricName: "HTTPCode_ELB_5XX_Count",
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 5,
        threshold: 10,
        comparisonOperator: "GreaterThanThreshold",
        dimensions: [{ name: "LoadBalancer", value: lb.loadBalancerFullName }],
        alarmActions: [team.topicArn],
    });
    new awsnative.cloudwatch.Alarm("native-db-storage", {
        comparisonOperator: "LessThanThreshold",
        evaluationPeriods: 1,
        threshold: 5e9,
        alarmActions: [team.topicArn],
        metrics: [
            {
                id: "storage",
                returnData: true,
                metricStat: {
                    period: 300,
                    stat: "Minimum",
                    metric: {
                        namespace: "AWS/RDS",
                        metricName: "FreeStorageSpace",
                        dimensions: [{ name: "DBInstanceIdentifier", value: db.dbInstanceIdentifier.apply((id) => id!) }],
                    },
                },
            },
        ],
    });
    return { servers: servers.autoScalingGroupArn };
};
