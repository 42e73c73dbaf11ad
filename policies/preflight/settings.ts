/**
 * Settings a provider or the cloud refuses together, each cloud's from its pack
 * (lib/<cloud>/settings.ts): a combination one value alone does not show, or a value refused
 * for what the resource is (a policy document's size, a queue name against its kind).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";

export const preflightSettings: ResourceValidationPolicy = {
    name: "webtier-preflight-settings",
    description:
        'Settings refused together: an ElastiCache replication group with Multi-AZ but no automatic failover (the provider\'s plan refuses it), automatic failover with a single node, more than 6 nodes without shards, Redis OSS after 7.1; an RDS instance that is Multi-AZ with an availabilityZone or on SQL Server Express, provisioned IOPS storage without iops, below 1,000 IOPS or outside 0.5 to 50 IOPS per GiB, gp3 IOPS or throughput below the size that allows them, maxAllocatedStorage below allocatedStorage, db.serverless outside Aurora; RDS backup windows under 30 minutes or overlapping the maintenance window; Aurora Serverless v2 minCapacity above maxCapacity, Aurora Serverless v1 (engineMode "serverless", past its end of life); a security group rule with protocol "-1" and a port other than 0 (the provider refuses it after creating the group) or a TCP/UDP fromPort above toPort; a target group health check timeout not below its interval; an HTTPS or TLS listener without certificateArn; EBS volume sizes outside what their type takes (at most 16,384 GiB on gp2, io1, st1 and sc1, 65,536 on gp3 and io2, 1,024 on standard), gp3 volumes over 500 IOPS per GiB or 0.25 MiB/s per IOPS; Auto Scaling sizes that do not nest; DynamoDB attributes no key uses, provisioned tables without capacity; SQS names at odds with fifoQueue; IAM managed policies over 6,144 characters, bucket policies over 20 KB; Fargate task definitions with a CPU and memory pair Fargate does not offer; DigitalOcean DNS records without what their type needs (priority for MX; priority, weight and port for SRV; flags and tag for CAA), App Platform instance counts below 1, set beside autoscaling, or autoscaling above 250 instances or with its minimum above its maximum.',
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.settings?.(res) ?? []) reportViolation(problem);
    },
};
