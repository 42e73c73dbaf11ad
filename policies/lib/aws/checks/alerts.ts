/**
 * webtier-alerts on AWS: a CloudWatch metric alarm covers a resource when one of its dimensions
 * (plain, or in a metric-math query) holds the resource's id, ARN, ARN suffix, identifier, name or, for
 * an ElastiCache replication group, one of its member nodes (`<group id>-001`), for an Amazon MQ
 * broker, its name or one of its active/standby instances (`<name>-1`), or was computed
 * from it (property dependencies; all there is during a preview). It reaches a person when its
 * actions are enabled and one of its `alarmActions` is an SNS topic of the stack with a
 * subscription, or an SNS topic outside the stack (whose subscriptions the stack cannot see).
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { Res, describe, isUnknown, listOf, present, propOf } from "../../values";
import { AWS_BALANCER_TYPES, balancedAutoScalingGroups, balancedInstances } from "../balancers";
import { dataStoreShapes } from "../data-stores";
import { AWS } from "../types";

export const ALERT_TYPES = {
    // Either provider's: the native alarm lists its dimensions ({ name, value }) and metric-math
    // queries (`metrics[].metricStat.metric.dimensions`); a native topic may hold its
    // subscriptions inline, a native subscription names its topic by topicArn.
    awsAlarms: ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws-native:cloudwatch:Alarm"],
    awsCompositeAlarms: ["aws:cloudwatch/compositeAlarm:CompositeAlarm", "aws-native:cloudwatch:CompositeAlarm"],
    awsTopics: ["aws:sns/topic:Topic", "aws-native:sns:Topic"],
    awsSubscriptions: ["aws:sns/topicSubscription:TopicSubscription", "aws-native:sns:Subscription"],
} as const;

/** The native provider's databases (its balancers and groups: balancers.ts). */
const NATIVE_SUBJECTS = {
    dbInstances: ["aws-native:rds:DbInstance"],
    dbClusters: ["aws-native:rds:DbCluster"],
} as const;

/** The properties other resources' metrics use to name an AWS resource, besides id and ARN. */
const AWS_IDENTITY_KEYS = [
    "arnSuffix",
    "identifier",
    "clusterIdentifier",
    "replicationGroupId",
    "clusterId",
    "clusterName",
    "brokerName",
    "name",
    // The native provider's: a balancer's LoadBalancer dimension is its full name (app/name/id).
    "loadBalancerFullName",
    "autoScalingGroupName",
    "dbInstanceIdentifier",
    "serverlessCacheName",
    "serviceName",
];
/** ElastiCache's node ids of a replication group: `<group id>-001`, `-002`, ... */
const CACHE_NODE = /^(.+)-\d{3}$/;
/** An ActiveMQ active/standby broker's metrics name each instance: `<broker name>-1`, `-2`. */
const BROKER_INSTANCE = /^(.+)-[12]$/;

function strings(value: unknown): string[] {
    return typeof value === "string" && !isUnknown(value) && value !== "" ? [value] : [];
}

/** Every dimension value of an alarm, from `dimensions` and from each metric-math query's metric. */
function dimensionValues(alarm: Res): unknown[] {
    const values: unknown[] = [];
    const collect = (dimensions: unknown) => {
        if (!dimensions || typeof dimensions !== "object" || isUnknown(dimensions)) return;
        // The classic provider's map ({ LoadBalancer: "app/..." }), the native one's list of { name, value }.
        if (Array.isArray(dimensions))
            for (const dimension of dimensions) {
                if (dimension && typeof dimension === "object" && !isUnknown(dimension)) values.push(dimension.value);
            }
        else values.push(...Object.values(dimensions as Record<string, unknown>));
    };
    collect(alarm.props.dimensions);
    for (const query of listOf<Record<string, any>>(alarm.props.metricQueries)) {
        if (query && !isUnknown(query)) collect(query.metric?.dimensions);
    }
    for (const query of listOf<Record<string, any>>(alarm.props.metrics)) {
        if (query && !isUnknown(query) && query.metricStat && !isUnknown(query.metricStat))
            collect(query.metricStat.metric?.dimensions);
    }
    return values;
}

/** The values an alarm's dimensions may name a resource by: its id, ARN and type-specific keys. */
function awsIdentities(subject: Res): string[] {
    return ["id", "arn", ...AWS_IDENTITY_KEYS].flatMap((key) => strings(propOf(subject, key)));
}

/**
 * For each subject, the alarms that watch it, in the stack's order: an alarm watches a subject
 * when one of its dimension values is one of the subject's identities (for a replication group,
 * also one of its member nodes' ids), or when its dimensions were computed from the subject. One
 * pass over the alarms through an index of identities: a stack of a few hundred servers has
 * hundreds of alarms, and comparing each with each is quadratic.
 */
function awsWatchers(graph: StackGraph, alarms: Res[], subjects: Res[]): Map<Res, Res[]> {
    const byIdentity = new Map<string, Set<Res>>();
    for (const subject of subjects) {
        for (const identity of awsIdentities(subject)) {
            if (!byIdentity.has(identity)) byIdentity.set(identity, new Set());
            byIdentity.get(identity)!.add(subject);
        }
    }
    const watchers = new Map<Res, Res[]>(subjects.map((subject) => [subject, []]));
    for (const alarm of alarms) {
        const watched = new Set<Res>();
        for (const value of dimensionValues(alarm).flatMap(strings)) {
            byIdentity.get(value)?.forEach((subject) => watched.add(subject));
            const group = CACHE_NODE.exec(value)?.[1];
            byIdentity.get(group ?? "")?.forEach((subject) => {
                if (AWS.replicationGroups.includes(subject.type as never)) watched.add(subject);
            });
            const broker = BROKER_INSTANCE.exec(value)?.[1];
            byIdentity.get(broker ?? "")?.forEach((subject) => {
                if (AWS.mqBrokers.includes(subject.type as never)) watched.add(subject);
            });
        }
        for (const key of ["dimensions", "metricQueries", "metrics"]) {
            for (const urn of alarm.propertyDependencies[key] ?? []) {
                const res = graph.get(urn);
                if (res && watchers.has(res)) watched.add(res);
            }
        }
        watched.forEach((subject) => watchers.get(subject)!.push(alarm));
    }
    return watchers;
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

/**
 * SNS protocols that hand a message to no person: a queue or a delivery stream is read by
 * programs. Email, SMS, HTTP(S) (a chat or paging webhook), Lambda (which may forward it) and
 * mobile push may reach one.
 */
const MACHINE_PROTOCOLS = ["sqs", "firehose"];
const reachesPerson = (protocol: unknown) =>
    typeof protocol !== "string" || !MACHINE_PROTOCOLS.includes(protocol.toLowerCase());

/** Whether an alarm's own actions notify someone. */
function awsActionsReachSomeone(graph: StackGraph, alarm: Res): boolean {
    if (alarm.props.actionsEnabled === false) return false;
    const subscriptions = graph.ofType(ALERT_TYPES.awsSubscriptions);
    // A subscription names its topic by `topic` (classic) or `topicArn` (native).
    const topicOf = (sub: Res) => {
        const key = sub.props.topic !== undefined ? "topic" : "topicArn";
        return graph.resolve(sub, key, sub.props[key], ALERT_TYPES.awsTopics).candidates;
    };
    const subscribed = (topic: Res) =>
        listOf<Record<string, unknown>>(topic.props.subscription).some(
            (sub) => isUnknown(sub) || reachesPerson(sub?.protocol),
        ) || subscriptions.some((sub) => reachesPerson(sub.props.protocol) && topicOf(sub).includes(topic));
    for (const action of listOf<string>(alarm.props.alarmActions)) {
        const { candidates } = graph.resolve(alarm, "alarmActions", action, ALERT_TYPES.awsTopics);
        if (candidates.some(subscribed)) return true;
        // A topic the stack does not manage (a team's paging topic): its subscriptions are not ours to see.
        if (candidates.length === 0 && typeof action === "string" && /^arn:aws[a-z-]*:sns:/.test(action)) return true;
    }
    return false;
}

/** The resources a stack must alert on, grouped by what they are to the tier. */
function awsSubjects(graph: StackGraph): { what: string; fix: string; resources: Res[] }[] {
    const servers = balancedInstances(graph);
    balancedAutoScalingGroups(graph).forEach((g) => servers.add(g));
    // An ECS service behind a balancer is the app's servers too (its ServiceName dimension).
    graph
        .ofType(AWS_BALANCER_TYPES.ecsServices)
        .filter((service) => listOf(service.props.loadBalancers).length > 0)
        .forEach((service) => servers.add(service));
    // Every cache the cache rule knows: its metrics name it by its id or name (MemoryDB's
    // ClusterName, DAX's ClusterId, ElastiCache's ids, below).
    const stores = dataStoreShapes("cache").flatMap((shape) =>
        graph.ofType(shape.types).filter((store) => !shape.judgedElsewhere?.(store)),
    );
    const isBroker = (store: Res) => AWS.mqBrokers.includes(store.type as never);
    return [
        {
            what: "balancer",
            fix: "an alarm on its 5xx rate, unhealthy hosts or response time (LoadBalancer dimension; a classic ELB's LoadBalancerName)",
            // A classic ELB's metrics name it by name (LoadBalancerName).
            resources: graph.ofType([
                ...AWS.loadBalancers,
                ...AWS_BALANCER_TYPES.nativeElbv2,
                ...AWS_BALANCER_TYPES.classic,
            ]),
        },
        {
            what: "app server",
            fix: "an alarm on its CPU, memory or status checks (InstanceId, AutoScalingGroupName or, for an ECS service, ServiceName dimension)",
            resources: [...servers],
        },
        {
            what: "database",
            fix: "an alarm on its CPU, free storage or connections (DBInstanceIdentifier / DBClusterIdentifier dimension)",
            resources: [
                ...graph.ofType(AWS.rdsInstances),
                ...graph.ofType(AWS.rdsClusters),
                // A native instance in an Aurora cluster is watched through its cluster.
                ...graph.ofType(NATIVE_SUBJECTS.dbInstances).filter((db) => !present(db.props.dbClusterIdentifier)),
                ...graph.ofType(NATIVE_SUBJECTS.dbClusters),
            ],
        },
        {
            what: "cache",
            fix: "an alarm on its memory, evictions or CPU (ElastiCache: CacheClusterId of its nodes, or ReplicationGroupId; serverless: clusterId; MemoryDB: ClusterName; DAX: ClusterId)",
            resources: stores.filter((store) => !isBroker(store)),
        },
        {
            what: "queue broker",
            fix: "an alarm on its memory, CPU or queue depth (Broker dimension: its name, or name-1 and name-2 for an active/standby pair)",
            resources: stores.filter(isBroker),
        },
    ];
}

/** Each balancer, app server, database and cache without an alarm that reaches a person. */
export function awsAlertFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const groups = awsSubjects(graph);
    const watchers = awsWatchers(
        graph,
        graph.ofType(ALERT_TYPES.awsAlarms),
        groups.flatMap((group) => group.resources),
    );
    // Whether an alarm reaches someone, worked out once per alarm: alarms watch several subjects.
    const reaches = new Map<Res, boolean>();
    const reachesSomeone = (alarm: Res) => {
        if (!reaches.has(alarm)) reaches.set(alarm, awsAlarmReachesSomeone(graph, alarm));
        return reaches.get(alarm)!;
    };
    for (const group of groups) {
        for (const subject of group.resources) {
            const watching = watchers.get(subject)!;
            if (watching.some(reachesSomeone)) continue;
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
