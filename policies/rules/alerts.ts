/**
 * An operated tier tells its team when it is unwell: the balancer, every app server, every
 * database and every cache has at least one alert that reaches a person. Advisory by default
 * (dev stacks usually run without alerts); mandatory in prod's policy config.
 *
 * Written for any program, following the graph rather than names:
 * - AWS: a CloudWatch metric alarm covers a resource when one of its dimensions (plain, or in a
 *   metric-math query) holds the resource's id, ARN, ARN suffix, identifier or, for an
 *   ElastiCache replication group, one of its member nodes (`<group id>-001`), or was computed
 *   from it (property dependencies; all there is during a preview). It reaches a person when
 *   its actions are enabled and one of its `alarmActions` is an SNS topic of the stack with a
 *   subscription, or an SNS topic outside the stack (whose subscriptions the stack cannot see).
 * - DigitalOcean: a monitoring alert policy covers droplets through its entities (their ids) or
 *   tags (one the droplet carries), a balancer or a database cluster through its entities; an
 *   uptime alert covers a balancer when its check requests the balancer's IP or a DNS record of
 *   the stack that points at it. Either reaches a person when it is enabled and names an email
 *   or a Slack channel.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { Finding, digitalOceanClusters } from "../lib/data-access";
import { dataStoreShapes } from "../lib/aws/data-stores";
import { AWS, DO, StackGraph } from "../lib/graph";
import { Res, describe, fromStackResources, isUnknown, listOf, present } from "../lib/values";

export const ALERT_TYPES = {
    awsAlarms: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    awsCompositeAlarms: ["aws:cloudwatch/compositeAlarm:CompositeAlarm"],
    awsTopics: ["aws:sns/topic:Topic"],
    awsSubscriptions: ["aws:sns/topicSubscription:TopicSubscription"],
    doMonitorAlerts: ["digitalocean:index/monitorAlert:MonitorAlert"],
    doUptimeChecks: ["digitalocean:index/uptimeCheck:UptimeCheck"],
    doUptimeAlerts: ["digitalocean:index/uptimeAlert:UptimeAlert"],
    doDnsRecords: ["digitalocean:index/dnsRecord:DnsRecord"],
    doTags: ["digitalocean:index/tag:Tag"],
} as const;

/** The properties other resources' metrics use to name an AWS resource, besides id and ARN. */
const AWS_IDENTITY_KEYS = ["arnSuffix", "identifier", "clusterIdentifier", "replicationGroupId", "clusterId", "name"];
/** ElastiCache's node ids of a replication group: `<group id>-001`, `-002`, ... */
const CACHE_NODE = /^(.+)-\d{3}$/;

function strings(value: unknown): string[] {
    return typeof value === "string" && !isUnknown(value) && value !== "" ? [value] : [];
}

/** Every dimension value of an alarm, from `dimensions` and from each metric-math query's metric. */
function dimensionValues(alarm: Res): unknown[] {
    const values: unknown[] = [];
    const collect = (dimensions: unknown) => {
        if (dimensions && typeof dimensions === "object" && !isUnknown(dimensions))
            values.push(...Object.values(dimensions as Record<string, unknown>));
    };
    collect(alarm.props.dimensions);
    for (const query of listOf<Record<string, any>>(alarm.props.metricQueries)) {
        if (query && !isUnknown(query)) collect(query.metric?.dimensions);
    }
    return values;
}

/** Each subject's identities, worked out once per stack: every alarm is compared with every subject. */
const identitiesBySubject = new WeakMap<Res, Set<string>>();

/** The values an alarm's dimensions may name a resource by: its id, ARN and type-specific keys. */
function awsIdentities(subject: Res): Set<string> {
    let identities = identitiesBySubject.get(subject);
    if (!identities) {
        identities = new Set<string>(["id", "arn", ...AWS_IDENTITY_KEYS].flatMap((key) => strings(subject.props[key])));
        identitiesBySubject.set(subject, identities);
    }
    return identities;
}

/** The AWS resources an alarm watches: by identity of its dimension values, or through its dependencies. */
function awsWatched(graph: StackGraph, alarm: Res, subjects: Res[]): Set<Res> {
    const watched = new Set<Res>();
    const values = dimensionValues(alarm).flatMap(strings);
    for (const subject of subjects) {
        const identities = awsIdentities(subject);
        const matches = values.some(
            (value) =>
                identities.has(value) ||
                (AWS.replicationGroups.includes(subject.type as never) &&
                    identities.has(CACHE_NODE.exec(value)?.[1] ?? "")),
        );
        if (matches) watched.add(subject);
    }
    for (const key of ["dimensions", "metricQueries"]) {
        for (const urn of alarm.propertyDependencies[key] ?? []) {
            const res = graph.get(urn);
            if (res && subjects.includes(res)) watched.add(res);
        }
    }
    return watched;
}

/**
 * Whether an alarm notifies someone: its own enabled actions name an SNS topic with a
 * subscription (or one outside the stack), or a composite alarm that does so has it in its rule
 * (`ALARM("name")`, by name or ARN, or computed from it).
 */
function awsAlarmReachesSomeone(graph: StackGraph, alarm: Res): boolean {
    if (awsActionsReachSomeone(graph, alarm)) return true;
    const names = ["name", "arn", "alarmName"].flatMap((key) => strings(alarm.props[key]));
    return graph.ofType(ALERT_TYPES.awsCompositeAlarms).some((composite) => {
        const rule = strings(composite.props.alarmRule)[0] ?? "";
        const inRule =
            names.some((name) => rule.includes(`"${name}"`) || rule.includes(`(${name})`)) ||
            (composite.propertyDependencies.alarmRule ?? []).includes(alarm.urn);
        return inRule && awsActionsReachSomeone(graph, composite);
    });
}

/** Whether an alarm's own actions notify someone. */
function awsActionsReachSomeone(graph: StackGraph, alarm: Res): boolean {
    if (alarm.props.actionsEnabled === false) return false;
    const subscriptions = graph.ofType(ALERT_TYPES.awsSubscriptions);
    for (const action of listOf<string>(alarm.props.alarmActions)) {
        const { candidates } = graph.resolve(alarm, "alarmActions", action, ALERT_TYPES.awsTopics);
        if (
            candidates.some((topic) =>
                subscriptions.some((sub) =>
                    graph.resolve(sub, "topic", sub.props.topic, ALERT_TYPES.awsTopics).candidates.includes(topic),
                ),
            )
        )
            return true;
        // A topic the stack does not manage (a team's paging topic): its subscriptions are not ours to see.
        if (candidates.length === 0 && typeof action === "string" && /^arn:aws[a-z-]*:sns:/.test(action)) return true;
    }
    return false;
}

/** The resources a stack must alert on, grouped by what they are to the tier. */
function awsSubjects(graph: StackGraph): { what: string; fix: string; resources: Res[] }[] {
    const servers = new Set<Res>();
    for (const attachment of graph.ofType(AWS.targetGroupAttachments)) {
        graph
            .resolve(attachment, "targetId", attachment.props.targetId, AWS.instances)
            .candidates.forEach((i) => servers.add(i));
    }
    graph
        .ofType(AWS.autoScalingGroups)
        .filter((group) => listOf(group.props.targetGroupArns).length > 0)
        .forEach((g) => servers.add(g));
    // ElastiCache, whose alarms this rule can match by dimension (MemoryDB and DAX are not read yet).
    const caches = dataStoreShapes("cache")
        .filter((shape) => shape.types.every((type) => type.startsWith("aws:elasticache/")))
        .flatMap((shape) => graph.ofType(shape.types).filter((store) => !shape.judgedElsewhere?.(store)));
    return [
        {
            what: "balancer",
            fix: "an alarm on its 5xx rate, unhealthy hosts or response time (LoadBalancer dimension)",
            resources: graph.ofType(AWS.loadBalancers),
        },
        {
            what: "app server",
            fix: "an alarm on its CPU, memory or status checks (InstanceId or AutoScalingGroupName dimension)",
            resources: [...servers],
        },
        {
            what: "database",
            fix: "an alarm on its CPU, free storage or connections (DBInstanceIdentifier / DBClusterIdentifier dimension)",
            resources: [...graph.ofType(AWS.rdsInstances), ...graph.ofType(AWS.rdsClusters)],
        },
        {
            what: "cache",
            fix: "an alarm on its memory, evictions or CPU (CacheClusterId of its nodes, or ReplicationGroupId)",
            resources: caches,
        },
    ];
}

function awsFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const alarms = graph.ofType(ALERT_TYPES.awsAlarms);
    for (const group of awsSubjects(graph)) {
        for (const subject of group.resources) {
            const watching = alarms.filter((alarm) => awsWatched(graph, alarm, [subject]).has(subject));
            if (watching.some((alarm) => awsAlarmReachesSomeone(graph, alarm))) continue;
            findings.push({
                urn: subject.urn,
                message:
                    watching.length === 0
                        ? `${describe(subject)} (the ${group.what}) has no CloudWatch alarm: nobody hears when it is unwell. Add ${group.fix}, notifying an SNS topic with a subscription (webtier: webtier:alerts).`
                        : `${describe(subject)} (the ${group.what}) has ${watching.length} alarm(s), but none notifies anyone: give one alarmActions with an SNS topic that has an email or HTTPS subscription, and keep actionsEnabled (webtier: webtier:alerts.emails).`,
            });
        }
    }
    return findings;
}

/** Whether a DigitalOcean alert names someone to tell, in MonitorAlert `alerts` or UptimeAlert `notifications` shape. */
function doNotifiesSomeone(destinations: unknown): boolean {
    return listOf<Record<string, unknown>>(destinations).some(
        (entry) =>
            !!entry &&
            !isUnknown(entry) &&
            (listOf(entry.emails).some((e) => isUnknown(e) || present(e)) || listOf(entry.slacks).length > 0),
    );
}

/** Whether `reference` (an entity id or a tag of a monitor alert) names `target`, by identity or dependency. */
function doRefersTo(graph: StackGraph, from: Res, key: string, target: Res): boolean {
    const ids = ["id", "uuid", "urn", "name"].flatMap((k) => strings(target.props[k]));
    if (listOf(from.props[key]).some((value) => typeof value === "string" && ids.includes(value))) return true;
    return (from.propertyDependencies[key] ?? []).includes(target.urn);
}

/** Whether a droplet carries one of a monitor alert's tags (by value, or through the same Tag resource). */
function doTaggedFor(graph: StackGraph, alert: Res, droplet: Res): boolean {
    const tags = listOf(alert.props.tags).flatMap(strings);
    if (listOf(droplet.props.tags).some((tag) => typeof tag === "string" && tags.includes(tag))) return true;
    const alertTags = graph.dependenciesOf(alert, "tags", ALERT_TYPES.doTags);
    return alertTags.some((tag) => graph.dependenciesOf(droplet, "tags", ALERT_TYPES.doTags).includes(tag));
}

/** The host an uptime check requests. */
function hostOf(target: unknown): string | undefined {
    if (typeof target !== "string" || isUnknown(target)) return undefined;
    try {
        return new URL(/^[a-z]+:\/\//.test(target) ? target : `http://${target}`).hostname.toLowerCase();
    } catch {
        return undefined;
    }
}

/** Whether an uptime check requests this balancer: its IP, a DNS record pointing at it, or a value computed from it. */
function doCheckWatchesBalancer(graph: StackGraph, check: Res, balancer: Res): boolean {
    if ((check.propertyDependencies.target ?? []).includes(balancer.urn)) return true;
    const host = hostOf(check.props.target);
    if (!host) return false;
    if (strings(balancer.props.ip).includes(host)) return true;
    return graph.ofType(ALERT_TYPES.doDnsRecords).some((record) => {
        const domain = strings(record.props.domain)[0]?.toLowerCase();
        const name = strings(record.props.name)[0]?.toLowerCase();
        if (!domain || !name) return false;
        const fqdn = name === "@" ? domain : `${name}.${domain}`;
        if (fqdn !== host) return false;
        return (
            strings(record.props.value).some((value) => strings(balancer.props.ip).includes(value)) ||
            (record.propertyDependencies.value ?? []).includes(balancer.urn)
        );
    });
}

function doFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const monitorAlerts = graph.ofType(ALERT_TYPES.doMonitorAlerts).filter((alert) => alert.props.enabled !== false);
    const ofKind = (prefix: string) =>
        monitorAlerts.filter((alert) => typeof alert.props.type === "string" && alert.props.type.startsWith(prefix));
    const reaches = (alert: Res) => doNotifiesSomeone(alert.props.alerts);
    const report = (subject: Res, what: string, watching: number, reached: boolean, fix: string) => {
        if (reached) return;
        findings.push({
            urn: subject.urn,
            message:
                watching === 0
                    ? `${describe(subject)} (the ${what}) has no alert: nobody hears when it is unwell. Add ${fix} with an email or Slack destination (webtier: webtier:alerts).`
                    : `${describe(subject)} (the ${what}) has ${watching} alert(s), but none is enabled with an email or a Slack channel to tell (webtier: webtier:alerts.emails).`,
        });
    };

    const dropletAlerts = ofKind("v1/insights/droplet/");
    for (const droplet of graph.ofType(DO.droplets)) {
        const watching = dropletAlerts.filter(
            (alert) => doRefersTo(graph, alert, "entities", droplet) || doTaggedFor(graph, alert, droplet),
        );
        report(
            droplet,
            "app server",
            watching.length,
            watching.some(reaches),
            "a monitoring alert policy (v1/insights/droplet/cpu, memory, disk or load) on its id or a tag it carries",
        );
    }

    const checks = graph.ofType(ALERT_TYPES.doUptimeChecks).filter((check) => check.props.enabled !== false);
    const uptimeAlerts = graph.ofType(ALERT_TYPES.doUptimeAlerts);
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const policies = ofKind("v1/insights/lbaas/").filter((alert) => doRefersTo(graph, alert, "entities", balancer));
        const watchingChecks = checks.filter((check) => doCheckWatchesBalancer(graph, check, balancer));
        const uptime = uptimeAlerts.filter((alert) =>
            graph
                .resolve(alert, "checkId", alert.props.checkId, ALERT_TYPES.doUptimeChecks)
                .candidates.some((c) => watchingChecks.includes(c)),
        );
        const reached = policies.some(reaches) || uptime.some((alert) => doNotifiesSomeone(alert.props.notifications));
        report(
            balancer,
            "balancer",
            policies.length + uptime.length,
            reached,
            "an uptime check on the app's URL with an uptime alert, or a v1/insights/lbaas/ alert policy on its id,",
        );
    }

    const clusterAlerts = ofKind("v1/dbaas/alerts/");
    for (const kind of ["database", "cache"] as const) {
        for (const cluster of digitalOceanClusters(graph, kind)) {
            const watching = clusterAlerts.filter((alert) => doRefersTo(graph, alert, "entities", cluster));
            report(
                cluster,
                kind,
                watching.length,
                watching.some(reaches),
                "a monitoring alert policy (v1/dbaas/alerts/cpu_alerts, memory or disk) on its id",
            );
        }
    }
    return findings;
}

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
        for (const finding of [...awsFindings(graph), ...doFindings(graph)])
            reportViolation(finding.message, finding.urn);
    },
};
