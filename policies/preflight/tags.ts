/**
 * Tags the cloud would refuse (each cloud's pack says its limits: lib/<cloud>/tags.ts).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";

export const preflightTags: ResourceValidationPolicy = {
    name: "webtier-preflight-tags",
    description:
        "Resource tags within the cloud's limits: AWS (50 tags, keys up to 128 characters, values up to 256, no aws: prefix) and DigitalOcean tag names (letters, digits, _ - :, up to 255).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.tags?.(res) ?? []) reportViolation(problem);
    },
};
