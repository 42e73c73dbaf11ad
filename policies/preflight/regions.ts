/**
 * Resources placed across regions in a way the cloud refuses at create: on DigitalOcean, a
 * resource in a VPC of another region, a regional load balancer's droplets elsewhere, a volume
 * attached to a droplet of another region. A stack policy, since the two ends are two resources.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "../lib/graph";
import { registered } from "../lib/registered";
import { fromStackResources } from "../lib/values";

export const preflightRegions: StackValidationPolicy = {
    name: "webtier-preflight-regions",
    description:
        "Resources in the regions the cloud accepts together: DigitalOcean droplets, load balancers, database and Kubernetes clusters in a VPC of their own region, a regional load balancer's droplets and a volume's droplet in its region.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        // Each cloud's pack judges its own types.
        for (const pack of registered().CLOUD_PACKS)
            for (const finding of pack.preflight.regions?.(graph) ?? []) reportViolation(finding.message, finding.urn);
    },
};
