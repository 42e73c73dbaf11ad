/**
 * AWS in the policy pack: the resource types the rules read, their names in messages, and how
 * other resources refer to them. Registered with the rest of the cloud's pack in
 * policies/lib/clouds.ts; shared code reaches these through the registry, never by name.
 */
import { AWS_COMPUTE_TYPES } from "./group-holders";
import { DATA_SUBNET_GROUP_TYPES } from "./data-stores";

/** Security group types (resources that a rule can protect or name as a source). */
export const SECURITY_GROUP_TYPES: readonly string[] = [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
];

export const AWS = {
    loadBalancers: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listeners: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    listenerRules: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
    targetGroups: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    targetGroupAttachments: [
        "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        "aws:alb/targetGroupAttachment:TargetGroupAttachment",
    ],
    ...AWS_COMPUTE_TYPES,
    subnets: ["aws:ec2/subnet:Subnet"],
    vpcs: ["aws:ec2/vpc:Vpc"],
    internetGateways: ["aws:ec2/internetGateway:InternetGateway"],
    routeTables: ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"],
    defaultRouteTables: ["aws:ec2/defaultRouteTable:DefaultRouteTable"],
    routeTableAssociations: ["aws:ec2/routeTableAssociation:RouteTableAssociation"],
    mainRouteTableAssociations: ["aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation"],
    routes: ["aws:ec2/route:Route"],
    rdsInstances: ["aws:rds/instance:Instance"],
    rdsClusters: ["aws:rds/cluster:Cluster"],
    rdsClusterInstances: ["aws:rds/clusterInstance:ClusterInstance"],
    rdsSubnetGroups: ["aws:rds/subnetGroup:SubnetGroup"],
    /** Manual snapshots and copies, which `sharedAccounts: ["all"]` makes public. */
    rdsSnapshots: [
        "aws:rds/snapshot:Snapshot",
        "aws:rds/snapshotCopy:SnapshotCopy",
        "aws:rds/clusterSnapshot:ClusterSnapshot",
        "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
    ],
    replicationGroups: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    cacheClusters: ["aws:elasticache/cluster:Cluster"],
    serverlessCaches: ["aws:elasticache/serverlessCache:ServerlessCache"],
    cacheUserGroups: ["aws:elasticache/userGroup:UserGroup"],
    cacheUsers: ["aws:elasticache/user:User"],
    cacheUserGroupAssociations: ["aws:elasticache/userGroupAssociation:UserGroupAssociation"],
    cacheSubnetGroups: ["aws:elasticache/subnetGroup:SubnetGroup"],
    buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    securityGroups: SECURITY_GROUP_TYPES,
    memoryDbClusters: ["aws:memorydb/cluster:Cluster"],
    daxClusters: ["aws:dax/cluster:Cluster"],
    neptuneInstances: ["aws:neptune/clusterInstance:ClusterInstance"],
} as const;

/** Readable names for the resource types the rules talk about. */
export const AWS_LABELS: Readonly<Record<string, string>> = {
    "aws:cloudfront/distribution:Distribution": "CloudFront distribution",
    "aws:lightsail/instance:Instance": "Lightsail instance",
    "aws:lightsail/instancePublicPorts:InstancePublicPorts": "Lightsail instance firewall",
    "aws:lightsail/lb:Lb": "Lightsail load balancer",
    "aws:lightsail/database:Database": "Lightsail database",
    "aws:ec2/securityGroup:SecurityGroup": "security group",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "default security group",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "security group rule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security group ingress rule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "security group egress rule",
    "aws:lb/loadBalancer:LoadBalancer": "load balancer",
    "aws:alb/loadBalancer:LoadBalancer": "load balancer",
    "aws:lb/listener:Listener": "listener",
    "aws:alb/listener:Listener": "listener",
    "aws:lb/listenerRule:ListenerRule": "listener rule",
    "aws:alb/listenerRule:ListenerRule": "listener rule",
    "aws:lb/targetGroup:TargetGroup": "target group",
    "aws:alb/targetGroup:TargetGroup": "target group",
    "aws:rds/instance:Instance": "RDS instance",
    "aws:rds/cluster:Cluster": "RDS cluster",
    "aws:rds/clusterInstance:ClusterInstance": "RDS cluster instance",
    "aws:rds/snapshot:Snapshot": "RDS snapshot",
    "aws:rds/snapshotCopy:SnapshotCopy": "RDS snapshot copy",
    "aws:rds/clusterSnapshot:ClusterSnapshot": "RDS cluster snapshot",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": "RDS cluster snapshot copy",
    "aws:elasticache/replicationGroup:ReplicationGroup": "ElastiCache replication group",
    "aws:elasticache/cluster:Cluster": "ElastiCache cluster",
    "aws:elasticache/serverlessCache:ServerlessCache": "ElastiCache serverless cache",
    "aws:elasticache/userGroup:UserGroup": "ElastiCache user group",
    "aws:elasticache/user:User": "ElastiCache user",
    "aws:s3/bucket:Bucket": "S3 bucket",
    "aws:s3/bucketV2:BucketV2": "S3 bucket",
    "aws:s3/bucketAcl:BucketAcl": "S3 bucket ACL",
    "aws:s3/bucketAclV2:BucketAclV2": "S3 bucket ACL",
    "aws:s3/bucketPolicy:BucketPolicy": "S3 bucket policy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "S3 public access block",
    "aws:ec2/instance:Instance": "EC2 instance",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/routeTable:RouteTable": "route table",
    "aws:ec2/defaultRouteTable:DefaultRouteTable": "default route table",
    "aws:ec2/route:Route": "route",
    "aws:rds/subnetGroup:SubnetGroup": "RDS subnet group",
    "aws:elasticache/subnetGroup:SubnetGroup": "ElastiCache subnet group",
    "aws:autoscaling/group:Group": "auto scaling group",
    "aws:elb/loadBalancer:LoadBalancer": "classic load balancer",
    "aws:memorydb/cluster:Cluster": "MemoryDB cluster",
    "aws:dax/cluster:Cluster": "DAX cluster",
    "aws:docdb/cluster:Cluster": "DocumentDB cluster",
    "aws:neptune/cluster:Cluster": "Neptune cluster",
    "aws:neptune/clusterInstance:ClusterInstance": "Neptune instance",
    "aws:rds/proxy:Proxy": "RDS proxy",
    "aws:redshift/cluster:Cluster": "Redshift cluster",
    "aws:opensearch/domain:Domain": "OpenSearch domain",
    "aws:elasticsearch/domain:Domain": "Elasticsearch domain",
    "aws:msk/cluster:Cluster": "MSK cluster",
    "aws:ecs/service:Service": "ECS service",
    "aws:ec2/launchTemplate:LaunchTemplate": "launch template",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "launch configuration",
    "aws:lambda/function:Function": "Lambda function",
    "aws-native:lambda:Function": "Lambda function",
    "aws:ssm/parameter:Parameter": "SSM parameter",
    "aws-native:ssm:Parameter": "SSM parameter",
    "aws:ecs/taskDefinition:TaskDefinition": "ECS task definition",
    "aws-native:ecs:TaskDefinition": "ECS task definition",
    "aws:elasticbeanstalk/environment:Environment": "Elastic Beanstalk environment",
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": "Elastic Beanstalk configuration template",
    "aws:ec2/managedPrefixList:ManagedPrefixList": "prefix list",
    "aws:eks/nodeGroup:NodeGroup": "EKS node group",
    "aws:s3/bucketObject:BucketObject": "S3 object",
    "aws:s3/bucketObjectv2:BucketObjectv2": "S3 object",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": "S3 account public access block",
    "aws:s3/objectCopy:ObjectCopy": "S3 object copy",
};

/** Properties besides `id` and `arn` that other resources use to refer to a resource of this type. */
export const AWS_IDENTITY_KEYS: Readonly<Record<string, readonly string[]>> = {
    "aws:s3/bucket:Bucket": ["bucket"],
    "aws:s3/bucketV2:BucketV2": ["bucket"],
    // Caches name their user groups, and user groups their users, by the ids the program chose.
    "aws:elasticache/userGroup:UserGroup": ["userGroupId"],
    "aws:elasticache/user:User": ["userId"],
    ...Object.fromEntries(DATA_SUBNET_GROUP_TYPES.map((type) => [type, ["name"]])),
    // Classic ELB listener policies name the balancer and its policies by name.
    "aws:elb/loadBalancer:LoadBalancer": ["name"],
    "aws:elb/loadBalancerPolicy:LoadBalancerPolicy": ["policyName"],
    // Beanstalk environments name their configuration template (templateName).
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": ["name"],
    // Lightsail names its instances and balancers (InstancePublicPorts' instanceName, LbAttachment's lbName).
    "aws:lightsail/instance:Instance": ["name"],
    "aws:lightsail/lb:Lb": ["name"],
    // Routes name a VPC's main route table through the VPC's outputs.
    "aws:ec2/vpc:Vpc": ["mainRouteTableId", "defaultRouteTableId"],
};
