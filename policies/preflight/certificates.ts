/**
 * Certificate domains the certificate authority would refuse: ACM puts the first domain name in
 * the certificate's subject common name, which X.509 limits to 64 characters.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { fromResourceArgs } from "../lib/values";

export const preflightCertificates: ResourceValidationPolicy = {
    name: "webtier-preflight-certificates",
    description:
        "ACM certificate domain names within ACM's limits (64 characters for the first domain, 253 for each alternative name).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        // Each cloud's pack judges its own certificate types.
        const res = fromResourceArgs(args);
        for (const pack of registered().CLOUD_PACKS)
            for (const problem of pack.preflight.certificates?.(res) ?? []) reportViolation(problem);
    },
};
