/**
 * An operated tier tells its team when it is unwell: the balancer, every app server, every
 * database and every cache has at least one alert that reaches a person. Advisory by default
 * (dev stacks usually run without alerts); mandatory in prod's policy config.
 *
 * Written for any program, following the graph rather than names; each cloud's pack says what
 * covers a resource and reaches a person (lib/<cloud>/checks/alerts.ts):
 * - AWS: a CloudWatch metric alarm covers a resource when one of its dimensions (plain, or in a
 *   metric-math query) holds the resource's id, ARN, ARN suffix, identifier or, for an
 *   ElastiCache replication group, one of its member nodes (`<group id>-001`), or was computed
 *   from it (property dependencies; all there is during a preview). It reaches a person when
 *   its actions are enabled and one of its `alarmActions` is an SNS topic of the stack with a
 *   subscription, or an SNS topic outside the stack (whose subscriptions the stack cannot see).
 * - DigitalOcean: a monitoring alert policy covers droplets through its entities (their ids) or
 *   tags (one the droplet carries; an autoscale pool's droplets, whose ids the program never
 *   sees, only by a tag of its template), a balancer or a database cluster through its entities; an
 *   uptime alert covers a balancer when its check requests the balancer's IP or a DNS record of
 *   the stack that points at it. Either reaches a person when it is enabled and names an email
 *   or a Slack channel.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { CONFIG_DEFAULTS } from "../lib/config";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export const alerts: StackValidationPolicy = {
    name: "webtier-alerts",
    description:
        "Alerts reach a person when the tier is unwell: the balancer, every app server, every database and every cache has a CloudWatch alarm notifying a subscribed SNS topic (AWS) or an enabled alert policy / uptime alert with an email or Slack destination (DigitalOcean). Advisory by default; mandatory in prod.",
    enforcementLevel: "advisory",
    // An advisory rule, ranked like the reliability floor: nothing is exposed without alerts
    // (an outage just goes unnoticed), and every advisory rule ranks below the mandatory ones.
    severity: "low",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.alerts(graph, CONFIG_DEFAULTS))
                reportViolation(finding.message, finding.urn);
    },
};
