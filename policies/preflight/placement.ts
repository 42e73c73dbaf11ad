/**
 * Resources placed where the cloud refuses them at create: on AWS, an application load balancer
 * or a DB subnet group in fewer than two Availability Zones, a subnet outside its VPC's ranges or
 * overlapping another of its VPC, a listener on a balancer type that does not speak its protocol
 * or route to its target group's; on DigitalOcean, VPCs
 * whose ranges overlap, a resource in a VPC of another region, a regional load balancer's droplets
 * elsewhere, a volume attached to a droplet of another region. A stack policy, since the two ends
 * are two resources.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "../lib/graph";
import { registered } from "../lib/registered";
import { fromStackResources } from "../lib/values";

export const preflightPlacement: StackValidationPolicy = {
    name: "webtier-preflight-placement",
    description:
        "Resources placed where the cloud accepts them: AWS application load balancers and DB subnet groups in at least two Availability Zones, subnets inside their VPC's ranges and apart from each other, listeners and the target groups they forward to of a protocol their load balancer's type speaks (HTTP or HTTPS on an application load balancer, not on a network load balancer); DigitalOcean VPC ranges apart from each other, droplets, load balancers, database and Kubernetes clusters in a VPC of their own region, a regional load balancer's droplets and a volume's droplet in its region.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        // Each cloud's pack judges its own types.
        for (const pack of registered().CLOUD_PACKS)
            for (const finding of pack.preflight.placement?.(graph) ?? [])
                reportViolation(finding.message, finding.urn);
    },
};
