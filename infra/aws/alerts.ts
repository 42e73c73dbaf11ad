import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AlertInfo, AlertsInfo, AlertTarget } from "../components";
import { AlertsConfig, DatabaseEngine, SizeClass } from "../config/types";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import {
    CLOUDWATCH_AGENT_METRICS,
    CLOUDWATCH_AGENT_NAMESPACE,
    cloudWatchAgentParameterName,
    renderCloudWatchAgentConfig,
} from "../bootstrap/cloudwatch-agent";
import { nameTag } from "./tags";

/** The managed policy that lets the CloudWatch agent on the servers publish its metrics. */
export const CLOUDWATCH_AGENT_POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

/** Escape hatches for the CloudWatch agent setup's children, by role. */
export interface CloudWatchAgentTransform {
    /** The agent's config parameter. */
    parameter?: Transform<aws.ssm.ParameterArgs>;
    /** The attachment of AWS's managed agent policy to the servers' role. */
    policyAttachment?: Transform<aws.iam.RolePolicyAttachmentArgs>;
}

export interface CloudWatchAgentSetupArgs {
    /** The stack's name: the config parameter lives under `/webtier/<stackName>/`. Required. */
    stackName: string;
    /** Escape hatches for the children. Default: none. */
    transform?: CloudWatchAgentTransform;
}

/**
 * What the CloudWatch agent on the servers needs from AWS: its config in an SSM parameter
 * (read at boot by the installer in the user data) and, through `grant`, the managed policy
 * that lets the servers' role read that parameter and publish the agent's metrics. Created on
 * every AWS stack, alerts or not: the metrics also serve whoever debugs a server.
 */
export class CloudWatchAgentSetup extends pulumi.ComponentResource {
    public readonly parameter: aws.ssm.Parameter;
    /** The parameter's name, known before deployment (the user data names it). */
    public readonly parameterName: string;
    private readonly resourceName: string;
    private readonly childTransform: CloudWatchAgentTransform;

    constructor(name: string, args: CloudWatchAgentSetupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:CloudWatchAgentSetup", name, {}, opts);
        this.resourceName = name;
        this.childTransform = args.transform ?? {};
        this.parameterName = cloudWatchAgentParameterName(args.stackName);
        const parameterName = childName(name, "cwagent-config");
        this.parameter = new aws.ssm.Parameter(
            ...transform(
                this.childTransform.parameter,
                parameterName,
                {
                    name: this.parameterName,
                    type: "String",
                    description: `webtier ${name}: CloudWatch agent config of the app servers (memory and disk metrics)`,
                    value: renderCloudWatchAgentConfig(),
                    tags: nameTag(parameterName),
                },
                { parent: this },
            ),
        );
        this.registerOutputs({ parameter: this.parameter.name });
    }

    /** Lets `role` (the servers' instance role) read the config and publish the agent's metrics. */
    grant(role: aws.iam.Role): aws.iam.RolePolicyAttachment {
        return new aws.iam.RolePolicyAttachment(
            ...transform(
                this.childTransform.policyAttachment,
                childName(this.resourceName, "app-cwagent"),
                { role: role.name, policyArn: CLOUDWATCH_AGENT_POLICY_ARN },
                { parent: this },
            ),
        );
    }
}

/** Memory of each database size class in GiB (infra/sizing.ts), for the engine's connection limit. */
const DATABASE_MEMORY_GIB: Record<SizeClass, number> = { small: 2, medium: 4, large: 8 };

/**
 * RDS's default `max_connections` for an instance with `memoryGib` of memory: MySQL
 * `{DBInstanceClassMemory/12582880}`, Postgres `LEAST({DBInstanceClassMemory/9531392}, 5000)`.
 * DBInstanceClassMemory is a little below the nominal memory, so this slightly overestimates
 * the limit; the alarm threshold is a share of it, so it fires a little late rather than early.
 */
export function rdsMaxConnections(engine: DatabaseEngine, memoryGib: number): number {
    const bytes = memoryGib * 1024 ** 3;
    return engine === "mysql" ? Math.floor(bytes / 12582880) : Math.min(Math.floor(bytes / 9531392), 5000);
}

/** ElastiCache names the nodes of a replication group `<group id>-001`, `-002`, ... */
export function cacheNodeId(replicationGroupId: string, index: number): string {
    return `${replicationGroupId}-${String(index + 1).padStart(3, "0")}`;
}

/** What the tier's alarms watch, as plain inputs (the ids may still be Outputs). */
export interface AlarmSubjects {
    /** The balancer's and target group's ARN suffixes (CloudWatch's LoadBalancer and TargetGroup dimensions). */
    loadBalancer: { arnSuffix: pulumi.Input<string>; targetGroupArnSuffix: pulumi.Input<string> };
    /** Each server's name and instance id. */
    servers: { name: string; instanceId: pulumi.Input<string> }[];
    /** The RDS instance: identifier, engine, size class (for its connection limit) and allocated storage. */
    database: { identifier: pulumi.Input<string>; engine: DatabaseEngine; size: SizeClass; allocatedStorageGb: number };
    /** The cache's replication group id and how many nodes it has (2 with a replica). */
    cache: { replicationGroupId: pulumi.Input<string>; nodes: number };
    /** The SQS dead-letter queue's name, when the queue driver is sqs. */
    deadLetterQueue?: { name: pulumi.Input<string> };
}

/** One alarm to create: everything but its actions, which point at the stack's topic. */
export interface AlarmPlan {
    /** Logical name suffix, unique in the stack: `${name}-alarm-${key}`. */
    key: string;
    target: AlertTarget;
    /** The metric or expression, for the outputs and the README. */
    metric: string;
    args: aws.cloudwatch.MetricAlarmArgs;
}

const FIVE_MINUTES = 300;

/**
 * The alarms of a tier, from its thresholds and what it is made of. Pure: the component below
 * only adds the topic to each plan and registers it. Periods are 5 minutes and most alarms need
 * 2 or 3 periods in a row, so a deploy or a short spike does not page anyone.
 */
export function awsAlarmPlans(subjects: AlarmSubjects, thresholds: AlertsConfig["thresholds"]): AlarmPlan[] {
    const plans: AlarmPlan[] = [];
    const { loadBalancer, database, cache } = subjects;
    const albDimensions = { LoadBalancer: loadBalancer.arnSuffix };
    const albMetric = (id: string, metricName: string) => ({
        id,
        returnData: false,
        metric: {
            namespace: "AWS/ApplicationELB",
            metricName,
            dimensions: albDimensions,
            period: FIVE_MINUTES,
            stat: "Sum",
        },
    });
    // A rate, not a count: busy stacks see a few 5xx every hour. Below 10 requests in 5 minutes
    // the rate is meaningless (1 error of 3 requests is 33%), so it reads 0 there.
    const errorRate = (key: string, metricName: string, who: string): AlarmPlan => ({
        key,
        target: "balancer",
        metric: `100 * ${metricName} / RequestCount (AWS/ApplicationELB)`,
        args: {
            alarmDescription: `${who} answered more than ${thresholds.errorRatePercent}% of requests with a 5xx for 10 minutes. See README "Alerts".`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.errorRatePercent,
            evaluationPeriods: 2,
            treatMissingData: "notBreaching",
            metricQueries: [
                albMetric("errors", metricName),
                albMetric("requests", "RequestCount"),
                {
                    id: "rate",
                    label: `${metricName} (% of requests)`,
                    returnData: true,
                    expression: "IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)",
                },
            ],
        },
    });
    plans.push(errorRate("target-5xx-rate", "HTTPCode_Target_5XX_Count", "The app servers"));
    plans.push(
        errorRate(
            "elb-5xx-rate",
            "HTTPCode_ELB_5XX_Count",
            "The load balancer itself (no healthy server, or a server that did not answer)",
        ),
    );
    plans.push({
        key: "unhealthy-hosts",
        target: "balancer",
        metric: "UnHealthyHostCount (AWS/ApplicationELB)",
        args: {
            alarmDescription:
                'At least one server has failed the balancer\'s health check for 3 minutes. See README "Alerts".',
            namespace: "AWS/ApplicationELB",
            metricName: "UnHealthyHostCount",
            dimensions: { LoadBalancer: loadBalancer.arnSuffix, TargetGroup: loadBalancer.targetGroupArnSuffix },
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 3,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            treatMissingData: "notBreaching",
        },
    });
    plans.push({
        key: "response-time",
        target: "balancer",
        metric: "TargetResponseTime p95 (AWS/ApplicationELB)",
        args: {
            alarmDescription: `95% of requests took longer than ${thresholds.responseTimeSeconds} s for 15 minutes. See README "Alerts".`,
            namespace: "AWS/ApplicationELB",
            metricName: "TargetResponseTime",
            dimensions: albDimensions,
            extendedStatistic: "p95",
            period: FIVE_MINUTES,
            evaluationPeriods: 3,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.responseTimeSeconds,
            treatMissingData: "notBreaching",
        },
    });

    for (const server of subjects.servers) {
        const dimensions = { InstanceId: server.instanceId };
        const serverAlarm = (
            key: string,
            metric: string,
            args: Partial<aws.cloudwatch.MetricAlarmArgs> & { alarmDescription: string },
        ): AlarmPlan => ({
            key: `${server.name}-${key}`,
            target: "servers",
            metric,
            args: {
                dimensions,
                period: FIVE_MINUTES,
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                ...args,
            },
        });
        plans.push(
            serverAlarm("cpu", "CPUUtilization (AWS/EC2)", {
                alarmDescription: `${server.name} has used more than ${thresholds.serverCpuPercent}% CPU for 15 minutes. See README "Alerts".`,
                namespace: "AWS/EC2",
                metricName: "CPUUtilization",
                evaluationPeriods: 3,
                threshold: thresholds.serverCpuPercent,
                treatMissingData: "missing",
            }),
        );
        plans.push(
            serverAlarm("status", "StatusCheckFailed (AWS/EC2)", {
                alarmDescription: `${server.name} fails EC2's instance or system status check. See README "Alerts".`,
                namespace: "AWS/EC2",
                metricName: "StatusCheckFailed",
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 2,
                threshold: 0,
                treatMissingData: "missing",
            }),
        );
        // Published by the CloudWatch agent the bootstrap installs; INSUFFICIENT_DATA until it reports.
        plans.push(
            serverAlarm("memory", `${CLOUDWATCH_AGENT_METRICS.memoryUsedPercent} (${CLOUDWATCH_AGENT_NAMESPACE})`, {
                alarmDescription: `${server.name} has used more than ${thresholds.serverMemoryPercent}% of its memory for 10 minutes. See README "Alerts".`,
                namespace: CLOUDWATCH_AGENT_NAMESPACE,
                metricName: CLOUDWATCH_AGENT_METRICS.memoryUsedPercent,
                evaluationPeriods: 2,
                threshold: thresholds.serverMemoryPercent,
                treatMissingData: "missing",
            }),
        );
        plans.push(
            serverAlarm("disk", `${CLOUDWATCH_AGENT_METRICS.diskUsedPercent} / (${CLOUDWATCH_AGENT_NAMESPACE})`, {
                alarmDescription: `${server.name}'s root disk is more than ${thresholds.serverDiskPercent}% full. See README "Alerts".`,
                namespace: CLOUDWATCH_AGENT_NAMESPACE,
                metricName: CLOUDWATCH_AGENT_METRICS.diskUsedPercent,
                statistic: "Maximum",
                evaluationPeriods: 1,
                threshold: thresholds.serverDiskPercent,
                treatMissingData: "missing",
            }),
        );
    }

    const dbDimensions = { DBInstanceIdentifier: database.identifier };
    const dbAlarm = (
        key: string,
        metricName: string,
        args: Partial<aws.cloudwatch.MetricAlarmArgs> & { alarmDescription: string; threshold: number },
    ): AlarmPlan => ({
        key: `db-${key}`,
        target: "database",
        metric: `${metricName} (AWS/RDS)`,
        args: {
            namespace: "AWS/RDS",
            metricName,
            dimensions: dbDimensions,
            period: FIVE_MINUTES,
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "missing",
            ...args,
        },
    });
    plans.push(
        dbAlarm("cpu", "CPUUtilization", {
            alarmDescription: `The database has used more than ${thresholds.databaseCpuPercent}% CPU for 15 minutes. See README "Alerts".`,
            evaluationPeriods: 3,
            threshold: thresholds.databaseCpuPercent,
        }),
    );
    const freeBytes = Math.round(
        ((100 - thresholds.databaseDiskPercent) / 100) * database.allocatedStorageGb * 1024 ** 3,
    );
    plans.push(
        dbAlarm("free-storage", "FreeStorageSpace", {
            alarmDescription: `The database has less than ${100 - thresholds.databaseDiskPercent}% of its ${database.allocatedStorageGb} GiB free (it is more than ${thresholds.databaseDiskPercent}% full). See README "Alerts".`,
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            evaluationPeriods: 1,
            threshold: freeBytes,
        }),
    );
    const maxConnections = rdsMaxConnections(database.engine, DATABASE_MEMORY_GIB[database.size]);
    const connections = Math.max(1, Math.floor((thresholds.databaseConnectionsPercent / 100) * maxConnections));
    plans.push(
        dbAlarm("connections", "DatabaseConnections", {
            alarmDescription: `More than ${connections} connections (${thresholds.databaseConnectionsPercent}% of about ${maxConnections}) to the database for 10 minutes. See README "Alerts".`,
            statistic: "Maximum",
            evaluationPeriods: 2,
            threshold: connections,
        }),
    );
    // No ReplicaLag alarm: a Multi-AZ instance's standby is synchronous and publishes none; the
    // metric exists only for read replicas, which webtier does not create.

    for (let index = 0; index < cache.nodes; index++) {
        const node = pulumi.output(cache.replicationGroupId).apply((id) => cacheNodeId(id, index));
        const nodeLabel = `cache node ${index + 1}`;
        const cacheAlarm = (
            key: string,
            metricName: string,
            args: Partial<aws.cloudwatch.MetricAlarmArgs> & { alarmDescription: string; threshold: number },
        ): AlarmPlan => ({
            key: `cache-${index + 1}-${key}`,
            target: "cache",
            metric: `${metricName} (AWS/ElastiCache)`,
            args: {
                namespace: "AWS/ElastiCache",
                metricName,
                dimensions: { CacheClusterId: node },
                period: FIVE_MINUTES,
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                treatMissingData: "missing",
                ...args,
            },
        });
        plans.push(
            cacheAlarm("memory", "DatabaseMemoryUsagePercentage", {
                alarmDescription: `The ${nodeLabel} has used more than ${thresholds.cacheMemoryPercent}% of its memory for 10 minutes. See README "Alerts".`,
                evaluationPeriods: 2,
                threshold: thresholds.cacheMemoryPercent,
            }),
        );
        plans.push(
            cacheAlarm("evictions", "Evictions", {
                alarmDescription: `The ${nodeLabel} evicted more than ${thresholds.cacheEvictions} keys in 5 minutes: sessions, jobs or scheduler locks may be lost. See README "Alerts".`,
                statistic: "Sum",
                evaluationPeriods: 1,
                threshold: thresholds.cacheEvictions,
                treatMissingData: "notBreaching",
            }),
        );
        // Valkey runs commands on one thread: the engine's own CPU saturates long before the host's.
        plans.push(
            cacheAlarm("engine-cpu", "EngineCPUUtilization", {
                alarmDescription: `The ${nodeLabel}'s engine thread has been more than ${thresholds.cacheCpuPercent}% busy for 15 minutes. See README "Alerts".`,
                evaluationPeriods: 3,
                threshold: thresholds.cacheCpuPercent,
            }),
        );
        plans.push(
            cacheAlarm("cpu", "CPUUtilization", {
                alarmDescription: `The ${nodeLabel}'s host has used more than ${thresholds.cacheCpuPercent}% CPU for 15 minutes. See README "Alerts".`,
                evaluationPeriods: 3,
                threshold: thresholds.cacheCpuPercent,
            }),
        );
        if (cache.nodes > 1) {
            // Only the replica publishes it; on the primary the alarm sees no data and stays quiet.
            plans.push(
                cacheAlarm("replication-lag", "ReplicationLag", {
                    alarmDescription: `The ${nodeLabel} trails its primary by more than ${thresholds.replicaLagSeconds} s: a failover now would lose writes. See README "Alerts".`,
                    statistic: "Maximum",
                    evaluationPeriods: 2,
                    threshold: thresholds.replicaLagSeconds,
                    treatMissingData: "notBreaching",
                }),
            );
        }
    }

    if (subjects.deadLetterQueue) {
        plans.push({
            key: "dead-letter-jobs",
            target: "queue",
            metric: "ApproximateNumberOfMessagesVisible (AWS/SQS, dead-letter queue)",
            args: {
                alarmDescription: `More than ${thresholds.deadLetterJobs} jobs failed every retry and wait in the dead-letter queue. See README "Alerts".`,
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: subjects.deadLetterQueue.name },
                statistic: "Maximum",
                period: FIVE_MINUTES,
                evaluationPeriods: 1,
                comparisonOperator: "GreaterThanThreshold",
                threshold: thresholds.deadLetterJobs,
                treatMissingData: "notBreaching",
            },
        });
    }
    return plans;
}

/** Escape hatches for the alerts' children, by role. */
export interface AlertsTransform {
    topic?: Transform<aws.sns.TopicArgs>;
    /** Called for every email subscription (`${name}-alerts-email-1`, ...). */
    emailSubscription?: Transform<aws.sns.TopicSubscriptionArgs>;
    /** The HTTPS endpoint's subscription; only with `webtier:alerts.httpsEndpoint`. */
    httpsSubscription?: Transform<aws.sns.TopicSubscriptionArgs>;
    /** Called for every alarm, with its name (for example "aws-prod-alarm-app-1-cpu"). */
    alarm?: Transform<aws.cloudwatch.MetricAlarmArgs>;
}

export interface AlertsArgs {
    /**
     * The validated `webtier:alerts` section: destinations and thresholds. Required: its defaults
     * (thresholds) are parseConfig's (infra/config/alerts.ts).
     */
    alerts: AlertsConfig;
    /** What the alarms watch. Required. */
    subjects: AlarmSubjects;
    /** Escape hatches for the children. Default: none. */
    transform?: AlertsTransform;
}

/**
 * CloudWatch alarms on the balancer, every server, the database, the cache and the jobs'
 * dead-letter queue, all sending to one SNS topic with the configured email (and HTTPS)
 * subscriptions, both when an alarm fires and when it clears.
 */
export class Alerts extends pulumi.ComponentResource {
    public readonly topic: aws.sns.Topic;
    public readonly subscriptions: aws.sns.TopicSubscription[];
    public readonly alarms: aws.cloudwatch.MetricAlarm[];
    /** The neutral view the outputs use. */
    public readonly info: AlertsInfo;

    constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Alerts", name, {}, opts);
        const { alerts } = args;
        const t = args.transform ?? {};

        // Not KMS-encrypted on purpose: CloudWatch cannot publish to a topic encrypted with the
        // AWS-managed key (its key policy does not admit cloudwatch.amazonaws.com), so alarms
        // would be dropped silently. Notifications carry alarm names and values, no secrets.
        const topicName = childName(name, "alerts");
        this.topic = new aws.sns.Topic(
            ...transform(
                t.topic,
                topicName,
                {
                    displayName: `webtier ${name} alerts`,
                    tags: nameTag(topicName),
                },
                { parent: this },
            ),
        );

        this.subscriptions = alerts.emails.map(
            (email, index) =>
                new aws.sns.TopicSubscription(
                    ...transform(
                        t.emailSubscription,
                        childName(name, `alerts-email-${index + 1}`),
                        { topic: this.topic.arn, protocol: "email", endpoint: email },
                        { parent: this },
                    ),
                ),
        );
        if (alerts.httpsEndpoint) {
            this.subscriptions.push(
                new aws.sns.TopicSubscription(
                    ...transform(
                        t.httpsSubscription,
                        childName(name, "alerts-https"),
                        {
                            topic: this.topic.arn,
                            protocol: "https",
                            // The URL often embeds an integration key: kept secret in the state.
                            endpoint: pulumi.secret(alerts.httpsEndpoint),
                            endpointAutoConfirms: true,
                        },
                        { parent: this },
                    ),
                ),
            );
        }

        const plans = awsAlarmPlans(args.subjects, alerts.thresholds);
        // Plan keys of servers start with the server's name, itself prefixed with the stack's.
        const short = (key: string) => (key.startsWith(`${name}-`) ? key.slice(name.length + 1) : key);
        this.alarms = plans.map((plan) => {
            const key = childName(name, `alarm-${short(plan.key)}`);
            // PutMetricAlarm overwrites an alarm of the same name, so a replacement created
            // before the old alarm is deleted would be deleted with it: delete first.
            return new aws.cloudwatch.MetricAlarm(
                ...transform(
                    t.alarm,
                    key,
                    {
                        // Named, not auto-named: the name is the subject of every notification email
                        // ("ALARM: aws-prod-app-1-cpu ..."), so it should say what fired.
                        name: childName(name, short(plan.key)),
                        ...plan.args,
                        alarmActions: [this.topic.arn],
                        okActions: [this.topic.arn],
                        tags: nameTag(key),
                    },
                    { parent: this, deleteBeforeReplace: true },
                ),
            );
        });

        const list: AlertInfo[] = plans.map((plan, index) => ({
            name: childName(name, `alarm-${short(plan.key)}`),
            target: plan.target,
            metric: plan.metric,
            id: this.alarms[index].name,
        }));
        this.info = { enabled: true, topic: this.topic.arn, emails: [...alerts.emails], alerts: list };
        this.registerOutputs({ topic: this.topic.arn, alarms: this.alarms.map((alarm) => alarm.name) });
    }
}
