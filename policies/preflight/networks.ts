/**
 * Network ranges a cloud would refuse on their own (each cloud's pack: AWS takes VPC and subnet
 * ranges from /16 to /28 written as network addresses; DigitalOcean private VPC ranges from /16 to
 * /28 outside the ranges it reserves). Overlap with another network of the account cannot be seen
 * from one program; webtier derives distinct defaults (infra/config/network.ts).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";

export const preflightNetworks: ResourceValidationPolicy = {
    name: "webtier-preflight-networks",
    description:
        "Network ranges the cloud accepts: AWS VPC and subnet ranges from /16 to /28 as network addresses; DigitalOcean VPC ranges private (RFC 1918), /16 to /28, outside its reserved ranges.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        // Each cloud's pack judges its own network types.
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.networks?.(res) ?? []) reportViolation(problem);
    },
};
