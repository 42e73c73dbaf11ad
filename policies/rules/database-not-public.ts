/**
 * The database is reachable only from the app servers. AWS: every managed data service with
 * a network endpoint (RDS and Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK; see
 * lib/aws/data-stores.ts) without a public endpoint, in private subnets, its security group
 * admitting only the app servers' groups; no RDS snapshot shared with every AWS account. DigitalOcean:
 * the cluster in the VPC, behind a database firewall that trusts only the app servers: the
 * droplets or their tag (an autoscale pool's droplets by the tag its template gives them), or the
 * stack's App Platform app or Kubernetes cluster where the tier runs there.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { CONFIG_DEFAULTS } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const databaseNotPublic: StackValidationPolicy = {
    name: "webtier-database-not-public",
    description:
        "The database is reachable only from the app servers: every managed data service with a network endpoint (RDS and Aurora, DocumentDB, Neptune, Redshift, OpenSearch, MSK) private (no public endpoint, no clear-text clients, private subnets, security group admitting only the app servers' groups: instances, launch templates and configurations, ECS services, Lambda functions, App Runner VPC connectors, Elastic Beanstalk instances, EKS nodes; no RDS snapshot shared with all accounts); Lightsail databases not in public mode; DigitalOcean clusters in the VPC behind a database firewall trusting only the app servers: the droplets or their tag (an autoscale pool's template tag), or the stack's App Platform app or Kubernetes cluster.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.databaseNotPublic(graph, CONFIG_DEFAULTS))
                reportViolation(finding.message, finding.urn);
    },
};
