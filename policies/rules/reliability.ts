/**
 * A reliability floor, advisory by default (dev stacks run one server on purpose); set the
 * enforcement level to "mandatory" for production. At least `minServers` servers behind the
 * balancer, across two zones on AWS (a DigitalOcean autoscale pool counting as the droplets it
 * never scales below), and as many instances of every App Platform service on DigitalOcean; those
 * servers replaced without downtime (no deleteBeforeReplace on them, from the program or from
 * autonaming without randomness; no ECS rolling deployment or instance refresh that may stop
 * them all); RDS multi-AZ, with backups and deletion protection; a DigitalOcean
 * database with a standby node.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { readConfig, schemaFor } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const reliability: StackValidationPolicy = {
    name: "webtier-reliability",
    description:
        "Reliability floor: at least minServers servers behind the balancer (across two zones on AWS; a DigitalOcean autoscale pool counts as its minInstances), and as many instances of every DigitalOcean App Platform service; servers replaced without downtime (no deleteBeforeReplace, no ECS deployment or instance refresh that may stop them all); RDS Multi-AZ with backups and deletion protection; DigitalOcean databases with a standby node. Advisory by default; make it mandatory for production.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: schemaFor("minServers"),
    validateStack: (args, reportViolation) => {
        const config = readConfig(args);
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.reliability(graph, config)) reportViolation(finding.message, finding.urn);
    },
};
