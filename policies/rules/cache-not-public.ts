/**
 * The shared cache (sessions, cache, queue, locks) is reachable only from the app servers,
 * over TLS and with AUTH. AWS: ElastiCache with transit encryption in "required" mode and an
 * auth token (or a user group), MemoryDB with TLS and an ACL of password users, DAX with a TLS
 * endpoint, an Amazon MQ broker (a RabbitMQ queue) that is not publicly accessible, in private
 * subnets, its security group admitting only the app servers' group; an SQS queue (the `sqs`
 * driver) whose policy lets no one but fixed sources at the jobs. DigitalOcean: the Valkey/Redis
 * cluster in the VPC behind a database firewall trusting only
 * the app servers, as for databases (DigitalOcean caches always use TLS and a password).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { CONFIG_DEFAULTS } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const cacheNotPublic: StackValidationPolicy = {
    name: "webtier-cache-not-public",
    description:
        "The cache is reachable only from the app servers, with TLS and AUTH: ElastiCache transit encryption (required mode) and an auth token or a user group with no passwordless user on (nor AWS's built-in \"default\"), MemoryDB TLS and a password ACL, DAX TLS endpoints, no publicly accessible Amazon MQ broker, private subnets, security group admitting only the app servers' group, no SQS queue open to every principal; DigitalOcean Valkey/Redis in the VPC behind a database firewall trusting only the app servers: the droplets or their tag, or the stack's App Platform app or Kubernetes cluster.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.cacheNotPublic(graph, CONFIG_DEFAULTS))
                reportViolation(finding.message, finding.urn);
    },
};
