/**
 * The tier's data is encrypted at rest: every managed database and cache that can store its data
 * unencrypted has encryption on (RDS and Aurora, DocumentDB, Neptune, ElastiCache, DAX, Redshift,
 * and EFS, where some tiers keep uploads, on AWS). Each cloud's pack says which of its resources can and what their defaults are
 * (lib/<cloud>/encryption-at-rest.ts); DigitalOcean encrypts every managed database at rest.
 * Encryption at rest is chosen when a store is created: adding it later means a new store, which
 * is why the rule refuses the first preview rather than warn afterwards.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { fromResourceArgs } from "../lib/values";

export const dataEncrypted: ResourceValidationPolicy = {
    name: "webtier-data-encrypted",
    description:
        "Databases, caches and shared file systems encrypt their data at rest: RDS instances and Aurora clusters, DocumentDB and Neptune clusters (storageEncrypted), ElastiCache replication groups (atRestEncryptionEnabled; Redis OSS is unencrypted by default), no node-based ElastiCache cluster outside a replication group, DAX, Redshift and EFS (AWS); DigitalOcean encrypts its managed databases itself.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        for (const pack of CLOUD_PACKS)
            for (const problem of pack.encryptionAtRest?.(res) ?? []) reportViolation(problem);
    },
};
