// Laravel's cache and sessions written with the native AWS provider the quick way: a single-node
// Redis cluster (CloudFormation's AWS::ElastiCache::CacheCluster) in a group open to the whole
// VPC range on 6379, with no subnet group, and a serverless Valkey cache for sessions without a
// user group. The node-based cluster has no TLS, cannot require AUTH or encrypt at rest, and sits
// in the default VPC; the serverless cache lets any client in without a password.
import * as awsnative from "@pulumi/aws-native";
import { nativeNetwork } from "./network";

export = function program() {
    const net = nativeNetwork("quick");
    const cacheGroup = new awsnative.ec2.SecurityGroup("quick-cache-sg", {
        groupDescription: "cache",
        vpcId: net.vpc.vpcId,
        securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 6379, toPort: 6379, cidrIp: "10.50.0.0/16" }],
    });
    new awsnative.elasticache.CacheCluster("quick-cache", {
        engine: "redis",
        cacheNodeType: "cache.t4g.small",
        numCacheNodes: 1,
        vpcSecurityGroupIds: [cacheGroup.groupId],
    });
    new awsnative.elasticache.ServerlessCache("quick-sessions", {
        engine: "valkey",
        securityGroupIds: [cacheGroup.groupId],
        subnetIds: net.privateSubnets.map((s) => s.subnetId),
    });
};
