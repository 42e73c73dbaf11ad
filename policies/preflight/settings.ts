/**
 * Settings a provider or the cloud refuses together, each cloud's from its pack
 * (lib/<cloud>/settings.ts): a combination one value alone does not show.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";

export const preflightSettings: ResourceValidationPolicy = {
    name: "webtier-preflight-settings",
    description:
        "Settings refused together: an ElastiCache replication group with Multi-AZ but no automatic failover (the provider's plan refuses it), or automatic failover with a single node; an RDS instance that is Multi-AZ with an availabilityZone, provisioned IOPS storage without iops or outside 0.5 to 50 IOPS per GiB, gp3 IOPS or throughput below the size that allows them (the API refuses them); a security group's inline rule with protocol \"-1\" and a port other than 0 (the provider refuses it after creating the group).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.settings?.(res) ?? []) reportViolation(problem);
    },
};
