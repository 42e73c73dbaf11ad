/**
 * AWS list prices (on-demand, Linux, USD) for what webtier creates, in the regions it is priced
 * for. Hourly prices are per hour, `items` per month unless the name says hourly.
 *
 * To add a region or a size: read the same pages (or the Price List API,
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json) for it, add the figures
 * here, and update `date`.
 */
import { alarmMetrics, hourly, priced, Pricer, usage } from "../pricing";
import { HOURS_PER_MONTH, PriceTable } from "./types";

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
        // Server access logging has no charge of its own; the log files it writes are stored as any object.
        "aws:s3/bucketLogging:BucketLogging",
        "aws:s3/bucketLoggingV2:BucketLoggingV2",
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

/** What each of its resource types costs, read from the table above. */
export const AWS_PRICERS: Record<string, Pricer> = {
    "aws:ec2/instance:Instance": (r, c) => {
        const type = String(r.inputs.instanceType);
        const lines = [priced(c, "servers", r.name, `${type} × ${HOURS_PER_MONTH} h`, (p) => hourly(p.servers[type]))];
        const volume = r.inputs.rootBlockDevice?.volumeSize ?? 8;
        lines.push(
            priced(c, "storage", r.name, `root volume ${volume} GiB gp3`, (p) => p.items.ebsGp3PerGbMonth, volume),
        );
        if (r.inputs.monitoring === true)
            lines.push(
                priced(
                    c,
                    "monitoring",
                    r.name,
                    "detailed monitoring (1-minute metrics)",
                    (p) => p.items.ec2DetailedMonitoringMonth,
                ),
            );
        // The CloudWatch agent's metrics: memory, and disk with and without its path dimensions.
        if (
            c.resources.some(
                (other) =>
                    other.type === "aws:ssm/parameter:Parameter" &&
                    /^AmazonCloudWatch-/.test(String(other.inputs.name)),
            )
        ) {
            lines.push(
                priced(
                    c,
                    "monitoring",
                    r.name,
                    "CloudWatch agent: 3 custom metrics",
                    (p) => p.items.cloudwatchCustomMetricMonth,
                    3,
                ),
            );
        }
        return lines;
    },
    "aws:lb/loadBalancer:LoadBalancer": (r, c) => {
        if (r.inputs.loadBalancerType !== undefined && r.inputs.loadBalancerType !== "application") {
            return [
                {
                    category: "balancer",
                    resource: r.name,
                    item: `${r.inputs.loadBalancerType} load balancer`,
                    unpriced: `only application load balancers are priced in ${c.table.file}; add it`,
                },
            ];
        }
        const lines = [
            priced(c, "balancer", r.name, `application load balancer × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.items.albHourly),
            ),
            usage(c, "balancer", r.name, "load balancer capacity units", "albLcu"),
        ];
        if (r.inputs.internal !== true) {
            // An internet-facing balancer holds a public IPv4 address per zone (more under load).
            const zones = Array.isArray(r.inputs.subnets)
                ? r.inputs.subnets.length
                : Array.isArray(r.inputs.subnetMappings)
                  ? r.inputs.subnetMappings.length
                  : 2;
            lines.push(
                priced(
                    c,
                    "public-ipv4",
                    r.name,
                    `${zones} public IPv4 addresses (one per zone, at least)`,
                    (p) => hourly(p.items.publicIpv4Hourly),
                    zones,
                ),
            );
        }
        return lines;
    },
    "aws:ec2/natGateway:NatGateway": (r, c) => [
        priced(c, "nat", r.name, `NAT gateway × ${HOURS_PER_MONTH} h`, (p) => hourly(p.items.natGatewayHourly)),
        usage(c, "nat", r.name, "data through the NAT gateway", "natGatewayData"),
    ],
    "aws:ec2/eip:Eip": (r, c) => [
        priced(c, "public-ipv4", r.name, "public IPv4 address", (p) => hourly(p.items.publicIpv4Hourly)),
    ],
    "aws:rds/instance:Instance": (r, c) => {
        const engine = String(r.inputs.engine);
        const size = String(r.inputs.instanceClass);
        const storage = Number(r.inputs.allocatedStorage ?? 20);
        const lines = [
            priced(c, "database", r.name, `${engine} ${size} × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.databases[engine]?.[size]),
            ),
            priced(c, "database", r.name, `${storage} GiB gp3 storage`, (p) => p.items.rdsGp3PerGbMonth, storage),
        ];
        if (r.inputs.multiAz === true) {
            // Multi-AZ bills the standby instance and its storage like the primary.
            lines.push(
                priced(c, "database", r.name, `Multi-AZ standby (${size})`, (p) => hourly(p.databases[engine]?.[size])),
            );
            lines.push(
                priced(
                    c,
                    "database",
                    r.name,
                    `standby's ${storage} GiB storage`,
                    (p) => p.items.rdsGp3PerGbMonth,
                    storage,
                ),
            );
        }
        lines.push(usage(c, "database", r.name, "backup storage", "rdsBackup"));
        return lines;
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": (r, c) => {
        const engine = String(r.inputs.engine ?? "redis");
        const size = String(r.inputs.nodeType);
        const nodes = Number(r.inputs.numCacheClusters ?? 1);
        const lines = [
            priced(c, "cache", r.name, `${engine} ${size} primary × ${HOURS_PER_MONTH} h`, (p) =>
                hourly(p.caches[engine]?.[size]),
            ),
        ];
        if (nodes > 1)
            lines.push(
                priced(
                    c,
                    "cache",
                    r.name,
                    `${nodes - 1} replica(s) (${size})`,
                    (p) => hourly(p.caches[engine]?.[size]),
                    nodes - 1,
                ),
            );
        return lines;
    },
    "aws:s3/bucket:Bucket": (r, c) => [
        usage(c, "storage", r.name, "objects stored", "s3Storage"),
        usage(c, "storage", r.name, "requests", "s3Requests"),
    ],
    "aws:s3/bucketV2:BucketV2": (r, c) => [
        usage(c, "storage", r.name, "objects stored", "s3Storage"),
        usage(c, "storage", r.name, "requests", "s3Requests"),
    ],
    "aws:cloudfront/distribution:Distribution": (r, c) => [
        usage(c, "cdn", r.name, "data to viewers", "cloudfrontData"),
        usage(c, "cdn", r.name, "requests", "cloudfrontRequests"),
    ],
    "aws:sqs/queue:Queue": (r, c) => [usage(c, "queue", r.name, "requests", "sqsRequests")],
    "aws:cloudwatch/metricAlarm:MetricAlarm": (r, c) => {
        const metrics = alarmMetrics(r.inputs);
        return [
            priced(
                c,
                "monitoring",
                r.name,
                `alarm (${metrics} metric${metrics > 1 ? "s" : ""})`,
                (p) => p.items.cloudwatchAlarmMetricMonth,
                metrics,
            ),
        ];
    },
    "aws:sns/topic:Topic": (r, c) => [usage(c, "monitoring", r.name, "email notifications", "snsEmail")],
    "aws:kms/key:Key": (r, c) => [
        priced(c, "other", r.name, "KMS key (the servers' secrets)", (p) => p.items.kmsKeyMonth),
    ],
};
