/**
 * Database engines and versions the cloud would refuse to create, and RDS settings it refuses
 * in combination: checked against the dated tables in engine-versions.ts.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";
import { today } from "./engine-versions";

export const preflightDatabaseVersions: ResourceValidationPolicy = {
    name: "webtier-preflight-database-versions",
    description:
        "Database engines and versions the cloud offers for a new database today (RDS standard support unless Extended Support is chosen; DigitalOcean's available versions), lifecycle values RDS accepts, and static RDS parameters applied at the next reboot.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const on = today();
        // Each cloud's pack judges its own database types.
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.databaseVersions?.(res, on) ?? []) reportViolation(problem);
    },
};
