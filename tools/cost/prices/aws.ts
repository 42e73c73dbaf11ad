/**
 * AWS list prices (on-demand, Linux, USD) for what webtier creates, in the regions it is priced
 * for. Hourly prices are per hour, `items` per month unless the name says hourly.
 *
 * To add a region or a size: read the same pages (or the Price List API,
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json) for it, add the figures
 * here, and update `date`.
 */
import { PriceTable } from "./types";

const EU_WEST_1 = {
    servers: { "t3.small": 0.0228, "t3.medium": 0.0456, "m6i.large": 0.107 },
    databases: {
        mysql: { "db.t4g.small": 0.034, "db.t4g.medium": 0.068, "db.m6g.large": 0.168 },
        postgres: { "db.t4g.small": 0.036, "db.t4g.medium": 0.072, "db.m6g.large": 0.178 },
    },
    caches: {
        // Valkey node-based pricing is 20% below Redis OSS for the same node type.
        redis: { "cache.t4g.small": 0.036, "cache.t4g.medium": 0.072, "cache.m6g.large": 0.166 },
        valkey: { "cache.t4g.small": 0.0288, "cache.t4g.medium": 0.0576, "cache.m6g.large": 0.1328 },
    },
    items: {
        albHourly: 0.0252,
        natGatewayHourly: 0.048,
        publicIpv4Hourly: 0.005,
        ebsGp3PerGbMonth: 0.088,
        rdsGp3PerGbMonth: 0.127,
        /** Per alarm metric (standard resolution); a metric-math alarm pays for each metric it reads. */
        cloudwatchAlarmMetricMonth: 0.1,
        cloudwatchCustomMetricMonth: 0.3,
        /** Detailed monitoring: the 7 EC2 metrics at one-minute resolution, billed as custom metrics. */
        ec2DetailedMonitoringMonth: 2.1,
        /**
         * A customer managed KMS key (the servers' secrets key). With yearly rotation each of the
         * first two rotations adds $1 a month for the key material it keeps, so a key costs $1, then
         * up to $3 a month; requests through Parameter Store are within the free 20,000 a month.
         */
        kmsKeyMonth: 1,
    },
    usage: {
        albLcu: { price: 0.008, unit: "LCU-hour (new connections, active connections, bytes, rule evaluations)" },
        natGatewayData: { price: 0.048, unit: "GB processed by the NAT gateway" },
        internetEgress: { price: 0.09, unit: "GB out to the internet (after the first 100 GB a month)" },
        s3Storage: { price: 0.023, unit: "GB-month stored (S3 Standard, versions included)" },
        s3Requests: { price: 0.005, unit: "1,000 PUT/COPY/POST/LIST requests (GET: $0.0004 per 1,000)" },
        cloudfrontData: {
            price: 0.085,
            unit: "GB out to viewers in Europe/North America (first 10 TB; 1 TB a month free)",
        },
        cloudfrontRequests: { price: 0.012, unit: "10,000 HTTPS requests" },
        sqsRequests: { price: 0.4, unit: "1M requests (first 1M a month free)" },
        rdsBackup: { price: 0.095, unit: "GB-month of backups beyond the database's size" },
        snsEmail: { price: 2, unit: "100,000 email notifications (first 1,000 a month free)" },
    },
};

export const AWS_PRICES: PriceTable = {
    cloud: "aws",
    currency: "USD",
    sources: [
        "https://aws.amazon.com/ec2/pricing/on-demand/",
        "https://aws.amazon.com/ebs/pricing/",
        "https://aws.amazon.com/elasticloadbalancing/pricing/",
        "https://aws.amazon.com/kms/pricing/",
        "https://aws.amazon.com/vpc/pricing/",
        "https://aws.amazon.com/rds/mysql/pricing/",
        "https://aws.amazon.com/rds/postgresql/pricing/",
        "https://aws.amazon.com/elasticache/pricing/",
        "https://aws.amazon.com/cloudwatch/pricing/",
        "https://aws.amazon.com/s3/pricing/",
        "https://aws.amazon.com/cloudfront/pricing/",
        "https://aws.amazon.com/sqs/pricing/",
        "https://aws.amazon.com/sns/pricing/",
    ],
    date: "2025-06-01",
    file: "tools/cost/prices/aws.ts",
    regions: { "eu-west-1": EU_WEST_1 },
    free: [
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:ec2/internetGateway:InternetGateway",
        "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
        "aws:ec2/routeTable:RouteTable",
        "aws:ec2/route:Route",
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
        "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
        "aws:ec2/defaultRouteTable:DefaultRouteTable",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "aws:ec2/keyPair:KeyPair",
        "aws:lb/targetGroup:TargetGroup",
        "aws:lb/listener:Listener",
        "aws:lb/listenerRule:ListenerRule",
        "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/instanceProfile:InstanceProfile",
        "aws:iam/policy:Policy",
        // Public certificates are free; alias records to a balancer answer queries for free.
        "aws:acm/certificate:Certificate",
        "aws:acm/certificateValidation:CertificateValidation",
        "aws:route53/record:Record",
        "aws:rds/subnetGroup:SubnetGroup",
        "aws:rds/parameterGroup:ParameterGroup",
        "aws:elasticache/subnetGroup:SubnetGroup",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/bucketVersioning:BucketVersioning",
        "aws:s3/bucketVersioningV2:BucketVersioningV2",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
        "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
        "aws:s3/bucketPolicy:BucketPolicy",
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
        "aws:cloudfront/originAccessControl:OriginAccessControl",
        "aws:sqs/queuePolicy:QueuePolicy",
        // Subscriptions cost per notification delivered (usage), not to exist.
        "aws:sns/topicSubscription:TopicSubscription",
        "aws:sns/topicPolicy:TopicPolicy",
        // Standard parameters are free (advanced ones are not; webtier creates standard ones).
        "aws:ssm/parameter:Parameter",
        "aws:kms/alias:Alias",
    ],
};
