import * as assert from "assert";
import { build, named, ofType, owner, T } from "./fixture";
import { CLOUDWATCH_AGENT_POLICY_ARN, rdsMaxConnections } from "../../../infra/aws/alerts";
import { cloudWatchAgentParameterName } from "../../../infra/bootstrap/cloudwatch-agent";
import { RegisteredResource } from "../../../tools/harness/evaluate";
import { revealSecrets } from "../../support/secrets";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const PARAMETER = "aws:ssm/parameter:Parameter";

/** The resources an alarm's dimensions (plain or in metric math) were computed from. */
function watched(built: Awaited<ReturnType<typeof build>>, alarm: RegisteredResource): string[] {
    const urns = [
        ...(alarm.propertyDependencies.dimensions ?? []),
        ...(alarm.propertyDependencies.metricQueries ?? []),
    ];
    return [...new Set(urns.map((urn) => built.resources.find((r) => r.urn === urn)!.name))].sort();
}

describe("AWS alerts (registered resources)", () => {
    it("alarms on the balancer, every server, the database, each cache node and the dead-letter queue", async () => {
        const built = await build("prod");
        const alarms = ofType(built, ALARM);
        const byWatched = (name: string) =>
            alarms
                .filter((alarm) => watched(built, alarm).includes(name))
                .map(
                    (a) =>
                        a.inputs.metricName ??
                        a.inputs.metricQueries.find((q: any) => q.metric?.metricName !== "RequestCount")?.metric
                            .metricName,
                )
                .sort();
        assert.deepStrictEqual(byWatched("prod-alb"), [
            "HTTPCode_ELB_5XX_Count",
            "HTTPCode_Target_5XX_Count",
            "TargetResponseTime",
            "UnHealthyHostCount",
        ]);
        for (const server of ofType(built, T.instance)) {
            assert.deepStrictEqual(
                byWatched(server.name),
                ["CPUUtilization", "StatusCheckFailed", "disk_used_percent", "mem_used_percent"],
                server.name,
            );
        }
        assert.deepStrictEqual(byWatched("prod-db"), ["CPUUtilization", "DatabaseConnections", "FreeStorageSpace"]);
        // Two nodes (prod has a replica): memory, evictions, engine and host CPU, and replication lag, per node.
        assert.deepStrictEqual(byWatched("prod-cache"), [
            "CPUUtilization",
            "CPUUtilization",
            "DatabaseMemoryUsagePercentage",
            "DatabaseMemoryUsagePercentage",
            "EngineCPUUtilization",
            "EngineCPUUtilization",
            "Evictions",
            "Evictions",
            "ReplicationLag",
            "ReplicationLag",
        ]);
        assert.deepStrictEqual(byWatched("prod-jobs-dlq"), ["ApproximateNumberOfMessagesVisible"]);
        assert.strictEqual(alarms.length, 4 + 3 * 4 + 3 + 10 + 1);
    });

    it("names each cache node by ElastiCache's member id, <group id>-00N", async () => {
        const built = await build("prod");
        const group = ofType(built, T.replicationGroup)[0];
        const nodes = ofType(built, ALARM)
            .filter((a) => a.inputs.namespace === "AWS/ElastiCache")
            .map((a) => a.inputs.dimensions.CacheClusterId);
        assert.deepStrictEqual([...new Set(nodes)].sort(), [`${group.id}-001`, `${group.id}-002`]);
    });

    it("sends every alarm, and its recovery, to one topic that emails each address and posts to the HTTPS endpoint", async () => {
        const built = await build("prod");
        const [topic] = ofType(built, TOPIC);
        for (const alarm of ofType(built, ALARM)) {
            assert.deepStrictEqual(alarm.inputs.alarmActions, [topic.state.arn], alarm.name);
            assert.deepStrictEqual(alarm.inputs.okActions, [topic.state.arn], alarm.name);
            assert.notStrictEqual(alarm.inputs.actionsEnabled, false);
        }
        const subscriptions = ofType(built, SUBSCRIPTION);
        assert.ok(subscriptions.every((s) => owner(built, s.inputs.topic)?.urn === topic.urn));
        assert.deepStrictEqual(
            subscriptions.map((s) => `${s.inputs.protocol}:${revealSecrets(s.inputs.endpoint)}`).sort(),
            [
                "email:oncall@example.com",
                "email:ops@example.com",
                "https:https://events.example.net/integration/abc/enqueue",
            ],
        );
        const https = subscriptions.find((s) => s.inputs.protocol === "https")!;
        assert.notStrictEqual(
            revealSecrets(https.inputs.endpoint),
            https.inputs.endpoint,
            "the endpoint URL is a secret in the state",
        );
    });

    it("measures 5xx as a share of requests, with metric math over the balancer's own metrics", async () => {
        const built = await build("prod");
        const alarm = named(built, "prod-alarm-target-5xx-rate");
        const rate = alarm.inputs.metricQueries.find((q: any) => q.returnData);
        assert.strictEqual(rate.expression, "IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)");
        const lb = ofType(built, T.loadBalancer)[0];
        for (const query of alarm.inputs.metricQueries.filter((q: any) => q.metric))
            assert.strictEqual(query.metric.dimensions.LoadBalancer, lb.state.arnSuffix);
        assert.strictEqual(alarm.inputs.threshold, 5);
    });

    it("takes thresholds from the config and turns the disk share into free bytes", async () => {
        const built = await build("prod");
        assert.strictEqual(
            named(built, "prod-alarm-app-1-cpu").inputs.threshold,
            built.config.alerts.thresholds.serverCpuPercent,
        );
        assert.strictEqual(
            named(built, "prod-alarm-db-free-storage").inputs.threshold,
            Math.round(0.15 * 20 * 1024 ** 3),
        );
        assert.strictEqual(
            named(built, "prod-alarm-db-connections").inputs.threshold,
            Math.floor(0.8 * rdsMaxConnections("postgres", 2)),
        );
    });

    it("names alarms for the notification subject, and deletes before replacing (a same-named alarm would be overwritten)", async () => {
        const built = await build("prod");
        const alarm = named(built, "prod-alarm-app-2-memory");
        assert.strictEqual(alarm.inputs.name, "prod-app-2-memory");
        assert.ok(ofType(built, ALARM).every((a) => a.deleteBeforeReplace));
    });

    it("turns on detailed monitoring and installs the CloudWatch agent on every server, alerts or not", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const built = await build(stack);
            assert.ok(
                ofType(built, T.instance).every((i) => i.inputs.monitoring === true),
                stack,
            );
            const [parameter] = ofType(built, PARAMETER);
            assert.strictEqual(parameter.inputs.name, cloudWatchAgentParameterName(stack));
            assert.ok(JSON.parse(revealSecrets(parameter.inputs.value)).metrics.metrics_collected.mem);
            const grant = ofType(built, T.rolePolicyAttachment).find(
                (a) => a.inputs.policyArn === CLOUDWATCH_AGENT_POLICY_ARN,
            );
            assert.ok(grant, stack);
            assert.strictEqual(
                owner(built, grant.inputs.role)?.type ??
                    built.resources.find((r) => r.state.name === grant.inputs.role)?.type,
                T.role,
            );
            assert.strictEqual(built.tier.endpoints.metricsAgent?.configParameter, parameter.inputs.name);
        }
    });

    it("creates no alarm or topic where alerts are off (dev), and says so in the outputs", async () => {
        const built = await build("dev");
        assert.deepStrictEqual(ofType(built, ALARM), []);
        assert.deepStrictEqual(ofType(built, TOPIC), []);
        assert.deepStrictEqual(JSON.parse(JSON.stringify(built.evaluation.outputs.alerts)), {
            enabled: false,
            emails: [],
            items: [],
        });
    });

    it("lists every alarm with its target and the topic in the outputs", async () => {
        const built = await build("prod");
        const { alerts } = built.evaluation.outputs;
        assert.strictEqual(alerts.topic, ofType(built, TOPIC)[0].state.arn);
        assert.deepStrictEqual(
            alerts.items.map((i: any) => i.id).sort(),
            ofType(built, ALARM)
                .map((a) => a.inputs.name)
                .sort(),
        );
        assert.deepStrictEqual([...new Set(alerts.items.map((i: any) => i.target))].sort(), [
            "balancer",
            "cache",
            "database",
            "queue",
            "servers",
        ]);
    });
});
