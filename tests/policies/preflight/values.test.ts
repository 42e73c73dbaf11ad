import { preflightValues } from "../../../policies/preflight";
import { assertNone, assertViolation, UNKNOWN_STRING } from "../helpers";
import { check } from "./support";

describe("preflight: enumerated and shaped values", () => {
    it("refuses balancer, target group and listener values ELB does not have", async () => {
        assertViolation(
            await check(preflightValues, "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "classic" }),
            "loadBalancerType",
            '"classic"',
        );
        assertViolation(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { protocol: "http" }),
            "protocol",
            '"http"',
            "HTTP",
        );
        assertViolation(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { targetType: "instances" }),
            "targetType",
        );
        assertViolation(await check(preflightValues, "aws:lb/listener:Listener", { protocol: "HTTP2" }), "protocol");
        assertNone(
            await check(preflightValues, "aws:lb/loadBalancer:LoadBalancer", {
                loadBalancerType: "application",
                ipAddressType: "dualstack",
            }),
        );
        assertNone(
            await check(preflightValues, "aws:lb/targetGroup:TargetGroup", {
                protocol: "HTTP",
                targetType: "instance",
            }),
        );
    });
    it("refuses an RDS storage type or instance class RDS does not have", async () => {
        assertViolation(
            await check(preflightValues, "aws:rds/instance:Instance", { storageType: "gp4" }),
            "storageType",
        );
        assertViolation(
            await check(preflightValues, "aws:rds/instance:Instance", { instanceClass: "t4g.micro" }),
            "instanceClass",
            "db.",
        );
        assertNone(
            await check(preflightValues, "aws:rds/instance:Instance", {
                storageType: "gp3",
                instanceClass: "db.r6gd.xlarge",
            }),
        );
        assertNone(
            await check(preflightValues, "aws:rds/clusterInstance:ClusterInstance", { instanceClass: "db.serverless" }),
        );
    });
    it("refuses cache node types without cache. and EC2 instance types without a size", async () => {
        assertViolation(
            await check(preflightValues, "aws:elasticache/replicationGroup:ReplicationGroup", {
                nodeType: "t4g.micro",
            }),
            "nodeType",
        );
        assertViolation(
            await check(preflightValues, "aws:ec2/instance:Instance", { instanceType: "t3" }),
            "instanceType",
        );
        assertNone(
            await check(preflightValues, "aws:elasticache/replicationGroup:ReplicationGroup", {
                nodeType: "cache.t4g.micro",
            }),
        );
        assertNone(await check(preflightValues, "aws:ec2/instance:Instance", { instanceType: "mac2-m2pro.metal" }));
    });
    it("leaves unknown values and absent ones (provider defaults) alone", async () => {
        assertNone(await check(preflightValues, "aws:lb/targetGroup:TargetGroup", { protocol: UNKNOWN_STRING }));
        assertNone(await check(preflightValues, "aws:lb/targetGroup:TargetGroup", {}));
    });
});
