/**
 * Certificates the certificate authority or the services would refuse: ACM puts the first domain
 * name in the certificate's subject common name, which X.509 limits to 64 characters; a load
 * balancer or CDN refuses a requested certificate until it is issued, so what serves it must wait
 * for its validation. A stack policy, since the certificate and what serves it are two resources.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "../lib/graph";
import { registered } from "../lib/registered";
import { fromStackResources } from "../lib/values";

export const preflightCertificates: StackValidationPolicy = {
    name: "webtier-preflight-certificates",
    description:
        "ACM certificate domain names within ACM's limits (64 characters for the first domain, 253 for each alternative name); a requested certificate served (listener, classic balancer, CloudFront) only after its validation.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        // Each cloud's pack judges its own certificate types.
        for (const pack of registered().CLOUD_PACKS) {
            for (const res of graph.resources)
                for (const problem of pack.preflight.certificates?.(res) ?? []) reportViolation(problem, res.urn);
            for (const finding of pack.preflight.certificateIssuance?.(graph) ?? [])
                reportViolation(finding.message, finding.urn);
        }
    },
};
